/* The incident explorer: filters assets/briefing/explorer.json in the browser.

   Loaded by the explorer page (templates/explorer.md.j2), whose container names the data file,
   the site root and MkDocs' use_directory_urls in data attributes. The data's layout is
   documented in generator/render/explorer.py. Text from the data is untrusted (titles and names may hold
   markup), so every node is built with createElement and textContent, never innerHTML. The filter
   lives in the address (?actor=russia&from=2020-06-01...) with ids, not positions in the data,
   so a shared address still means the same filter after the data grows. */
(function () {
  "use strict";

  var PAGE_SIZE = 100;
  var FORMAT_VERSION = 3;
  var KEYS = ["actor", "place", "type", "tag", "source", "status", "reporting", "from", "to", "order"];
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  function start(root) {
    var app = root.querySelector(".briefing-explorer__app");
    var form = root.querySelector("form");
    var count = root.querySelector(".briefing-explorer__count");
    var notice = root.querySelector(".briefing-explorer__notice");
    var tbody = root.querySelector("tbody");
    var table = root.querySelector("table");
    var more = root.querySelector(".briefing-explorer__more");
    var directoryUrls = root.getAttribute("data-directory-urls") === "true";
    var siteRoot = new URL(root.getAttribute("data-root"), document.baseURI);
    var started = performance.now();
    var api = { ready: false, loadMs: null, lastFilterMs: null, applied: 0, matches: 0, total: 0 };
    window.briefingExplorer = api;
    app.hidden = false;

    fetch(new URL(root.getAttribute("data-src"), document.baseURI))
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (data.version !== FORMAT_VERSION) throw new Error("unknown data version " + data.version);
        setUp(data);
      })
      .catch(function (error) {
        count.textContent = "The incident data could not be loaded (" + error.message + ").";
        root.setAttribute("data-state", "error");
      });

    function setUp(data) {
      var col = {};
      data.fields.forEach(function (name, i) { col[name] = i; });
      var rows = data.incidents;
      var n = rows.length;
      // Columns pulled out once, so that the filter loop touches flat arrays only.
      var starts = new Array(n), ends = new Array(n), types = new Int32Array(n), places = new Int32Array(n);
      var actorsOf = new Array(n), tagsOf = new Array(n), sourcesOf = new Array(n);
      var statuses = new Int32Array(n), origins = new Int32Array(n);
      var statusCounts = new Int32Array(data.statuses.length), reportingCounts = { single: 0, several: 0, none: 0 };
      var actorCounts = new Int32Array(data.actors.length), tagCounts = new Int32Array(data.tags.length);
      var sourceCounts = new Int32Array(data.sources.length);
      var typeCounts = new Int32Array(data.types.length), placeCounts = new Int32Array(data.places.length);
      for (var i = 0; i < n; i++) {
        var row = rows[i];
        starts[i] = row[col.start];
        ends[i] = row[col.end];
        types[i] = row[col.type];
        places[i] = row[col.place] === null ? -1 : row[col.place];
        var ids = row[col.actors].map(function (pair) { return pair[0]; });
        actorsOf[i] = ids;
        tagsOf[i] = row[col.tags];
        sourcesOf[i] = row[col.sources];
        statuses[i] = row[col.status];
        origins[i] = row[col.origins];
        statusCounts[statuses[i]]++;
        reportingCounts[reporting(origins[i])]++;
        typeCounts[types[i]]++;
        ids.filter(function (a, k) { return ids.indexOf(a) === k; }).forEach(function (a) { actorCounts[a]++; });
        tagsOf[i].forEach(function (t) { tagCounts[t]++; });
        sourcesOf[i].forEach(function (k) { sourceCounts[k]++; });
        if (places[i] >= 0) {
          placeCounts[places[i]]++;
          data.places[places[i]][2].forEach(function (p) { placeCounts[p]++; });
        }
      }

      var lookup = {
        actor: index(data.actors), place: index(data.places), type: index(data.types),
        tag: index(data.tags.map(function (t) { return [t]; })), source: index(data.sources),
        status: index(data.statuses),
      };
      fill(form.elements.actor, groupedActors(data, actorCounts));
      fill(form.elements.place, [{
        options: data.places.map(function (p, k) {
          // Options cannot hold markup: the tree is drawn with no-break spaces.
          return [p[0], "\u00a0\u00a0\u00a0".repeat(p[2].length) + p[1] + " (" + number(placeCounts[k]) + ")"];
        }),
      }]);
      fill(form.elements.type, [{ options: data.types.map(function (t, k) { return [t[0], t[1] + " (" + number(typeCounts[k]) + ")"]; }) }]);
      fill(form.elements.tag, [{ options: data.tags.map(function (t, k) { return [t, t + " (" + number(tagCounts[k]) + ")"]; }) }]);
      fill(form.elements.source, [{ options: data.sources.map(function (c, k) { return [c[0], c[1] + " (" + number(sourceCounts[k]) + ")"]; }) }]);
      fill(form.elements.status, [{
        options: data.statuses
          .map(function (t, k) { return [t[0], t[1] + " (" + number(statusCounts[k]) + ")", statusCounts[k]]; })
          .filter(function (t) { return t[2] > 0; }),
      }]);
      fill(form.elements.reporting, [{ options: [
        ["single", "Single source (" + number(reportingCounts.single) + ")"],
        ["several", "Several independent sources (" + number(reportingCounts.several) + ")"],
        ["none", "No source cited (" + number(reportingCounts.none) + ")"],
      ] }]);
      if (n) {
        form.elements.from.min = form.elements.to.min = starts[0];
        form.elements.from.max = form.elements.to.max = ends.reduce(function (a, b) { return a > b ? a : b; });
      }

      var matches = [];
      var shown = 0;

      function state() {
        var s = {};
        KEYS.forEach(function (key) { s[key] = form.elements[key].value; });
        return s;
      }

      function apply() {
        var t0 = performance.now();
        var s = state();
        var actor = s.actor ? lookup.actor[s.actor] : -1;
        var type = s.type ? lookup.type[s.type] : -1;
        var tag = s.tag ? lookup.tag[s.tag] : -1;
        var source = s.source ? lookup.source[s.source] : -1;
        var status = s.status ? lookup.status[s.status] : -1;
        var wanted = s.reporting;
        var within = null;
        if (s.place) {
          // Which places lie inside the chosen one (or are it): one pass over the places.
          var chosen = lookup.place[s.place];
          within = new Uint8Array(data.places.length);
          data.places.forEach(function (p, k) { within[k] = k === chosen || p[2].indexOf(chosen) >= 0 ? 1 : 0; });
        }
        var from = DATE.test(s.from) ? s.from : "";
        var to = DATE.test(s.to) ? s.to : "";
        var found = [];
        for (var i = 0; i < n; i++) {
          if (type >= 0 && types[i] !== type) continue;
          if (within !== null && (places[i] < 0 || !within[places[i]])) continue;
          // Fuzzy dates match a range when any of their possible days falls inside it.
          if (from && ends[i] < from) continue;
          if (to && starts[i] > to) continue;
          if (actor >= 0 && actorsOf[i].indexOf(actor) < 0) continue;
          if (tag >= 0 && tagsOf[i].indexOf(tag) < 0) continue;
          if (source >= 0 && sourcesOf[i].indexOf(source) < 0) continue;
          if (status >= 0 && statuses[i] !== status) continue;
          if (wanted && reporting(origins[i]) !== wanted) continue;
          found.push(i);
        }
        if (s.order === "newest") found.reverse();
        matches = found;
        tbody.replaceChildren();
        shown = 0;
        showMore();
        count.textContent = number(found.length) + " of " + number(n) + " incident" + (n === 1 ? "" : "s");
        table.hidden = found.length === 0;
        remember(s);
        var ms = performance.now() - t0;
        api.lastFilterMs = ms;
        api.applied++;
        api.matches = found.length;
        form.setAttribute("data-filter-ms", ms.toFixed(2));
      }

      function showMore() {
        var fragment = document.createDocumentFragment();
        var end = Math.min(matches.length, shown + PAGE_SIZE);
        for (var k = shown; k < end; k++) fragment.appendChild(renderRow(rows[matches[k]]));
        tbody.appendChild(fragment);
        shown = end;
        var left = matches.length - shown;
        more.hidden = left <= 0;
        more.textContent = "Show " + Math.min(left, PAGE_SIZE) + " more (" + number(left) + " not shown)";
      }

      function renderRow(row) {
        var tr = document.createElement("tr");
        cell(tr, row[col.date]);
        var link = document.createElement("a");
        link.href = new URL(pageUrl(row[col.uri]), siteRoot).href;
        link.textContent = row[col.title];
        cell(tr, "").appendChild(link);
        cell(tr, row[col.place] === null ? "" : data.places[row[col.place]][1]);
        cell(tr, data.types[row[col.type]][1]);
        cell(tr, row[col.actors].map(function (pair) {
          return data.actors[pair[0]][1] + " (" + data.roles[pair[1]].toLowerCase() + ")";
        }).join(", "));
        // How far to trust the row: its status, and a marker when one origin (or none) stands behind it.
        var status = data.statuses[row[col.status]];
        var trust = cell(tr, "");
        trust.appendChild(badge(status[1], "briefing-badge--status", status[0]));
        trust.appendChild(document.createTextNode(" "));
        var origins = row[col.origins];
        if (origins === 1) trust.appendChild(badge("Single source", "briefing-badge--single"));
        else if (origins === 0) trust.appendChild(badge("No source", "briefing-badge--single"));
        else trust.appendChild(badge(number(origins) + " sources", "briefing-badge--sources"));
        return tr;
      }

      // The address is updated a moment after the last change, not on every change: each
      // replaceState is a round trip to the browser (often longer than the filtering itself),
      // and browsers ignore it when called hundreds of times in a few seconds.
      var pending = null, pendingAddress = "";
      function remember(s) {
        var query = new URLSearchParams();
        KEYS.forEach(function (key) { if (s[key]) query.set(key, s[key]); });
        var search = query.toString();
        pendingAddress = location.pathname + (search ? "?" + search : "") + location.hash;
        clearTimeout(pending);
        pending = setTimeout(flush, 200);
      }

      function flush() {
        if (pending === null) return;
        clearTimeout(pending);
        pending = null;
        if (pendingAddress !== location.pathname + location.search + location.hash) {
          history.replaceState(history.state, "", pendingAddress);
        }
      }
      window.addEventListener("pagehide", flush);

      // Restore the filter from the address; say so when it names what the data does not hold.
      var params = new URLSearchParams(location.search);
      var ignored = [];
      KEYS.forEach(function (key) {
        var value = params.get(key);
        if (value === null || value === "") return;
        var field = form.elements[key];
        var isDate = key === "from" || key === "to";
        if (!isDate || (DATE.test(value) && !isNaN(Date.parse(value)))) field.value = value;
        if (field.value !== value) {
          field.value = "";
          ignored.push(key + " \u201c" + value + "\u201d");
        }
      });
      if (ignored.length) {
        notice.textContent = "This address asks for " + ignored.join(", ") +
          ", which the data does not hold; that part of the filter was left out.";
        notice.hidden = false;
      }

      form.addEventListener("input", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
      form.addEventListener("reset", function (event) {
        event.preventDefault();
        KEYS.forEach(function (key) { form.elements[key].value = ""; });
        notice.hidden = true;
        apply();
      });
      more.addEventListener("click", showMore);
      Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
      api.total = n;
      apply();
      api.loadMs = performance.now() - started; // fetch, parse, lookups and the first view
      api.ready = true;
      root.setAttribute("data-state", "ready");
    }

    function pageUrl(uri) {
      // The same rule as generator/render/urls.py page_url: where MkDocs writes a docs-relative page.
      if (!/\.md$/.test(uri)) return uri;
      var stem = uri.slice(0, -3);
      if (!directoryUrls) return stem + ".html";
      if (stem === "index" || /\/index$/.test(stem)) return stem.slice(0, -5);
      return stem + "/";
    }
  }

  // How an incident's reporting counts for the "reporting" filter, by its independent origins.
  function reporting(count) {
    return count === 1 ? "single" : count === 0 ? "none" : "several";
  }

  function badge(text, modifier, status) {
    var span = document.createElement("span");
    span.className = "briefing-badge " + modifier;
    if (status) span.setAttribute("data-status", status);
    span.textContent = text;
    return span;
  }

  function number(value) {
    return value.toLocaleString(document.documentElement.lang || undefined);
  }

  function index(table) {
    var positions = Object.create(null);
    table.forEach(function (entry, k) { positions[entry[0]] = k; });
    return positions;
  }

  function groupedActors(data, counts) {
    var groups = [];
    var byKind = Object.create(null);
    data.actors.forEach(function (a, k) {
      if (!(a[2] in byKind)) {
        byKind[a[2]] = { label: data.actorKinds[a[2]] || a[2], options: [] };
        groups.push(byKind[a[2]]);
      }
      byKind[a[2]].options.push([a[0], a[1] + " (" + number(counts[k]) + ")"]);
    });
    groups.sort(function (x, y) { return x.label < y.label ? -1 : x.label > y.label ? 1 : 0; });
    return groups;
  }

  function fill(select, groups) {
    var fragment = document.createDocumentFragment();
    groups.forEach(function (group) {
      var parent = fragment;
      if (group.label) {
        parent = document.createElement("optgroup");
        parent.label = group.label;
        fragment.appendChild(parent);
      }
      group.options.forEach(function (pair) { parent.appendChild(new Option(pair[1], pair[0])); });
    });
    select.appendChild(fragment);
  }

  function cell(tr, text) {
    var td = document.createElement("td");
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  var roots = document.querySelectorAll(".briefing-explorer");
  for (var r = 0; r < roots.length; r++) {
    if (!roots[r].hasAttribute("data-state")) {
      roots[r].setAttribute("data-state", "loading");
      start(roots[r]);
    }
  }
})();
