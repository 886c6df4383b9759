// The comparison table: sort by any column (a button in each heading) and filter by name and
// by the configured facts, with the state kept in the address (?sort=performance&dir=asc&
// q=dj&language=python). Without this script the table is complete, sorted by overall score.
(function () {
  "use strict";
  var table = document.getElementById("compare");
  var form = document.getElementById("table-controls");
  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var status = document.getElementById("table-status");
  var filters = Array.prototype.slice.call(form.querySelectorAll("select"));
  var text = document.getElementById("filter-text");
  var state = { sort: "overall", dir: "desc" };

  function value(row, index, type) {
    var raw = row.cells[index].getAttribute("data-value") || "";
    return type === "number" ? parseFloat(raw) : raw.toLowerCase();
  }
  function sort() {
    var index = headers.findIndex(function (h) { return h.dataset.key === state.sort; });
    if (index < 0) { state.sort = "overall"; index = 1; }
    var type = headers[index].dataset.type;
    var sign = state.dir === "asc" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = value(a, index, type), y = value(b, index, type);
      if (x < y) return -sign;
      if (x > y) return sign;
      return value(a, 0, "text") < value(b, 0, "text") ? -1 : 1;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (h, i) {
      if (i === index) h.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
      else h.removeAttribute("aria-sort");
    });
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
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
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

  headers.forEach(function (h) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    // The heading becomes one sort button (a criterion's ranking stays linked from the rows'
    // pages and the navigation; a link inside a button would be invalid).
    button.textContent = h.textContent.trim();
    h.textContent = "";
    h.appendChild(button);
    button.addEventListener("click", function () {
      if (state.sort === h.dataset.key) state.dir = state.dir === "asc" ? "desc" : "asc";
      else { state.sort = h.dataset.key; state.dir = h.dataset.type === "number" ? "desc" : "asc"; }
      update();
    });
  });
  form.hidden = false;
  form.addEventListener("input", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  load();
  sort();
  filter();
})();
