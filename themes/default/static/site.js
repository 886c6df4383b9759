// versus default theme: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Opened from disk (file://), folder links do not open their index.html: point them at it.
  if (window.location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^(https?:|mailto:|#)/.test(href)) return;
      var parts = href.split("#");
      if (parts[0] === "" || parts[0].endsWith("/")) {
        parts[0] = parts[0] + "index.html";
        a.setAttribute("href", parts.join("#"));
      }
    });
  }
  // The language links lead to the same page in another language: carry over what the reader
  // has set on this one (a sorted table's or the weights' query, the place in the page).
  document.querySelectorAll(".languages a[hreflang]").forEach(function (a) {
    a.addEventListener("click", function () {
      var target = new URL(a.href, window.location.href);
      target.search = window.location.search;
      target.hash = window.location.hash;
      a.href = target.href;
    });
  });
})();
