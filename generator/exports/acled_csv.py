"""``data/incidents-acled.csv``: the incidents in ACLED's current 31-column export layout.

Part of the render stage. The columns, their order and their spelling are ACLED's, so that tools
written for ACLED's exports read this file. Event types and sub-types are ACLED's own labels
(``generator.model.vocabulary`` follows ACLED's codebook); the rest is mapped as follows.

- ``event_id_cnty``: the incident's ``external_ids.acled`` if it has one, else its own id.
- ``event_date`` (ISO ``YYYY-MM-DD``) and ``time_precision``: an exact day is itself with
  precision 1; an approximate day is itself with precision 2; a range of at most 7 days is its
  middle day with precision 2 (ACLED codes "the week of" as a day in that week, and the importer
  reads precision 2 as the seven days around the coded day, so a week survives a round trip);
  anything longer (a month, a year, a longer range) is its first day with precision 3.
  ``year``: the year of ``event_date``.
- ``disorder_type``: as ACLED derives it from the event type: *Political violence* for battles,
  explosions/remote violence, violence against civilians and mob violence; *Demonstrations* for
  protests and violent demonstrations (and riots without a sub-type); *Political violence;
  Demonstrations* for excessive force against protesters; *Strategic developments* for those.
- ``actor1``/``assoc_actor_1`` and ``actor2``/``assoc_actor_2`` come from the participants by
  role, in the record's order (see :func:`sides`). Names are the actors' names; an unidentified
  participant is *Unidentified Armed Group (country)* on the acting side and *Civilians
  (country)* when targeted or affected (*Protesters*/*Rioters* in protests and riots).
- ``inter1``/``inter2``: ACLED's actor types from the actor's kind (:data:`INTER_BY_KIND`); a
  state or state force of another country than the incident's is *External/Other forces*;
  ``interaction`` joins the two in ACLED's order (``X-Y``, or ``X only``).
- ``civilian_targeting``: *Civilian targeting* for violence against civilians, and for other
  violent events whose second side is civilians.
- ``country``: the place of kind *country* on the place chain; ``admin1``: the governorate on the
  chain; ``admin2`` and ``admin3``: the first and second district; ``location``: the incident's
  place. Places of kind *region* are not administrative units and are left out.
- ``latitude``/``longitude``: the incident's coordinates, else the nearest place's on the chain
  (shortest exact decimal form); ``geo_precision``: exact 1, near 2, region 3.
- ``source``: the cited sources' names, in citation order, joined by ``; ``.
- ``notes``: the summary as plain text on one line; ``fatalities``: the best estimate, or 0.
- ``tags``: the incident's tags joined by ``; ``.
- ``timestamp``: ``event_date`` at 00:00 UTC in seconds since 1970 (ACLED's is the time
  of its last upload, which this data does not have; this keeps the file reproducible).
- ``iso``: the ISO 3166-1 numeric code of ``country``, found by the country place's name or one
  of its aliases as Natural Earth spells it (the outlines the map vendors: *Syria*, *Turkey*,
  *Dem. Rep. Congo*); empty when none matches (add Natural Earth's spelling as an alias).
- ``region`` and ``source_scale`` are left empty: the data holds no ACLED world regions or source
  scales.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Sequence

from generator.exports.common import country_of, epoch_seconds, incident_point, place_chain, plain_text
from generator.index.graph import ActorNode, IncidentNode, Index, PlaceNode
from generator.model import vocabulary as v
from generator.model.records import Participant
from generator.render.assets import STATIC

URI = "data/incidents-acled.csv"

HEADER = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
"""ACLED's current export layout, in order."""

STATE_FORCES = "State forces"
EXTERNAL = "External/Other forces"
CIVILIANS = "Civilians"
INTER_ORDER = (
    STATE_FORCES,
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    CIVILIANS,
    EXTERNAL,
)
"""ACLED's actor types in the order of their old numeric codes 1-8, which orders ``interaction``."""

INTER_BY_KIND = {
    "state": STATE_FORCES,
    "state-force": STATE_FORCES,
    "armed-group": "Rebel group",
    "militia": "Political militia",
    "political-organisation": EXTERNAL,
    "civilian-group": CIVILIANS,
    "person": CIVILIANS,
    "media-outlet": CIVILIANS,
    "international-organisation": EXTERNAL,
    "other": EXTERNAL,
}
"""Our actor kinds -> ACLED actor types (``inter1``/``inter2``)."""

GEO_PRECISION = {"exact": 1, "near": 2, "region": 3}
RECEIVING_ROLES = frozenset({"targeted", "affected"})
"""Roles on the receiving end of an event: always the second side."""
LEFT_OUT_ROLES = frozenset({"observing"})
"""Roles that are not party to the event in ACLED's sense."""
SYMMETRIC_ROLES = frozenset({"combatant", "party"})
"""Roles shared by opposite sides: the second actor with such a role is ``actor2``."""
VIOLENT_TYPES = frozenset({"battles", "explosions-remote-violence", "violence-against-civilians", "riots"})


def render(index: Index) -> bytes:
    """The CSV file: ACLED's header and one row per incident, ``\\n`` line ends.

    Rows are sorted by ``event_date``, and incidents of the same day keep their timeline order.
    """
    actors = {node.id: node for node in index.actors}
    rows = [row(incident, actors) for incident in index.incidents]
    rows.sort(key=lambda values: values[1])  # stable: a day's incidents stay in timeline order
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def event_date(incident: IncidentNode) -> tuple[dt.date, int]:
    """ACLED's ``event_date`` and ``time_precision`` of an incident's date (see the module's notes)."""
    date = incident.record.date
    if date.precision == "day":
        return date.start, 2 if date.approximate else 1
    span = (date.end - date.start).days
    if date.precision == "range" and span < 7:
        return date.start + dt.timedelta(days=span // 2), 2
    return date.start, 3


WORLD_ATLAS = STATIC / "vendor" / "world-atlas" / "countries-50m.json"
"""Natural Earth's countries (world-atlas): each has its ISO 3166-1 numeric code as ``id``."""


@functools.cache
def _iso_codes() -> dict[str, str]:
    """Case-folded Natural Earth country name -> ISO 3166-1 numeric code (``"760"``)."""
    topology = json.loads(WORLD_ATLAS.read_bytes())
    return {
        country["properties"]["name"].casefold(): str(int(country["id"]))
        for country in topology["objects"]["countries"]["geometries"]
        if country.get("id")
    }


def iso_code(country: PlaceNode | None) -> str:
    """ACLED's ``iso``: the numeric code of the country place by its name or an alias, or empty."""
    if country is None:
        return ""
    codes = _iso_codes()
    for name in (country.record.name, *country.record.aliases):
        code = codes.get(name.casefold())
        if code is not None:
            return code
    return ""


def disorder_type(event_type: str, sub_type: str | None) -> str:
    """ACLED's disorder type of an event type and sub-type."""
    if event_type == "strategic-developments":
        return "Strategic developments"
    if event_type == "protests":
        return (
            "Political violence; Demonstrations"
            if sub_type == "excessive-force-against-protesters"
            else "Demonstrations"
        )
    if event_type == "riots":
        return "Political violence" if sub_type == "mob-violence" else "Demonstrations"
    return "Political violence"


def sides(participants: Sequence[Participant]) -> tuple[list[Participant], list[Participant]]:
    """Split participants into ACLED's first and second side, keeping the record's order.

    The lead is the first participant whose role is neither targeted nor affected; the first
    side is every participant with the lead's role. The second side is, by preference, every
    targeted participant; else the group of the next acting role in the record; else every
    affected participant. With a symmetric role (combatant, party) shared by several
    participants, the lead faces the others instead. Without an acting participant, the targeted
    and affected ones form the first side. Observers are left out, and so are participants of a
    third role, which ACLED's two sides cannot hold (the full CSV keeps every participant).
    """
    present = [p for p in participants if p.role not in LEFT_OUT_ROLES]
    acting = [p for p in present if p.role not in RECEIVING_ROLES]
    if not acting:
        return present, []
    lead = acting[0]
    first = [p for p in acting if p.role == lead.role]
    if lead.role in SYMMETRIC_ROLES and len(first) > 1:
        return first[:1], first[1:]
    targeted = [p for p in present if p.role == "targeted"]
    if targeted:
        return first, targeted
    rest = [p for p in acting if p.role != lead.role]
    if rest:
        return first, [p for p in rest if p.role == rest[0].role]
    return first, [p for p in present if p.role == "affected"]


def row(incident: IncidentNode, actors: dict[str, ActorNode]) -> list[str]:
    """One incident as ACLED's 31 values, as text."""
    record = incident.record
    chain = place_chain(incident)
    country = country_of(chain)
    country_name = country.record.name if country is not None else ""
    first, second = sides(record.participants)
    names1, inters1 = _side(first, record.event_type, country_name, actors)
    names2, inters2 = _side(second, record.event_type, country_name, actors)
    inter1, inter2 = (inters1 or [""])[0], (inters2 or [""])[0]
    point = incident_point(incident)
    governorates = [p.record.name for p in chain if p.record.kind == "governorate"]
    districts = [p.record.name for p in chain if p.record.kind == "district"]
    sources: list[str] = []
    for link in incident.citations:
        if link.source.record.name not in sources:
            sources.append(link.source.record.name)
    day, precision = event_date(incident)
    return [
        record.external_ids.get("acled", record.id),
        day.isoformat(),
        str(day.year),
        str(precision),
        disorder_type(record.event_type, record.sub_type),
        v.EVENT_TYPES[record.event_type],
        v.SUB_TYPES[record.event_type][record.sub_type] if record.sub_type else "",
        names1[0] if names1 else "",
        "; ".join(names1[1:]),
        inter1,
        names2[0] if names2 else "",
        "; ".join(names2[1:]),
        inter2,
        _interaction(inter1, inter2),
        _civilian_targeting(record.event_type, inter2),
        iso_code(country),
        "",  # region: ACLED's world regions are not in the data
        country_name,
        governorates[0] if governorates else "",
        districts[0] if districts else "",
        districts[1] if len(districts) > 1 else "",
        incident.place.record.name if incident.place is not None else "",
        repr(point.lat) if point is not None else "",
        repr(point.lon) if point is not None else "",
        str(GEO_PRECISION[record.location_precision]),
        "; ".join(sources),
        "",  # source_scale: not in the data
        plain_text(record.summary, one_line=True),
        str(record.fatalities.best if record.fatalities is not None else 0),
        "; ".join(record.tags),
        str(epoch_seconds(day)),
    ]


def _side(
    participants: list[Participant], event_type: str, country: str, actors: dict[str, ActorNode]
) -> tuple[list[str], list[str]]:
    """Names and ACLED actor types of one side's participants, without repeating a name."""
    names: list[str] = []
    inters: list[str] = []
    suffix = f" ({country})" if country else ""
    for participant in participants:
        node = actors.get(participant.actor) if participant.actor is not None else None
        receiving = participant.role in RECEIVING_ROLES
        if node is not None:
            name, inter = node.record.name, _inter(node, country)
            if not receiving and inter != STATE_FORCES and event_type in ("protests", "riots"):
                inter = "Protesters" if event_type == "protests" else "Rioters"
        elif receiving:
            name, inter = f"Civilians{suffix}", CIVILIANS
        elif event_type in ("protests", "riots"):
            inter = "Protesters" if event_type == "protests" else "Rioters"
            name = f"{inter}{suffix}"
        else:
            name, inter = f"Unidentified Armed Group{suffix}", "Political militia"
        if name not in names:
            names.append(name)
            inters.append(inter)
    return names, inters


def _inter(actor: ActorNode, country: str) -> str:
    inter = INTER_BY_KIND[actor.record.kind]
    if (
        inter == STATE_FORCES
        and actor.record.country
        and country
        and actor.record.country.casefold() != country.casefold()
    ):
        return EXTERNAL
    return inter


def _interaction(inter1: str, inter2: str) -> str:
    if not inter1 and not inter2:
        return ""
    if not inter1 or not inter2:
        return f"{inter1 or inter2} only"
    first, second = sorted((inter1, inter2), key=INTER_ORDER.index)
    return f"{first}-{second}"


def _civilian_targeting(event_type: str, inter2: str) -> str:
    if event_type == "violence-against-civilians" or (event_type in VIOLENT_TYPES and inter2 == CIVILIANS):
        return "Civilian targeting"
    return ""
