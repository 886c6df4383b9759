// The compare view: up to five items side by side, chosen in the address
// (compare/view/?items=a,b,c) and built here from each item's published data
// (compare/data/<n>.json, a few items a file): a radar chart whose series differ by line
// pattern and marker, not colour alone; every rating with its sources; which suits each goal;
// the key facts.
// Each item's card gives its overall score and rank, summary, pros and cons, under a line
// naming the highest overall. Items are added by name, offered as the reader types from the
// names in the search index (index.js: a shard and a few chunks, however long the report),
// and removed by button, the address kept in step so a comparison can be shared. Without
// JavaScript the page points to the comparison table and the pair pages.
(function () {
  "use strict";
  var dataElement = document.getElementById("compare-data");
  var view = document.getElementById("compare-view");
  var form = document.getElementById("compare-add");
  if (!dataElement || !view || !form || !window.fetch) return;
  var data = JSON.parse(dataElement.textContent);
  var S = data.strings;
  var base = new URL(data.data, window.location.href);
  var root = new URL(data.root, window.location.href);
  var input = document.getElementById("compare-name");
  var status = document.getElementById("compare-status");
  var options = document.getElementById("compare-options");
  var OFFERED = 8;
  var SVG = "http://www.w3.org/2000/svg";
  var DASHES = ["", "9 4", "2 4", "12 4 2 4", "5 2"];
  var MARKERS = ["circle", "square", "triangle", "diamond", "cross"];
  var chosen = [];
  var byShard = {};

  function fill(text, values) {
    return Object.keys(values).reduce(function (s, k) { return s.split("{" + k + "}").join(values[k]); }, text);
  }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function svg(tag, attributes) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    return e;
  }
  function href(path) {
    var url = new URL(path, root);
    if (url.protocol === "file:" && /\/$/.test(url.pathname)) url.pathname += "index.html";
    return url.href;
  }
  function slugOfPath(path) {
    var parts = path.split("/").filter(Boolean);
    return parts[parts.length - 1];
  }

  // --- the address ---
  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var slugs = [];
    params.getAll("items").forEach(function (v) {
      v.split(",").forEach(function (s) {
        s = s.trim();
        if (s && slugs.indexOf(s) < 0 && slugs.length < data.most) slugs.push(s);
      });
    });
    return slugs;
  }
  function save() {
    var query = chosen.length ? "?items=" + chosen.map(encodeURIComponent).join(",") : "";
    history.replaceState(null, "", window.location.pathname + query + window.location.hash);
  }

  // --- the data ---
  // The items' data is in data.shards files, an item in the one its slug's FNV-1a hash names
  // once mixed by MurmurHash3's finalizer (as the generator computes it).
  function shardOf(slug) {
    var hash = 0x811c9dc5;
    new TextEncoder().encode(slug).forEach(function (byte) {
      hash = Math.imul(hash ^ byte, 0x01000193);
    });
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
    return (hash >>> 0) % data.shards;
  }
  function load(slug) {
    var shard = shardOf(slug);
    if (!byShard[shard]) {
      byShard[shard] = fetch(new URL(shard + ".json", base)).then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () { return null; });
    }
    return byShard[shard].then(function (items) {
      return items && Object.prototype.hasOwnProperty.call(items, slug) ? items[slug] : null;
    });
  }
  // A preset's score of an item: the weighted mean of its ratings, if it has enough of them.
  function presetScore(item, weights) {
    var total = 0, sum = 0, count = 0, weighted = 0;
    Object.keys(weights).forEach(function (id) {
      var w = weights[id];
      if (!(w > 0)) return;
      weighted++;
      var r = item.ratings[id];
      if (!r) return;
      total += r.score * w; sum += w; count++;
    });
    return sum > 0 && count >= Math.min(data.min_ratings, weighted) ? total / sum : null;
  }

  // --- drawing ---
  function marker(index, x, y, size) {
    var s = size || 4.5;
    var shape = MARKERS[index % MARKERS.length];
    if (shape === "circle") return svg("circle", { cx: x, cy: y, r: s });
    if (shape === "square") return svg("rect", { x: x - s, y: y - s, width: 2 * s, height: 2 * s });
    var points = shape === "triangle" ? [[0, -1.3], [1.2, 1], [-1.2, 1]]
      : shape === "diamond" ? [[0, -1.4], [1.4, 0], [0, 1.4], [-1.4, 0]]
      : [[-1, -1.4], [0, -0.4], [1, -1.4], [1.4, -1], [0.4, 0], [1.4, 1], [1, 1.4], [0, 0.4], [-1, 1.4], [-1.4, 1], [-0.4, 0], [-1.4, -1]];
    return svg("polygon", { points: points.map(function (p) { return (x + p[0] * s) + "," + (y + p[1] * s); }).join(" ") });
  }
  // A small picture of a series' line and marker, for the legend and the column headings.
  function swatch(index) {
    var s = svg("svg", { class: "swatch series-" + index, viewBox: "0 0 36 12", width: "36", height: "12", "aria-hidden": "true", focusable: "false" });
    s.appendChild(svg("line", { x1: 1, y1: 6, x2: 35, y2: 6, "stroke-dasharray": DASHES[index] }));
    s.appendChild(marker(index, 18, 6, 4));
    return s;
  }
  function radar(items) {
    var W = 520, H = 380, R = 125, cx = W / 2, cy = H / 2;
    var axes = data.criteria;
    var point = function (axis, value) {
      var angle = -Math.PI / 2 + axis * 2 * Math.PI / axes.length;
      var r = Math.max(0, Math.min(value, data.max)) / data.max * R;
      return [Math.round((cx + r * Math.cos(angle)) * 10) / 10, Math.round((cy + r * Math.sin(angle)) * 10) / 10];
    };
    var title = fill(S.compare_radar, { names: items.map(function (i) { return i.data.name; }).join(", ") });
    var chart = svg("svg", { class: "chart radar-chart compare-radar", role: "img", viewBox: "0 0 " + W + " " + H, "aria-labelledby": "compare-radar-title" });
    var t = svg("title", { id: "compare-radar-title" });
    t.textContent = title;
    chart.appendChild(t);
    var grid = svg("g", { class: "grid", "aria-hidden": "true" });
    for (var ring = 1; ring <= data.max; ring++) {
      grid.appendChild(svg("polygon", { points: axes.map(function (_, a) { return point(a, ring).join(","); }).join(" ") }));
    }
    axes.forEach(function (_, a) {
      var end = point(a, data.max);
      grid.appendChild(svg("line", { x1: cx, y1: cy, x2: end[0], y2: end[1] }));
    });
    chart.appendChild(grid);
    axes.forEach(function (c, a) {
      var angle = -Math.PI / 2 + a * 2 * Math.PI / axes.length;
      var x = cx + (R + 16) * Math.cos(angle), y = cy + (R + 16) * Math.sin(angle);
      var anchor = x - cx > 8 ? "start" : x - cx < -8 ? "end" : "middle";
      var label = svg("text", { class: "label", x: Math.round(x), y: Math.round(y + 4), "text-anchor": anchor });
      label.textContent = c[1];
      chart.appendChild(label);
    });
    items.forEach(function (item, index) {
      var g = svg("g", { class: "series series-" + index, "aria-hidden": "true" });
      var points = axes.map(function (c, a) {
        var r = item.data.ratings[c[0]];
        return r ? point(a, r.score) : null;
      }).filter(Boolean);
      var shape = svg(points.length > 2 ? "polygon" : "polyline", { class: "area", points: points.map(function (p) { return p.join(","); }).join(" ") });
      if (DASHES[index]) shape.setAttribute("stroke-dasharray", DASHES[index]);
      g.appendChild(shape);
      points.forEach(function (p) { g.appendChild(marker(index, p[0], p[1])); });
      chart.appendChild(g);
    });
    var figure = el("figure", "chart-figure radar-figure");
    figure.appendChild(chart);
    return figure;
  }

  // --- the view ---
  function region(id, caption, table) {
    var wrap = el("div", "table-wrap");
    wrap.setAttribute("role", "region");
    wrap.tabIndex = 0;
    wrap.setAttribute("aria-labelledby", id);
    var c = el("caption", "", caption);
    c.id = id;
    table.prepend(c);
    wrap.appendChild(table);
    return wrap;
  }
  function head(first, items) {
    var thead = el("thead");
    var row = el("tr");
    row.appendChild(el("th", "", first)).scope = "col";
    items.forEach(function (item, index) {
      var th = el("th", "num");
      th.scope = "col";
      th.append(swatch(index), " ", item.data.name);
      row.appendChild(th);
    });
    thead.appendChild(row);
    return thead;
  }
  function ratingsTable(items) {
    var table = el("table", "compare-ratings stack");
    table.appendChild(head(S.col_criterion, items));
    var body = el("tbody");
    data.criteria.forEach(function (c) {
      var row = el("tr");
      row.appendChild(el("th", "", c[1])).scope = "row";
      var scores = items.map(function (i) { return i.data.ratings[c[0]] ? i.data.ratings[c[0]].score : null; });
      var best = Math.max.apply(null, scores.filter(function (s) { return s !== null; }));
      items.forEach(function (item, index) {
        var r = item.data.ratings[c[0]];
        var td = el("td", "num");
        td.setAttribute("data-label", item.data.name);
        if (!r) td.appendChild(el("span", "muted", S.not_rated));
        else {
          var a = el("a", r.score === best && items.length > 1 ? "lead" : "", String(r.score));
          a.href = href(item.data.href) + "#rating-" + c[0];
          td.appendChild(a);
          // The sources, folded under their count: five columns of full titles would make
          // every row a paragraph tall.
          var sources = el("details", "sources small");
          sources.appendChild(el("summary", "", S.compare_sources.replace("{n}", r.sources.length)));
          r.sources.forEach(function (s, i) {
            if (i) sources.append("; ");
            if (s[1]) { var link = el("a", "", s[0]); link.href = href(s[1]); sources.appendChild(link); }
            else sources.append(s[0]);
          });
          if (r.sources.length) td.appendChild(sources);
        }
        row.appendChild(td);
        void scores[index];
      });
      body.appendChild(row);
    });
    table.appendChild(body);
    return region("compare-ratings-caption", S.ratings, table);
  }
  function goalsTable(items) {
    var table = el("table", "compare-goals stack");
    table.appendChild(head(S.pair_goal, items));
    table.tHead.rows[0].appendChild(el("th", "", S.pair_pick)).scope = "col";
    var body = el("tbody");
    data.presets.forEach(function (preset) {
      var row = el("tr");
      var th = el("th");
      th.scope = "row";
      var link = el("a", "", preset.label);
      link.href = new URL(preset.href, window.location.href).href;
      th.appendChild(link);
      row.appendChild(th);
      var scores = items.map(function (i) { return presetScore(i.data, preset.weights); });
      var rounded = scores.map(function (s) { return s === null ? null : Math.round(s * 10) / 10; });
      var best = Math.max.apply(null, rounded.filter(function (s) { return s !== null; }));
      items.forEach(function (item, index) {
        var td = el("td", "num", rounded[index] === null ? S.not_ranked : rounded[index].toFixed(1));
        td.setAttribute("data-label", item.data.name);
        row.appendChild(td);
      });
      var leaders = items.filter(function (_, i) { return rounded[i] !== null && rounded[i] === best; });
      var pick = el("td", "whole", leaders.length === 1 ? leaders[0].data.name : leaders.length ? S.pair_tie + ": " + leaders.map(function (l) { return l.data.name; }).join(", ") : "");
      pick.setAttribute("data-label", S.pair_pick);
      row.appendChild(pick);
      body.appendChild(row);
    });
    table.appendChild(body);
    return region("compare-goals-caption", S.pair_goals, table);
  }
  function factsTable(items) {
    var labels = [];
    items.forEach(function (i) { i.data.facts.forEach(function (f) { if (labels.indexOf(f[0]) < 0) labels.push(f[0]); }); });
    var table = el("table", "compare-facts stack");
    table.appendChild(head(S.key_facts, items));
    var body = el("tbody");
    labels.forEach(function (label) {
      var row = el("tr");
      row.appendChild(el("th", "", label)).scope = "row";
      items.forEach(function (item) {
        var fact = item.data.facts.find(function (f) { return f[0] === label; });
        var td = el("td", "whole", fact ? fact[1] : "");
        td.setAttribute("data-label", item.data.name);
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    table.appendChild(body);
    return region("compare-facts-caption", S.key_facts, table);
  }
  // The card's score: overall score out of the scale's top, rank, and what it rests on.
  function overall(item) {
    var o = item.data.overall;
    var box = el("p", "compare-overall");
    if (!o) {
      var rated = Object.keys(item.data.ratings).length;
      box.append(el("span", "muted", S.not_ranked), el("span", "small detail",
        fill(S.overall_too_few, { n: rated, total: data.criteria.length, min: data.min_ratings })));
      return box;
    }
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", S.overall_score);
    box.append(el("strong", "big", o.score.text), " ", el("span", "small", fill(S.out_of, { max: data.max })));
    var detail = el("span", "small detail");
    if (o.rank) detail.append(fill(S.overall_rank, { rank: o.rank }), " · ");
    detail.append(fill(S.rests_on, { n: o.rests_on, total: data.criteria.length }));
    box.appendChild(detail);
    return box;
  }
  function points(label, entries, className) {
    var wrap = el("div", "compare-points " + className);
    if (!entries.length) return wrap;
    wrap.appendChild(el("h3", "", label));
    var ul = el("ul");
    entries.forEach(function (e) { ul.appendChild(el("li", "", e)); });
    wrap.appendChild(ul);
    return wrap;
  }
  function cards(items) {
    var list = el("ul", "compare-cards");
    items.forEach(function (item, index) {
      var li = el("li", "compare-card");
      var h = el("h2");
      var link = el("a", "", item.data.name);
      link.href = href(item.data.href);
      h.append(swatch(index), " ", link);
      var remove = el("button", "button secondary small remove", "×");
      remove.type = "button";
      remove.setAttribute("aria-label", fill(S.compare_remove, { name: item.data.name }));
      remove.addEventListener("click", function () {
        chosen = chosen.filter(function (s) { return s !== item.slug; });
        update();
        input.focus();
      });
      li.append(h, remove, overall(item), el("p", "small summary", item.data.summary),
        points(S.pros, item.data.pros, "pros"), points(S.cons, item.data.cons, "cons"));
      list.appendChild(li);
    });
    return list;
  }
  // The line above the cards: which of them is highest overall (all of them, if tied).
  function finding(items) {
    var ranked = items.filter(function (i) { return i.data.overall; });
    if (!ranked.length) return null;
    var top = Math.max.apply(null, ranked.map(function (i) { return i.data.overall.score.value; }));
    var best = ranked.filter(function (i) { return i.data.overall.score.value === top; });
    var names = best.map(function (i) { return i.data.name; }).join(", ");
    return el("p", "compare-finding", fill(S.compare_finding, { best: names + " (" + best[0].data.overall.score.text + ")" }));
  }

  function render(items) {
    view.textContent = "";
    var missing = data.most >= 3 ? Math.max(0, 3 - items.length) : 0;
    status.textContent = items.length >= data.most ? fill(S.compare_full, { most: data.most })
      : missing ? fill(S.compare_more, { n: missing, most: data.most }) : "";
    input.disabled = items.length >= data.most;
    if (!items.length) return;
    var line = finding(items);
    if (line) view.appendChild(line);
    view.appendChild(cards(items));
    var charts = el("div", "radar-pair");
    charts.append(radar(items), ratingsTable(items));
    view.appendChild(charts);
    if (data.presets.length) view.appendChild(goalsTable(items));
    view.appendChild(factsTable(items));
  }
  function update() {
    save();
    return Promise.all(chosen.map(load)).then(function (loaded) {
      var items = [];
      chosen.forEach(function (slug, i) { if (loaded[i]) items.push({ slug: slug, data: loaded[i] }); });
      chosen = items.map(function (i) { return i.slug; });
      render(items);
    });
  }

  // --- adding by name (with index.js and combobox.js; without them, the form stays hidden) ---
  function byName() {
    var index = window.versusIndex.open(new URL(data.index, window.location.href));
    var offered = [];
    var serial = 0;
    // Only item titles count: an item is added by its name, not by a word of its notes.
    function isItemTitle(doc, field, meta) { return field === window.versusIndex.TITLE && doc < meta.items; }
    // The items whose names the typed words begin, not yet chosen.
    function lookUp(text) {
      var words = window.versusIndex.words(text);
      if (!words.length) return Promise.resolve([]);
      return index.find(words, OFFERED + chosen.length, isItemTitle).then(function (found) {
        return found.docs.map(function (doc) { return { name: doc.title, slug: slugOfPath(doc.href) }; })
          .filter(function (o) { return chosen.indexOf(o.slug) < 0; }).slice(0, OFFERED);
      });
    }
    function offer(found) {
      offered = found;
      options.textContent = "";
      found.forEach(function (o, i) {
        var li = el("li", "", o.name);
        li.id = "compare-option-" + i;
        li.setAttribute("role", "option");
        li.addEventListener("mousedown", function (e) { e.preventDefault(); });
        li.addEventListener("click", function () { add(o); });
        options.appendChild(li);
      });
      combo.show();
    }
    function add(o) {
      if (chosen.indexOf(o.slug) < 0 && chosen.length < data.most) chosen.push(o.slug);
      input.value = "";
      offer([]);
      update();
    }
    // Enter or the button with no option chosen: the item of exactly that name, or the only one.
    function addTyped() {
      var name = input.value.trim();
      if (!name) return;
      lookUp(name).then(function (found) {
        var exact = found.filter(function (o) { return o.name.toLowerCase() === name.toLowerCase(); });
        var pick = exact.length ? exact[0] : found.length === 1 ? found[0] : null;
        if (pick) add(pick);
        else status.textContent = fill(S.compare_unknown, { name: name });
      }).catch(function () { status.textContent = fill(S.compare_unknown, { name: name }); });
    }
    var combo = window.versusCombobox(input, options, function (i) {
      if (i >= 0 && offered[i]) add(offered[i]);
      else addTyped();
    });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var mine = ++serial;
        lookUp(input.value).then(function (found) {
          if (mine === serial) offer(found);
        }).catch(function () { if (mine === serial) offer([]); });
      }, 60);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      addTyped();
    });
    form.hidden = false;
  }
  if (window.versusIndex && window.versusCombobox) byName();
  chosen = fromAddress();
  update();
})();
