"""UCDP GED rows -> events: the UCDP Georeferenced Event Dataset's columns and codes.

The dataset adapter for UCDP in the import pipeline (read -> **map** -> resolve -> merge ->
write). It knows the 41-column layout (the one documented with the shared sample, also the
order of header-less files of 41 columns), the 49-column layout of newer releases (``relid``,
``code_status``, ``*_dset_id``, ``where_description``, ``gwnoa``; header-less files of 49
columns use its order, in which ``best, high, low`` come in that order) and ignores columns it
does not know. The columns and codes are :mod:`generator.formats.ucdp`'s; columns the model has
no field for are kept in the incident's ``dataset.ucdp`` block. docs/importing.md lists the fate
of every column.
"""

from __future__ import annotations

import csv
import re
from typing import Any

from generator.formats import ucdp as fmt
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
    name_key,
    parse_code,
    parse_coordinates,
    parse_day,
    parse_int,
    shorten,
    slugify,
)
from generator.importers.table import Layout, Row

DATASET = fmt.DATASET
LABEL = fmt.LABEL
COLUMNS_41 = fmt.COLUMNS_41
COLUMNS_49 = fmt.COLUMNS_49

LAYOUT = Layout(
    known=frozenset(COLUMNS_41) | frozenset(COLUMNS_49),
    required=("id", "type_of_violence", "side_a", "side_b", "date_start"),
    aliases=fmt.ALIASES,
    headerless={41: COLUMNS_41, 49: COLUMNS_49},
)

SOURCE = SourceRef(
    "UCDP Georeferenced Event Dataset (GED)",
    kind="dataset",
    slug="ucdp-ged",
    url="https://ucdp.uu.se/downloads/",
    description=(
        "Event data of the Uppsala Conflict Data Program, published under CC BY 4.0. Cite: Sundberg, "
        'Ralph and Erik Melander (2013), "Introducing the UCDP Georeferenced Event Dataset", Journal of '
        "Peace Research 50(4); and Högbladh, Stina (2019), UCDP GED Codebook version 19.1, Uppsala University."
    ),
)

_NAME_KINDS = {
    "town": "town",
    "village": "village",
    "city": "city",
    "governorate": "governorate",
    "province": "governorate",
    "district": "district",
    "region": "region",
    "road": "road",
    "highway": "road",
}
_ARTICLE = re.compile(r"^\s*(.*?)\s*,\s*(\d{4}-\d{2}-\d{2})\s*,\s*(.*?)\s*$", re.DOTALL)
_INT_COLUMNS = frozenset({"type_of_violence", "number_of_sources", "where_prec", "date_prec", "event_clarity"})
_RANGES = {"where_prec": range(1, 8), "date_prec": range(1, 6), "event_clarity": range(1, 3)}
_SIDE_NAME = 40
"""Side names in a title are shortened to this many characters, so the place and toll still show."""


def map_row(row: Row) -> Event:
    """Map one GED row to an event.

    Raises:
        RowError: The row lacks an id, a valid date, a known type of violence, a place, or has
            coordinates or numbers that cannot be read.
    """
    ged_id = row.get("id")
    if not ged_id:
        raise RowError("'id' is empty", "every UCDP event has an id")
    slug = slugify(ged_id)
    if not slug:
        raise RowError(f"'id' '{shorten(ged_id, 30)}' has no letters or digits to make an id from")
    notes: list[str] = []
    code = parse_code(row.get("type_of_violence"), "type_of_violence", range(1, 4))
    if code is None:
        raise RowError("'type_of_violence' is empty", "1 state-based, 2 non-state, 3 one-sided")
    violence = fmt.VIOLENCE[code]

    coordinates = parse_coordinates(row.get("latitude"), row.get("longitude"))
    where_prec = parse_code(row.get("where_prec"), "where_prec", range(1, 8))
    if where_prec is None:
        notes.append("'where_prec' is empty; the location is marked as known only to the region")
    places = _places(row, where_prec, coordinates)
    precision = fmt.WHERE_PREC[where_prec].precision if where_prec is not None else "region"
    if where_prec in (1, 2) and not clean(row.get("where_coordinates")):
        notes.append("'where_coordinates' is empty; the event is placed in its admin unit, precision 'region'")
        precision = "region"

    side_a, side_b = clean(row.get("side_a")), clean(row.get("side_b"))
    participants: list[ParticipantSpec] = []
    if side_a:
        kind_a = "state" if code == 1 or side_a.startswith("Government of ") else "armed-group"
        participants.append(ParticipantSpec(ActorRef(side_a, kind_a), violence.role_a, side="a"))
    if side_b:
        kind_b = "state" if side_b.startswith("Government of ") and code != 3 else violence.kind_b
        participants.append(ParticipantSpec(ActorRef(side_b, kind_b), violence.role_b, side="b"))

    originals = _originals(row)
    articles = _articles(row)
    original_keys = {name_key(o.name) for o in originals}
    # An outlet that is itself one of the originals reports first-hand; any other relays them
    # (UCDP says which sources were original for the event, not which article relays which).
    citations = [
        CitationSpec(SourceRef(office), title, date, () if name_key(office) in original_keys else tuple(originals))
        for office, title, date in articles
    ]
    # UCDP relays its originals; when it names none, it relays the outlets it read (not itself an origin).
    relayed = tuple(originals) or tuple({name_key(o): SourceRef(o) for o, _, _ in articles}.values())
    citations.append(CitationSpec(SOURCE, f"{LABEL} event {ged_id}", origin=relayed))
    fatalities, dropped = _fatalities(row, notes)
    block = {**_block(row), **dropped}

    external_ids = {DATASET: ged_id}
    if row.get("relid"):
        external_ids[f"{DATASET}-relid"] = row.get("relid")
    return Event(
        key=ged_id,
        incident_id=f"ucdp-{slug}",
        title=_title(violence, side_a, side_b, where_prec, places[-1].name, fatalities),
        date=_date(row),
        event_type=violence.event_type,
        sub_type=violence.sub_type,
        places=places,
        coordinates=coordinates,
        location_precision=precision,
        participants=participants,
        summary=_summary(row, violence),
        citations=citations,
        fatalities=fatalities,
        external_ids=external_ids,
        dataset={fmt.BLOCK: block},
        notes=notes,
    )


def _title(
    violence: fmt.Violence,
    side_a: str,
    side_b: str,
    where_prec: int | None,
    place: str,
    fatalities: dict[str, Any] | None,
) -> str:
    """Who, where and how many were killed in UCDP's best estimate, from the row's own codes.

    Not a source headline: a monitor's daily roll-up headline ("40 killed across Syria") would
    give the event a toll and a scope that are not its own.
    """
    a, b = shorten(side_a or "Unknown side", _SIDE_NAME), shorten(side_b or "unknown side", _SIDE_NAME)
    where = f"{'near' if where_prec == 2 else 'in'} {place}"
    if violence.code == 3:
        what = f"{a} attack on {b.lower() if b == 'Civilians' else b} {where}"
    else:
        what = f"{a} vs {b} {where}"
    if fatalities is None:
        return shorten(what)
    best = fatalities["best"]
    toll = "no one killed" if best == 0 else f"{best} killed"
    return shorten(what, 100 - len(toll) - 2) + f": {toll}"


def _block(row: Row) -> dict[str, Any]:
    """The row's columns the model has no field for, as the ``dataset.ucdp`` block keeps them."""
    block: dict[str, Any] = {}
    for column in fmt.KEPT:
        text = clean(row.get(column))
        if not text:
            continue
        if column in _INT_COLUMNS:
            block[column] = parse_code(text, column, _RANGES.get(column, range(0, 10**9)))
        else:
            block[column] = text
    return block


def _originals(row: Row) -> list[SourceRef]:
    """The sources UCDP names in ``source_original``: who first reported what the articles relay."""
    text = row.raw("source_original")
    for separator in fmt.SOURCE_ORIGINAL_SEPARATORS[1:]:
        text = text.replace(separator, fmt.SOURCE_ORIGINAL_SEPARATORS[0])
    names: list[str] = []
    for part in text.split(fmt.SOURCE_ORIGINAL_SEPARATORS[0]):
        name = clean(part)
        if names and re.match(r"(a|an|the) ", name):
            # an apposition, not another source: "Mustafa Bali, a spokesman for the SDF"
            names[-1] += ", " + name
        elif name:
            names.append(name)
    found: list[SourceRef] = []
    for name in names:
        if all(name_key(name) != name_key(o.name) for o in found):
            found.append(SourceRef(name))
    return found


def _date(row: Row) -> Any:
    start = parse_day(row.get("date_start"), "date_start")
    end = parse_day(row.get("date_end"), "date_end") if row.get("date_end") else start
    if end < start:
        raise RowError(f"'date_end' {end.isoformat()} is before 'date_start' {start.isoformat()}")
    precision = parse_code(row.get("date_prec"), "date_prec", range(1, 6)) or 1
    # date_prec 1: the day (or each day of a multi-day event) is known; 2-5: the event happened
    # at an unknown day within the span (2-6 days, a week, a month, a year).
    return check_date(date_value(start, end, approximate=precision > 1))


def _kind_from_name(name: str, default: str) -> str:
    for word in reversed(name_key(name).split()):
        if word in _NAME_KINDS:
            return _NAME_KINDS[word]
    return default


def _places(row: Row, where_prec: int | None, coordinates: tuple[float, float] | None) -> list[PlaceRef]:
    """The event's place with its containing places: country > adm_1 > adm_2 > where_coordinates."""
    chain: list[PlaceRef] = []
    for column, kind in (("country", "country"), ("adm_1", "governorate"), ("adm_2", "district")):
        name = clean(row.get(column))
        if name and all(name_key(name) != name_key(p.name) for p in chain):
            chain.append(PlaceRef(name, kind))
    where = clean(row.get("where_coordinates"))
    if where:
        if where_prec in (1, 2):
            # a named point: the coordinates are the point's own
            chain.append(PlaceRef(where, _kind_from_name(where, "site"), coordinates))
        elif all(name_key(where) != name_key(p.name) for p in chain):
            # an area (district, governorate, part of a country...) not already in the chain
            chain.append(PlaceRef(where, fmt.AREA_KINDS.get(where_prec or 0, "region")))
        else:
            # the area is one of the admin units: the event's place is that unit
            index = next(i for i, p in enumerate(chain) if name_key(p.name) == name_key(where))
            del chain[index + 1 :]
    if not chain:
        raise RowError("no place: 'where_coordinates', 'adm_1', 'adm_2' and 'country' are all empty")
    return chain


def _articles(row: Row) -> list[tuple[str, str, str | None]]:
    """``(office, headline, date)`` of each source article.

    ``source_article`` holds one ``"OFFICE,DATE,HEADLINE"`` item per article, quoted and joined
    by ``;``; when it cannot be read that way, ``source_office``, ``source_headline`` and
    ``source_date`` (joined by ``;`` in the same order) are used instead.
    """
    found: list[tuple[str, str, str | None]] = []
    text = row.raw("source_article").strip()
    if text:
        items = next(csv.reader([text], delimiter=";", quotechar='"'), []) if text.startswith('"') else [text]
        for item in items:
            match = _ARTICLE.match(item)
            if match is None or not clean(match[1]):
                found = []
                break
            found.append((clean(match[1]), clean(match[3]), _valid_day(match[2])))
    if found:
        return found
    offices = [clean(o) for o in row.raw("source_office").split(";")]
    headlines = [clean(h) for h in row.raw("source_headline").split(";")]
    dates = [d.strip() for d in row.raw("source_date").split(";")]
    if len(headlines) != len(offices):
        headlines = [""] * len(offices)
    if len(dates) != len(offices):
        dates = [""] * len(offices)
    return [(o, h, _valid_day(d)) for o, h, d in zip(offices, headlines, dates, strict=True) if o]


def _valid_day(text: str) -> str | None:
    try:
        return parse_day(text, "source_date").isoformat() if text.strip() else None
    except RowError:
        return None


def _summary(row: Row, violence: fmt.Violence) -> str:
    parts = [f"Coded by UCDP as {violence.name} violence."]
    clarity = parse_code(row.get("event_clarity"), "event_clarity", range(1, 3))
    if clarity == 2:
        parts.append("UCDP marks the details of this event as unclear (event_clarity 2).")
    return "\n\n".join(parts)


def _fatalities(row: Row, notes: list[str]) -> tuple[dict[str, Any] | None, dict[str, int]]:
    """``{low, best, high, by_side}``, and the bounds on the wrong side of ``best``.

    ``fatalities`` cannot hold a low above the best estimate (it happens in published GED
    data): such a bound is left out of it, with a warning, and returned apart so that the
    dataset block keeps it as published.
    """
    best = parse_int(row.get("best"), "best")
    if best is None:
        return None, {}
    low, high = parse_int(row.get("low"), "low"), parse_int(row.get("high"), "high")
    dropped: dict[str, int] = {}
    if low is not None and low > best:
        notes.append(f"'low' {low} is above 'best' {best}; the low estimate was left out")
        dropped["low"], low = low, None
    if high is not None and high < best:
        notes.append(f"'high' {high} is below 'best' {best}; the high estimate was left out")
        dropped["high"], high = high, None
    value: dict[str, Any] = {k: n for k, n in {"low": low, "best": best, "high": high}.items() if n is not None}
    columns = {"a": "deaths_a", "b": "deaths_b", "civilians": "deaths_civilians", "unknown": "deaths_unknown"}
    read = {side: parse_int(row.get(column), column) for side, column in columns.items()}
    split = {side: n for side, n in read.items() if n is not None}
    if split:
        value["by_side"] = split
        if len(split) == len(columns) and sum(split.values()) != best:
            notes.append(
                f"deaths by side add up to {sum(split.values())}, not to 'best' {best}; both are kept as published"
            )
    return value, dropped
