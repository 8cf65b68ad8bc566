// Draws the page's Mermaid diagrams (```mermaid blocks, written as <pre class="mermaid-source">)
// with the vendored assets/mermaid.min.js. Only pages with a diagram load either file.
// Each diagram is drawn into a box after its source, which is then hidden; a diagram Mermaid
// cannot read keeps its source visible under the error, never a blank.
(function () {
  "use strict";
  var mermaid = window.mermaid;
  var sources = Array.prototype.slice.call(document.querySelectorAll("pre.mermaid-source"));
  if (!sources.length || !mermaid || typeof mermaid.render !== "function") return;
  var root = document.documentElement;
  // print.html is for paper: always the light theme.
  var paper = document.body.classList.contains("print");
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  // The site's own choice (data-theme, set by the toggle), else the system's, as style.css.
  function theme() {
    if (paper) return "default";
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen === "dark" ? "dark" : "default";
    return media && media.matches ? "dark" : "default";
  }

  var drawn = null; // the theme the diagrams were last drawn in
  var queue = Promise.resolve();
  var count = 0;

  function draw() {
    var wanted = theme();
    if (wanted === drawn) return;
    drawn = wanted;
    // strict: no click callbacks or script in diagrams, labels' HTML is escaped.
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: wanted,
      suppressErrorRendering: true
    });
    // One diagram at a time: Mermaid draws in a shared scratch element.
    sources.forEach(function (pre) {
      queue = queue.then(function () { return drawOne(pre, wanted); });
    });
  }

  function box(pre, cls) {
    var next = pre.nextElementSibling;
    if (next && next.classList.contains(cls)) return next;
    var el = document.createElement("div");
    el.className = cls;
    pre.parentNode.insertBefore(el, pre.nextSibling);
    return el;
  }

  function drawOne(pre, wanted) {
    var text = pre.textContent;
    var id = "isb-mermaid-" + (++count);
    return Promise.resolve()
      .then(function () { return mermaid.parse(text); })
      .then(function () { return mermaid.render(id, text); })
      .then(function (out) {
        if (wanted !== drawn) return; // the theme changed meanwhile: drawn again after
        var error = pre.previousElementSibling;
        if (error && error.classList.contains("mermaid-error")) error.remove();
        var diagram = box(pre, "mermaid-diagram");
        diagram.innerHTML = out.svg;
        diagram.hidden = false;
        pre.hidden = true;
      })
      .catch(function (err) {
        var stray = document.getElementById(id);
        if (stray && !pre.parentNode.contains(stray)) stray.remove();
        var diagram = pre.nextElementSibling;
        if (diagram && diagram.classList.contains("mermaid-diagram")) diagram.hidden = true;
        pre.hidden = false;
        var error = pre.previousElementSibling;
        if (!error || !error.classList.contains("mermaid-error")) {
          error = document.createElement("div");
          error.className = "mermaid-error";
          error.setAttribute("role", "note");
          pre.parentNode.insertBefore(error, pre);
        }
        error.textContent = "";
        var title = document.createElement("p");
        title.className = "mermaid-error-title";
        var words = window.ISMSBOOK_STRINGS;
        title.textContent = (words && typeof words["diagram-failed"] === "string")
          ? words["diagram-failed"]
          : "This diagram could not be drawn; its source is shown below.";
        var detail = document.createElement("pre");
        detail.className = "mermaid-error-detail";
        detail.textContent = String((err && (err.message || err.str)) || err);
        error.appendChild(title);
        error.appendChild(detail);
      });
  }

  draw();
  // Follow the light/dark toggle and the system's setting.
  if (window.MutationObserver) {
    new MutationObserver(draw).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
  }
  if (media) {
    if (media.addEventListener) media.addEventListener("change", draw);
    else if (media.addListener) media.addListener(draw);
  }
})();
