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
 * Location precision is drawn as the codebooks define it, from what generator/render/mapdata.py
 * puts in each item: "exact" is a filled point; "near" a dashed circle of the item's `radius`
 * (UCDP's where_prec 2: about 25 km); an event known only to a country (`area`, its ISO numeric
 * code) is that country's outline, dotted; an event known only to a smaller area (`listed`) is
 * not drawn, since no source gives its size, and the list under the map names it. The key's
 * words come from the data (`key`). A place is a ring. Marks at one spot open one popup that lists and links everything there.
 * Text from data goes into the page as text (textContent, setAttribute), never as HTML.
 */
(function () {
  "use strict";

  /** One colour per ACLED event type, mid-tones that show on light and dark land alike. */
  const PALETTE = Object.freeze({
    "battles": "#d55e00",
    "explosions-remote-violence": "#e69f00",
    "violence-against-civilians": "#cc79a7",
    "protests": "#3a8fd9",
    "riots": "#009e73",
    "strategic-developments": "#8c6bd6",
  });
  const OTHER_COLOUR = "#8a8a8a";
  const NEAR_METRES = 25000;  // when an item gives no radius of its own
  const AREA_VIEW_METRES = 300000;  // only to frame the view before a country's outline is loaded
  const SHAPES = ["area", "near", "place", "exact"];  // drawing order: areas, places, points
  const SHAPE_LEGEND = {
    place: "Place (ring): links to the place's page",
    exact: "Incident at this exact point",
    near: "Incident near this point (dashed circle)",
    area: "Incident known only to a country (its outline, dotted)",
    listed: "Known only to a region: listed under the map, not drawn",
  };
  const PRECISION_WORDS = { exact: "at", near: "near", region: "somewhere in" };
  const MANY_MARKS = 1500;  // above this, marks go on a canvas and the list is the keyboard way in
  const LABELLED_SPOTS = 40;  // up to this many spots, each gets a permanent name label
  const POPUP_ENTRIES = 20;
  const FIT_MAX_ZOOM = 8;

  let world = null;  // one fetch of the outlines per page, shared by its maps

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

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function colourOf(type) {
    return PALETTE[type] || OTHER_COLOUR;
  }

  function cssVar(root, name, fallback) {
    return getComputedStyle(root).getPropertyValue(name).trim() || fallback;
  }

  /** Where, how precisely: "near Derik", "in Qasir Dib, somewhere in Eastern Syria". */
  function whereText(item) {
    const words = PRECISION_WORDS[item.precision] + " " + item.where;
    return item.place && item.place !== item.where ? "in " + item.place + ", drawn " + words : words;
  }

  function entryText(entry, types) {
    const item = entry.item;
    if (entry.isPlace) return item.kind + " · " + plural(item.count, "incident") + " here or inside it";
    return item.date + " · " + (types[item.type] || item.type) + " · " + whereText(item);
  }

  /** Entries (places and incidents) grouped into marks: same spot, shape, type and scale. */
  function groupEntries(data) {
    const groups = new Map();
    const add = (entry, shape, type, scale) => {
      const item = entry.item;
      const key = [shape, type, scale, item.radius || "", item.area || "", item.lat, item.lon].join("|");
      if (!groups.has(key)) {
        groups.set(key, { shape, type, scale, radius: item.radius, area: item.area, lat: item.lat, lon: item.lon, entries: [] });
      }
      groups.get(key).entries.push(entry);
    };
    for (const item of data.places) add({ item, isPlace: true }, "place", "place", "");
    for (const item of data.incidents) {
      if (item.listed) continue;  // no size is known: in the list, not on the map
      add({ item, isPlace: false }, item.area ? "area" : item.precision, item.type, item.scale);
    }
    const sorted = [...groups.values()].sort((a, b) => SHAPES.indexOf(a.shape) - SHAPES.indexOf(b.shape));
    // Circles of different event types at one spot would hide each other: each further one is
    // drawn a little wider, as concentric rings.
    const rings = new Map();
    for (const group of sorted) {
      const key = [group.shape, group.scale, group.lat, group.lon].join("|");
      group.ring = rings.get(key) || 0;
      rings.set(key, group.ring + 1);
    }
    return sorted;
  }

  function markLabel(group, types) {
    const first = group.entries[0].item;
    if (group.shape === "place") return "Place: " + first.title + " (" + plural(first.count, "incident") + ")";
    const kind = types[group.type] || group.type;
    const what = group.entries.length === 1 ? first.title : plural(group.entries.length, "incident");
    return kind + ": " + what + ", " + whereText(first);
  }

  function drawMark(map, group, options) {
    const latlng = [group.lat, group.lon];
    const colour = colourOf(group.type);
    const classes = "briefing-map__mark briefing-map__mark--" + group.shape;
    const common = { className: classes, renderer: options.renderer, bubblingMouseEvents: false };
    let layer;
    if (group.shape === "place") {
      layer = L.circleMarker(latlng, Object.assign(common, {
        radius: 6, weight: 2.5, color: options.ink, fillColor: options.halo, fillOpacity: 1,
      }));
    } else if (group.shape === "exact") {
      layer = L.circleMarker(latlng, Object.assign(common, {
        radius: 7, weight: 1.5, color: options.ink, fillColor: colour, fillOpacity: 0.95,
      }));
    } else if (group.shape === "near") {
      layer = L.circle(latlng, Object.assign(common, {
        radius: radiusOf(group), weight: 2.5, color: colour, dashArray: "6 4", fillColor: colour, fillOpacity: 0.18,
      }));
    } else {
      const feature = options.countries && options.countries.get(Number(group.area));
      if (!feature) return null;  // drawn once the outlines are loaded
      // className and renderer are read when each outline's path is made, so they go in the
      // options themselves; the style function only sets the look
      layer = L.geoJSON(feature, Object.assign({}, common, {
        style: () => ({ weight: 2.5, color: colour, dashArray: "2 6", lineCap: "round", fillColor: colour, fillOpacity: 0.12 }),
      }));
      layer.getElement = () => {
        const paths = [];
        layer.eachLayer((part) => paths.push(part.getElement && part.getElement()));
        return paths.find(Boolean) || null;
      };
    }
    return layer.addTo(map);
  }

  function popupContent(spot, first, root, types) {
    const ordered = [first, ...spot.filter((g) => g !== first)];
    const entries = ordered.flatMap((g) => g.entries);
    const box = el("div", { class: "briefing-map__popup" });
    const list = el("ul");
    for (const entry of entries.slice(0, POPUP_ENTRIES)) {
      const li = el("li");
      li.append(el("a", { href: root.url(entry.item.uri) }, entry.item.title));
      li.append(el("span", {}, entryText(entry, types)));
      list.append(li);
    }
    box.append(list);
    if (entries.length > POPUP_ENTRIES) {
      box.append(el("p", {}, "… and " + (entries.length - POPUP_ENTRIES) + " more here: see the list under the map."));
    }
    return box;
  }

  function legend(groups, types, key, listed) {
    const box = el("div", { class: "briefing-map__legend" });
    box.append(el("p", { class: "briefing-map__legend-title" }, "Key"));
    const list = el("ul", { "aria-label": "Map key" });
    const swatch = (draw) => {
      const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 28 18");
      svg.setAttribute("width", "28");
      svg.setAttribute("height", "18");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      const circle = document.createElementNS("http://www.w3.org/2000/svg", "circle");
      circle.setAttribute("cx", "14");
      circle.setAttribute("cy", "9");
      draw(circle);
      svg.append(circle);
      return svg;
    };
    const row = (className, draw, text) => {
      const li = el("li", { class: className });
      li.append(swatch(draw), el("span", {}, text));
      list.append(li);
    };
    const present = new Set(groups.map((g) => g.shape));
    if (listed) present.add("listed");
    const words = Object.assign({}, SHAPE_LEGEND, key || {});
    for (const shape of ["place", "exact", "near", "area", "listed"]) {
      if (!present.has(shape)) continue;
      row("briefing-map__key briefing-map__key--" + shape, (c) => {
        c.setAttribute("r", shape === "area" || shape === "listed" ? "7.5" : shape === "near" ? "6.5" : "5");
      }, words[shape]);
    }
    const typesShown = [...new Set(groups.filter((g) => g.shape !== "place").map((g) => g.type))];
    typesShown.sort((a, b) => Object.keys(types).indexOf(a) - Object.keys(types).indexOf(b));
    for (const type of typesShown) {
      row("briefing-map__key briefing-map__key--type", (c) => {
        c.setAttribute("r", "6");
        c.setAttribute("fill", colourOf(type));
      }, types[type] || type);
    }
    box.append(list);
    return box;
  }

  function itemList(data, types, root) {
    const count = data.places.length + data.incidents.length;
    const details = el("details", { class: "briefing-map__list" });
    details.append(el("summary", {}, "Everything on this map as a list (" + count + ")"));
    const fill = () => {
      if (details.querySelector("ul")) return;
      const list = el("ul");
      const entries = [
        ...data.places.map((item) => ({ item, isPlace: true })),
        ...data.incidents.map((item) => ({ item, isPlace: false })),
      ];
      for (const entry of entries) {
        const li = el("li");
        const drawn = entry.item.listed ? " (not drawn: " + entry.item.meaning + ")" : "";
        li.append(el("a", { href: root.url(entry.item.uri) }, entry.item.title), document.createTextNode(" — " + entryText(entry, types) + drawn));
        list.append(li);
      }
      details.append(list);
    };
    if (count <= 500) fill();
    else details.addEventListener("toggle", fill);
    return details;
  }

  function label(map, latlng, text, className, direction) {
    return L.tooltip({ permanent: true, direction, offset: direction === "right" ? [8, 0] : [0, 0], className, interactive: false })
      .setLatLng(latlng)
      // A text node, never a string: Leaflet would read a string as HTML, and names are data.
      .setContent(document.createTextNode(text))
      .addTo(map);
  }

  /** Hide a label that would cover a more important one (place names come before countries). */
  function declutter(labels) {
    const kept = [];
    for (const tip of labels) {
      const element = tip.getElement();
      if (!element) continue;
      element.style.visibility = "";
      const box = element.getBoundingClientRect();
      const hit = kept.some((k) => box.left < k.right && k.left < box.right && box.top < k.bottom && k.top < box.bottom);
      if (hit) {
        element.style.visibility = "hidden";
      } else {
        kept.push(box);
      }
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
        country.tip = label(map, spot, country.name, "briefing-map__country", "center");
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

  function loadWorld(url) {
    if (!world) {
      world = fetch(url).then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }
    return world;
  }

  function radiusOf(group) {
    const widen = 1 + 0.12 * (group.ring || 0);
    if (group.shape === "near") return (group.radius || NEAR_METRES) * widen;
    if (group.shape === "area") return AREA_VIEW_METRES;
    return 0;
  }

  /** Show every mark, circles whole; done first, as Leaflet draws layers only once it has a view. */
  function fitView(map, groups) {
    if (!groups.length) {
      map.setView([20, 10], 2);
      return;
    }
    let bounds = null;
    for (const group of groups) {
      const b = L.latLng(group.lat, group.lon).toBounds(2 * radiusOf(group));
      bounds = bounds ? bounds.extend(b) : b;
    }
    map.fitBounds(bounds, { padding: [36, 36], maxZoom: FIT_MAX_ZOOM });
  }

  function draw(root, canvas, data) {
    const types = data.types || {};
    const groups = groupEntries(data);
    const many = groups.length > MANY_MARKS;
    const map = L.map(canvas, {
      attributionControl: false, zoomSnap: 0.25, minZoom: 1, maxZoom: 12, preferCanvas: many,
    });
    L.control.attribution({ prefix: false }).addAttribution("Country outlines: Natural Earth").addTo(map);
    map.createPane("briefingLand").style.zIndex = "250";
    const options = {
      renderer: many ? L.canvas({ padding: 0.3 }) : L.svg({ padding: 0.3 }),
      ink: cssVar(root, "--briefing-map-ink", "#1f1f1f"),
      halo: cssVar(root, "--briefing-map-halo", "#ffffff"),
    };

    const spots = new Map();
    for (const group of groups) {
      const key = group.lat + "," + group.lon;
      if (!spots.has(key)) spots.set(key, []);
      spots.get(key).push(group);
    }
    let lastMark = null;
    const openSpot = (group, layer, fromKeyboard) => {
      const spot = spots.get(group.lat + "," + group.lon);
      lastMark = fromKeyboard ? layer.getElement() : null;
      L.popup({ maxWidth: 320, autoPanPadding: [24, 24] })
        .setLatLng([group.lat, group.lon])
        .setContent(popupContent(spot, group, root, types))
        .openOn(map);
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
      if (mark && (!document.activeElement || document.activeElement === document.body || canvas.contains(document.activeElement))) {
        mark.focus();
      }
    });

    fitView(map, groups);
    const attach = (group, layer) => {
      const label = markLabel(group, types);
      layer.on("click", () => openSpot(group, layer, false));
      const element = layer.getElement && layer.getElement();
      if (element) {
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "button");
        element.setAttribute("aria-label", label);
        element.setAttribute("data-count", String(group.entries.length));
        element.setAttribute("data-uris", group.entries.map((e) => e.item.uri).join(" "));
        if (group.shape === "near") element.setAttribute("data-radius", String(Math.round(radiusOf(group))));
        if (group.area) element.setAttribute("data-area", String(group.area));
        element.addEventListener("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            event.stopPropagation();
            openSpot(group, layer, true);
          }
        });
      }
    };
    for (const group of groups) {
      const layer = drawMark(map, group, options);
      if (layer) attach(group, layer);
    }
    const labels = [];  // in order of importance: place names, then country names
    if (spots.size <= LABELLED_SPOTS) {
      for (const spot of spots.values()) {
        const place = spot.find((g) => g.shape === "place");
        const name = place ? place.entries[0].item.title : spot[0].entries[0].item.where;
        labels.push(label(map, [spot[0].lat, spot[0].lon], name, "briefing-map__label", "right"));
      }
    }
    const tidy = () => declutter(labels);
    map.on("zoomend moveend", tidy);
    tidy();

    const listed = data.incidents.filter((item) => item.listed).length;
    root.append(legend(groups, types, data.key, listed));
    if (listed) {
      const they = listed === 1 ? "incident is known only to a region or district: it is" : "incidents are known only to a region or district: they are";
      root.append(el("p", { class: "briefing-map__note briefing-map__listed" }, listed + " " + they + " in the list under the map, not drawn."));
    }
    if (root.getAttribute("data-kind") === "overview" && data.unplaced) {
      const they = data.unplaced === 1 ? "is not on the map: it and its place have" : "are not on the map: they and their places have";
      root.append(el("p", { class: "briefing-map__note" }, plural(data.unplaced, "incident") + " " + they + " no coordinates."));
    }
    root.append(itemList(data, types, root));
    root.setAttribute("data-marks", String(groups.length));
    root.setAttribute("data-items", String(data.places.length + data.incidents.length));
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
        options.countries = new Map(outlines.features.filter((f) => f.id !== undefined).map((f) => [Number(f.id), f]));
        for (const group of groups) {
          if (group.shape !== "area") continue;
          const layer = drawMark(map, group, options);
          if (layer) attach(group, layer);
        }
        const countries = [];
        outlines.features.forEach((feature) => {
          const name = feature.properties && feature.properties.name;
          if (name) countries.push({ name, feature, bounds: L.geoJSON(feature).getBounds(), tip: null });
        });
        const placeCountries = () => {
          nameCountries(map, countries, labels);
          tidy();
        };
        map.on("moveend", placeCountries);
        placeCountries();
        root.setAttribute("data-world-ready", "true");
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
    if (typeof L === "undefined" || typeof topojson === "undefined") {
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
      return {
        incidents: all.incidents.filter((item) => within.has(item.at)),
        places: all.places.filter((item) => within.has(item.id)),
        types: all.types,
        unplaced: own.unplaced,
      };
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

  window.BriefingMap = Object.freeze({ palette: PALETTE, pageUrl, init, initAll });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll);
  else initAll();
})();
