/* The incident explorer: filters assets/briefing/explorer.json in the browser.

   Loaded by the explorer page (templates/explorer.md.j2), whose container names the data file,
   the site root and MkDocs' use_directory_urls in data attributes. The data's layout is
   documented in generator/render/explorer.py. Text from the data is untrusted (titles and names may hold
   markup), so every node is built with createElement and textContent, never innerHTML. The filter
   lives in the address (?actor=russia&from=2020-06-01...) with ids, not positions in the data,
   so a shared address still means the same filter after the data grows; the map page links here
   with the same names, so they do not change. Matches are shown a page of PAGE_SIZE rows at a
   time, so the page stays as fast at 10,000 matches as at ten. Downloads are made here from the
   matches: the columns, and the spreadsheet rule that keeps a CSV cell from running as a formula,
   come from the data file (generator/formats/spreadsheet.py), so there is one rule, not two. */
(function () {
  "use strict";

  var PAGE_SIZE = 100;
  var FORMAT_VERSION = 4;
  var KEYS = ["actor", "place", "type", "tag", "source", "status", "reporting", "from", "to", "order"];
  var DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

  function start(root) {
    var app = root.querySelector(".briefing-explorer__app");
    var form = root.querySelector("form");
    var count = root.querySelector(".briefing-explorer__count");
    var notice = root.querySelector(".briefing-explorer__notice");
    var tbody = root.querySelector("tbody");
    var table = root.querySelector("table");
    var pager = root.querySelector(".briefing-explorer__pager");
    var previous = root.querySelector(".briefing-explorer__previous");
    var next = root.querySelector(".briefing-explorer__next");
    var pageLabel = root.querySelector(".briefing-explorer__page");
    var downloads = root.querySelectorAll(".briefing-explorer__download");
    var directoryUrls = root.getAttribute("data-directory-urls") === "true";
    var siteRoot = new URL(root.getAttribute("data-root"), document.baseURI);
    // The folder of the site's root page, to which page paths are appended as text: parsing a
    // URL per link is a measurable part of drawing a page of rows.
    var siteFolder = new URL(".", siteRoot).href;
    var started = performance.now();
    var mapLink = document.createElement("a");
    mapLink.className = "briefing-explorer__map";
    mapLink.textContent = "Show this selection on the map";
    count.parentNode.insertBefore(mapLink, count.nextSibling);
    var api = { ready: false, loadMs: null, lastFilterMs: null, applied: 0, matches: 0, total: 0, page: 0, pages: 0 };
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
      var statuses = new Int32Array(n), origins = new Int32Array(n), deaths = new Float64Array(n);
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
        deaths[i] = row[col.fatalities] === null ? -1 : row[col.fatalities];
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
      // Only what some incident has is offered, each with how many incidents have it.
      fill(form.elements.place, [{
        options: counted(data.places, placeCounts, function (p) {
          // Options cannot hold markup: the tree is drawn with no-break spaces.
          return [p[0], "\u00a0\u00a0\u00a0".repeat(p[2].length) + p[1]];
        }),
      }]);
      fill(form.elements.type, [{ options: counted(data.types, typeCounts, function (t) { return [t[0], t[1]]; }) }]);
      fill(form.elements.tag, [{ options: counted(data.tags, tagCounts, function (t) { return [t, t]; }) }]);
      fill(form.elements.source, [{ options: counted(data.sources, sourceCounts, function (c) { return [c[0], c[1]]; }) }]);
      fill(form.elements.status, [{ options: counted(data.statuses, statusCounts, function (t) { return [t[0], t[1]]; }) }]);
      fill(form.elements.reporting, [{ options: counted([
        ["single", "Single source"],
        ["several", "Several independent sources"],
        ["none", "No source cited"],
      ], [reportingCounts.single, reportingCounts.several, reportingCounts.none], function (t) { return t; }) }]);

      // Sorting by place: each place's rank in name order, computed once.
      var placeRank = new Int32Array(data.places.length);
      data.places
        .map(function (p, k) { return [p[1].toLocaleLowerCase(), p[0], k]; })
        .sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; })
        .forEach(function (entry, rank) { placeRank[entry[2]] = rank; });

      var matches = [];
      var page = 0;

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
        var from = day(s.from, false);
        var to = day(s.to, true);
        markDate(form.elements.from, from);
        markDate(form.elements.to, to);
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
        sort(found, s.order);
        matches = found;
        page = 0;
        showPage();
        count.textContent = number(found.length) + " of " + number(n) + " incident" + (n === 1 ? "" : "s");
        downloads.forEach(function (button) { button.disabled = found.length === 0; });
        remember(s);
        var ms = performance.now() - t0;
        api.lastFilterMs = ms;
        api.applied++;
        api.matches = found.length;
        form.setAttribute("data-filter-ms", ms.toFixed(2));
      }

      // Rows stay in timeline order (their position in the data) within equal keys.
      function sort(found, order) {
        if (order === "newest") found.reverse();
        else if (order === "fatalities") {
          // Most deaths first; incidents without a figure last, as "not reported" is not "none".
          found.sort(function (a, b) { return deaths[b] - deaths[a] || a - b; });
        } else if (order === "place") {
          found.sort(function (a, b) {
            var pa = places[a] < 0 ? 1e9 : placeRank[places[a]], pb = places[b] < 0 ? 1e9 : placeRank[places[b]];
            return pa - pb || a - b;
          });
        }
      }

      function showPage() {
        var pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
        page = Math.min(Math.max(page, 0), pages - 1);
        var first = page * PAGE_SIZE, end = Math.min(matches.length, first + PAGE_SIZE);
        var fragment = document.createDocumentFragment();
        for (var k = first; k < end; k++) fragment.appendChild(renderRow(rows[matches[k]]));
        tbody.replaceChildren(fragment);
        table.hidden = matches.length === 0;
        pager.hidden = pages < 2;
        previous.disabled = page === 0;
        next.disabled = page >= pages - 1;
        pageLabel.textContent = matches.length ? "Incidents " + number(first + 1) + "\u2013" + number(end) + " of " +
          number(matches.length) + " (page " + number(page + 1) + " of " + number(pages) + ")" : "";
        api.page = page + 1;
        api.pages = pages;
      }

      function turn(step) {
        var t0 = performance.now();
        page += step;
        showPage();
        // The reader is at the pager below the table: bring the new page's first rows into view.
        var top = table.getBoundingClientRect().top;
        if (top < 0) table.scrollIntoView({ block: "start" });
        api.lastPageMs = performance.now() - t0;
      }

      function renderRow(row) {
        var tr = document.createElement("tr");
        cell(tr, row[col.date]);
        // The title, and under it who took part: six columns fit a laptop's column and a phone's scroll.
        var what = cell(tr, "");
        what.appendChild(anchor(row[col.uri], row[col.title]));
        var who = row[col.actors].map(function (pair) {
          return data.actors[pair[0]][1] + " (" + data.roles[pair[1]].toLowerCase() + ")";
        }).join(", ");
        if (who) {
          var people = document.createElement("span");
          people.className = "briefing-explorer__actors";
          people.textContent = who;
          what.appendChild(people);
        }
        var where = cell(tr, "");
        if (row[col.place] !== null) {
          var place = data.places[row[col.place]];
          where.appendChild(anchor(place[3], place[1]));
        }
        var type = data.types[row[col.type]];
        var kind = cell(tr, "");
        var swatch = document.createElement("span");
        swatch.className = "briefing-explorer__swatch bp-type--" + type[0];
        swatch.setAttribute("aria-hidden", "true");
        kind.appendChild(swatch);
        // "Explosions/Remote violence" may wrap after the slash rather than inside a word.
        kind.appendChild(document.createTextNode(type[1].replace(/\//g, "/\u200b")));
        var killed = cell(tr, row[col.fatalities] === null ? "not reported" : number(row[col.fatalities]));
        killed.className = row[col.fatalities] === null ? "briefing-explorer__unknown" : "briefing-explorer__number";
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

      function anchor(uri, text) {
        var link = document.createElement("a");
        link.href = siteFolder + pageUrl(uri);
        link.textContent = text;
        return link;
      }

      // --- downloads: the matches, in the order shown ------------------------------------------

      var rule = data.download;
      var number_ = new RegExp("^(?:" + rule.number + ")$");

      // generator/formats/spreadsheet.py escape(): a text cell a spreadsheet would run as a
      // formula gets a single quote in front; plain numbers are left alone.
      function spreadsheetCell(text) {
        var bare = text.replace(/^'+/, "");
        var risky = bare.length > 0 && rule.triggers.indexOf(bare.charAt(0)) >= 0 && !number_.test(text);
        return risky ? "'" + text : text;
      }

      // generator/exports/common.py _csv_cell(): RFC 4180 quoting.
      function csvCell(text) {
        return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
      }

      function isoDate(row) {
        // generator/model/dates.py FuzzyDate.iso: the date as the YAML writes it.
        var precision = data.precisions[row[col.precision]], start = row[col.start];
        if (precision === "year") return start.slice(0, 4);
        if (precision === "month") return start.slice(0, 7);
        if (precision === "day") return start;
        return start + "/" + row[col.end];
      }

      function degrees(value) {
        // As Python writes a float: 36 as "36.0".
        return Number.isInteger(value) ? value.toFixed(1) : String(value);
      }

      function values(row) {
        var place = row[col.place] === null ? null : data.places[row[col.place]];
        var hasPoint = row[col.lat] !== null;
        var anchorPlace = row[col.anchor] === null ? null : data.places[row[col.anchor]];
        var uri = row[col.uri];
        return {
          id: uri.slice(uri.lastIndexOf("/") + 1, -3),
          title: row[col.title],
          date: isoDate(row),
          date_start: row[col.start],
          date_end: row[col.end],
          date_precision: data.precisions[row[col.precision]],
          date_approximate: row[col.approximate] === 1,
          date_text: row[col.date],
          event_type: data.types[row[col.type]][0],
          event_type_label: data.types[row[col.type]][1],
          place: place ? place[0] : null,
          place_name: place ? place[1] : null,
          latitude: hasPoint ? row[col.lat] : null,
          longitude: hasPoint ? row[col.lon] : null,
          point: hasPoint ? (anchorPlace ? "place" : "incident") : null,
          point_place: anchorPlace ? anchorPlace[0] : null,
          fatalities_best: row[col.fatalities],
          status: data.statuses[row[col.status]][0],
          independent_sources: row[col.origins],
          url: siteFolder + pageUrl(uri),
        };
      }

      function csvText(found) {
        var columns = rule.csv;
        var lines = [columns.map(csvCell).join(",")];
        found.forEach(function (i) {
          var v = values(rows[i]);
          lines.push(columns.map(function (name) {
            var value;
            if (name === "latitude" || name === "longitude") value = v[name] === null ? "" : degrees(v[name]);
            else if (name === "point_from") value = v.point === null ? "" : v.point_place ? "place:" + v.point_place : "incident";
            else if (name === "date_approximate") value = v[name] ? "true" : "false";
            else if (!(name in v)) throw new Error("unknown CSV column " + name);
            else value = v[name] === null ? "" : String(v[name]);
            return csvCell(spreadsheetCell(value));
          }).join(","));
        });
        return lines.join("\n") + "\n";
      }

      function geojsonText(found) {
        var features = [], leftOut = [];
        found.forEach(function (i) {
          var v = values(rows[i]);
          if (v.latitude === null) {
            leftOut.push(v.id);
            return;
          }
          var properties = {};
          rule.geojson.forEach(function (name) {
            if (name === "point_from") properties[name] = v.point;
            else if (!(name in v)) throw new Error("unknown GeoJSON property " + name);
            else properties[name] = v[name];
          });
          features.push({ type: "Feature", id: v.id, geometry: { type: "Point", coordinates: [v.longitude, v.latitude] }, properties: properties });
        });
        var selection = new URLSearchParams();
        var s = state();
        KEYS.forEach(function (key) { if (s[key]) selection.set(key, s[key]); });
        return JSON.stringify({
          type: "FeatureCollection",
          metadata: {
            selection: selection.toString(),
            incidents: found.length,
            features: features.length,
            without_coordinates: leftOut.length,
            left_out: leftOut,
          },
          features: features,
        }) + "\n";
      }

      function download(format) {
        var text = format === "csv" ? csvText(matches) : geojsonText(matches);
        var type = format === "csv" ? "text/csv;charset=utf-8" : "application/geo+json";
        var url = URL.createObjectURL(new Blob([text], { type: type }));
        var link = document.createElement("a");
        link.href = url;
        link.download = "incidents-selection." + format;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      }

      api.csvCell = function (text) { return csvCell(spreadsheetCell(text)); };
      api.csv = function () { return csvText(matches); };

      // The address is updated a moment after the last change, not on every change: each
      // replaceState is a round trip to the browser (often longer than the filtering itself),
      // and browsers ignore it when called hundreds of times in a few seconds.
      var pending = null, pendingAddress = "";
      function remember(s) {
        var query = new URLSearchParams();
        KEYS.forEach(function (key) {
          // A date still being typed ("2020-0") stays out of the address until it is one.
          if (s[key] && !((key === "from" || key === "to") && day(s[key], false) === null)) query.set(key, s[key]);
        });
        var search = query.toString();
        // The map (generator/render/static/map.js) reads the same parameters: the selection there.
        mapLink.href = new URL(pageUrl("map.md"), siteRoot).pathname + (search ? "?" + search : "");
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
        if (!isDate || day(value, false) !== null) field.value = value;
        if (field.value !== value) {
          field.value = "";
          ignored.push(key + " \u201c" + value + "\u201d");
        }
      });
      if (ignored.length) {
        notice.textContent = "This address asks for " + ignored.join(", ") +
          ", which no incident in the data has; that part of the filter was left out.";
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
      previous.addEventListener("click", function () { turn(-1); });
      next.addEventListener("click", function () { turn(1); });
      downloads.forEach(function (button) {
        button.addEventListener("click", function () { download(button.getAttribute("data-format")); });
      });
      Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
      downloads.forEach(function (button) { button.disabled = false; });
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

  // A typed date as the first (or, with `last`, the last) day it can mean: "2020" is 2020-01-01 or
  // 2020-12-31, "2020-06" 2020-06-01 or 2020-06-30. "" when empty, null when it is no date.
  function day(text, last) {
    var value = text.trim();
    if (!value) return "";
    var m = DATE.exec(value);
    if (!m) return null;
    var year = +m[1], month = m[2] ? +m[2] : last ? 12 : 1;
    if (month < 1 || month > 12) return null;
    var length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    var date = m[3] ? +m[3] : last ? length : 1;
    if (date < 1 || date > length) return null;
    return m[1] + "-" + pad(month) + "-" + pad(date);
  }

  function pad(value) {
    return (value < 10 ? "0" : "") + value;
  }

  // A date box that holds no date says so (and is left out of the filter) until it does.
  function markDate(field, value) {
    if (value === null) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
  }

  // [value, label (count)] of each entry some incident has.
  function counted(table, counts, pair) {
    var options = [];
    table.forEach(function (entry, k) {
      if (counts[k] > 0) {
        var p = pair(entry);
        options.push([p[0], p[1] + " (" + number(counts[k]) + ")"]);
      }
    });
    return options;
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

  // One formatter for the page: toLocaleString(lang) builds a new one on every call, which a page
  // of rows pays for hundreds of times.
  var numbers = null;
  function number(value) {
    if (numbers === null) {
      try {
        numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
      } catch (error) {
        numbers = new Intl.NumberFormat();
      }
    }
    return numbers.format(value);
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
      if (counts[k] > 0) byKind[a[2]].options.push([a[0], a[1] + " (" + number(counts[k]) + ")"]);
    });
    groups.sort(function (x, y) { return x.label < y.label ? -1 : x.label > y.label ? 1 : 0; });
    return groups.filter(function (group) { return group.options.length > 0; });
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

  // Each cell carries its column's name, which a phone shows above the value when the rows become
  // cards (explorer.css).
  var LABELS = ["When", "Incident", "Where", "Type", "Fatalities", "Status and sources"];

  function cell(tr, text) {
    var td = document.createElement("td");
    td.setAttribute("data-label", LABELS[tr.children.length] || "");
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
