/* The briefing map: places and incidents on an offline Leaflet map with Natural Earth outlines.
 *
 * Each `.briefing-map` element holds either its data (a <script type="application/json">, on
 * incident and place pages) or the address of it (data-src, the overview's map-data.json made
 * by generator/render/mapdata.py); a place page with very many incidents holds both: the ids of its
 * places (`within`) and the address, and draws the items of the overview's data at those places.
 * Items carry docs-relative page paths ("incidents/x.md"), which
 * pageUrl() turns into built-site URLs the way generator/render/urls.py does, relative to data-root.
 * Nothing is requested from another host: the outlines are the vendored countries-50m.json.
 *
 * Thousands of incidents: points are clustered with the vendored Supercluster, and only what is
 * in view is drawn. A cluster is a numbered disc that stands for the incidents close together
 * at the current zoom (selecting it zooms in, or lists them where they share one spot); it is
 * never one incident's position.
 *
 * Location precision is drawn as the codebooks define it, from what generator/render/mapdata.py
 * puts in each item, and clustering keeps to it: "exact" is a filled mark; "near" a hollow mark
 * with a dashed circle of the item's `radius` (UCDP's where_prec 2: about 25 km), drawn whenever
 * the incident is out of a cluster; an event known only to a country (`area`, its ISO numeric
 * code) is that country's outline, dotted, and is never clustered into a point; an event known
 * only to a smaller area (`listed`) is not drawn, since no source gives its size, and the list
 * under the map names it. A place is a ring, shown where it does not crowd others.
 *
 * A mark's colour and shape are its event type's, from the palette in the data
 * (generator/render/palette.py); its size grows with the fatalities (best estimate). The
 * overview filters by event type, actor and dates with the explorer's URL parameters
 * (generator/render/static/explorer.js): ?type=battles&actor=russia&from=2020-06-01&to=...; other
 * explorer parameters are kept for the link back. Text from data goes into the page as text
 * (textContent, setAttribute), never as HTML.
 */
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const SHAPE_LEGEND = {
    cluster: "Numbered disc: that many incidents close together; select it to zoom in",
    place: "Place (ring): links to the place's page",
    exact: "Incident at this exact point (filled)",
    near: "Incident near this point (hollow, in a dashed circle)",
    area: "Incident known only to a country (its outline, dotted)",
    listed: "Known only to a region: listed under the map, not drawn",
  };
  const PRECISION_WORDS = { exact: "at", near: "near", region: "somewhere in" };
  const FILTER_KEYS = ["type", "actor", "from", "to"];  // the explorer's names for the same filters
  const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;  // a year, a month or a day, as in the explorer
  const LABELLED_SPOTS = 40;  // up to this many places in view, each gets a permanent name label
  const POPUP_ENTRIES = 20;
  const FIT_MAX_ZOOM = 8;
  const MAX_ZOOM = 12;
  const CLUSTER_RADIUS = 56;  // pixels within which points join a cluster: wider than the widest disc
  const PLACE_RADIUS = 28;  // pixels within which a place ring would crowd another: only one is shown
  const SIZE_STEPS = [1, 10, 100];  // fatalities shown in the key

  let world = null;  // one fetch of the outlines per page, shared by its maps
  let orientation = null;  // and of the orientation layers
  const TOWN_LABELS = 30;  // at most this many town names at once, the most populous first
  const TOWN_ZOOM = 6;  // towns are named from this zoom on

  /** The site path of a docs-relative file, as generator/render/urls.py page_url computes it. */
  function pageUrl(uri, directoryUrls) {
    if (!uri.endsWith(".md")) return uri;
    const stem = uri.slice(0, -3);
    if (!directoryUrls) return stem + ".html";
    if (stem === "index" || stem.endsWith("/index")) return stem.slice(0, -"index".length);
    return stem + "/";
  }

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgEl(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    return node;
  }

  function number(value) {
    return value.toLocaleString("en-GB");
  }

  function plural(count, word) {
    return number(count) + " " + word + (count === 1 ? "" : "s");
  }

  function cssVar(root, name, fallback) {
    return getComputedStyle(root).getPropertyValue(name).trim() || fallback;
  }

  /** A typed date as its first day (or, with `last`, its last): "2020" is 2020-01-01 or 2020-12-31;
      "" stays ""; what is not a date is null. The explorer reads its date boxes the same way. */
  function day(text, last) {
    const value = text.trim();
    if (!value) return "";
    const m = DATE.exec(value);
    if (!m) return null;
    const pad = (n) => (n < 10 ? "0" : "") + n;
    const year = Number(m[1]);
    const month = m[2] ? Number(m[2]) : last ? 12 : 1;
    if (month < 1 || month > 12) return null;
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const date = m[3] ? Number(m[3]) : last ? length : 1;
    if (date < 1 || date > length) return null;
    return m[1] + "-" + pad(month) + "-" + pad(date);
  }

  /** The mark's radius in pixels for a number of people killed: area grows with the number. */
  function sizeOf(fatalities) {
    return Math.min(22, 5 + 1.7 * Math.sqrt(fatalities || 0));
  }

  function killedText(item) {
    if (item.fatalities === undefined || item.fatalities === null) return "fatalities not reported";
    if (item.fatalities === 0) return "no one reported killed";
    return number(item.fatalities) + (item.fatalities === 1 ? " person" : " people") + " killed";
  }

  /** Where, how precisely: "near Derik", "in Qasir Dib, somewhere in Eastern Syria". */
  function whereText(item) {
    const words = PRECISION_WORDS[item.precision] + " " + item.where;
    return item.place && item.place !== item.where ? "in " + item.place + ", drawn " + words : words;
  }

  function entryText(entry, types) {
    const item = entry.item;
    if (entry.isPlace) return item.kind + " · " + plural(item.count, "incident") + " here or inside it";
    return item.date + " · " + (types[item.type] || item.type) + " · " + killedText(item) + " · " + whereText(item);
  }

  function loadWorld(url) {
    if (!world) {
      world = fetch(url).then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }
    return world;
  }

  function loadOrientation(url) {
    if (!orientation) {
      orientation = url ? fetch(url).then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }) : Promise.resolve({ admin1: [], rivers: [], towns: [] });
    }
    return orientation;
  }

  /** Delta-encoded lines (hundredths of a degree, generator/render/orientation.py) as Leaflet lat/lngs. */
  function decodeLines(lines) {
    return lines.map((flat) => {
      let x = 0, y = 0;
      const points = [];
      for (let i = 0; i < flat.length; i += 2) {
        x += flat[i];
        y += flat[i + 1];
        points.push([y / 100, x / 100]);
      }
      return points;
    });
  }

  /** Governorate boundaries, rivers and town dots under the data; town names where there is room. */
  function drawOrientation(map, layers, labels) {
    const renderer = L.svg({ pane: "briefingOrientation", padding: 0.3 });
    const quiet = { pane: "briefingOrientation", renderer, interactive: false };
    if (layers.rivers.length) {
      L.polyline(decodeLines(layers.rivers), Object.assign({ className: "briefing-map__river", weight: 1.2 }, quiet)).addTo(map);
    }
    if (layers.admin1.length) {
      L.polyline(decodeLines(layers.admin1), Object.assign({ className: "briefing-map__admin1", weight: 0.9, dashArray: "4 3" }, quiet)).addTo(map);
    }
    const towns = layers.towns.map(([name, lat, lon]) => ({ name, latlng: L.latLng(lat, lon), dot: null, tip: null }));
    const place = () => {
      const view = map.getBounds();
      const show = map.getZoom() >= TOWN_ZOOM;
      let named = 0;
      for (const town of towns) {
        const inView = show && view.contains(town.latlng);
        if (inView && !town.dot) {
          town.dot = L.circleMarker(town.latlng, Object.assign({ className: "briefing-map__town", radius: 2, weight: 1, fillOpacity: 1 }, quiet)).addTo(map);
        } else if (!inView && town.dot) {
          map.removeLayer(town.dot);
          town.dot = null;
        }
        const wantsName = inView && named < TOWN_LABELS;
        if (wantsName) named++;
        if (wantsName && !town.tip) {
          town.tip = label(map, town.latlng, town.name, "briefing-map__townname", "right", 1);
          labels.push(town.tip);
        } else if (!wantsName && town.tip) {
          map.removeLayer(town.tip);
          labels.splice(labels.indexOf(town.tip), 1);
          town.tip = null;
        }
      }
    };
    map.on("moveend", place);
    place();
  }

  /** The event types' looks, from the palette in the data: {colour, shape, d}. */
  function looks(data) {
    const palette = data.palette;
    const shapes = data.shapes;
    const of = (type) => {
      const found = palette.types[type];
      const [colour, shape] = found ? [found[1], found[2]] : palette.other;
      return { colour, shape, d: shapes[shape] || shapes.circle || "" };
    };
    return of;
  }

  /** A mark's symbol: the type's shape in its colour, `radius` pixels, hollow and dashed when near. */
  function symbol(style, radius, near, extra) {
    const box = Math.ceil(radius * 2.7 + 4);
    const half = box / 2;
    const svg = svgEl("svg", { viewBox: -half + " " + -half + " " + box + " " + box, width: box, height: box, "aria-hidden": "true", focusable: "false" });
    const path = svgEl("path", Object.assign({
      d: style.d, transform: "scale(" + radius.toFixed(2) + ")", fill: style.colour,
      "fill-opacity": near ? "0.35" : "0.95", "vector-effect": "non-scaling-stroke",
    }, extra || {}));
    if (near) path.setAttribute("stroke-dasharray", "3 2");
    svg.append(path);
    return { svg, box };
  }

  function legend(data, typeLook, present) {
    const types = data.types || {};
    const box = el("div", { class: "briefing-map__legend" });
    box.append(el("p", { class: "briefing-map__legend-title" }, "Key"));
    const list = el("ul", { "aria-label": "Map key" });
    const row = (className, graphic, text) => {
      const li = el("li", { class: "briefing-map__key " + className });
      li.append(graphic, el("span", {}, text));
      list.append(li);
    };
    const circle = (r) => {
      const svg = svgEl("svg", { viewBox: "0 0 28 18", width: "28", height: "18", "aria-hidden": "true", focusable: "false" });
      svg.append(svgEl("circle", { cx: 14, cy: 9, r }));
      return svg;
    };
    const words = Object.assign({}, SHAPE_LEGEND, data.key || {});
    for (const shape of ["cluster", "place", "exact", "near", "area", "listed"]) {
      if (!present.has(shape)) continue;
      if (shape === "exact") {
        row("briefing-map__key--exact", symbol({ colour: "currentColor", d: data.shapes.circle || "" }, 5.5, false).svg, words.exact);
      } else if (shape === "near") {
        // a hollow mark in its dashed circle, as drawn on the map
        const svg = circle(8);
        svg.firstChild.setAttribute("class", "briefing-map__key-extent");
        svg.append(svgEl("path", { d: data.shapes.circle || "", transform: "translate(14 9) scale(3.5)", fill: "currentColor", "fill-opacity": "0.35", "vector-effect": "non-scaling-stroke", "stroke-dasharray": "2 1.5" }));
        row("briefing-map__key--near", svg, words.near);
      } else if (shape === "cluster") {
        const disc = el("span", { class: "briefing-map__cluster briefing-map__cluster--key", "aria-hidden": "true" }, "12");
        row("briefing-map__key--cluster", disc, words.cluster);
      } else {
        row("briefing-map__key--" + shape, circle(shape === "area" || shape === "listed" ? 7.5 : 5), words[shape]);
      }
    }
    if (present.has("exact") || present.has("near")) {
      const sizes = el("li", { class: "briefing-map__key briefing-map__key--sizes" });
      const steps = el("span", { class: "briefing-map__sizes", "aria-hidden": "true" });
      for (const step of SIZE_STEPS) {
        const { svg } = symbol({ colour: "none", d: data.shapes.circle || "" }, sizeOf(step), false);
        const cell = el("span", { class: "briefing-map__size" });
        cell.append(svg, el("span", {}, number(step)));
        steps.append(cell);
      }
      sizes.append(steps, el("span", {}, "Size: people killed (best estimate) — 1, 10, 100; the smallest marks: none or not reported"));
      list.append(sizes);
    }
    const shown = Object.keys(types).filter((type) => present.has("type:" + type));
    for (const type of [...present].filter((p) => p.startsWith("type:")).map((p) => p.slice(5))) {
      if (!shown.includes(type)) shown.push(type);
    }
    for (const type of shown) {
      row("briefing-map__key--type", symbol(typeLook(type), 6, false).svg, types[type] || type);
    }
    box.append(list);
    return box;
  }

  /** A permanent name; `rank` orders who gives way in declutter (0 places, 1 towns, 2 countries),
      and names of the orientation layers go under the data's marks. */
  function label(map, latlng, text, className, direction, rank) {
    const pane = rank ? "briefingNames" : "tooltipPane";
    const tip = L.tooltip({ permanent: true, direction, pane, offset: direction === "right" ? [8, 0] : direction === "left" ? [-8, 0] : [0, 0], className, interactive: false })
      .setLatLng(latlng)
      // A text node, never a string: Leaflet would read a string as HTML, and names are data.
      .setContent(document.createTextNode(text))
      .addTo(map);
    tip.briefingRank = rank || 0;
    return tip;
  }

  /** Hide a label that would cover a more important one (place names come before towns, towns
      before countries), or that the map's edge would cut. */
  function declutter(labels) {
    const kept = [];
    for (const tip of [...labels].sort((a, b) => a.briefingRank - b.briefingRank)) {
      const element = tip.getElement();
      if (!element) continue;
      element.style.visibility = "";
      const box = element.getBoundingClientRect();
      const frame = tip._map ? tip._map.getContainer().getBoundingClientRect() : box;
      const cut = box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom;
      const hit = kept.some((k) => box.left < k.right && k.left < box.right && box.top < k.bottom && k.top < box.bottom);
      if (hit || cut) element.style.visibility = "hidden";
      else kept.push(box);
    }
  }

  function insideRing(lng, lat, ring) {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if ((yi > lat) !== (yj > lat) && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  function insideCountry(latlng, geometry) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.some((rings) => insideRing(latlng.lng, latlng.lat, rings[0])
      && !rings.slice(1).some((hole) => insideRing(latlng.lng, latlng.lat, hole)));
  }

  /** Name each country in view at a point of it that is in view, so a close-up still says where. */
  function nameCountries(map, countries, labels) {
    const view = map.getBounds();
    for (const country of countries) {
      let spot = null;
      if (map.getZoom() >= 4 && view.intersects(country.bounds)) {
        const south = Math.max(view.getSouth(), country.bounds.getSouth());
        const north = Math.min(view.getNorth(), country.bounds.getNorth());
        const west = Math.max(view.getWest(), country.bounds.getWest());
        const east = Math.min(view.getEast(), country.bounds.getEast());
        const tries = [[0.5, 0.5], [0.3, 0.5], [0.7, 0.5], [0.5, 0.3], [0.5, 0.7], [0.25, 0.25], [0.75, 0.75], [0.25, 0.75], [0.75, 0.25]];
        for (const [fy, fx] of tries) {
          const candidate = L.latLng(south + (north - south) * fy, west + (east - west) * fx);
          if (insideCountry(candidate, country.feature.geometry)) {
            spot = candidate;
            break;
          }
        }
      }
      if (spot && !country.tip) {
        country.tip = label(map, spot, country.name, "briefing-map__country", "center", 2);
        labels.push(country.tip);
      } else if (spot) {
        country.tip.setLatLng(spot);
      } else if (country.tip) {
        map.removeLayer(country.tip);
        labels.splice(labels.indexOf(country.tip), 1);
        country.tip = null;
      }
    }
  }

  /** The filter form of the overview, built here so that without JavaScript nothing shows. */
  function filterForm(data, counts) {
    const form = el("form", { class: "briefing-map__filters", "aria-label": "Filter the map", autocomplete: "off" });
    const field = (name, text, control) => {
      const box = el("div", { class: "briefing-map__field" });
      control.id = "briefing-map-" + name;
      control.name = name;
      box.append(el("label", { for: control.id }, text), control);
      form.append(box);
      return control;
    };
    const select = (name, text, any, options) => {
      const control = el("select");
      control.append(new Option(any, ""));
      for (const [value, words] of options) control.append(new Option(words, value));
      return field(name, text, control);
    };
    const types = data.types || {};
    select("type", "Event type", "Any event type", Object.keys(types)
      .filter((t) => counts.type[t])
      .map((t) => [t, types[t] + " (" + number(counts.type[t]) + ")"]));
    select("actor", "Actor", "Any actor", Object.keys(data.actors || {})
      .filter((a) => counts.actor[a])
      .sort((a, b) => data.actors[a].localeCompare(data.actors[b], "en"))
      .map((a) => [a, data.actors[a] + " (" + number(counts.actor[a]) + ")"]));
    for (const [name, text] of [["from", "From"], ["to", "To"]]) {
      field(name, text, el("input", { type: "text", inputmode: "numeric", placeholder: "YYYY-MM-DD", size: "10", maxlength: "10", spellcheck: "false", "aria-describedby": "briefing-map-dates" }));
    }
    form.append(el("p", { id: "briefing-map-dates", class: "briefing-map__hint" }, "Dates: a year (2020), a month (2020-06) or a day (2020-06-04); an incident counts when any of its possible days is in the range."));
    const actions = el("div", { class: "briefing-map__field briefing-map__actions" });
    actions.append(el("button", { type: "reset", class: "md-button" }, "Reset filters"));
    form.append(actions);
    return form;
  }

  function draw(root, canvas, data) {
    const types = data.types || {};
    const typeLook = looks(data);
    const overview = root.getAttribute("data-kind") === "overview";
    const incidents = data.incidents;
    const map = L.map(canvas, { attributionControl: false, zoomSnap: 0.25, minZoom: 1, maxZoom: MAX_ZOOM });
    L.control.attribution({ prefix: false }).addAttribution("Natural Earth · towns: GeoNames (CC BY 4.0)").addTo(map);
    map.createPane("briefingLand").style.zIndex = "250";
    map.createPane("briefingOrientation").style.zIndex = "260";
    map.createPane("briefingNames").style.zIndex = "450";  // names of towns and countries: over areas, under marks
    map.getPane("briefingNames").style.pointerEvents = "none";
    map.createPane("briefingAreas").style.zIndex = "380";
    map.createPane("briefingExtents").style.zIndex = "390";
    const renderer = L.svg({ padding: 0.3 });
    const ink = cssVar(root, "--briefing-map-ink", "#1f1f1f");
    const halo = cssVar(root, "--briefing-map-halo", "#ffffff");

    // --- what the filters choose -------------------------------------------------------------
    const counts = { type: {}, actor: {} };
    for (const item of incidents) {
      counts.type[item.type] = (counts.type[item.type] || 0) + 1;
      for (const actor of item.actors || []) counts.actor[actor] = (counts.actor[actor] || 0) + 1;
    }
    const filter = { type: "", actor: "", from: "", to: "" };  // dates as first and last days
    const typed = { type: "", actor: "", from: "", to: "" };  // as the reader wrote them, for the address
    const matches = (item) => (!filter.type || item.type === filter.type)
      && (!filter.actor || (item.actors || []).includes(filter.actor))
      // a fuzzy date matches when any of its possible days is inside the range, as in the explorer
      && (!filter.from || item.end >= filter.from)
      && (!filter.to || item.start <= filter.to);

    // --- clusters of points, places where they fit ---------------------------------------------
    const pointIndex = new Supercluster({
      radius: CLUSTER_RADIUS, maxZoom: MAX_ZOOM, minPoints: 2,
      map: (p) => ({ n: 1, f: p.f, near: p.near }),
      reduce: (sum, p) => { sum.n += p.n; sum.f += p.f; sum.near += p.near; },
    });
    const features = incidents.map((item, i) => (item.listed || item.area ? null : {
      type: "Feature", geometry: { type: "Point", coordinates: [item.lon, item.lat] },
      properties: { i, f: item.fatalities || 0, near: item.precision === "near" ? 1 : 0 },
    }));
    // a few places are all shown; of many, those that would crowd another are left out
    const placeIndex = new Supercluster({ radius: data.places.length > LABELLED_SPOTS ? PLACE_RADIUS : 0.5, maxZoom: MAX_ZOOM, minPoints: 2 });
    placeIndex.load(data.places.map((item, i) => ({
      type: "Feature", geometry: { type: "Point", coordinates: [item.lon, item.lat] }, properties: { i },
    })));

    const marks = L.layerGroup().addTo(map);
    const areaLayer = L.layerGroup().addTo(map);
    let drawn = new Map();  // key -> layers on the map, so that a move redraws only what changed
    let shown = [];  // the indexes of the incidents the filter lets through
    let countries = null;  // ISO numeric code -> outline, once the world is loaded
    const labels = [];
    let placeLabels = [];

    let lastMark = null;
    const openPopup = (latlng, content, element) => {
      lastMark = element || null;
      L.popup({ maxWidth: 320, autoPanPadding: [24, 24] }).setLatLng(latlng).setContent(content).openOn(map);
    };
    map.on("popupopen", (event) => {
      if (lastMark) {
        const link = event.popup.getElement().querySelector("a[href]:not(.leaflet-popup-close-button)");
        if (link) link.focus();
      }
    });
    map.on("popupclose", () => {
      const mark = lastMark;
      lastMark = null;
      if (mark && mark.isConnected && (!document.activeElement || document.activeElement === document.body || canvas.contains(document.activeElement))) {
        mark.focus();
      }
    });

    /** A pop-up: each entry's title as a link, then its date, type, fatalities and place. */
    const popupList = (entries, total) => {
      const box = el("div", { class: "briefing-map__popup" });
      const list = el("ul");
      for (const entry of entries.slice(0, POPUP_ENTRIES)) {
        const li = el("li");
        li.append(el("a", { href: root.url(entry.item.uri) }, entry.item.title));
        li.append(el("span", {}, entryText(entry, types)));
        list.append(li);
      }
      box.append(list);
      if (total > POPUP_ENTRIES) {
        box.append(el("p", {}, "… and " + number(total - POPUP_ENTRIES) + " more here: see the list under the map."));
      }
      return box;
    };

    /** Make a drawn mark a button for the keyboard and for tests: label, count, the pages it stands for. */
    const describe = (element, shape, labelText, uris, open) => {
      if (!element) return;
      element.classList.add("briefing-map__mark", "briefing-map__mark--" + shape);
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", "button");
      element.setAttribute("aria-label", labelText);
      element.setAttribute("data-count", String(uris.length));
      element.setAttribute("data-uris", uris.join(" "));
      element.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          event.stopPropagation();
          open(true);
        }
      });
    };

    const pointLayers = (feature) => {
      const item = incidents[feature.properties.i];
      const latlng = [item.lat, item.lon];
      const near = item.precision === "near";
      const style = typeLook(item.type);
      const layers = [];
      if (near) {
        const extent = L.circle(latlng, {
          radius: item.radius, pane: "briefingExtents", renderer, interactive: false, className: "briefing-map__extent",
          weight: 2, color: style.colour, dashArray: "6 4", fillColor: style.colour, fillOpacity: 0.1,
        }).addTo(marks);
        extent.getElement().setAttribute("data-radius", String(item.radius));
        layers.push(extent);
      }
      const { svg, box } = symbol(style, sizeOf(item.fatalities), near);
      const marker = L.marker(latlng, {
        icon: L.divIcon({ html: svg, className: "briefing-map__point", iconSize: [box, box] }),
        keyboard: false, riseOnHover: true,
      }).addTo(marks);
      const element = marker.getElement();
      const open = (fromKeyboard) => openPopup(latlng, popupList([{ item }], 1), fromKeyboard ? element : null);
      marker.on("click", () => open(false));
      const what = (types[item.type] || item.type) + ": " + item.title + ", " + item.date + ", " + killedText(item) + ", " + whereText(item);
      describe(element, item.precision === "near" ? "near" : "exact", what, [item.uri], open);
      if (near) element.setAttribute("data-radius", String(item.radius));
      if (item.fatalities !== undefined) element.setAttribute("data-fatalities", String(item.fatalities));
      layers.push(marker);
      return layers;
    };

    const clusterLayers = (feature) => {
      const p = feature.properties;
      const [lon, lat] = feature.geometry.coordinates;
      const size = Math.round(24 + 7 * Math.log10(p.n));  // 26 px for 2, 45 px for 1,000
      const disc = el("span", { class: "briefing-map__cluster" }, number(p.n));
      disc.style.width = disc.style.height = size + "px";
      const layers = [];
      const expansion = pointIndex.getClusterExpansionZoom(p.cluster_id);
      let radius = 0;
      const together = expansion > MAX_ZOOM ? pointIndex.getLeaves(p.cluster_id, Infinity).map((f) => incidents[f.properties.i]) : null;
      if (together && p.near) {
        // Incidents so close that no zoom can part them: the disc stands among them, and the
        // widest dashed circle of those known only to be near a point still says how far they may be.
        for (const item of together) {
          if (item.precision === "near") radius = Math.max(radius, item.radius);
        }
        const extent = L.circle([lat, lon], {
          radius, pane: "briefingExtents", renderer, interactive: false, className: "briefing-map__extent",
          weight: 2, color: ink, dashArray: "6 4", fillColor: ink, fillOpacity: 0.06,
        }).addTo(marks);
        extent.getElement().setAttribute("data-radius", String(radius));
        layers.push(extent);
      }
      const marker = L.marker([lat, lon], {
        icon: L.divIcon({ html: disc, className: "briefing-map__cluster-icon", iconSize: [size, size] }),
        keyboard: false,
      }).addTo(marks);
      layers.push(marker);
      const element = marker.getElement();
      const open = (fromKeyboard) => {
        const zoom = pointIndex.getClusterExpansionZoom(p.cluster_id);
        if (zoom <= MAX_ZOOM && zoom > map.getZoom()) {
          map.setView([lat, lon], zoom);
          return;
        }
        // too close to split at any zoom: list them
        const leaves = pointIndex.getLeaves(p.cluster_id, POPUP_ENTRIES).map((f) => ({ item: incidents[f.properties.i] }));
        openPopup([lat, lon], popupList(leaves, p.n), fromKeyboard ? element : null);
      };
      marker.on("click", () => open(false));
      const near = p.near ? ", " + number(p.near) + " of them known only to be near a point" : "";
      describe(element, "cluster", plural(p.n, "incident") + " close together (" + number(p.f) + " killed" + near + "): select to " + (expansion > MAX_ZOOM ? "list them" : "zoom in"), [], open);
      element.setAttribute("data-count", String(p.n));
      element.setAttribute("data-fatalities", String(p.f));
      element.setAttribute("data-cluster", String(p.cluster_id));
      if (radius) element.setAttribute("data-radius", String(radius));
      if (together) {
        element.setAttribute("data-no-split", "true");
        element.setAttribute("data-uris", together.map((item) => item.uri).join(" "));
      }
      return layers;
    };

    const placeLayers = (feature) => {
      const item = data.places[feature.properties.i];
      const latlng = [item.lat, item.lon];
      const ring = L.circleMarker(latlng, {
        renderer, radius: 6, weight: 2.5, color: ink, fillColor: halo, fillOpacity: 1, bubblingMouseEvents: false,
      }).addTo(marks);
      const element = ring.getElement();
      const open = (fromKeyboard) => openPopup(latlng, popupList([{ item, isPlace: true }], 1), fromKeyboard ? element : null);
      ring.on("click", () => open(false));
      describe(element, "place", "Place: " + item.title + " (" + plural(item.count, "incident") + ")", [item.uri], open);
      return [ring];
    };

    /** Draw what is in view at this zoom; keep the layers of what was already drawn. */
    const render = () => {
      const zoom = Math.round(map.getZoom());
      const view = map.getBounds().pad(0.25);
      const bbox = [Math.max(-180, view.getWest()), Math.max(-85, view.getSouth()), Math.min(180, view.getEast()), Math.min(85, view.getNorth())];
      const wanted = new Map();
      for (const feature of placeIndex.getClusters(bbox, zoom)) {
        if (!feature.properties.cluster) wanted.set("p" + feature.properties.i, () => placeLayers(feature));
      }
      for (const feature of pointIndex.getClusters(bbox, zoom)) {
        const p = feature.properties;
        if (p.cluster) wanted.set("c" + p.cluster_id, () => clusterLayers(feature));
        else wanted.set("i" + p.i, () => pointLayers(feature));
      }
      for (const [key, layers] of drawn) {
        if (!wanted.has(key)) layers.forEach((layer) => marks.removeLayer(layer));
      }
      const next = new Map();
      for (const [key, make] of wanted) next.set(key, drawn.get(key) || make());
      drawn = next;
      let clusters = 0, points = 0, places = 0;
      for (const key of drawn.keys()) {
        if (key[0] === "c") clusters++;
        else if (key[0] === "i") points++;
        else places++;
      }
      root.setAttribute("data-clusters", String(clusters));
      root.setAttribute("data-points", String(points));
      // name the places in view, when few enough to read
      placeLabels.forEach((tip) => { map.removeLayer(tip); labels.splice(labels.indexOf(tip), 1); });
      placeLabels = [];
      const inView = map.getBounds();
      const named = [...drawn.keys()].filter((k) => k[0] === "p").map((k) => data.places[Number(k.slice(1))])
        .filter((item) => inView.contains([item.lat, item.lon]));
      // names only where the map is not crowded: a name over a cluster hides its number
      if (named.length && named.length <= LABELLED_SPOTS && clusters + points <= LABELLED_SPOTS) {
        const width = map.getSize().x;
        // a name near the right edge goes on the left of its ring, so that it is not cut off
        placeLabels = named.map((item) => label(map, [item.lat, item.lon], item.title, "briefing-map__label",
          map.latLngToContainerPoint([item.lat, item.lon]).x > width - 110 ? "left" : "right"));
        labels.unshift(...placeLabels);
      }
      declutter(labels);
    };

    /** Country outlines for the incidents known only to a country: one per country, never a point. */
    const drawAreas = () => {
      areaLayer.clearLayers();
      if (!countries) return;
      const byArea = new Map();
      for (const i of shown) {
        const item = incidents[i];
        if (!item.area) continue;
        if (!byArea.has(item.area)) byArea.set(item.area, []);
        byArea.get(item.area).push(item);
      }
      for (const [area, items] of byArea) {
        const feature = countries.get(Number(area));
        if (!feature) continue;
        const kinds = new Set(items.map((item) => item.type));
        const colour = kinds.size === 1 ? typeLook(items[0].type).colour : ink;
        const layer = L.geoJSON(feature, {
          pane: "briefingAreas", className: "briefing-map__outline", renderer: L.svg({ pane: "briefingAreas", padding: 0.3 }),
          style: () => ({ weight: 2.5, color: colour, dashArray: "2 6", lineCap: "round", fillColor: colour, fillOpacity: 0.1 }),
        }).addTo(areaLayer);
        const paths = [];
        layer.eachLayer((part) => paths.push(part.getElement && part.getElement()));
        const element = paths.find(Boolean);
        const spot = layer.getBounds().getCenter();
        const open = (fromKeyboard) => openPopup(spot, popupList(items.map((item) => ({ item })), items.length), fromKeyboard ? element : null);
        layer.on("click", () => open(false));
        const what = items.length === 1 ? (types[items[0].type] || items[0].type) + ": " + items[0].title : plural(items.length, "incident");
        describe(element, "area", what + ", known only to be in " + (feature.properties.name || "this country"), items.map((item) => item.uri), open);
        if (element) element.setAttribute("data-area", String(area));
      }
    };

    // --- what is around the map: key, notes, list, filters -----------------------------------
    const present = new Set();
    if (data.places.length) present.add("place");
    for (const item of incidents) {
      present.add(item.listed ? "listed" : item.area ? "area" : item.precision === "near" ? "near" : "exact");
      present.add("type:" + item.type);
    }
    if (features.filter(Boolean).length > 1) present.add("cluster");
    const key = legend(data, typeLook, present);
    const listedNote = el("p", { class: "briefing-map__note briefing-map__listed" });
    const details = el("details", { class: "briefing-map__list" });
    const summary = el("summary");
    details.append(summary);
    const fillList = () => {
      if (details.querySelector("ul") || !details.open && data.places.length + shown.length > 500) return;
      const list = el("ul");
      const entries = [...data.places.map((item) => ({ item, isPlace: true })), ...shown.map((i) => ({ item: incidents[i] }))];
      for (const entry of entries) {
        const li = el("li");
        const notDrawn = entry.item.listed ? " (not drawn: " + entry.item.meaning + ")" : "";
        li.append(el("a", { href: root.url(entry.item.uri) }, entry.item.title), document.createTextNode(" — " + entryText(entry, types) + notDrawn));
        list.append(li);
      }
      details.append(list);
    };
    details.addEventListener("toggle", fillList);

    let status = null, explorerLink = null, form = null, notice = null;
    const explorerUrl = root.getAttribute("data-explorer");
    const kept = new URLSearchParams();  // the explorer's other filters, kept for the way back
    if (overview) {
      form = filterForm(data, counts);
      status = el("p", { class: "briefing-map__status", "aria-live": "polite", "aria-atomic": "true" });
      notice = el("p", { class: "briefing-map__note briefing-map__notice", role: "status", hidden: "" });
      const line = el("p", { class: "briefing-map__links" });
      if (explorerUrl) {
        explorerLink = el("a", { class: "briefing-map__explorer", href: explorerUrl }, "Open this selection in the explorer");
        line.append(explorerLink);
      }
      root.insertBefore(form, canvas);
      root.insertBefore(status, canvas);
      root.insertBefore(notice, canvas);
      root.insertBefore(line, canvas);
    }

    const fitAll = () => {
      let bounds = null;
      const grow = (b) => { bounds = bounds ? bounds.extend(b) : b; };
      for (const item of data.places) grow(L.latLng(item.lat, item.lon).toBounds(1000));
      for (const item of incidents) {
        if (item.listed) continue;
        grow(L.latLng(item.lat, item.lon).toBounds(item.area ? 600000 : 2 * (item.radius || 1000)));
      }
      if (bounds) map.fitBounds(bounds, { padding: [36, 36], maxZoom: FIT_MAX_ZOOM });
      else map.setView([20, 10], 2);
    };

    let applied = 0;
    /** Apply the filter: reload the clusters, redraw what is in view, and say what is shown. */
    const apply = () => {
      shown = [];
      for (let i = 0; i < incidents.length; i++) if (matches(incidents[i])) shown.push(i);
      pointIndex.load(shown.map((i) => features[i]).filter(Boolean));
      for (const [, layers] of drawn) layers.forEach((layer) => marks.removeLayer(layer));
      drawn = new Map();
      map.closePopup();
      render();
      drawAreas();
      const listed = shown.filter((i) => incidents[i].listed).length;
      const they = listed === 1 ? "incident is known only to a region or district: it is" : "incidents are known only to a region or district: they are";
      listedNote.textContent = listed ? number(listed) + " " + they + " in the list under the map, not drawn." : "";
      listedNote.hidden = !listed;
      summary.textContent = "Everything on this map as a list (" + number(data.places.length + shown.length) + ")";
      details.querySelector("ul")?.remove();
      fillList();
      root.setAttribute("data-shown", String(shown.length));
      root.setAttribute("data-items", String(data.places.length + shown.length));
      if (status) {
        const killed = shown.reduce((sum, i) => sum + (incidents[i].fatalities || 0), 0);
        status.textContent = "Showing " + number(shown.length) + " of " + plural(incidents.length, "incident") + " (" + number(killed) + " killed)";
      }
      applied++;
      root.setAttribute("data-applied", String(applied));
      root.setAttribute("data-updated-at", String(performance.now()));
    };

    // --- the address keeps the filter, in the explorer's words -----------------------------------
    let pending = null, pendingAddress = "";
    const flush = () => {
      if (pending === null) return;
      clearTimeout(pending);
      pending = null;
      if (pendingAddress !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", pendingAddress);
    };
    const remember = () => {
      const query = new URLSearchParams();
      for (const name of FILTER_KEYS) if (typed[name]) query.set(name, typed[name]);
      for (const [name, value] of kept) query.set(name, value);
      const search = query.toString();
      if (explorerLink) explorerLink.href = explorerUrl + (search ? "?" + search : "");
      pendingAddress = location.pathname + (search ? "?" + search : "") + location.hash;
      clearTimeout(pending);
      // each replaceState costs a round trip to the browser: the address follows a moment later
      pending = setTimeout(flush, 200);
    };
    const readForm = () => {
      let changed = false;
      for (const name of FILTER_KEYS) {
        const control = form.elements[name];
        const text = control.value.trim();
        let value = text;
        if (name === "from" || name === "to") {
          value = day(text, name === "to");
          control.setAttribute("aria-invalid", value === null ? "true" : "false");
          if (value === null) continue;  // half-typed: keep the last good value
        }
        typed[name] = text;
        if (filter[name] !== value) {
          filter[name] = value;
          changed = true;
        }
      }
      return changed;
    };

    if (overview) {
      const params = new URLSearchParams(location.search);
      const ignored = [];
      for (const [name, value] of params) {
        if (!FILTER_KEYS.includes(name)) {
          if (value) kept.append(name, value);
          continue;
        }
        if (!value) continue;
        const control = form.elements[name];
        const fits = name === "from" || name === "to" ? Boolean(day(value, false)) : [...control.options].some((o) => o.value === value);
        if (fits) control.value = value;
        else ignored.push(name + " \u201c" + value + "\u201d");
      }
      const words = [];
      if (ignored.length) words.push("This address asks for " + ignored.join(", ") + ", which the map's data does not hold; that part of the filter was left out.");
      const others = [...new Set(kept.keys())].filter((name) => name !== "order");  // an order is no filter
      if (others.length) {
        words.push("The map filters by event type, actor and dates only; the explorer's other filters in this address (" + others.join(", ") + ") are not applied here, and the link to the explorer keeps them.");
      }
      if (words.length) {
        notice.textContent = words.join(" ");
        notice.hidden = false;
      }
      readForm();
      form.addEventListener("input", () => {
        if (readForm()) {
          apply();
          remember();
        }
      });
      form.addEventListener("submit", (event) => event.preventDefault());
      form.addEventListener("reset", (event) => {
        event.preventDefault();
        for (const name of FILTER_KEYS) form.elements[name].value = "";
        if (readForm()) apply();
        remember();
      });
      window.addEventListener("pagehide", flush);
    }

    fitAll();
    map.on("moveend", render);
    apply();
    if (explorerLink) remember();

    root.append(key);
    root.append(listedNote);
    if (overview && data.unplaced) {
      const they = data.unplaced === 1 ? "is not on the map: it and its place have" : "are not on the map: they and their places have";
      root.append(el("p", { class: "briefing-map__note" }, plural(data.unplaced, "incident") + " " + they + " no coordinates."));
    }
    root.append(details);
    root.leafletMap = map;  // for the page's own scripts and tests
    root.setAttribute("data-ready", "true");

    loadWorld(root.getAttribute("data-world"))
      .then((topology) => {
        const outlines = topojson.feature(topology, topology.objects.countries);
        L.geoJSON(outlines, {
          pane: "briefingLand",
          interactive: false,
          renderer: L.svg({ pane: "briefingLand", padding: 0.5 }),
          style: () => ({ className: "briefing-map__land", weight: 0.8, color: "#999", fillColor: "#eee", fillOpacity: 1 }),
        }).addTo(map);
        countries = new Map(outlines.features.filter((f) => f.id !== undefined).map((f) => [Number(f.id), f]));
        drawAreas();
        const named = [];
        outlines.features.forEach((feature) => {
          const name = feature.properties && feature.properties.name;
          if (name) named.push({ name, feature, bounds: L.geoJSON(feature).getBounds(), tip: null });
        });
        const placeCountries = () => {
          nameCountries(map, named, labels);
          declutter(labels);
        };
        map.on("moveend", placeCountries);
        return loadOrientation(root.getAttribute("data-orientation"))
          .then((layers) => {
            drawOrientation(map, layers, labels);
            root.setAttribute("data-orientation-ready", "true");
          })
          .catch((error) => {
            root.setAttribute("data-orientation-ready", "failed");
            root.insertBefore(el("p", { class: "briefing-map__note" }, "The towns, rivers and boundaries could not be loaded (" + error.message + ")."), canvas.nextSibling);
          })
          .then(() => {
            placeCountries();
            root.setAttribute("data-world-ready", "true");
          });
      })
      .catch((error) => {
        root.setAttribute("data-world-ready", "failed");
        root.insertBefore(el("p", { class: "briefing-map__note" }, "The country outlines could not be loaded (" + error.message + ")."), canvas.nextSibling);
      });
    return map;
  }

  function init(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "loading");
    const canvas = root.querySelector(".briefing-map__canvas");
    const directoryUrls = root.getAttribute("data-directory-urls") !== "false";
    const base = root.getAttribute("data-root") || "";
    root.url = (uri) => base + pageUrl(uri, directoryUrls);
    const problem = (text) => {
      root.setAttribute("data-ready", "failed");
      root.insertBefore(el("p", { class: "briefing-map__note", role: "alert" }, text), canvas);
    };
    if (typeof L === "undefined" || typeof topojson === "undefined" || typeof Supercluster === "undefined") {
      problem("The map's scripts could not be loaded.");
      return;
    }
    const inline = root.querySelector("script.briefing-map__data");
    const load = () => fetch(root.getAttribute("data-src")).then((response) => {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
    // A large place page names only its places; its items come from the overview's data.
    const only = (all, own) => {
      const within = new Set(own.within);
      return Object.assign({}, all, {
        incidents: all.incidents.filter((item) => within.has(item.at)),
        places: all.places.filter((item) => within.has(item.id)),
        unplaced: own.unplaced,
      });
    };
    const data = inline
      ? Promise.resolve().then(() => JSON.parse(inline.textContent))
        .then((own) => (own.within ? load().then((all) => only(all, own)) : own))
      : load();
    data.then((value) => draw(root, canvas, value)).catch((error) => problem("The map could not be drawn (" + error.message + ")."));
  }

  function initAll() {
    document.querySelectorAll(".briefing-map").forEach(init);
  }

  window.BriefingMap = Object.freeze({ pageUrl, init, initAll });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll);
  else initAll();
})();
