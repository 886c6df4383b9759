// The picker: opens the pair page of two chosen items, or, where the report has no page for
// that pair (large reports generate pages only within groups), compares them right here from
// the ratings embedded in the page. Without this script the page lists every pair page.
(function () {
  "use strict";
  var form = document.getElementById("picker");
  var dataElement = document.getElementById("picker-data");
  if (!form || !dataElement) return;
  var data = JSON.parse(dataElement.textContent);
  var result = document.getElementById("picker-result");
  form.hidden = false;

  function cell(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }
  function compareHere(a, b) {
    var table = document.createElement("table");
    var head = document.createElement("tr");
    head.append(cell("th", data.strings.col_criterion), cell("th", data.items[a].name), cell("th", data.items[b].name), cell("th", ""));
    table.appendChild(head);
    data.criteria.forEach(function (c) {
      var x = data.items[a].ratings[c[0]], y = data.items[b].ratings[c[0]];
      var verdict = x === undefined || y === undefined ? data.strings.pair_incomparable
        : x === y ? data.strings.pair_tie
        : data.strings.pair_leads.replace("{name}", x > y ? data.items[a].name : data.items[b].name);
      var row = document.createElement("tr");
      row.append(cell("th", c[1]), cell("td", x === undefined ? data.strings.not_rated : x),
        cell("td", y === undefined ? data.strings.not_rated : y), cell("td", verdict));
      table.appendChild(row);
    });
    result.textContent = "";
    result.appendChild(table);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var a = form.elements.a.value, b = form.elements.b.value;
    if (a === b) { result.textContent = data.strings.picker_same; return; }
    var slug = a < b ? a + "-vs-" + b : b + "-vs-" + a;
    if (data.pages.indexOf(slug) >= 0) {
      window.location.href = "../" + slug + "/" + (window.location.protocol === "file:" ? "index.html" : "");
    } else {
      compareHere(a < b ? a : b, a < b ? b : a);
    }
  });
})();
