"""What the export formats share: where an incident is, its text without Markdown, stable dates.

Part of the render stage, used by every module of ``generator.exports``. Everything here is a
pure function of the index, so that the same data always gives the same bytes: dates and times
come from the data itself (never the clock), and the namespace of derived UUIDs is fixed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.formats import spreadsheet
from generator.index.graph import IncidentNode, PlaceNode
from generator.model.dates import FuzzyDate
from generator.model.grading import grade_code
from generator.model.records import Citation, Incident, Source
from generator.render.mapdata import incident_location

NAMESPACE = uuid.UUID("e2e383f8-16e2-4df7-bd42-e45021f7ff82")
"""Namespace of every UUID the exports derive from record ids (STIX ids, Atom entry ids).

Fixed forever: changing it would give every record of every published site a new identity.
"""


def derived_uuid(key: str, namespace: str = "") -> uuid.UUID:
    """A UUID (version 5) that depends only on ``key`` (e.g. ``incident/derik-standoff``) and the
    site's ``namespace`` (its address or the ``id_namespace`` option), so that two sites with a
    record of the same id give it two ids; without a namespace, the fixed :data:`NAMESPACE`."""
    space = uuid.uuid5(NAMESPACE, f"site/{namespace}") if namespace else NAMESPACE
    return uuid.uuid5(space, key)


def stix_time(when: dt.datetime | None, fallback: str) -> str:
    """An aware time as STIX writes it (UTC, milliseconds): ``2026-01-02T03:04:05.000Z``."""
    if when is None:
        return fallback
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@dataclass(frozen=True)
class Point:
    """Where an incident is drawn.

    Attributes:
        lat: Latitude in WGS 84 degrees.
        lon: Longitude in WGS 84 degrees.
        place: The place the point was taken from, or ``None`` when it is the incident's own.
    """

    lat: float
    lon: float
    place: PlaceNode | None


def place_chain(incident: IncidentNode) -> list[PlaceNode]:
    """The incident's place and the places around it, from the outermost to the place itself."""
    if incident.place is None:
        return []
    return [*incident.place.ancestors, incident.place]


def incident_point(incident: IncidentNode) -> Point | None:
    """The incident's own coordinates, else those of the nearest place on its chain that has some.

    The same point the site's maps draw (:func:`generator.render.mapdata.incident_location`), so a map
    and an export never disagree on where an incident is.
    """
    location = incident_location(incident)
    if location is None:
        return None
    own = incident.record.coordinates is not None
    return Point(location.point.lat, location.point.lon, None if own else location.anchor)


def country_of(chain: list[PlaceNode]) -> PlaceNode | None:
    """The outermost place of kind ``country`` on a chain, if any."""
    return next((place for place in chain if place.record.kind == "country"), None)


def participants_text(incident: Incident) -> str:
    """Participants as ``actor:role`` joined by ``; ``; an unidentified actor is empty (``:attacker``)."""
    return "; ".join(f"{p.actor or ''}:{p.role}" for p in incident.participants)


def grade(source: Source, citation: Citation) -> str:
    """The Admiralty grade of one citation: source reliability and information credibility, e.g. ``C2``.

    Without a credibility the grade is the reliability letter alone; an ungraded source is ``?``.
    """
    return grade_code(source.reliability, citation.credibility)


def iso_timestamp(day: dt.date, *, milliseconds: bool = False) -> str:
    """Midnight UTC of ``day`` in RFC 3339 form: ``2020-06-04T00:00:00Z`` (``.000Z`` for STIX)."""
    return f"{day.isoformat()}T00:00:00{'.000' if milliseconds else ''}Z"


def epoch_seconds(when: dt.date | dt.datetime) -> int:
    """Seconds from 1970-01-01 UTC to ``when`` (a day counts from its midnight UTC)."""
    if isinstance(when, dt.datetime):
        return calendar.timegm(when.utctimetuple())
    return calendar.timegm(when.timetuple())


_QUOTE = re.compile(r'[",\r\n]')


def _csv_cell(text: str) -> str:
    """One RFC 4180 cell: quoted when it holds a quote, comma or line break (``\r`` too, which
    Python's csv writer leaves bare when lines end in ``\n``, splitting the row for readers)."""
    return '"' + text.replace('"', '""') + '"' if _QUOTE.search(text) else text


def csv_rows(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A CSV file as UTF-8 bytes with ``\n`` line ends, every cell safe to open in a spreadsheet
    (:func:`generator.formats.spreadsheet.escape`)."""
    return csv_file(header, [csv_line(values) for values in rows])


def csv_line(values: Sequence[str]) -> str:
    """One row of a CSV file as :func:`csv_rows` writes it, without its line end."""
    return ",".join(_csv_cell(spreadsheet.escape(cell)) for cell in values)


def csv_file(header: Sequence[str], lines: Iterable[str]) -> bytes:
    """A CSV file from its header and rows made by :func:`csv_line`, as :func:`csv_rows` writes it."""
    return ("\n".join([",".join(_csv_cell(name) for name in header), *lines]) + "\n").encode("utf-8")


def json_text(value: object) -> str:
    """A value as the exports write JSON: compact, UTF-8 characters as they are, no NaN.

    Compact JSON is made of its parts: a list is ``[`` + its items' texts joined by ``,`` + ``]``,
    so an export can be joined from parts made (and kept) one record at a time.
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def date_form(date: FuzzyDate) -> str | dict[str, str | bool]:
    """A date written back in the form the YAML accepts, so that exported records validate again.

    A plain day, month or year is a string (``2020-06-04``, ``2020-06``, ``2020``); an approximate
    one is ``{"on": ..., "approximate": true}``; a range is ``{"start": ..., "end": ...}`` with
    ``"approximate": true`` when the source was vague.
    """
    if date.precision == "range":
        form: dict[str, str | bool] = {"start": date.start.isoformat(), "end": date.end.isoformat()}
    elif date.approximate:
        form = {"on": date.iso}
    else:
        return date.iso
    if date.approximate:
        form["approximate"] = True
    return form


_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EM_STAR = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*", re.DOTALL)
_EM_UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", re.DOTALL)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_MARKUP = re.compile(r"[`*_\[\]<\\]")
"""Characters without which a text has no Markdown to strip (the common case: skip the work)."""


def plain_text(markdown: str, *, one_line: bool = False) -> str:
    """A Markdown field (summary, description) as plain text for formats that show no Markdown.

    A light conversion, enough for the fields' allowed syntax: links become ``text (address)``,
    emphasis and code markers and backslash escapes go, whitespace inside a paragraph collapses.
    Raw HTML stays as the literal text it is on the site.

    Args:
        markdown: The field's text.
        one_line: Join paragraphs with a space instead of a blank line (CSV notes).
    """
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    if _MARKUP.search(text):
        text = _strip_markup(text)
    paragraphs = [" ".join(p.split()) for p in _PARAGRAPH.split(text)]
    return (" " if one_line else "\n\n").join(p for p in paragraphs if p)


def _strip_markup(text: str) -> str:
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(
        lambda m: m.group(1) if m.group(1) == m.group(2) or not m.group(2) else f"{m.group(1)} ({m.group(2)})", text
    )
    text = _AUTOLINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDERSCORE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)
