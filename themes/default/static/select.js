// The comparison table's rows can be chosen for the compare view: a check box beside each
// name (rows the table's script brings in later get one too), and a bar at the bottom of the
// screen linking to the chosen items side by side (compare/view/?items=a,b,c). The choice is
// kept for the visit (sessionStorage), so rows can be chosen across the table's pages.
// Without this script the table is unchanged.
(function () {
  "use strict";
  var table = document.getElementById("compare");
  var tray = document.getElementById("compare-tray");
  if (!table || !tray) return;
  var KEY = "versus-compare";
  var most = parseInt(tray.dataset.most, 10) || 5;
  var go = document.getElementById("compare-go");
  var count = document.getElementById("compare-count");
  var target = go.getAttribute("href");
  var chosen = read();

  function read() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function write() {
    try { sessionStorage.setItem(KEY, JSON.stringify(chosen)); } catch (e) { /* private mode */ }
  }
  function slugOf(row) {
    var link = row.querySelector("th a[href]");
    if (!link) return null;
    var parts = new URL(link.href).pathname.split("/").filter(Boolean);
    return parts[parts.length - 1] === "index.html" ? parts[parts.length - 2] : parts[parts.length - 1];
  }
  function decorate(row) {
    if (row.querySelector("input.pick")) return;
    var slug = slugOf(row);
    var cell = row.cells[0];
    if (!slug || !cell) return;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "pick";
    box.value = slug;
    box.setAttribute("aria-label", tray.dataset.select.replace("{name}", cell.textContent.trim()));
    box.checked = chosen.indexOf(slug) >= 0;
    box.addEventListener("change", function () {
      if (box.checked && chosen.indexOf(slug) < 0) chosen.push(slug);
      if (!box.checked) chosen = chosen.filter(function (s) { return s !== slug; });
      write();
      update();
    });
    cell.prepend(box);
  }
  function update() {
    tray.hidden = chosen.length === 0;
    count.textContent = tray.dataset.selected.replace("{n}", chosen.length);
    go.href = target + "?items=" + chosen.map(encodeURIComponent).join(",");
    table.querySelectorAll("input.pick").forEach(function (box) {
      box.checked = chosen.indexOf(box.value) >= 0;
      box.disabled = !box.checked && chosen.length >= most;
    });
  }
  document.getElementById("compare-clear").addEventListener("click", function () {
    chosen = [];
    write();
    update();
  });
  Array.prototype.forEach.call(table.tBodies[0].rows, decorate);
  new MutationObserver(function () {
    Array.prototype.forEach.call(table.tBodies[0].rows, decorate);
    update();
  }).observe(table.tBodies[0], { childList: true });
  update();
})();
