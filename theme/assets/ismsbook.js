// Builds the sidebar from assets/nav.js, so every page stays small however many documents exist.
(function () {
  "use strict";
  var nav = window.ISMSBOOK_NAV;
  var side = document.getElementById("isb-sidebar");
  if (!nav || !side) return;
  var root = document.documentElement.getAttribute("data-root") || "";
  var here = document.documentElement.getAttribute("data-page") || "";
  nav.groups.forEach(function (group) {
    var h = document.createElement("h2");
    h.textContent = group.label;
    var ul = document.createElement("ul");
    group.items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      // "./" keeps a top-level path with a colon from reading as a URL scheme.
      a.href = (root || "./") + item[2];
      var id = document.createElement("span");
      id.className = "nav-id";
      id.textContent = item[0];
      a.appendChild(id);
      a.appendChild(document.createTextNode(item[1]));
      if (item[2] === here) a.setAttribute("aria-current", "page");
      li.appendChild(a);
      ul.appendChild(li);
    });
    side.appendChild(h);
    side.appendChild(ul);
  });
  var current = side.querySelector("[aria-current=page]");
  if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest" });
})();
