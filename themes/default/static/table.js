// The comparison table: sort by any column (a button in each heading, or the "sort by" fields,
// which phones use since their cards have no heading row) and filter by name and by the
// configured facts, with the state kept in the address (?sort=performance&dir=asc&q=dj&
// language=python). Unrated values stay last in either order. Without this script the table
// is complete, sorted by overall score.
//
// A large report's table spans several pages. There, sorting or filtering works over the whole
// report: the index of every item (items.json, data-listing) is read once, and the matching
// items are shown a page at a time, with a button for more.
(function () {
  "use strict";
  var table = document.getElementById("compare");
  var form = document.getElementById("table-controls");
  if (!table || !form) return;
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var labels = headers.map(function (h) { return h.textContent.trim(); });
  // Each sortable column's position, by its key: looked up in every comparison of a sort.
  var columns = {};
  headers.forEach(function (h, i) { if (h.dataset.key) columns[h.dataset.key] = i; });
  var status = document.getElementById("table-status");
  var more = document.getElementById("table-more");
  var pages = document.querySelector("nav.pages");
  var filters = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
  var sortKey = form.querySelector("[data-sort=key]");
  var sortDir = form.querySelector("[data-sort=dir]");
  var text = document.getElementById("filter-text");
  var state = { sort: "overall", dir: "desc" };
  var pageSize = parseInt(table.dataset.pageSize, 10) || Infinity;
  var pageRecords = Array.prototype.slice.call(body.rows).map(fromRow);
  var wholeRecords = null;
  var loading = null;
  var limit = Infinity;

  // A record is one item: its name, its sort value for a key (null when it has none), its
  // filter key for a fact, and its row.
  function fromRow(row) {
    return {
      name: row.cells[0].getAttribute("data-value").toLowerCase(),
      value: function (key, type) {
        var holder = key in columns ? row.cells[columns[key]] : row.querySelector('[data-fact="' + key + '"]');
        return parse(holder && holder.getAttribute("data-value"), type);
      },
      key: function (fact) { return row.getAttribute("data-" + fact); },
      row: function () { return row; }
    };
  }
  // Where each key's value is in an entry of the index: [field, position in it].
  function places(listing) {
    var at = { name: [0], overall: [2] };
    listing.criteria.forEach(function (id, i) { at[id] = [5, i]; });
    listing.facts.forEach(function (id, i) { at[id] = [6, i]; });
    listing.filters.forEach(function (id, i) { at["filter:" + id] = [7, i]; });
    return at;
  }
  function fromEntry(listing, at, base, e) {
    var built = null;
    var field = function (key) {
      var place = at[key];
      return place && (place.length === 1 ? e[place[0]] : e[place[0]][place[1]]);
    };
    return {
      name: e[0].toLowerCase(),
      value: function (key, type) {
        var raw = field(key);
        return parse(raw === undefined || raw === null ? "" : String(raw), type);
      },
      key: function (fact) { return field("filter:" + fact); },
      row: function () { return built || (built = rowFor(listing, base, e)); }
    };
  }
  function parse(raw, type) {
    if (!raw) return null;
    return type === "number" ? parseFloat(raw) : raw.toLowerCase();
  }

  // A row like the page's own, for an item of the index.
  function rowFor(listing, base, e) {
    var row = document.createElement("tr");
    listing.filters.forEach(function (id, i) { row.setAttribute("data-" + id, e[7][i]); });
    var name = cell("th", "name", e[0]);
    name.scope = "row";
    var link = document.createElement("a");
    link.href = new URL(e[1], base).href;
    link.textContent = e[0];
    name.appendChild(link);
    var overall = cell("td", "num overall", e[2] === null ? "" : e[2].toFixed(1), labels[1]);
    overall.appendChild(e[2] === null ? span("muted small", table.dataset.absent)
      : span("", e[2].toFixed(1), "strong"));
    if (e[3] !== null) overall.append(" ", span("muted small rank", "#" + e[3]));
    row.append(name, overall);
    e[5].forEach(function (score, i) {
      var td = cell("td", "num score", score === null ? "" : String(score), labels[2 + i]);
      if (score === null) td.appendChild(span("muted small", table.dataset.notRated));
      else td.append(span("cell-score", String(score)), minibar(score));
      row.appendChild(td);
    });
    if (listing.facts.length) {
      var facts = cell("td", "key-facts dotted", null);
      e[6].forEach(function (value, i) {
        if (!value) return;
        var fact = span("", value);
        var label = sortKey.querySelector('option[value="' + listing.facts[i] + '"]');
        if (label) fact.prepend(span("visually-hidden", label.textContent + ": "));
        fact.setAttribute("data-fact", listing.facts[i]);
        fact.setAttribute("data-value", value);
        facts.appendChild(fact);
      });
      row.appendChild(facts);
    }
    return row;
  }
  function cell(tag, className, value, label) {
    var el = document.createElement(tag);
    el.className = className;
    if (value !== null) el.setAttribute("data-value", value);
    if (label) el.setAttribute("data-label", label);
    return el;
  }
  function span(className, content, tag) {
    var el = document.createElement(tag || "span");
    if (className) el.className = className;
    el.textContent = content;
    return el;
  }
  function minibar(score) {
    var bar = table.querySelector("svg.minibar");
    if (!bar) return "";
    bar = bar.cloneNode(true);
    bar.querySelector(".fill").setAttribute("width", String(score / parseFloat(table.dataset.max) * 100));
    return bar;
  }

  function compare(x, y, sign) {
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -sign : sign;
  }
  // How a key sorts: "number" or "text", as its option in the "sort by" field says.
  function typeOf(key) {
    var option = Array.prototype.find.call(sortKey.options, function (o) { return o.value === key; });
    return option && option.dataset.type === "number" ? "number" : "text";
  }
  function known(key) {
    return Array.prototype.some.call(sortKey.options, function (o) { return o.value === key; });
  }
  function matches(record) {
    var query = text.value.trim().toLowerCase();
    return record.name.indexOf(query) >= 0 && filters.every(function (select) {
      return !select.value || record.key(select.name) === select.value;
    });
  }
  function isDefault() {
    return state.sort === "overall" && state.dir === "desc" && !text.value.trim() &&
      filters.every(function (s) { return !s.value; });
  }

  // Shows the records that match, in order: the page's own rows, or, on a large report whose
  // state is not the default, every item of the report.
  function show() {
    var whole = table.dataset.listing && !isDefault();
    if (whole && !wholeRecords) return load().then(show);
    var records = (whole ? wholeRecords : pageRecords).filter(matches);
    var type = typeOf(state.sort);
    var sign = state.dir === "asc" ? 1 : -1;
    records.sort(function (a, b) {
      return compare(a.value(state.sort, type), b.value(state.sort, type), sign) ||
        compare(a.name, b.name, 1);
    });
    var shown = whole ? records.slice(0, limit) : records;
    body.textContent = "";
    shown.forEach(function (record) { body.appendChild(record.row()); });
    if (pages) pages.hidden = whole;
    if (more) more.hidden = !whole || shown.length >= records.length;
    var total = whole ? wholeRecords.length : pageRecords.length;
    var template = shown.length < records.length ? status.dataset.templateFirst : status.dataset.template;
    status.textContent = template.replace("{n}", records.length).replace("{total}", total)
      .replace("{shown}", shown.length);
    headers.forEach(function (h) {
      if (h.dataset.key === state.sort) h.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
      else h.removeAttribute("aria-sort");
    });
    sortKey.value = state.sort;
    sortDir.value = state.dir;
  }
  function load() {
    if (!loading) {
      var href = new URL(table.dataset.listing, window.location.href);
      loading = fetch(href).then(function (r) { return r.json(); }).then(function (listing) {
        var base = new URL("./", href);
        var at = places(listing);
        wholeRecords = listing.items.map(function (e) { return fromEntry(listing, at, base, e); });
      });
    }
    return loading;
  }
  function save() {
    var params = new URLSearchParams();
    if (state.sort !== "overall" || state.dir !== "desc") { params.set("sort", state.sort); params.set("dir", state.dir); }
    if (text.value) params.set("q", text.value);
    filters.forEach(function (s) { if (s.value) params.set(s.name, s.value); });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }
  function restore() {
    var params = new URLSearchParams(window.location.search);
    var sort = params.get("sort");
    state.sort = sort && known(sort) ? sort : "overall";
    state.dir = params.get("dir") === "asc" ? "asc" : "desc";
    text.value = params.get("q") || "";
    filters.forEach(function (s) {
      var v = params.get(s.name);
      if (v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
    });
  }
  function update() { limit = pageSize; show(); save(); }
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
  if (more) more.addEventListener("click", function () { limit += pageSize; show(); });
  restore();
  limit = pageSize;
  show();
})();
