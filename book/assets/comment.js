/* The reviewers' comment layer (Hypothesis), loaded only when a reader asks for it: until the
   "Comment" button or a "comment on this target" link is used, no page asks another host for
   anything. */
(function () {
  "use strict";
  var LAYER = "https://hypothes.is/embed.js";
  var loaded = false;
  function words() {  // the page's language, from the catalogue (read once the page is parsed)
    var block = document.getElementById("tracker-words");
    return block ? JSON.parse(block.textContent) : {};
  }

  function load() {
    if (loaded) { return; }
    loaded = true;
    window.hypothesisConfig = function () { return { openSidebar: true }; };
    var script = document.createElement("script");
    script.src = LAYER;
    script.async = true;
    script.setAttribute("data-tracker", "comment-layer");
    document.head.appendChild(script);
    document.querySelectorAll(".comment-button").forEach(function (b) {
      b.setAttribute("aria-pressed", "true");
      b.textContent = words().comments_on;
    });
  }

  function button() {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn comment-button";
    b.textContent = words().comment;
    b.title = words().comment_title;
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", load);
    return b;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var bar = document.querySelector(".article-header-buttons") || document.querySelector("article") || document.body;
    bar.insertBefore(button(), bar.firstChild);
    document.querySelectorAll("a.comment-target").forEach(function (a) {
      a.addEventListener("click", function () { load(); });
    });
  });
})();
