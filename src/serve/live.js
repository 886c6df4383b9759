// Live reload for `versus serve`: injected into pages by the server, never part of a built
// site. Reloads the page after each good rebuild, and shows the errors of a bad one over the
// page until the next good build.
(function () {
  "use strict";
  var served = document.currentScript && document.currentScript.getAttribute("data-build");
  // Connected once the page has loaded (a rebuild waits for the pages it reloaded to be back,
  // and the stream's first event says whether a build finished meanwhile). The page says which
  // it is, so that a rebuild can make it before the rest of the site.
  function connect() {
    var events = new EventSource("/__versus/events?page=" + encodeURIComponent(location.pathname));
    events.addEventListener("reload", function (event) {
      if (event.data !== served) {
        location.reload();
      }
    });
    events.addEventListener("build-error", function (event) {
      show(event.data);
    });
  }

  // At the load event, or after a second if something (a slow image) holds it back.
  var connected = false;
  function connectOnce() {
    if (!connected) {
      connected = true;
      connect();
    }
  }
  if (document.readyState === "complete") {
    connectOnce();
  } else {
    window.addEventListener("load", connectOnce);
    setTimeout(connectOnce, 1000);
  }

  function show(text) {
    var box = document.getElementById("versus-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "versus-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,20,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,monospace";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#ff8f8f";
    title.textContent = "The last change does not build: the page shows the last good build.";
    var details = document.createElement("pre");
    details.style.cssText = "margin:0;white-space:pre-wrap";
    details.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.cssText = "margin-top:1rem;font:inherit";
    close.addEventListener("click", function () {
      box.remove();
    });
    box.append(title, details, close);
  }
})();
