// The picker: opens the pair page of two chosen items, or, where the report has no page for
// that pair (large reports generate pages only within groups), compares them right here. The
// two lists of names and every score come from the index of items (items.json), not from the
// page, so that the page stays small however large the report; whether a pair has a page is
// asked of the server (a HEAD request). Without this script the page lists each item's pair
// pages, a page of the list at a time.
(function () {
  "use strict";
  var form = document.getElementById("picker");
  var dataElement = document.getElementById("picker-data");
  if (!form || !dataElement || !window.fetch || !window.URL) return;
  var data = JSON.parse(dataElement.textContent);
  var S = data.strings;
  var result = document.getElementById("picker-result");
  var pairs = new URL(data.pairs, window.location.href);
  // By slug: the item's name and its scores by criterion id.
  var items = {};

  function cell(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }
  function compareHere(a, b) {
    var table = document.createElement("table");
    var head = document.createElement("tr");
    head.append(cell("th", S.col_criterion), cell("th", items[a].name), cell("th", items[b].name), cell("th", ""));
    table.appendChild(head);
    data.criteria.forEach(function (c) {
      var x = items[a].ratings[c[0]], y = items[b].ratings[c[0]];
      var verdict = x === undefined || y === undefined ? S.pair_incomparable
        : x === y ? S.pair_tie
        : S.pair_leads.replace("{name}", x > y ? items[a].name : items[b].name);
      var row = document.createElement("tr");
      row.append(cell("th", c[1]), cell("td", x === undefined ? S.not_rated : x),
        cell("td", y === undefined ? S.not_rated : y), cell("td", verdict));
      table.appendChild(row);
    });
    result.textContent = "";
    result.appendChild(table);
  }

  // The index: [name, path, overall, rank, rests on, scores in `criteria` order, ...], in
  // overall order. The lists offer every item by name; the two ranked highest are chosen.
  function fill(listing) {
    var entries = listing.items.map(function (entry) {
      var ratings = {};
      listing.criteria.forEach(function (id, i) {
        if (entry[5][i] !== null) ratings[id] = entry[5][i];
      });
      var slug = entry[1].split("/").filter(Boolean).pop();
      items[slug] = { name: entry[0], ratings: ratings };
      return slug;
    });
    var collator = new Intl.Collator(document.documentElement.lang);
    var byName = entries.slice().sort(function (x, y) { return collator.compare(items[x].name, items[y].name); });
    [form.elements.a, form.elements.b].forEach(function (select, n) {
      byName.forEach(function (slug) { select.add(new Option(items[slug].name, slug)); });
      select.value = entries[Math.min(n, entries.length - 1)];
    });
    form.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var a = form.elements.a.value, b = form.elements.b.value;
    if (a === b) { result.textContent = S.picker_same; return; }
    var first = a < b ? a : b, second = a < b ? b : a;
    var page = new URL(first + "-vs-" + second + "/" + (pairs.protocol === "file:" ? "index.html" : ""), pairs);
    fetch(page, { method: "HEAD" }).then(function (response) {
      if (response.ok) window.location.href = page.href;
      else compareHere(first, second);
    }).catch(function () { compareHere(first, second); });
  });

  fetch(new URL(data.listing, window.location.href)).then(function (response) {
    if (!response.ok) throw new Error(response.status + " " + response.url);
    return response.json();
  }).then(fill).catch(function () { /* the form stays hidden; the list below still links every pair page */ });
})();
