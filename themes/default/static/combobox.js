// A text box offering a list of options as the WAI-ARIA combobox pattern says (role
// "combobox" on the input, "listbox" and "option" on the list the caller fills): the arrow
// keys move the active option (aria-activedescendant, aria-selected), Enter chooses it, Escape
// closes the list, and leaving the box hides it. Shared by the header's search (search.js) and
// the compare view's "add by name" (compare.js).
(function () {
  "use strict";
  // `choose(index)` is called on Enter with the active option's index, or -1 if none is;
  // `escape()`, if given, on Escape while the list is closed.
  function combobox(input, list, choose, escape) {
    var active = -1;
    function expand(open) {
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function setActive(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute("aria-selected", i === index ? "true" : "false");
        if (i === index) li.scrollIntoView({ block: "nearest" });
      });
      if (index >= 0) input.setAttribute("aria-activedescendant", list.children[index].id);
      else input.removeAttribute("aria-activedescendant");
    }
    // Shows the options now in the list, none active.
    function show() {
      setActive(-1);
      expand(list.children.length > 0);
    }
    input.addEventListener("keydown", function (e) {
      var count = list.hidden ? 0 : list.children.length;
      if (e.key === "ArrowDown" && count) { e.preventDefault(); setActive((active + 1) % count); }
      else if (e.key === "ArrowUp" && count) { e.preventDefault(); setActive(active <= 0 ? count - 1 : active - 1); }
      else if (e.key === "Enter") { e.preventDefault(); choose(list.hidden ? -1 : active); }
      else if (e.key === "Escape") {
        if (!list.hidden) expand(false);
        else if (escape) escape();
      }
    });
    input.addEventListener("blur", function () { expand(false); });
    input.addEventListener("focus", function () { if (list.children.length && input.value.trim()) expand(true); });
    return { show: show, expand: expand };
  }
  window.versusCombobox = combobox;
})();
