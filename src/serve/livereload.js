// ismsbook live reload (only when serving; never in `ismsbook build` output)
(function () {
  "use strict";
  if (window.__ismsbookLiveReload) return;
  window.__ismsbookLiveReload = true;
  var OVERLAY_ID = "__ismsbook-error-overlay";
  var source = null, lost = false, delay = 250, unloading = false, timer = null;

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.parentNode.removeChild(old);
  }

  // The site's interface language (assets/strings.js, loaded by every page of the site).
  function say(key, english) {
    var s = window.ISMSBOOK_STRINGS;
    return (s && typeof s[key] === "string") ? s[key] : english;
  }

  function showOverlay(message) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;" +
      "max-height:60vh;overflow:auto;margin:0;padding:12px 16px;box-sizing:border-box;" +
      "background:#7f1d1d;color:#fff;border-bottom:3px solid #ef4444;" +
      "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
      "box-shadow:0 4px 16px rgba(0,0,0,.4);text-align:left";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", say("reload-dismiss", "Dismiss"));
    close.title = say("reload-dismiss", "Dismiss");
    close.style.cssText = "float:right;margin:0 0 8px 12px;padding:0 8px;font:20px/1.2 sans-serif;" +
      "color:#fff;background:transparent;border:1px solid rgba(255,255,255,.6);border-radius:4px;cursor:pointer";
    close.addEventListener("click", removeOverlay);
    var title = document.createElement("strong");
    title.textContent = say("reload-failed", "ismsbook: the build failed \u2014 this page shows the last good build");
    var pre = document.createElement("pre");
    pre.style.cssText = "margin:8px 0 0;white-space:pre-wrap;word-break:break-word;font:inherit;color:inherit;background:transparent";
    pre.textContent = message;
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(pre);
    (document.body || document.documentElement).appendChild(box);
  }

  function reload() {
    removeOverlay();
    window.location.reload();
  }

  function connect() {
    timer = null;
    if (unloading || typeof EventSource === "undefined") return;
    source = new EventSource("/__ismsbook/events");
    source.addEventListener("open", function () {
      delay = 250;
      if (lost) {
        // The server went away and came back: the site may have changed meanwhile.
        lost = false;
        reload();
      }
    });
    source.addEventListener("reload", reload);
    source.addEventListener("error", function (e) {
      if (typeof e.data === "string") {
        showOverlay(e.data);
        return;
      }
      // The connection failed: retry ourselves, with backoff.
      if (unloading) return;
      lost = true;
      source.close();
      if (timer === null) {
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 5000);
      }
    });
  }

  function stop() {
    unloading = true;
    if (source) source.close();
  }
  window.addEventListener("pagehide", stop);
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) {
      // Back from the back/forward cache: reconnect and catch up.
      unloading = false;
      lost = true;
      connect();
    }
  });
  connect();
})();
