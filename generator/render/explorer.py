"""The incident explorer's data: one compact JSON file that the explorer page filters in the browser.

Part of the render stage. The explorer page (``generator/render/templates/explorer.md.j2``) holds only the empty
form and table; ``assets/briefing/explorer.js`` fetches this file and filters it in memory. The
file has to stay small at 10,000 incidents, so incidents are arrays rather than objects (the
``fields`` key names their columns) and refer to actors, places, event types, roles, tags,
sources and date precisions by their position in lookup tables. Places come in tree order, each
with its chain of enclosing places, so that choosing a place also finds the incidents in places
inside it. Everything is sorted by an explicit key and dumped with sorted keys: the same data
gives the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.formats import spreadsheet
from generator.index.graph import ActorNode, IncidentNode, Index, PlaceNode, SourceNode
from generator.index.reads import note
from generator.model import vocabulary as v
from generator.render.assets import SITE_FOLDER, Asset
from generator.render.mapdata import incident_location
from generator.render.parts import DIRECT, Memo, Parts, json_object

DATA_URI = f"{SITE_FOLDER}/explorer.json"
"""Where the explorer's data is published, relative to the site root."""

FORMAT_VERSION = 4
"""Bumped whenever the layout below changes, so a stale script can tell."""

INCIDENT_FIELDS = (
    "uri",  # docs-relative page, e.g. "incidents/derik-standoff.md" (its file stem is the id)
    "title",
    "start",  # ISO date of the first possible day
    "end",  # ISO date of the last possible day
    "date",  # the date as a reader sees it, e.g. "1–6 June 2020 (approximate)"
    "precision",  # position in "precisions"
    "approximate",  # 1 if the source was vague about the date, else 0
    "type",  # position in "types"
    "place",  # position in "places", or null
    "actors",  # [[position in "actors", position in "roles"], ...] in the record's order
    "tags",  # [position in "tags", ...]
    "sources",  # [position in "sources", ...] of the sources its citations name
    "status",  # position in "statuses"
    "origins",  # how many independent origins its reporting has (1: single source)
    "fatalities",  # the best estimate of deaths, or null when no figure is given
    "lat",  # latitude of the point the maps draw it at (WGS 84), or null
    "lon",  # longitude of that point, or null
    "anchor",  # position in "places" of the place the point is taken from; null for its own point
)
"""The columns of each row of ``incidents``, in order."""

PRECISIONS = ("day", "month", "year", "range")

CSV_COLUMNS = (
    "id",
    "title",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "date_approximate",
    "event_type",
    "place",
    "place_name",
    "latitude",
    "longitude",
    "point_from",
    "fatalities_best",
    "status",
    "independent_sources",
    "url",
)
"""The columns of the CSV a reader downloads from the explorer: those of ``data/incidents.csv``
(:data:`generator.exports.full_csv.HEADER`) that the explorer's data holds, with the same
names and values, and the address of the incident's page. The script writes them in this order."""

GEOJSON_PROPERTIES = (
    "id",
    "title",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "date_approximate",
    "date_text",
    "event_type",
    "event_type_label",
    "place",
    "place_name",
    "fatalities_best",
    "status",
    "independent_sources",
    "point_from",
    "point_place",
    "url",
)
"""The properties of each feature in the GeoJSON a reader downloads: those of
``data/incidents.geojson`` that the explorer's data holds, and the page's address."""


def data_files(index: Index, memo: Memo | None = None, build: int = 0) -> list[Asset]:
    """The JSON files the explorer page loads: ``assets/briefing/explorer.json``.

    Args:
        index: The resolved graph of a data folder.
        memo: Keeps each incident's row between the preview's rebuilds
            (:mod:`generator.render.parts`): only the rows that the changes up to rebuild
            ``build`` reach are made again, and every row when a lookup table differs from the
            last run's (a row holds positions in them).

    Returns:
        One asset, the explorer's data as compact UTF-8 JSON with sorted keys: the lookup tables
        (:func:`_members`) and ``incidents``, one row each (see :data:`INCIDENT_FIELDS`), joined
        from each row dumped on its own, byte for byte what dumping the whole object writes.
    """
    tables = _Tables.of(index)
    parts: Parts = memo.begin(build, tables.key) if memo is not None else DIRECT
    # timeline order: earliest day, last day, id
    rows = [parts.part(DATA_URI, incident, tables.row_text) for incident in index.incidents]
    members = {name: _dump(value) for name, value in _members(tables).items()}
    members["incidents"] = f"[{','.join(rows)}]"
    return [Asset(DATA_URI, json_object(members, _dump).encode("utf-8"))]


def _dump(data: Any) -> str:
    """The file's JSON: compact, with sorted keys."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class _Tables:
    """The lookup tables a row refers to by position, and each record's or value's position."""

    actors: list[ActorNode]
    places: list[PlaceNode]
    """In tree order (:func:`_tree_order`)."""
    types: list[str]
    roles: list[str]
    tags: list[str]
    sources: list[SourceNode]
    actor_pos: dict[ActorNode, int]
    place_pos: dict[PlaceNode, int]
    type_pos: dict[str, int]
    role_pos: dict[str, int]
    tag_pos: dict[str, int]
    source_pos: dict[SourceNode, int]

    @classmethod
    def of(cls, index: Index) -> _Tables:
        actors = list(index.actors)  # already sorted by name
        places = _tree_order(index.places)
        used_types = {incident.record.event_type for incident in index.incidents}
        types = [slug for slug in v.EVENT_TYPES if slug in used_types]
        roles = sorted({p.role for incident in index.incidents for p in incident.participants if p.actor is not None})
        tags = list(index.tags)  # already sorted by tag
        sources = list(index.sources)  # already sorted by name
        return cls(
            actors,
            places,
            types,
            roles,
            tags,
            sources,
            {node: i for i, node in enumerate(actors)},
            {node: i for i, node in enumerate(places)},
            {slug: i for i, slug in enumerate(types)},
            {label: i for i, label in enumerate(roles)},
            {tag: i for i, tag in enumerate(tags)},
            {node: i for i, node in enumerate(sources)},
        )

    @property
    def key(self) -> tuple[Any, ...]:
        """The tables as a row sees them: which record or value is at which position (records by page)."""
        return (
            tuple(node.uri for node in self.actors),
            tuple(node.uri for node in self.places),
            tuple(self.types),
            tuple(self.roles),
            tuple(self.tags),
            tuple(node.uri for node in self.sources),
        )

    def row(self, incident: IncidentNode) -> list[Any]:
        """The incident's row (see :data:`INCIDENT_FIELDS`)."""
        record, date = incident.record, incident.record.date
        origins = incident.origins
        for source in origins:  # the count tells sources apart: it depends on which they are
            note(source.uri)
        return [
            incident.uri,
            record.title,
            date.start.isoformat(),
            date.end.isoformat(),
            date.describe(),
            _PRECISION_POS[date.precision],
            int(date.approximate),
            self.type_pos[record.event_type],
            self.place_pos[incident.place] if incident.place is not None else None,
            [[self.actor_pos[p.actor], self.role_pos[p.role]] for p in incident.participants if p.actor is not None],
            sorted({self.tag_pos[tag] for tag in record.tags}),
            sorted({self.source_pos[link.source] for link in incident.citations}),
            _STATUS_POS[record.status],
            len(origins),
            record.fatalities.best if record.fatalities is not None else None,
            *_point(incident, self.place_pos),
        ]

    def row_text(self, incident: IncidentNode) -> str:
        """The incident's row as the file's JSON."""
        return _dump(self.row(incident))


_PRECISION_POS = {name: i for i, name in enumerate(PRECISIONS)}
_STATUS_POS = {slug: i for i, slug in enumerate(v.STATUSES)}


def _members(tables: _Tables) -> dict[str, Any]:
    """The file's members besides ``incidents``: the lookup tables and what the script needs to know."""
    kinds = sorted({node.record.kind for node in tables.actors})
    place_pos = tables.place_pos
    return {
        "version": FORMAT_VERSION,
        "fields": list(INCIDENT_FIELDS),
        # [id, name, kind slug], sorted by name
        "actors": [[node.id, node.title, node.record.kind] for node in tables.actors],
        "actorKinds": {kind: v.ACTOR_KINDS[kind] for kind in kinds},
        # [id, name, [positions of the enclosing places, outermost first], docs-relative page], in tree order
        "places": [[node.id, node.title, [place_pos[a] for a in node.ancestors], node.uri] for node in tables.places],
        "types": [[slug, v.EVENT_TYPES[slug]] for slug in tables.types],
        "roles": tables.roles,
        "tags": tables.tags,
        # [id, name], sorted by name
        "sources": [[node.id, node.title] for node in tables.sources],
        "precisions": list(PRECISIONS),
        # [slug, label] in the vocabulary's order
        "statuses": [[slug, v.STATUSES[slug]] for slug in v.STATUSES],
        # How downloads are made: the columns and properties, and the spreadsheet rule's characters
        # and number pattern (generator/formats/spreadsheet.py), so the script applies that one rule.
        "download": {
            "csv": list(CSV_COLUMNS),
            "geojson": list(GEOJSON_PROPERTIES),
            "triggers": "".join(spreadsheet.TRIGGERS),
            "number": spreadsheet.NUMBER_PATTERN,
        },
    }


def _point(incident: IncidentNode, place_pos: dict[PlaceNode, int]) -> tuple[float | None, float | None, int | None]:
    """Latitude, longitude and the anchor place's position of the point the maps and exports use."""
    location = incident_location(incident)
    if location is None:
        return None, None, None
    own = incident.record.coordinates is not None
    return location.point.lat, location.point.lon, None if own else place_pos[location.anchor]


def intro(index: Index) -> dict[str, Any]:
    """What the explorer page's introduction says about this site's own data.

    Returns:
        ``incidents`` (how many), ``first`` and ``last`` (the earliest and latest dates as a
        reader sees them), and ``example``: ``None``, or for the first incident whose date is
        vague (a month, a year or a range) its ``title``, its ``date`` as shown and ``inside``, a
        day within it other than its first, which a range starting on that day still matches;
        ``from_example`` and ``to_example``, the first and last possible days as ISO dates.
    """
    incidents = index.incidents
    example = None
    for incident in incidents:
        date = incident.record.date
        if date.end > date.start:
            inside = date.start + (date.end - date.start) // 2
            example = {"title": incident.record.title, "date": date.describe(), "inside": inside.isoformat()}
            break
    first = incidents[0].record.date if incidents else None
    last = max((i.record.date for i in incidents), key=lambda d: (d.end, d.start)) if incidents else None
    return {
        "incidents": len(incidents),
        "first": first.describe() if first else "",
        "last": last.describe() if last else "",
        "example": example,
        # what the date boxes show before a reader types: the site's own first and last days
        "from_example": first.start.isoformat() if first else "2020-01-01",
        "to_example": last.end.isoformat() if last else "2020-12-31",
    }


def _tree_order(places: list[PlaceNode]) -> list[PlaceNode]:
    """Places depth first, each followed by the places inside it, siblings by name.

    ``places`` is sorted by name and so are each place's children. The index has already cut
    parent cycles; a place left unreached all the same is listed as a root rather than lost.
    """
    ordered: list[PlaceNode] = []
    seen: set[PlaceNode] = set()
    for root in [p for p in places if p.parent is None] + places:
        stack = [root]
        while stack:  # a loop, not recursion: a chain of places can be deeper than Python's stack
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            ordered.append(node)
            stack.extend(reversed(node.children))
    return ordered
