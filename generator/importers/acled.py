"""ACLED rows -> events: the current 31-column export and the older upper-case layout.

The dataset adapter for ACLED in the import pipeline (read -> **map** -> resolve -> merge ->
write). Both layouts are read by column name: the older one differs in case (``EVENT_DATE``),
day-first dates (``02-06-2020``), numeric actor types in ``INTER1``/``INTER2`` (1-8) and
columns the importer does not need (``DATA_ID``, ``EVENT_ID_NO_CNTY``, ``ISO``). Event types and
sub-types are ACLED's own, so they map to this project's slugs directly; the pre-2019 event
types are translated. docs/importing.md lists every mapping chosen here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.importers.common import (
    ActorRef,
    CitationSpec,
    Event,
    ParticipantSpec,
    PlaceRef,
    RowError,
    SourceRef,
    check_date,
    clean,
    date_value,
    event_type_slug,
    name_key,
    parse_code,
    parse_coordinates,
    parse_day,
    parse_int,
    shorten,
    slugify,
    split_list,
    sub_type_slug,
)
from generator.importers.table import Layout, Row, columns

DATASET = "acled"
LABEL = "ACLED"

COLUMNS = columns(
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 "
    "inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes fatalities tags timestamp"
)
"""ACLED's current export layout (read by name; files without a header row are refused)."""

LEGACY_ONLY = ("data_id", "event_id_no_cnty", "iso3", "gwno")

LAYOUT = Layout(
    known=frozenset(COLUMNS) | frozenset(LEGACY_ONLY),
    required=("event_id_cnty", "event_date", "event_type", "actor1"),
    aliases={"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"},
    headerless={},
)

SOURCE = SourceRef(
    "Armed Conflict Location & Event Data (ACLED)",
    kind="dataset",
    slug="acled",
    url="https://acleddata.com/",
    description=(
        "Event data coded by ACLED. Its terms of use restrict redistribution: check them before "
        "publishing a site or files built from ACLED data."
    ),
)

_SOURCE_KEY = name_key(SOURCE.name)

# Event types ACLED used before its 2019 revision -> (event type, sub-type).
_OLD_EVENT_TYPES: dict[str, tuple[str, str | None]] = {
    "battle-no-change-of-territory": ("battles", "armed-clash"),
    "battle-government-regains-territory": ("battles", "government-regains-territory"),
    "battle-non-state-actor-overtakes-territory": ("battles", "non-state-actor-overtakes-territory"),
    "remote-violence": ("explosions-remote-violence", None),
    "riots-protests": ("protests", None),
    "strategic-development": ("strategic-developments", None),
    "non-violent-transfer-of-territory": ("strategic-developments", "non-violent-transfer-of-territory"),
    "headquarters-or-base-established": ("strategic-developments", "headquarters-or-base-established"),
}

# ACLED's actor 1 and actor 2 carry no direction; these roles follow from the event type.
_ROLES: dict[str, tuple[str, str]] = {
    "battles": ("combatant", "combatant"),
    "explosions-remote-violence": ("attacker", "targeted"),
    "violence-against-civilians": ("attacker", "targeted"),
    "protests": ("acting", "enforcing"),
    "riots": ("acting", "targeted"),
    "strategic-developments": ("acting", "affected"),
}
_SUB_TYPE_ROLES: dict[str, tuple[str, str]] = {
    "agreement": ("party", "party"),
    "arrests": ("enforcing", "targeted"),
}

# inter1/inter2: the current export writes the label, the older one the code.
_INTER_KINDS = {
    1: "state-force",
    2: "armed-group",
    3: "militia",
    4: "militia",
    5: "civilian-group",
    6: "civilian-group",
    7: "civilian-group",
    8: "other",
}
_INTER_LABELS = {
    "state-forces": 1,
    "rebel-group": 2,
    "rebel-groups": 2,
    "political-militia": 3,
    "political-militias": 3,
    "identity-militia": 4,
    "identity-militias": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external-other-forces": 8,
}
# ACLED's naming conventions for generic actors, which say more than the actor type.
_NAME_KINDS = (
    (re.compile(r"^(Military|Police) Forces of "), "state-force"),
    (re.compile(r"^Government of "), "state"),
    (re.compile(r"^(Civilians|Protesters|Rioters) \("), "civilian-group"),
)
_GEO_PRECISION = {1: "exact", 2: "near", 3: "region"}
_DATE_PREFIX = re.compile(
    r"^(?:on|around|between|in|during|from|overnight|sometime|about|by|as of|since|until|at|late|early)\b"
    r"[^,.]{0,60}?\b\d{4}\b[^,.]{0,30}?,\s*",
    re.IGNORECASE,
)


def map_row(row: Row) -> Event:
    """Map one ACLED row to an event.

    Raises:
        RowError: The row lacks an event id, a valid date or a known event type, or has
            coordinates or numbers that cannot be read.
    """
    event_id = row.get("event_id_cnty")
    if not event_id:
        raise RowError("'event_id_cnty' is empty", "every ACLED event has an id such as SYR1234")
    slug = slugify(event_id)
    if not slug:
        raise RowError(f"'event_id_cnty' '{shorten(event_id, 30)}' has no letters or digits to make an id from")
    notes: list[str] = []
    event_type, sub_type = _types(row, notes)
    coordinates = parse_coordinates(row.get("latitude"), row.get("longitude"))
    geo_precision = parse_code(row.get("geo_precision"), "geo_precision", range(1, 4))
    if geo_precision is None:
        notes.append("'geo_precision' is empty; the location is marked as known only to the region")
    places = _places(row, coordinates)
    notes_text = clean(row.get("notes"))
    title = _title(notes_text) or shorten(f"{row.get('sub_event_type') or row.get('event_type')} in {places[-1].name}")
    # A file this project exported lists ACLED itself among the sources; it is cited once, below.
    citations = [
        CitationSpec(SourceRef(name)) for name in split_list(row.raw("source")) if name_key(name) != _SOURCE_KEY
    ]
    citations.append(CitationSpec(SOURCE, f"{LABEL} event {event_id}"))
    fatalities = parse_int(row.get("fatalities"), "fatalities")
    return Event(
        key=event_id,
        incident_id=f"acled-{slug}",
        title=title,
        date=_date(row),
        event_type=event_type,
        sub_type=sub_type,
        places=places,
        coordinates=coordinates,
        location_precision=_GEO_PRECISION.get(geo_precision or 0, "region"),
        participants=_participants(row, event_type, sub_type),
        summary=notes_text,
        citations=citations,
        fatalities=None if fatalities is None else {"best": fatalities},
        external_ids={DATASET: event_id},
        notes=notes,
    )


def _types(row: Row, notes: list[str]) -> tuple[str, str | None]:
    label, sub_label = clean(row.get("event_type")), clean(row.get("sub_event_type"))
    event_type = event_type_slug(label)
    sub_type: str | None = None
    if event_type is None:
        old = _OLD_EVENT_TYPES.get(slugify(label))
        if old is None:
            raise RowError(
                f"'event_type' '{shorten(label, 40)}' is not an ACLED event type",
                "expected one of: Battles, Explosions/Remote violence, Violence against civilians, Protests, "
                "Riots, Strategic developments",
            )
        event_type, sub_type = old
    if sub_label:
        found = sub_type_slug(event_type, sub_label)
        if found is None:
            notes.append(f"'sub_event_type' '{shorten(sub_label, 40)}' is not a sub-type of '{label}'; left out")
        sub_type = found or sub_type
    return event_type, sub_type


def _date(row: Row) -> Any:
    day = parse_day(row.get("event_date"), "event_date")
    precision = parse_code(row.get("time_precision"), "time_precision", range(1, 4)) or 1
    if precision == 2:
        # "the week of": ACLED codes a day within that week; keep the seven days around it
        return check_date(date_value(day - dt.timedelta(days=3), day + dt.timedelta(days=3), approximate=True))
    if precision == 3:
        # only the month (or a longer period) is known
        return check_date({"on": f"{day.year:04d}-{day.month:02d}", "approximate": True})
    return check_date(date_value(day, day, approximate=False))


def _places(row: Row, coordinates: tuple[float, float] | None) -> list[PlaceRef]:
    """country > admin1 > admin2 > admin3 > location; equal names at two levels stay two places."""
    chain: list[PlaceRef] = []
    for column, kind in (
        ("country", "country"),
        ("admin1", "governorate"),
        ("admin2", "district"),
        ("admin3", "district"),
    ):
        name = clean(row.get(column))
        if name:
            chain.append(PlaceRef(name, kind))
    location = clean(row.get("location"))
    if location:
        chain.append(PlaceRef(location, "town", coordinates))
    if not chain:
        raise RowError("no place: 'location', 'admin1' to 'admin3' and 'country' are all empty")
    return chain


def _actor_kind(name: str, inter: str) -> str:
    for pattern, kind in _NAME_KINDS:
        if pattern.match(name):
            return kind
    text = inter.strip()
    code = int(float(text)) if re.fullmatch(r"\d+(\.0*)?", text) else _INTER_LABELS.get(slugify(text))
    return _INTER_KINDS.get(code or 0, "other")


def _participants(row: Row, event_type: str, sub_type: str | None) -> list[ParticipantSpec]:
    roles = _SUB_TYPE_ROLES.get(sub_type or "", _ROLES[event_type])
    found: list[ParticipantSpec] = []
    seen: set[tuple[str, str]] = set()
    for side, role in zip(("1", "2"), roles, strict=True):
        main = clean(row.get(f"actor{side}"))
        if not main:
            continue
        people = [(main, _actor_kind(main, row.get(f"inter{side}")), "")]
        for other in split_list(row.raw(f"assoc_actor_{side}")):
            people.append((other, _actor_kind(other, ""), f"associated with {main} in ACLED's coding"))
        for name, kind, note in people:
            if (name, role) in seen:
                continue
            seen.add((name, role))
            if name.startswith("Unidentified "):
                # ACLED's name for an actor it could not identify: no record, the name as a note
                found.append(ParticipantSpec(None, role, f"{name}; {note}" if note else name))
            else:
                found.append(ParticipantSpec(ActorRef(name, kind), role, note[:1].upper() + note[1:]))
    return found


def _title(notes: str) -> str:
    """The first sentence of the notes without ACLED's opening date ("On 2 June 2020, ...")."""
    if not notes:
        return ""
    text = _DATE_PREFIX.sub("", notes, count=1)
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", text, maxsplit=1)[0].rstrip(".")
    sentence = sentence[:1].upper() + sentence[1:]
    return shorten(sentence)
