/* Say how many pages match when the search box lists only the best of them.

   The theme counts the results its search worker hands it; assets/briefing/search-worker.js
   hands it the best 10 and reports the whole count on the "briefing-search" channel. This script
   rewrites the theme's count line ("10 matching documents") to the true count while the query
   it belongs to is the one in the box. The text comes from the theme's own translation of
   "# matching documents", so it speaks the site's language. */
(function () {
  "use strict";
  var meta = document.querySelector(".md-search-result__meta");
  var input = document.querySelector(".md-search__input");
  var config = document.getElementById("__config");
  if (!meta || !input || !config || typeof BroadcastChannel !== "function") return;
  var template = "# matching documents";
  try {
    template = JSON.parse(config.textContent).translations["search.result.other"] || template;
  } catch (error) { /* keep the English default */ }
  var last = null;

  function apply() {
    if (!last || !(last.total > last.shown) || input.value !== last.query) return;
    var text = template.replace("#", last.total.toLocaleString()) + " (" + last.shown + " shown)";
    if (meta.textContent !== text) meta.textContent = text;
  }

  new BroadcastChannel("briefing-search").addEventListener("message", function (event) {
    last = event.data;
    apply();
  });
  new MutationObserver(apply).observe(meta, { childList: true, characterData: true, subtree: true });
})();
