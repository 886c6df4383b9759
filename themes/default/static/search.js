// The search box in the header of every page (a WAI-ARIA combobox): the header's search
// link, which leads to the A–Z list without JavaScript, becomes a button opening the box.
// A query is matched against the static index (read by index.js) and its results offered as
// a combobox (combobox.js); the words a result matches are marked.
(function () {
  "use strict";
  var panel = document.getElementById("site-search");
  var button = document.getElementById("search-button");
  var link = document.getElementById("search-link");
  if (!panel || !button || !link || !window.versusIndex || !window.versusCombobox) return;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var base = new URL(panel.dataset.index, window.location.href);
  var root = new URL("../", base);
  var SHOWN = 8;
  var index = window.versusIndex.open(base);
  var combo = window.versusCombobox(input, list, function (i) { open(i >= 0 ? i : 0); }, function () {
    input.value = "";
    status.textContent = "";
    toggle(false);
    button.focus();
  });
  var results = [];
  var serial = 0;

  // --- showing results ---
  function hrefOf(doc) {
    var url = new URL(doc.href, root);
    if (url.protocol === "file:" && /\/$/.test(url.pathname)) url.pathname += "index.html";
    return url.href;
  }
  // The passage to show: the first whose words match, else the first.
  function passageFor(doc, words) {
    var all = doc.passages;
    for (var i = 0; i < all.length; i++) if (marked(all[i].text, words).some(isMark)) return all[i];
    return all[0];
  }
  function isMark(part) { return part.mark; }
  // A text cut in parts, the words a query finds marked.
  function marked(text, words) {
    var parts = [];
    var at = 0;
    text.replace(window.versusIndex.piece, function (piece, offset) {
      var j = window.versusIndex.jamo(piece.toLowerCase());
      var hit = words.some(function (forms) { return forms.some(function (f) { return j.indexOf(f) === 0; }); });
      if (hit) {
        if (offset > at) parts.push({ text: text.slice(at, offset) });
        parts.push({ text: piece, mark: true });
        at = offset + piece.length;
      }
      return piece;
    });
    if (at < text.length) parts.push({ text: text.slice(at) });
    return parts;
  }
  // The parts around the first mark, about a line's worth.
  function excerpt(parts) {
    var first = parts.findIndex(isMark);
    var before = first > 0 ? parts[first - 1].text : "";
    if (before.length > 40) parts[first - 1] = { text: "…" + before.slice(-40) };
    var out = [];
    var length = 0;
    for (var i = Math.max(0, first - 1); i < parts.length && length < 160; i++) {
      out.push(parts[i]);
      length += parts[i].text.length;
    }
    if (i < parts.length) out.push({ text: "…" });
    return out;
  }
  function append(parent, parts) {
    parts.forEach(function (p) {
      if (!p.mark) return parent.append(p.text);
      var mark = document.createElement("mark");
      mark.textContent = p.text;
      parent.appendChild(mark);
    });
  }
  function span(className, text) {
    var el = document.createElement("span");
    el.className = className;
    if (text) el.textContent = text;
    return el;
  }
  function option(doc, words, index) {
    var li = document.createElement("li");
    li.id = "search-option-" + index;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    var title = span("result-title");
    append(title, marked(doc.title, words));
    var kind = doc.kind === "section"
      ? panel.dataset.section.replace("{page}", doc.passages[0].label) : panel.dataset[doc.kind];
    li.append(title, " ", span("result-kind", kind));
    var passage = passageFor(doc, words);
    if (passage && passage.text) {
      var text = span("result-text");
      if (passage.label && doc.kind === "item") text.appendChild(span("result-label", passage.label + ": "));
      append(text, excerpt(marked(passage.text, words)));
      li.appendChild(text);
    }
    li.addEventListener("mousedown", function (e) { e.preventDefault(); });
    li.addEventListener("click", function () { open(index); });
    return li;
  }
  function show(found, words, query) {
    var docs = found.docs;
    results = docs.map(hrefOf);
    panel.dataset.shown = query;
    list.textContent = "";
    docs.forEach(function (doc, i) { list.appendChild(option(doc, words, i)); });
    combo.show();
    status.textContent = found.total
      ? panel.dataset.count.replace("{n}", found.total)
      : panel.dataset.none.replace("{q}", query);
  }
  function open(index) {
    if (results[index]) window.location.href = results[index];
  }

  function run() {
    var query = input.value.trim();
    var mine = ++serial;
    var words = window.versusIndex.words(query);
    if (!words.length) {
      results = [];
      combo.expand(false);
      status.textContent = query ? panel.dataset.short : "";
      panel.dataset.shown = query;
      return;
    }
    index.find(words, SHOWN).then(function (found) {
      if (mine === serial) show(found, words, query);
    }).catch(function () {
      if (mine === serial) {
        combo.expand(false);
        status.textContent = panel.dataset.none.replace("{q}", query);
        panel.dataset.shown = query;
      }
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  function toggle(show) {
    panel.hidden = !show;
    button.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) input.focus();
  }
  link.hidden = true;
  button.hidden = false;
  button.addEventListener("click", function () { toggle(panel.hidden); });
})();
