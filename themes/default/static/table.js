// The comparison table: sort by any column (a button in each heading, or the "sort by" fields,
// which phones use since their cards have no heading row) and filter by name and by the
// configured facts, with the state kept in the address (?sort=performance&dir=asc&q=dj&
// language=python). Unrated values stay last in either order. Without this script the table
// is complete, sorted by overall score.
(function () {
  "use strict";
  var table = document.getElementById("compare");
  var form = document.getElementById("table-controls");
  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var status = document.getElementById("table-status");
  var filters = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
  var sortKey = form.querySelector("[data-sort=key]");
  var sortDir = form.querySelector("[data-sort=dir]");
  var text = document.getElementById("filter-text");
  var state = { sort: "overall", dir: "desc" };

  // A row's sort value for a column (by its heading's index) or for a fact (by its key), or
  // null when it has none (an unrated score, a fact not given).
  function value(row, index, type, fact) {
    var holder = index >= 0 ? row.cells[index] : row.querySelector('[data-fact="' + fact + '"]');
    var raw = (holder && holder.getAttribute("data-value")) || "";
    if (raw === "") return null;
    return type === "number" ? parseFloat(raw) : raw.toLowerCase();
  }
  function compare(x, y, sign) {
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -sign : sign;
  }
  function sort() {
    var index = headers.findIndex(function (h) { return h.dataset.key === state.sort; });
    var known = Array.prototype.some.call(sortKey.options, function (o) { return o.value === state.sort; });
    if (!known) { state.sort = "overall"; index = 1; }
    var type = typeOf(state.sort);
    var sign = state.dir === "asc" ? 1 : -1;
    rows.sort(function (a, b) {
      return compare(value(a, index, type, state.sort), value(b, index, type, state.sort), sign) ||
        compare(value(a, 0, "text"), value(b, 0, "text"), 1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (h, i) {
      if (i === index) h.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
      else h.removeAttribute("aria-sort");
    });
    sortKey.value = state.sort;
    sortDir.value = state.dir;
  }
  function filter() {
    var query = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = value(row, 0, "text").indexOf(query) >= 0 && filters.every(function (select) {
        return !select.value || row.getAttribute("data-" + select.name) === select.value;
      });
      row.hidden = !visible;
      if (visible) shown++;
    });
    status.textContent = status.dataset.template.replace("{n}", shown).replace("{total}", rows.length);
  }
  function save() {
    var params = new URLSearchParams();
    if (state.sort !== "overall" || state.dir !== "desc") { params.set("sort", state.sort); params.set("dir", state.dir); }
    if (text.value) params.set("q", text.value);
    filters.forEach(function (s) { if (s.value) params.set(s.name, s.value); });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }
  function load() {
    var params = new URLSearchParams(window.location.search);
    state.sort = params.get("sort") || "overall";
    state.dir = params.get("dir") === "asc" ? "asc" : "desc";
    text.value = params.get("q") || "";
    filters.forEach(function (s) {
      var v = params.get(s.name);
      if (v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
    });
  }
  function update() { sort(); filter(); save(); }
  // How a key sorts: "number" or "text", as its option in the "sort by" field says.
  function typeOf(key) {
    var option = Array.prototype.find.call(sortKey.options, function (o) { return o.value === key; });
    return option && option.dataset.type === "number" ? "number" : "text";
  }
  // Sorting by a key again reverses the order; a new key starts with the highest numbers or
  // with A.
  function sortBy(key) {
    if (state.sort === key) state.dir = state.dir === "asc" ? "desc" : "asc";
    else { state.sort = key; state.dir = typeOf(key) === "number" ? "desc" : "asc"; }
    update();
  }

  headers.forEach(function (h) {
    if (!h.dataset.key) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    // The heading becomes one sort button (a criterion's ranking stays linked from the rows'
    // pages and the navigation; a link inside a button would be invalid).
    button.textContent = h.textContent.trim();
    h.textContent = "";
    h.appendChild(button);
    button.addEventListener("click", function () { sortBy(h.dataset.key); });
  });
  form.hidden = false;
  form.addEventListener("input", function (event) {
    if (event.target === sortKey) sortBy(sortKey.value);
    else if (event.target === sortDir) { state.dir = sortDir.value; update(); }
    else update();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  load();
  sort();
  filter();
})();
