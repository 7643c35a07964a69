/* The language switch keeps the reader's place: the link to the same page in the other language
   carries the target anchor the reader is at. On a page in another language than English, the
   old-edition banner drawn by the theme is given the page's words. */
(function () {
  "use strict";
  function words() {
    var block = document.getElementById("tracker-words");
    return block ? JSON.parse(block.textContent) : {};
  }

  function keepAnchor() {
    document.querySelectorAll("a.language-switch").forEach(function (a) {
      a.addEventListener("click", function () {
        if (window.location.hash) {
          a.href = a.href.split("#")[0] + window.location.hash;
        }
      });
    });
  }

  function translateBanner(w) {
    var banner = document.getElementById("bd-header-version-warning");
    if (!banner || (document.documentElement.lang || "en").slice(0, 2) === "en") { return; }
    var done = false;
    function apply() {
      var inner = banner.querySelector(".sidebar-message");
      if (!inner || done) { return; }
      done = true;
      var bold = inner.querySelector("strong");
      var link = inner.querySelector("a");
      var old = bold ? /\(([^)]*)\)/.exec(bold.textContent) : null;
      var first = inner.firstChild;
      if (first && first.nodeType === 3) { first.textContent = w.banner_intro; }
      if (bold) {
        bold.textContent = old ? w.banner_old.replace("{edition}", old[1]) : w.banner_unknown;
      }
      inner.childNodes.forEach(function (n) { if (n.nodeType === 3 && n.textContent === ".") { n.textContent = "。"; } });
      if (link) { link.textContent = w.banner_switch; }
    }
    new MutationObserver(apply).observe(banner, { childList: true, subtree: true });
    apply();
  }

  document.addEventListener("DOMContentLoaded", function () {
    keepAnchor();
    translateBanner(words());
  });
})();
