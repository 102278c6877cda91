"""``data/incidents-acled.csv``: the incidents in ACLED's current 31-column export layout.

Part of the render stage. The columns, their order, codes and labels are ACLED's, read from
:mod:`generator.formats.acled`, the table the ACLED importer reads too, so that tools written for
ACLED's exports read this file and the importer reads it back as the same records. What ACLED
said about an incident imported from it (the ``dataset.acled`` block) is written back as it came;
records made by hand get ACLED's own derivations. Column by column:

- ``event_id_cnty``: the incident's ``external_ids.acled`` if it has one, else its own id.
- ``event_date`` and ``time_precision``: an exact day is itself with precision 1; an approximate
  day is itself with precision 2; a range of at most 7 days is precision 2 and anything longer
  (a month, a year, a longer range) precision 3. The day written is the one ACLED coded
  (``dataset.acled.event_date``) when it lies in the incident's date, else the middle day of a
  week or the first day of anything longer. ``year``: the year of ``event_date``.
- ``disorder_type``, ``civilian_targeting``, ``iso``, ``region``, ``source_scale``, ``tags``:
  ACLED's values from the dataset block, as they came (empty where the file had none, e.g. the
  older layout's missing ``disorder_type``); for records made by hand the disorder type and
  civilian targeting ACLED would derive from the event type (and the second side's type) and the
  ISO 3166-1 numeric code of the country place; the others empty (this project's own tags are no
  ACLED tags).
- ``actor1``/``assoc_actor_1`` are the participants on side ``a`` in the record's order,
  ``actor2``/``assoc_actor_2`` those on side ``b``; participants outside both sides are left out.
  A record whose participants have no sides at all is split by role (see :func:`sides`). An
  unidentified participant keeps the name ACLED gave it (the note, e.g. *Unidentified
  Tribal/Clan/Communal Militia (Syria)*), else a generic one.
- ``inter1``/``inter2``: the row's own actor types from the dataset block; for records made by
  hand the type of the actor's kind (a state force of another country is External/Other forces).
  Written as numbers or labels as the data came in (``dataset.acled.inter``), else as the
  ``acled_inter`` setting says (labels, as ACLED's current exports write them, by default).
  ``interaction`` joins the two in ACLED's way in the same variant (``12``, ``State
  forces-Rebel group``, ``Rebel group only``).
- ``country``, ``admin1`` (the governorate), ``admin2`` and ``admin3`` (the first and second
  district) and ``location`` (the incident's place, or for an event known only to a region the
  town whose coordinates ACLED used) come from the place chain.
- ``latitude``/``longitude``: the incident's coordinates, else the nearest place's on the chain;
  ``geo_precision``: exact 1, near 2, region 3.
- ``source``: the cited sources' names, in citation order, joined by ``; ``; ACLED itself is not
  one of its sources and is never written here.
- ``notes``: the summary as plain text on one line.
- ``fatalities``: the best estimate. ACLED's 0 means "no fatalities reported"; an incident whose
  deaths are not known is written with an empty cell (ACLED has no code for that), never 0.
- ``timestamp``: ACLED's own (the time the row last changed in ACLED's database), empty for a
  row that came without one; for records made by hand the record's last change (the data
  folder's history, else the import state), else empty: never the event's date.

Text cells that a spreadsheet would run as a formula are neutralised
(:func:`generator.exports.common.csv_safe`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from generator.exports.common import (
    country_of,
    csv_file,
    csv_line,
    epoch_seconds,
    incident_point,
    place_chain,
    plain_text,
)
from generator.formats import acled as fmt
from generator.formats import countries
from generator.index.graph import IncidentNode, Index, ParticipantLink, PlaceNode
from generator.model import vocabulary as v
from generator.model.records import AcledFields, Participant
from generator.render.parts import DIRECT, Parts

URI = "data/incidents-acled.csv"

HEADER = fmt.COLUMNS
"""ACLED's current export layout, in order."""

RECEIVING_ROLES = frozenset({"targeted", "affected"})
"""Roles on the receiving end of an event: always the second side."""
LEFT_OUT_ROLES = frozenset({"observing"})
"""Roles that are not party to the event in ACLED's sense."""
SYMMETRIC_ROLES = frozenset({"combatant", "party"})
"""Roles shared by opposite sides: the second actor with such a role is ``actor2``."""
VIOLENT_TYPES = frozenset({"battles", "explosions-remote-violence", "violence-against-civilians", "riots"})

LastChange = Callable[[IncidentNode], dt.datetime | None]
"""When a record last changed, or ``None`` when that is not known."""

P = TypeVar("P", Participant, ParticipantLink)


def render(
    index: Index, *, inter_variant: str = fmt.LABELS, last_change: LastChange | None = None, parts: Parts = DIRECT
) -> bytes:
    """The CSV file: ACLED's header and one row per incident, ``\\n`` line ends.

    Rows are sorted by ``event_date``, and incidents of the same day keep their timeline order.

    Args:
        index: The resolved graph of a data folder.
        inter_variant: How ``inter1``/``inter2``/``interaction`` are written for records that did
            not come from ACLED: ``labels`` or ``numeric``.
        last_change: When a record last changed, for the ``timestamp`` of records without ACLED's.
        parts: Makes (or keeps) each incident's row (:mod:`generator.render.parts`).
    """

    def line(incident: IncidentNode) -> tuple[str, str]:
        values = row(incident, inter_variant=inter_variant, last_change=last_change)
        return values[1], csv_line(values)

    rows = [parts.part(URI, node, line) for node in index.incidents]
    rows.sort(key=lambda dated: dated[0])  # by event_date; stable: a day's incidents stay in timeline order
    return csv_file(HEADER, [text for _, text in rows])


def event_date(incident: IncidentNode) -> tuple[dt.date, int]:
    """ACLED's ``event_date`` and ``time_precision`` of an incident's date (see the module's notes)."""
    date = incident.record.date
    block = _block(incident)
    coded = dt.date.fromisoformat(block.event_date) if block is not None and block.event_date else None
    if coded is not None and not date.start <= coded <= date.end:
        coded = None  # the analyst changed the date: ACLED's day no longer applies
    if date.precision == "day":
        return date.start, 2 if date.approximate else 1
    span = (date.end - date.start).days
    if date.precision == "range" and span < 7:
        return coded or date.start + dt.timedelta(days=span // 2), 2
    return coded or date.start, 3


def iso_code(country: PlaceNode | None) -> str:
    """ACLED's ``iso``: the ISO 3166-1 numeric code of the country place, or empty."""
    if country is None:
        return ""
    found = countries.lookup([country.record.name, *country.record.aliases])
    return found.numeric if found is not None else ""


def disorder_type(event_type: str, sub_type: str | None) -> str:
    """ACLED's disorder type of an event type and sub-type (:func:`generator.formats.acled.disorder_type`)."""
    return fmt.disorder_type(event_type, sub_type)


def sides(participants: Sequence[P]) -> tuple[list[P], list[P]]:
    """Split participants into ACLED's first and second side, keeping the record's order.

    With sides in the record, side ``a`` is the first side and side ``b`` the second; those
    outside both are left out. Records written without sides are split by role: the lead is the
    first participant whose role is neither targeted nor affected and the first side every
    participant with the lead's role; the second side is, by preference, every targeted
    participant, else the group of the next acting role, else every affected participant. With a
    symmetric role (combatant, party) shared by several participants, the lead faces the others.
    Without an acting participant, the targeted and affected ones form the first side. Observers
    are left out, and so are participants of a third role.
    """
    parts = [_part(p) for p in participants]
    if any(part.side is not None for part in parts):
        first = [p for p, part in zip(participants, parts, strict=True) if part.side == "a"]
        second = [p for p, part in zip(participants, parts, strict=True) if part.side == "b"]
        return (first, second) if first else (second, [])
    present = [p for p in participants if _part(p).role not in LEFT_OUT_ROLES]
    acting = [p for p in present if _part(p).role not in RECEIVING_ROLES]
    if not acting:
        return present, []
    lead = _part(acting[0]).role
    first = [p for p in acting if _part(p).role == lead]
    if lead in SYMMETRIC_ROLES and len(first) > 1:
        return first[:1], first[1:]
    targeted = [p for p in present if _part(p).role == "targeted"]
    if targeted:
        return first, targeted
    rest = [p for p in acting if _part(p).role != lead]
    if rest:
        return first, [p for p in rest if _part(p).role == _part(rest[0]).role]
    return first, [p for p in present if _part(p).role == "affected"]


def _part(item: Participant | ParticipantLink) -> Participant:
    return item.part if isinstance(item, ParticipantLink) else item


def _block(incident: IncidentNode) -> AcledFields | None:
    dataset = incident.record.dataset
    return dataset.acled if dataset is not None else None


def row(incident: IncidentNode, *, inter_variant: str = fmt.LABELS, last_change: LastChange | None = None) -> list[str]:
    """One incident as ACLED's 31 values, as text (before the spreadsheet-safety step)."""
    record = incident.record
    block = _block(incident)
    chain = place_chain(incident)
    country = country_of(chain)
    country_name = country.record.name if country is not None else ""
    first, second = sides(incident.participants)
    names1, codes1 = _side(first, record.event_type, country_name)
    names2, codes2 = _side(second, record.event_type, country_name)
    code1 = (
        block.inter1 if block is not None and block.inter1 is not None and names1 else (codes1[0] if codes1 else None)
    )
    code2 = (
        block.inter2 if block is not None and block.inter2 is not None and names2 else (codes2[0] if codes2 else None)
    )
    variant = block.inter if block is not None and block.inter is not None else inter_variant
    point = incident_point(incident)
    governorates = [p.record.name for p in chain if p.record.kind == "governorate"]
    districts = [p.record.name for p in chain if p.record.kind == "district"]
    sources: list[str] = []
    for link in incident.citations:
        name = link.source.record.name
        if name not in sources and not _is_acled(link.source.id, name):
            sources.append(name)
    day, precision = event_date(incident)
    location = incident.place.record.name if incident.place is not None else ""
    if block is not None and block.location and record.location_precision == "region":
        location = block.location
    if block is not None:
        targeting = fmt.CIVILIAN_TARGETING if block.civilian_targeting else ""
    else:
        targeting = _civilian_targeting(record.event_type, code2)
    return [
        record.external_ids.get(fmt.DATASET, record.id),
        day.isoformat(),
        str(day.year),
        str(precision),
        block.disorder_type if block is not None else disorder_type(record.event_type, record.sub_type),
        v.EVENT_TYPES[record.event_type],
        v.SUB_TYPES[record.event_type][record.sub_type] if record.sub_type else "",
        names1[0] if names1 else "",
        fmt.SEPARATOR.join(names1[1:]),
        fmt.write_inter(code1, variant),
        names2[0] if names2 else "",
        fmt.SEPARATOR.join(names2[1:]),
        fmt.write_inter(code2, variant),
        fmt.interaction(code1, code2, variant),
        targeting,
        block.iso if block is not None else iso_code(country),
        block.region if block is not None else "",
        country_name,
        governorates[0] if governorates else "",
        districts[0] if districts else "",
        districts[1] if len(districts) > 1 else "",
        location,
        repr(point.lat) if point is not None else "",
        repr(point.lon) if point is not None else "",
        str(fmt.GEO_CODE[record.location_precision]),
        fmt.SEPARATOR.join(sources),
        block.source_scale if block is not None else "",
        plain_text(record.summary, one_line=True),
        str(record.fatalities.best) if record.fatalities is not None else fmt.UNKNOWN_FATALITIES,
        fmt.SEPARATOR.join(block.tags) if block is not None else "",
        _timestamp(incident, block, last_change),
    ]


def _timestamp(incident: IncidentNode, block: AcledFields | None, last_change: LastChange | None) -> str:
    if block is not None:  # ACLED's own, or none when its file had none (never one made up here)
        return str(block.timestamp) if block.timestamp is not None else ""
    changed = last_change(incident) if last_change is not None else None
    return str(epoch_seconds(changed)) if changed is not None else ""


def _is_acled(source_id: str, name: str) -> bool:
    return source_id == fmt.DATASET or name == fmt.SOURCE_NAME


def _side(links: list[ParticipantLink], event_type: str, country: str) -> tuple[list[str], list[int]]:
    """Names and ACLED actor types of one side's participants, without repeating a name."""
    names: list[str] = []
    codes: list[int] = []
    suffix = f" ({country})" if country else ""
    for link in links:
        part = link.part
        receiving = part.role in RECEIVING_ROLES
        if link.actor is not None:
            name, code = link.actor.record.name, _inter(link, country)
            if not receiving and code != 1 and event_type in ("protests", "riots"):
                code = 6 if event_type == "protests" else 5
        else:
            name, code = _unidentified(part, event_type, suffix)
        if name not in names:
            names.append(name)
            codes.append(code)
    return names, codes


def _unidentified(part: Participant, event_type: str, suffix: str) -> tuple[str, int]:
    """The name and actor type of an unidentified participant: ACLED's own name when the note
    keeps it, else ACLED's generic name for the part it played."""
    given = part.note.split(";", 1)[0].strip()
    if part.role in RECEIVING_ROLES:
        code = 7
    elif event_type in ("protests", "riots"):
        code = 6 if event_type == "protests" else 5
    else:
        code = 3
    if given.startswith(fmt.UNIDENTIFIED):
        return given, code
    if code == 7:
        return f"Civilians{suffix}", code
    if code in (5, 6):
        return f"{fmt.INTER[code].label}{suffix}", code
    return f"Unidentified Armed Group{suffix}", code


def _inter(link: ParticipantLink, country: str) -> int:
    assert link.actor is not None
    actor = link.actor.record
    code = fmt.INTER_BY_KIND[actor.kind]
    if code == 1 and actor.country and country and actor.country.casefold() != country.casefold():
        return 8
    return code


def _civilian_targeting(event_type: str, code2: int | None) -> str:
    if event_type == "violence-against-civilians" or (event_type in VIOLENT_TYPES and code2 == 7):
        return fmt.CIVILIAN_TARGETING
    return ""
