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

from generator.formats import acled as fmt
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
from generator.importers.table import Layout, Row

DATASET = fmt.DATASET
LABEL = fmt.LABEL
COLUMNS = fmt.COLUMNS

LAYOUT = Layout(
    known=frozenset(COLUMNS) | frozenset(fmt.LEGACY_ONLY),
    required=("event_id_cnty", "event_date", "event_type", "actor1"),
    aliases=fmt.ALIASES,
    headerless={},
)

SOURCE = SourceRef(
    fmt.SOURCE_NAME,
    kind="dataset",
    slug="acled",
    url="https://acleddata.com/",
    description=(
        "Event data coded by ACLED. Its terms of use restrict redistribution: check them before "
        "publishing a site or files built from ACLED data."
    ),
)

_SOURCE_KEY = name_key(SOURCE.name)

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
_DATE_PREFIX = re.compile(
    r"^(?:on|around|between|in|during|from|overnight|sometime|about|by|as of|since|until|at|late|early)\b"
    r"[^,.]{0,60}?\b\d{4}\b[^,.]{0,30}?,\s*",
    re.IGNORECASE,
)
_VAGUE = re.compile(r"\b(" + "|".join(fmt.PLACEHOLDERS) + r")\b", re.IGNORECASE)


def map_row(row: Row) -> Event:
    """Map one ACLED row to an event.

    Raises:
        RowError: The row lacks an event id, a valid date or a known event type, or has
            coordinates or numbers that cannot be read.
    """
    event_id = row.get("event_id_cnty")
    if not event_id:
        raise RowError("'event_id_cnty' is empty", "every ACLED event has an id such as SYR1234")
    if fmt.is_record_id(event_id):
        raise RowError(
            f"'event_id_cnty' '{shorten(event_id, 40)}' is a briefing site's record id, not an event ACLED coded"
            " (ACLED's ids are a country's letters and a number, e.g. SYR1234)",
            "this row was exported by a briefing site from a record that did not come from ACLED; to move"
            " records between sites, import the site's data/data.json: briefing import briefing data.json",
        )
    slug = slugify(event_id)
    if not slug:
        raise RowError(f"'event_id_cnty' '{shorten(event_id, 30)}' has no letters or digits to make an id from")
    notes: list[str] = []
    event_type, sub_type = _types(row, notes)
    coordinates = parse_coordinates(row.get("latitude"), row.get("longitude"))
    geo_precision = parse_code(row.get("geo_precision"), "geo_precision", range(1, 4))
    if geo_precision is None:
        notes.append("'geo_precision' is empty; the location is marked as known only to the region")
    block = _block(row, notes)
    places = _places(row, coordinates, geo_precision, block)
    notes_text = clean(row.get("notes"))
    title = _title(notes_text) or shorten(f"{row.get('sub_event_type') or row.get('event_type')} in {places[-1].name}")
    # A file this project exported long ago lists ACLED itself among the sources; it is cited once, below.
    named = {name_key(name): SourceRef(name) for name in split_list(row.raw("source"))}
    outlets = [ref for key, ref in named.items() if key != _SOURCE_KEY]
    citations = [CitationSpec(outlet) for outlet in outlets]
    # ACLED codes what its outlets reported: it relays them and is no independent origin of its own
    # (else no ACLED event could ever be single-sourced). With no outlet named, ACLED is the origin.
    citations.append(CitationSpec(SOURCE, f"{LABEL} event {event_id}", origin=tuple(outlets)))
    date, coded_day = _date(row)
    if coded_day is not None:
        block["event_date"] = coded_day
    return Event(
        key=event_id,
        incident_id=f"acled-{slug}",
        title=title,
        date=date,
        event_type=event_type,
        sub_type=sub_type,
        places=places,
        coordinates=coordinates,
        location_precision=fmt.GEO_PRECISION[geo_precision].precision if geo_precision else "region",
        participants=_participants(row, event_type, sub_type, block),
        summary=notes_text,
        citations=citations,
        fatalities=_fatalities(row, notes_text),
        external_ids={DATASET: event_id},
        dataset={DATASET: block},
        notes=notes,
    )


def _block(row: Row, notes: list[str]) -> dict[str, Any]:
    """The row's columns the model has no field for, as the ``dataset.acled`` block keeps them."""
    block: dict[str, Any] = {}
    for column in ("disorder_type", "source_scale", "region", "iso"):
        if clean(row.get(column)):
            block[column] = clean(row.get(column))
    targeting = clean(row.get("civilian_targeting"))
    if targeting:
        block["civilian_targeting"] = True
        if targeting.casefold() != fmt.CIVILIAN_TARGETING.casefold():
            notes.append(f"'civilian_targeting' is '{shorten(targeting, 40)}'; read as '{fmt.CIVILIAN_TARGETING}'")
    tags = split_list(row.raw("tags"))
    if tags:
        block["tags"] = tags
    timestamp = parse_int(row.get("timestamp"), "timestamp")
    if timestamp is not None:
        block["timestamp"] = timestamp
    variants: set[str] = set()
    for side in ("1", "2"):
        try:
            code, variant = fmt.read_inter(row.get(f"inter{side}"))
        except ValueError:
            notes.append(f"'inter{side}' '{shorten(row.get(f'inter{side}'), 40)}' is not an ACLED actor type; left out")
            continue
        if code is not None and variant is not None:
            block[f"inter{side}"] = code
            variants.add(variant)
    if variants:
        variant = fmt.NUMERIC if variants == {fmt.NUMERIC} else fmt.LABELS
        block["inter"] = variant
        given = " ".join(row.get("interaction").split())
        expected = fmt.interaction(block.get("inter1"), block.get("inter2"), variant)
        if given and given.casefold() != expected.casefold():
            notes.append(f"'interaction' is '{shorten(given, 60)}' but inter1 and inter2 make '{expected}'")
    return block


def _fatalities(row: Row, notes: str) -> dict[str, Any] | None:
    """``{best}``, with a note when the number is ACLED's convention for a vague report."""
    best = parse_int(row.get("fatalities"), "fatalities")
    if best is None:
        return None
    value: dict[str, Any] = {"best": best}
    for match in _VAGUE.finditer(notes):
        word = match[1].lower()
        if fmt.PLACEHOLDERS[word] == best:
            value["note"] = f"ACLED codes '{word}' as {best}: the reports give no number"
            break
    return value


def _types(row: Row, notes: list[str]) -> tuple[str, str | None]:
    label, sub_label = clean(row.get("event_type")), clean(row.get("sub_event_type"))
    event_type = event_type_slug(label)
    sub_type: str | None = None
    if event_type is None:
        old = fmt.OLD_EVENT_TYPES.get(slugify(label))
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


def _date(row: Row) -> tuple[Any, str | None]:
    """The date, and the day ACLED coded when only the week or month is known."""
    day = parse_day(row.get("event_date"), "event_date")
    precision = parse_code(row.get("time_precision"), "time_precision", range(1, 4)) or 1
    if precision == 2:
        # "the week of": ACLED codes a day within that week; keep the seven days around it
        span = date_value(day - dt.timedelta(days=3), day + dt.timedelta(days=3), approximate=True)
        return check_date(span), day.isoformat()
    if precision == 3:
        # only the month (or a longer period) is known
        return check_date({"on": f"{day.year:04d}-{day.month:02d}", "approximate": True}), day.isoformat()
    return check_date(date_value(day, day, approximate=False)), None


def _places(
    row: Row, coordinates: tuple[float, float] | None, geo_precision: int | None, block: dict[str, Any]
) -> list[PlaceRef]:
    """country > admin1 > admin2 > admin3 > location; equal names at two levels stay two places.

    With geo_precision 3 only a larger region is known and ``location`` names the town whose
    coordinates ACLED used (the region's capital): the event's place is then the deepest admin
    unit, and the location's name is kept in the dataset block, not made the place.
    """
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
    if location and geo_precision == 3 and chain:
        block["location"] = location
    elif location:
        chain.append(PlaceRef(location, "town", coordinates))
    if not chain:
        raise RowError("no place: 'location', 'admin1' to 'admin3' and 'country' are all empty")
    return chain


def _actor(name: str, code: int | None) -> ActorRef:
    """An actor as the row names it: ACLED's naming conventions say more than the actor type,
    then the row's actor type; an associate has none, and its kind comes from other rows."""
    for pattern, kind in fmt.NAME_KINDS:
        if pattern.match(name):
            return ActorRef(name, kind, kind)
    return ActorRef(name, fmt.INTER[code].kind if code is not None else None)


def _participants(row: Row, event_type: str, sub_type: str | None, block: dict[str, Any]) -> list[ParticipantSpec]:
    """actor1 and its associates are side a, actor2 and its associates side b; an event with
    no second actor has one side, which the model writes as no side."""
    roles = _SUB_TYPE_ROLES.get(sub_type or "", _ROLES[event_type])
    two_sided = bool(clean(row.get("actor2")) or clean(row.get("assoc_actor_2")))
    found: list[ParticipantSpec] = []
    seen: set[tuple[str, str, str | None]] = set()
    for number, role in zip(("1", "2"), roles, strict=True):
        side = ("a" if number == "1" else "b") if two_sided else None
        main = clean(row.get(f"actor{number}"))
        people: list[tuple[str, int | None, str]] = []
        if main:
            people.append((main, block.get(f"inter{number}"), ""))
        for other in split_list(row.raw(f"assoc_actor_{number}")):
            note = f"associated with {main} in ACLED's coding" if main else "associated actor in ACLED's coding"
            people.append((other, None, note))
        for name, code, note in people:
            if (name, role, side) in seen:
                continue
            seen.add((name, role, side))
            if name.startswith(fmt.UNIDENTIFIED):
                # ACLED's name for an actor it could not identify: no record, the exact name as the note
                found.append(ParticipantSpec(None, role, f"{name}; {note}" if note else name, side))
            else:
                found.append(ParticipantSpec(_actor(name, code), role, note[:1].upper() + note[1:], side))
    return found


def _title(notes: str) -> str:
    """The first sentence of the notes without ACLED's opening date ("On 2 June 2020, ...")."""
    if not notes:
        return ""
    text = _DATE_PREFIX.sub("", notes, count=1)
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", text, maxsplit=1)[0].rstrip(".")
    sentence = sentence[:1].upper() + sentence[1:]
    return shorten(sentence)
