"""The map's data: places and incidents as compact JSON for the offline Leaflet map.

Part of the render stage. An incident is drawn at its own coordinates, else at its place's, else
at those of the nearest enclosing place that has some; a point borrowed from an enclosing place
says only "somewhere in" that place, so its precision becomes ``region``. How each precision is
drawn comes from the codebook of the incident's dataset (:mod:`generator.formats`): a radius for
"near", a country's outline for an event known only to a country, and "listed" (in the list under
the map, not drawn) for one known only to a smaller area, whose size no source gives. The overview page
loads every placeable incident and every place with coordinates from one JSON file made here
(:func:`data_files`); incident and place pages embed the same kind of items, computed by
``generator/render/templates/_map.md.j2``, and ``generator/render/static/map.js`` draws both. Text from data files is
untrusted: :func:`dumps` escapes ``<``, ``>`` and ``&`` so the JSON is inert inside HTML too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.formats import acled as acled_format
from generator.formats import countries, precision
from generator.formats import ucdp as ucdp_format
from generator.formats.precision import Precision
from generator.index.graph import IncidentNode, Index, PlaceNode
from generator.model import vocabulary as v
from generator.model.records import Coordinates
from generator.render import palette
from generator.render.assets import SITE_FOLDER, Asset
from generator.render.parts import DIRECT, Memo, Parts, json_object

DATA_FILE = f"{SITE_FOLDER}/map-data.json"
"""Where the overview map's data is published, relative to the site root."""

INLINE_LIMIT = 300
"""A place page embeds its map items when it holds at most this many placeable incidents.

Above it the page names only the places inside it (``within``) and ``map.js`` takes their items
from :data:`DATA_FILE`, which the browser loads once for the whole site: a country page of a
large dataset would otherwise carry every incident of the country as JSON, megabytes per page.
"""

_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True)
class Location:
    """Where an incident is drawn.

    Attributes:
        point: The coordinates used.
        precision: ``exact``, ``near`` or ``region``, as drawn.
        anchor: The place whose coordinates are used; the incident's own place when the incident
            has coordinates of its own.
    """

    point: Coordinates
    precision: str
    anchor: PlaceNode


def incident_location(node: IncidentNode) -> Location | None:
    """Where to draw ``node``, or ``None`` when neither it nor its places have coordinates."""
    place = node.place
    if place is None:
        return None
    if node.record.coordinates is not None:
        return Location(node.record.coordinates, node.record.location_precision, place)
    for candidate in [place, *reversed(place.ancestors)]:
        if candidate.record.coordinates is not None:
            precision = node.record.location_precision if candidate is place else "region"
            return Location(candidate.record.coordinates, precision, candidate)
    return None


def precision_of(node: IncidentNode) -> Precision:
    """What the incident's location precision means, by the codebook of the dataset it came from.

    A UCDP ``where_prec`` or ACLED ``geo_precision`` kept in the incident's ``dataset`` block
    says more than the model's three words (where_prec 2 is "within about 25 km"; 6 is the
    country); it counts while it agrees with the record's ``location_precision`` (an analyst who
    changed that has the last word).
    """
    record = node.record
    block = record.dataset
    if block is not None and block.ucdp is not None and block.ucdp.where_prec in ucdp_format.WHERE_PREC:
        found = ucdp_format.WHERE_PREC[block.ucdp.where_prec]
        if found.precision == record.location_precision:
            return found
    if block is not None and block.acled is not None:
        return acled_format.GEO_PRECISION[acled_format.GEO_CODE[record.location_precision]]
    return precision.MODEL[record.location_precision]


def _drawing(node: IncidentNode, location: Location) -> dict[str, Any]:
    """How the map draws an incident, from its precision's codebook meaning.

    ``radius`` (metres) for a point known to a distance; ``area`` (an ISO 3166-1 numeric code)
    for an event known only to a country, drawn as the country's outline; ``listed`` for one
    known only to a smaller area (a governorate, a district, a part of a country, the sea): the
    map has no outlines of those and a circle of made-up size would claim a precision no source
    gives, so it is listed under the map instead of drawn.
    """
    meaning = precision_of(node)
    if location.precision == "exact":
        return {"meaning": meaning.meaning}
    if location.precision == "near":
        return {"meaning": meaning.meaning, "radius": round((meaning.radius_km or precision.NEAR_KM) * 1000)}
    anchor = location.anchor
    if anchor.record.kind == "country" and meaning.area in ("country", "region", ""):
        country = countries.lookup([anchor.record.name, *anchor.record.aliases])
        if country is not None:
            return {"meaning": "only the country is known", "area": country.numeric}
    known = meaning.meaning if location.anchor is node.place else f"only {anchor.title} is known"
    return {"meaning": known, "listed": True}


def incident_item(node: IncidentNode, location: Location) -> dict[str, Any]:
    """The map item of a placed incident (the same keys as ``generator/render/templates/_map.md.j2`` writes).

    ``where`` names the place whose position is used, ``place`` the incident's own place, and
    ``scale`` the kind of the former. ``at`` is the id of the incident's place, by which a large
    place page picks its incidents from the overview's data. ``meaning``, ``radius``, ``area`` and
    ``listed`` say how the map may draw it (:func:`_drawing`). ``start`` and ``end`` (ISO days)
    and ``actors`` (ids, in the record's order) are what the overview map filters on, with the
    explorer's meaning: a fuzzy date matches a range when any of its possible days falls inside
    it. ``fatalities`` is the best estimate, absent when none is reported (not the same as 0).
    """
    record = node.record
    actors = list(dict.fromkeys(p.actor.id for p in node.participants if p.actor is not None))
    fatalities = {} if record.fatalities is None else {"fatalities": record.fatalities.best}
    return {
        **_drawing(node, location),
        **fatalities,
        "actors": actors,
        "at": node.record.place,
        "date": node.record.date.describe(),
        "end": record.date.end.isoformat(),
        "start": record.date.start.isoformat(),
        "lat": location.point.lat,
        "lon": location.point.lon,
        "place": node.place.title if node.place is not None else "",
        "precision": location.precision,
        "scale": location.anchor.record.kind,
        "title": node.title,
        "type": node.record.event_type,
        "uri": node.uri,
        "where": location.anchor.title,
    }


def place_item(node: PlaceNode) -> dict[str, Any]:
    """The map item of a place that has coordinates."""
    point = node.record.coordinates
    if point is None:
        raise ValueError(f"place '{node.id}' has no coordinates")
    return {
        "count": len(node.incidents_within),
        "id": node.id,
        "kind": v.PLACE_KINDS[node.record.kind],
        "lat": point.lat,
        "lon": point.lon,
        "title": node.title,
        "uri": node.uri,
    }


KEY: dict[str, str] = {
    "near": (
        f"Incident near this point (dashed circle at the distance its dataset's codebook gives: UCDP's "
        f"where_prec 2 is about {precision.NEAR_KM:g} km; ACLED and hand-made records give none and are "
        f"drawn at {precision.NEAR_KM:g} km)"
    ),
    "area": "Incident known only to a country (the country's outline, dotted)",
    "listed": "Known only to a region or district: listed under the map, not drawn (no size is known)",
}
"""The map key's words for the shapes whose meaning comes from the codebooks; map.js shows them."""


def _looks(incidents: list[IncidentNode]) -> dict[str, Any]:
    """What a map's data carries besides its items (:func:`_looks_of`), for ``incidents``."""
    return _looks_of({node.record.event_type for node in incidents}, _actor_names(incidents))


def _actor_names(incidents: list[IncidentNode]) -> dict[str, str]:
    """The name of each actor taking part in ``incidents``, by id."""
    return {p.actor.id: p.actor.title for node in incidents for p in node.participants if p.actor is not None}


def _looks_of(present: set[str], actors: dict[str, str]) -> dict[str, Any]:
    """What a map's data carries besides its items: the palette, its shapes and actor names.

    ``palette`` is :func:`generator.render.palette.as_data` cut to the event types the items have
    (``present``: a page's map needs one or two, the overview all), and ``shapes`` the outline of
    each shape it uses at radius 1 around (0, 0), as SVG path data: map.js draws marks and key
    with these, so the map's colours and shapes are the pictures' own. ``actors`` names the actors
    the items refer to, for the overview's actor filter.
    """
    full = palette.as_data()
    types = {slug: style for slug, style in full["types"].items() if slug in present}
    shapes = {style[2] for style in types.values()} | {full["other"][1]}
    return {
        "actors": actors,
        "key": KEY,
        "palette": {"other": full["other"], "types": types},
        "shapes": {shape: palette.shape_path(shape, 0, 0, 1) for shape in sorted(shapes)},
        "types": v.EVENT_TYPES,
    }


def page_data(node: IncidentNode | PlaceNode) -> dict[str, Any]:
    """The map items of one incident or place page: what ``generator/render/templates/_map.md.j2`` computes.

    For a place: the place and the places inside it that have coordinates, and its incidents
    and those of the places inside it that can be placed. A place with more than
    :data:`INLINE_LIMIT` of those gets ``{"within": [ids of the place and the places inside it],
    "unplaced": n}`` instead, and its map loads the items from :data:`DATA_FILE`. Templates call
    it as ``map_data``.
    """
    if isinstance(node, IncidentNode):
        incidents, places = [node], []
    else:
        incidents, places = node.incidents_within, _subtree(node)
    located = [(incident, incident_location(incident)) for incident in incidents]
    placed = [(incident, location) for incident, location in located if location is not None]
    unplaced = len(located) - len(placed)
    if len(placed) > INLINE_LIMIT:
        # the items would be thrown away: map.js takes them from the overview's data
        return {"unplaced": unplaced, "within": [p.id for p in places]}
    return {
        **_looks([incident for incident, _ in placed]),
        "incidents": [incident_item(incident, location) for incident, location in placed],
        "places": [place_item(p) for p in places if p.record.coordinates is not None],
        "unplaced": unplaced,
    }


def _subtree(place: PlaceNode) -> list[PlaceNode]:
    """``place`` and the places inside it, depth first, children in title order."""
    found = [place]
    for child in place.children:
        found += _subtree(child)
    return found


def dumps(data: Any) -> str:
    """Compact JSON with sorted keys, in which ``<``, ``>`` and ``&`` are ``\\u`` escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(_HTML_SAFE)


def data_files(index: Index, memo: Memo | None = None, build: int = 0) -> list[Asset]:
    """The JSON files the map pages load: the overview's ``assets/briefing/map-data.json``.

    The file holds every incident that can be placed and every place with coordinates, in index
    order, with what :func:`_looks_of` adds and the count of the incidents left ``unplaced``;
    joined from each incident's and each place's item, dumped on its own, byte for byte what
    dumping the whole object writes (JSON with sorted keys is its members in key order, each
    dumped the same way). ``memo`` keeps the items between the preview's rebuilds
    (:mod:`generator.render.parts`): only those that the changes up to rebuild ``build`` reach
    are made again. An item depends only on the records it reads.
    """
    parts: Parts = memo.begin(build, ()) if memo is not None else DIRECT
    incidents: list[str] = []
    present: set[str] = set()
    actors: dict[str, str] = {}
    unplaced = 0
    for incident in index.incidents:
        made = parts.part(DATA_FILE, incident, _incident_part)
        if made is None:
            unplaced += 1
            continue
        text, event_type, names = made
        incidents.append(text)
        present.add(event_type)
        actors.update(names)
    places = [item for place in index.places if (item := parts.part(DATA_FILE, place, _place_part)) is not None]
    members = {name: dumps(value) for name, value in _looks_of(present, actors).items()}
    members["incidents"] = f"[{','.join(incidents)}]"
    members["places"] = f"[{','.join(places)}]"
    members["unplaced"] = dumps(unplaced)
    return [Asset(DATA_FILE, json_object(members, dumps).encode("utf-8"))]


def _incident_part(node: IncidentNode) -> tuple[str, str, tuple[tuple[str, str], ...]] | None:
    """An incident's item in the overview's data, dumped, with what the file's other members take
    from it (its event type, and the names of its actors by id); ``None`` when it cannot be placed."""
    location = incident_location(node)
    if location is None:
        return None
    names = tuple(_actor_names([node]).items())
    return dumps(incident_item(node, location)), node.record.event_type, names


def _place_part(node: PlaceNode) -> str | None:
    """A place's item in the overview's data, dumped; ``None`` when it has no coordinates."""
    return dumps(place_item(node)) if node.record.coordinates is not None else None
