"""``data/incidents.csv``: the fields of every incident, one row each, for spreadsheets.

Part of the render stage. Lists are joined with ``; `` and pairs with ``:`` (participants are
``actor:role``, an unidentified actor is empty: ``:attacker``; related incidents are
``incident:relation``; external ids are ``dataset:id``). Citations are three parallel columns
(source ids, Admiralty grades such as ``C2``, addresses), so position *n* of each belongs to the
same citation. ``latitude``/``longitude`` are the point the incident is drawn at and
``point_from`` says where it comes from: ``incident`` for its own coordinates, ``place:<id>``
when taken from a place on its chain. ``status`` is how far the incident is established
(``reported``, ``alleged``, ...); ``independent_sources`` counts the independent origins of its
reporting (two outlets relaying one statement count once) and ``single_source`` is ``true`` when
that count is one. ``participant_sides`` is parallel to ``participants`` (``a``, ``b`` or empty),
``citation_origins`` (origin ids joined by ``+``) and ``citation_via`` to ``citations``;
``fatalities_by_side`` is ``a:3; b:1; civilians:0; unknown:2`` (the sides known), ``status_by``
the actor holding the status, and ``dataset`` what the dataset said (UCDP's or ACLED's own
fields) as compact JSON, as data.json writes it. Claims per citation and judgements are in
``data.json`` and the GeoJSON file. Booleans are ``true``/``false``. A text cell that a spreadsheet would run as a
formula (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a single
quote in front (:mod:`generator.formats.spreadsheet`).
"""

from __future__ import annotations

import json
from typing import Any

from generator.exports.common import csv_file, csv_line, grade, incident_point, participants_text, place_chain
from generator.exports.json_dump import json_value
from generator.index.graph import IncidentNode, Index
from generator.model.records import DeathsBySide
from generator.render.parts import DIRECT, Parts

URI = "data/incidents.csv"

HEADER = (
    "id",
    "title",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "date_approximate",
    "event_type",
    "sub_type",
    "place",
    "place_name",
    "places",
    "location_precision",
    "latitude",
    "longitude",
    "point_from",
    "participants",
    "summary",
    "citations",
    "citation_grades",
    "citation_urls",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "tags",
    "related",
    "external_ids",
    "status",
    "independent_sources",
    "single_source",
    "participant_sides",
    "citation_origins",
    "citation_via",
    "fatalities_by_side",
    "fatalities_note",
    "status_by",
    "dataset",
)
"""The columns, in order. ``places`` is the place chain, outermost first, as ids."""


def render(index: Index, parts: Parts = DIRECT) -> bytes:
    """The CSV file: the header and one row per incident in timeline order, ``\\n`` line ends.

    Args:
        index: The resolved graph of a data folder.
        parts: Makes (or keeps) each incident's row (:mod:`generator.render.parts`).
    """
    return csv_file(HEADER, [parts.part(URI, node, _line) for node in index.incidents])


def row(incident: IncidentNode) -> list[str]:
    """One incident's values, as text, in the order of :data:`HEADER`."""
    record, date = incident.record, incident.record.date
    point = incident_point(incident)
    point_from = "" if point is None else "incident" if point.place is None else f"place:{point.place.id}"
    fatalities = record.fatalities
    return [
        record.id,
        record.title,
        date.iso,
        date.start.isoformat(),
        date.end.isoformat(),
        date.precision,
        _bool(date.approximate),
        record.event_type,
        record.sub_type or "",
        record.place,
        incident.place.record.name if incident.place is not None else "",
        "; ".join(place.id for place in place_chain(incident)),
        record.location_precision,
        repr(point.lat) if point is not None else "",
        repr(point.lon) if point is not None else "",
        point_from,
        participants_text(record),
        record.summary,
        "; ".join(link.source.id for link in incident.citations),
        "; ".join(grade(link.source.record, link.citation) for link in incident.citations),
        "; ".join(link.citation.url or "" for link in incident.citations),
        _number(fatalities.low if fatalities is not None else None),
        _number(fatalities.best if fatalities is not None else None),
        _number(fatalities.high if fatalities is not None else None),
        "; ".join(record.tags),
        "; ".join(f"{r.incident}:{r.relation}" for r in record.related),
        "; ".join(f"{key}:{value}" for key, value in sorted(record.external_ids.items())),
        record.status,
        str(len(incident.origins)),
        _bool(incident.single_source),
        "; ".join(p.side or "" for p in record.participants),
        "; ".join("+".join(link.citation.origin) for link in incident.citations),
        "; ".join(link.citation.via or "" for link in incident.citations),
        _by_side(fatalities.by_side if fatalities is not None else None),
        fatalities.note if fatalities is not None else "",
        record.status_by or "",
        _compact_json(json_value(record.dataset)) if record.dataset is not None else "",
    ]


def _by_side(by_side: DeathsBySide | None) -> str:
    """Deaths by side as ``a:3; b:1; civilians:0``: the sides the record knows, in the model's order."""
    if by_side is None:
        return ""
    return "; ".join(f"{side}:{count}" for side, count in by_side.__dict__.items() if count is not None)


def _compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _line(incident: IncidentNode) -> str:
    return csv_line(row(incident))
