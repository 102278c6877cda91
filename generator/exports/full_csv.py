"""``data/incidents.csv``: every field of every incident, one row each, for spreadsheets.

Part of the render stage. Lists are joined with ``; `` and pairs with ``:`` (participants are
``actor:role``, an unidentified actor is empty: ``:attacker``; related incidents are
``incident:relation``; external ids are ``dataset:id``). Citations are three parallel columns
(source ids, Admiralty grades such as ``C2``, addresses), so position *n* of each belongs to the
same citation. ``latitude``/``longitude`` are the point the incident is drawn at and
``point_from`` says where it comes from: ``incident`` for its own coordinates, ``place:<id>``
when taken from a place on its chain. ``status`` is how far the incident is established
(``reported``, ``alleged``, ...); ``independent_sources`` counts the independent origins of its
reporting (two outlets relaying one statement count once) and ``single_source`` is ``true`` when
that count is one. Booleans are ``true``/``false``. A text cell that a spreadsheet would run as a
formula (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a single
quote in front (:mod:`generator.formats.spreadsheet`).
"""

from __future__ import annotations

from generator.exports.common import csv_rows, grade, incident_point, participants_text, place_chain
from generator.index.graph import IncidentNode, Index

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
)
"""The columns, in order. ``places`` is the place chain, outermost first, as ids."""


def render(index: Index) -> bytes:
    """The CSV file: the header and one row per incident in timeline order, ``\\n`` line ends."""
    return csv_rows(HEADER, [row(incident) for incident in index.incidents])


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
    ]


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)
