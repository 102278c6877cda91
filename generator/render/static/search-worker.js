/* The theme's search box, answered from the site's Pagefind index.

   mkdocs-material runs its search in a web worker whose address the page names in its
   configuration; the briefing plugin points that address here (generator/emit/plugin.py). This
   worker speaks the theme's message protocol, so the theme's own search dialog, keyboard
   handling, result list and styles stay as they are, and answers queries with Pagefind
   (pagefind/pagefind.js, built by the plugin from generator/render/search.py's documents), which
   loads only the index chunks a query needs instead of one file holding the whole site.

   Protocol (mkdocs-material 9): the page sends {type: 0, data: {config, docs, options}} when the
   search opens and this worker answers {type: 1}; then each {type: 2, data: query} gets
   {type: 3, data: {items}}, where an item is a list of documents {location, title, text, score,
   terms}, the first one the page itself. The page inserts title and text as HTML: titles are
   escaped here, and Pagefind's excerpts are escaped text with <mark> around the matches. A note
   with the number of matches goes to search.js on the "briefing-search" channel, since the
   theme counts only the results it is given. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
// Results loaded and listed per query (the theme lists ten before the reader scrolls); each needs
// its own fragment file, so no more are fetched than are shown. The total is reported beside them.
var SHOWN = 10;
// A query matching most of a large site takes Pagefind half a second or more, and the theme sends
// one per keystroke ("s", "sy", "syr"...). Only the newest query is searched: a keystroke waits
// this long for the next one, and a query whose turn comes after a newer one arrived is skipped.
var SETTLE_MS = 60;
var pagefind = null;
var latest = 0;
var turns = Promise.resolve();  // searches run one after another, never side by side
var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("briefing-search") : null;

function load() {
  if (pagefind === null) {
    // This script is published as assets/briefing/search-worker.js; the index sits in pagefind/.
    // A large site's index is split into shards (generator/emit/pagefind.py), named by
    // shards.json and merged into the first: Pagefind ranks a word held by many pages in time
    // that grows with the square of their number within one index, but only linearly over shards.
    var base = new URL("../../pagefind/", self.location.href);
    var shards = fetch(new URL("shards.json", base).href, { cache: "no-cache" })
      .then(function (response) {
        if (response.status === 404) return { shards: [] };  // an index of one piece
        if (!response.ok) throw new Error("pagefind/shards.json: HTTP " + response.status);
        return response.json();
      })
      .then(function (manifest) { return manifest.shards || []; });
    pagefind = Promise.all([import(new URL("pagefind.js", base).href), shards]).then(function (loaded) {
      // A fresh instance per attempt: a failed shard leaves nothing half-merged behind for the retry.
      var instance = loaded[0].createInstance({ baseUrl: "/", excerptLength: 24 });
      return instance.init().then(function () {
        return Promise.all(loaded[1].map(function (name) {
          return instance.mergeIndex(new URL(name + "/", base).href, { baseUrl: "/" });
        }));
      }).then(function () {
        return instance;
      });
    });
    pagefind.catch(function () { pagefind = null; });  // a failed load is retried by the next query
  }
  return pagefind;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function relative(url) {
  // Pagefind's URLs start at the site root ("/incidents/x/"); the theme resolves them against
  // the site's base, so they become relative and the site works under any path.
  return url.replace(/^\/+/, "");
}

function termsOf(query) {
  // Every word of the query counts as found (Pagefind only returns pages that have them all);
  // the theme puts them in the result's link so that the page it opens highlights them.
  var terms = {};
  query.split(/\s+/).forEach(function (word) { if (word) terms[word] = true; });
  return terms;
}

function item(data, score, terms) {
  var page = {
    location: relative(data.url),
    title: escape((data.meta && data.meta.title) || data.url),
    text: data.excerpt || "",
    score: score,
    terms: terms
  };
  var sections = (data.sub_results || [])
    .filter(function (sub) { return sub.url !== data.url && sub.url.indexOf("#") !== -1; })
    .slice(0, 3)
    .map(function (sub) {
      return { location: relative(sub.url), title: escape(sub.title), text: sub.excerpt || "", score: score / 2, terms: terms };
    });
  return [page].concat(sections);
}

function settle(id) {
  return new Promise(function (resolve) { setTimeout(function () { resolve(id === latest); }, SETTLE_MS); });
}

function preload(query) {
  // The index chunks holding the query's words load while the keystroke settles (a prefix of the
  // word the reader is typing mostly sits in the same chunk); a one-letter prefix is left alone,
  // since the words it begins span many chunks.
  if (query.trim().length < 2) return;
  load().then(function (module) { return module.preload(query); }).catch(function () {});
}

function answer(query, id) {
  if (!query.trim()) return Promise.resolve({ items: [], total: 0 });
  preload(query);
  var before = turns;  // the search asked for last; this one starts when that one has ended
  var turn = settle(id).then(function (newest) {
    if (!newest) return null;
    return before.then(function () {
      if (id !== latest) return null;  // a newer query came while the last search ran
      return load().then(function (module) { return module.search(query); });
    });
  });
  turns = turn.catch(function () {});
  return turn.then(function (search) {
    if (id !== latest || search === null) return null;  // a newer query is on its way
    var results = search.results;
    return Promise.all(results.slice(0, SHOWN).map(function (result) { return result.data(); }))
      .then(function (pages) {
        if (id !== latest) return null;
        var terms = termsOf(query);
        var items = pages.map(function (data, i) { return item(data, results[i].score || 1 / (i + 1), terms); });
        return { items: items, total: results.length };
      });
  });
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type === SETUP) {
    load();  // start fetching the index's entry files while the reader types
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var query = String(message.data || "");
    var id = ++latest;
    answer(query, id).then(function (result) {
      if (result === null) return;
      self.postMessage({ type: RESULT, data: { items: result.items } });
      if (channel) channel.postMessage({ query: query, shown: result.items.length, total: result.total });
    }).catch(function (error) {
      self.postMessage({ type: RESULT, data: { items: [] } });
      if (channel) channel.postMessage({ query: query, error: String(error && error.message || error) });
    });
  }
});
