// The choose page: recomputes the ranking in the browser from the ratings embedded in the
// page, with the reader's weights kept in the address (?performance=3&learning=0 or
// ?preset=enterprise, or #preset-enterprise from a link to a goal). The rankings precomputed
// for each goal are what readers without this script see; with it, they are folded away and
// the live ranking takes their place, with its leaders kept in view on phones while the
// sliders move. A large report's items are read from its index of items (items.json) rather
// than carried in the page, and the live ranking shows its first places.
(function () {
  "use strict";
  var dataElement = document.getElementById("choose-data");
  var chooser = document.getElementById("chooser");
  if (!dataElement || !chooser) return;
  var data = JSON.parse(dataElement.textContent);
  var form = document.getElementById("weights");
  var list = document.getElementById("ranking");
  var status = document.getElementById("status");
  var leaders = document.getElementById("leaders");
  var built = document.querySelector(".presets-built");
  var note = document.getElementById("preset-note");
  var inputs = {};
  data.criteria.forEach(function (c) { inputs[c.id] = document.getElementById("w-" + c.id); });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function defaults() {
    var w = {};
    data.criteria.forEach(function (c) { w[c.id] = c.weight; });
    return w;
  }
  function clamp(v) { return Math.max(0, Math.min(3, Math.round(v))); }
  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var hash = /^#preset-(.+)$/.exec(window.location.hash);
    var preset = params.get("preset") || (hash && decodeURIComponent(hash[1]));
    if (preset && data.presets[preset]) return Object.assign(zeros(), data.presets[preset]);
    var w = defaults();
    data.criteria.forEach(function (c) {
      var v = parseFloat(params.get(c.id));
      if (!isNaN(v)) w[c.id] = clamp(v);
    });
    return w;
  }
  function zeros() {
    var w = {};
    data.criteria.forEach(function (c) { w[c.id] = 0; });
    return w;
  }
  function toAddress(w) {
    var params = new URLSearchParams();
    data.criteria.forEach(function (c) { params.set(c.id, String(w[c.id])); });
    history.replaceState(null, "", window.location.pathname + "?" + params.toString() + "#chooser");
  }
  function weightsFromForm() {
    var w = {};
    data.criteria.forEach(function (c) { w[c.id] = clamp(parseFloat(inputs[c.id].value)); });
    return w;
  }
  function setForm(w) {
    data.criteria.forEach(function (c) {
      inputs[c.id].value = w[c.id];
      document.getElementById("w-" + c.id + "-value").textContent = w[c.id];
    });
  }

  // Mirrors src/rank.rs: weighted mean of available ratings, a minimum number of ratings,
  // ties at one decimal share a rank, unranked items last.
  function rank(w) {
    var weighted = data.criteria.filter(function (c) { return w[c.id] > 0; });
    var min = Math.min(data.min_ratings, weighted.length);
    var rows = data.items.map(function (item) {
      var total = 0, sum = 0, count = 0;
      weighted.forEach(function (c) {
        if (c.id in item.ratings) { total += item.ratings[c.id] * w[c.id]; sum += w[c.id]; count++; }
      });
      var score = sum > 0 && count >= min ? Math.round(total / sum * 10) / 10 : null;
      return { item: item, score: score, count: count, total: weighted.length, min: min };
    });
    rows.sort(function (a, b) {
      if (a.score !== b.score) {
        if (a.score === null) return 1;
        if (b.score === null) return -1;
        return b.score - a.score;
      }
      return a.item.name.localeCompare(b.item.name);
    });
    rows.forEach(function (row, i) {
      if (row.score === null) { row.rank = null; return; }
      var prev = rows[i - 1];
      row.rank = prev && prev.score === row.score ? prev.rank : i + 1;
    });
    return rows;
  }

  function render(w) {
    var rows = rank(w);
    list.textContent = "";
    rows.slice(0, data.page_size).forEach(function (row) {
      var li = document.createElement("li");
      li.className = row.score === null ? "unranked" : "";
      var place = document.createElement("span");
      place.className = "place";
      place.textContent = row.rank === null ? "–" : row.rank;
      var name = document.createElement("a");
      name.href = row.item.href;
      name.textContent = row.item.name;
      var score = document.createElement("span");
      score.className = "score";
      var detail = document.createElement("span");
      detail.className = "detail muted";
      if (row.score === null) {
        score.textContent = data.strings.not_ranked;
        detail.textContent = fill(data.strings.overall_too_few, { n: row.count, total: row.total, min: row.min });
      } else {
        score.textContent = row.score.toFixed(1);
        detail.textContent = fill(data.strings.rests_on, { n: row.count, total: row.total });
      }
      var bar = document.createElement("span");
      bar.className = "track";
      var fillBar = document.createElement("span");
      fillBar.className = "fill";
      fillBar.style.width = row.score === null ? "0" : (row.score / data.max * 100) + "%";
      bar.appendChild(fillBar);
      li.append(place, name, score, bar, detail);
      list.appendChild(li);
    });
    if (rows.length > data.page_size) {
      var rest = document.createElement("li");
      rest.className = "more muted";
      rest.textContent = fill(data.strings.list_more, { n: rows.length - data.page_size });
      list.appendChild(rest);
    }
    var first = rows[0] && rows[0].score !== null ? rows[0].item.name : "–";
    status.textContent = fill(data.strings.choose_status, { first: first });
    leaders.textContent = rows.filter(function (row) { return row.score !== null; }).slice(0, 3)
      .map(function (row) { return row.rank + ". " + row.item.name + " " + row.score.toFixed(1); })
      .join("  ·  ") || "–";
  }

  // The goal whose weights these are, if any: its link is marked and its description (which
  // says where the ranking differs from the guide's picks) is shown over the ranking.
  function presetOf(w) {
    return Object.keys(data.presets).find(function (id) {
      var p = Object.assign(zeros(), data.presets[id]);
      return data.criteria.every(function (c) { return p[c.id] === w[c.id]; });
    });
  }
  function showPreset(id) {
    document.querySelectorAll("[data-preset]").forEach(function (link) {
      if (link.getAttribute("data-preset") === id) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    var section = id && document.getElementById("preset-" + id);
    note.hidden = !section;
    if (section) {
      note.querySelector("strong").textContent = section.querySelector("h3").textContent;
      note.querySelector("span").textContent = section.querySelector("p").textContent;
    }
  }
  function apply(w, keepAddress) {
    setForm(w);
    render(w);
    showPreset(presetOf(w));
    if (!keepAddress) toAddress(w);
  }

  function start() {
    chooser.hidden = false;
    if (built) built.hidden = true;
    form.addEventListener("input", function () { apply(weightsFromForm()); });
    document.getElementById("reset").addEventListener("click", function () { apply(defaults()); });
    document.querySelectorAll("[data-preset]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        apply(Object.assign(zeros(), data.presets[link.getAttribute("data-preset")]));
        list.parentNode.scrollIntoView({ behavior: "smooth", block: "start" });
      });
    });
    apply(fromAddress(), true);
  }

  // A large report's items are not in the page: they are read from its index of items.
  function fromListing(href) {
    return fetch(href).then(function (r) { return r.json(); }).then(function (listing) {
      var base = new URL("./", href);
      data.items = listing.items.map(function (e) {
        var ratings = {};
        listing.criteria.forEach(function (id, i) { if (e[5][i] !== null) ratings[id] = e[5][i]; });
        return { name: e[0], href: new URL(e[1], base).href, ratings: ratings };
      });
    });
  }

  if (data.listing) fromListing(new URL(data.listing, window.location.href)).then(start);
  else start();
})();
