// Builds the sidebar from assets/nav.js, so every page stays small however many documents exist.
(function () {
  "use strict";
  var nav = window.ISMSBOOK_NAV;
  var side = document.getElementById("isb-sidebar");
  // An element with id="ISMSBOOK_NAV" in a document body would also be window.ISMSBOOK_NAV.
  if (!nav || !Array.isArray(nav.groups) || !side) return;
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

// Light/dark toggle. The inline script in <head> applied the stored choice before painting.
(function () {
  "use strict";
  var button = document.getElementById("isb-theme-toggle");
  if (!button) return;
  var root = document.documentElement;
  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function sync() {
    button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
  }
  button.addEventListener("click", function () {
    var next = current() === "dark" ? "light" : "dark";
    root.setAttribute("data-theme", next);
    try { localStorage.setItem("isb-theme", next); } catch (e) { /* private mode: not remembered */ }
    sync();
  });
  sync();
})();

// Search: the index (search-index.js) is a script, so it loads from file:// too; it is fetched
// on first use, not by every page.
(function () {
  "use strict";
  var input = document.getElementById("isb-search");
  var list = document.getElementById("isb-search-results");
  var status = document.getElementById("isb-search-status");
  if (!input || !list || !status) return;
  var root = document.documentElement.getAttribute("data-root") || "";
  var waiting = null; // callbacks for when the index has loaded
  var selected = -1;

  function load(then) {
    // Array.isArray: a body element with id="ISMSBOOK_SEARCH" is window.ISMSBOOK_SEARCH too.
    if (Array.isArray(window.ISMSBOOK_SEARCH)) return then();
    if (waiting) return waiting.push(then);
    waiting = [then];
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = function () { waiting.forEach(function (f) { f(); }); };
    document.head.appendChild(s);
  }

  // Chinese and Japanese put no spaces between words, so the index holds their text as
  // overlapping pairs of characters (bigrams) and a query is cut the same way. CJK holds the
  // same ranges as CJK in src/render/search.rs (Han, Hiragana, Katakana; a test there keeps
  // them in step); NON_WORD is what the index cuts words at (Rust's char::is_alphanumeric).
  var CJK = /[\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303C\u3041-\u309F\u30A0-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{1AFF0}-\u{1B16F}\u{20000}-\u{3FFFF}]/u;
  var CJK_RUN = new RegExp(CJK.source + "+", "gu");
  var NON_WORD = /[^\p{Alphabetic}\p{N}]+/u;

  // Full-width and half-width forms as the index has them (fold_width in search.rs): ＩＳＭＳ is
  // isms, ｾｷｭﾘﾃｨ is セキュリティ. Then lower case, as the index.
  function normal(s) {
    return s.replace(/[\uFF00-\uFFEF]+/g, function (run) { return run.normalize("NFKC"); }).toLowerCase();
  }

  // The query's words, as typed; but a word with CJK characters is cut as the index cuts text:
  // at anything but letters and digits, then CJK runs into bigrams, so "ISMS基本方針" looks for
  // isms, 基本, 本方 and 方針. Other pieces of such a word need two characters, as in the index.
  // A lone CJK character may be either half of an indexed bigram: it is looked for anywhere
  // in the words (any), not only at their start.
  function tokens(q) {
    var out = [];
    q.split(/\s+/).forEach(function (word) {
      if (!word) return;
      if (!CJK.test(word)) { out.push({ t: word }); return; }
      word.split(NON_WORD).forEach(function (piece) {
        var at = 0, m;
        function other(text) { if (Array.from(text).length >= 2) out.push({ t: text }); }
        CJK_RUN.lastIndex = 0;
        while ((m = CJK_RUN.exec(piece))) {
          other(piece.slice(at, m.index));
          var chars = Array.from(m[0]);
          if (chars.length === 1) out.push({ t: m[0], any: true });
          for (var n = 0; n + 1 < chars.length; n++) out.push({ t: chars[n] + chars[n + 1] });
          at = m.index + m[0].length;
        }
        other(piece.slice(at));
      });
    });
    return out;
  }

  // Each entry's fields normalised once, not on every key press.
  var prepared = null;
  function entries() {
    if (!prepared || prepared.from !== window.ISMSBOOK_SEARCH) {
      prepared = {
        from: window.ISMSBOOK_SEARCH,
        list: window.ISMSBOOK_SEARCH.map(function (e) {
          var controls = normal(e.c);
          return { e: e, id: normal(e.i), title: normal(e.t), owner: normal(e.o), controls: controls, spaced: " " + controls + " ", words: " " + e.w };
        }),
      };
    }
    return prepared.list;
  }

  function score(p, tokens) {
    var total = 0;
    for (var n = 0; n < tokens.length; n++) {
      var t = tokens[n].t, s = 0;
      if (p.id === t) s += 100;
      else if (p.id.indexOf(t) >= 0) s += 40;
      if (p.title.indexOf(t) >= 0) s += 20;
      if (p.spaced.indexOf(" " + t + " ") >= 0) s += 30;
      else if (p.controls.indexOf(t) >= 0) s += 10;
      if (p.owner.indexOf(t) >= 0) s += 10;
      if (p.words.indexOf(tokens[n].any ? t : " " + t) >= 0) s += 2;
      if (s === 0) return 0;
      total += s;
    }
    return total;
  }

  // The interface language's words (assets/strings.js), English when a theme left it out.
  function say(key, english) {
    var s = window.ISMSBOOK_STRINGS;
    return (s && typeof s[key] === "string") ? s[key] : english;
  }
  // "3 results": the plural form by the page language's rules (one/other; others fall back).
  function count(n) {
    var form = "other";
    try { form = new Intl.PluralRules(document.documentElement.lang || "en").select(n); } catch (e) { /* old browser */ }
    var text = say("search-count-" + form, "") || say("search-count-other", n === 1 ? "{n} result" : "{n} results");
    return text.replace("{n}", String(n));
  }

  function show(items) {
    list.textContent = "";
    selected = -1;
    if (items === null) { list.hidden = true; return; }
    if (!items.length) {
      var none = document.createElement("li");
      none.className = "r-none";
      none.textContent = say("search-none", "No results");
      list.appendChild(none);
    }
    items.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = (root || "./") + e.u;
      var kind = document.createElement("span"); kind.className = "r-kind"; kind.textContent = e.k;
      var id = document.createElement("span"); id.className = "r-id"; id.textContent = e.i;
      var snip = document.createElement("span"); snip.className = "r-snip"; snip.textContent = e.s;
      a.appendChild(kind); a.appendChild(id); a.appendChild(document.createTextNode(e.t)); a.appendChild(snip);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
    status.textContent = items.length ? count(items.length) : say("search-none", "No results");
  }

  function run() {
    var q = normal(input.value.trim());
    if (!q) return show(null);
    load(function () {
      if (normal(input.value.trim()) !== q) return run();
      var ts = tokens(q);
      var hits = [];
      entries().forEach(function (p) {
        var s = score(p, ts);
        if (s > 0) hits.push([s, p.e]);
      });
      hits.sort(function (a, b) { return b[0] - a[0] || (a[1].i < b[1].i ? -1 : 1); });
      show(hits.slice(0, 20).map(function (h) { return h[1]; }));
    });
  }

  // Arrow keys move the focus through the result links themselves.
  function select(n) {
    var links = list.querySelectorAll("a");
    if (!links.length) return;
    selected = (n + links.length) % links.length;
    links[selected].focus();
  }

  // While an input method composes (Japanese, Chinese), the box holds unconverted kana or
  // pinyin: search once the text is committed, and leave Enter and Escape to the input method.
  function composing(ev) { return ev.isComposing || ev.keyCode === 229; }
  input.addEventListener("input", function (ev) { if (!ev.isComposing) run(); });
  input.addEventListener("compositionend", run);
  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("keydown", function (ev) {
    if (composing(ev)) return;
    if (ev.key === "ArrowDown") { ev.preventDefault(); select(selected + 1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); select(selected - 1); }
    else if (ev.key === "Escape") { input.value = ""; show(null); }
    else if (ev.key === "Enter") {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    }
  });
  list.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); select(selected + 1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); if (selected <= 0) { selected = -1; input.focus(); } else select(selected - 1); }
    else if (ev.key === "Escape") { input.focus(); show(null); }
  });
  input.form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target && ev.target.tagName) || "";
    if (ev.key === "/" && !ev.ctrlKey && !ev.metaKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(tag) && !ev.target.isContentEditable) {
      ev.preventDefault();
      input.focus();
    }
  });
  document.addEventListener("click", function (ev) {
    if (!input.form.contains(ev.target)) show(null);
  });
})();
