"""UCDP GED rows -> events: the UCDP Georeferenced Event Dataset's columns and codes.

The dataset adapter for UCDP in the import pipeline (read -> **map** -> resolve -> merge ->
write). It knows the 41-column layout (the one documented with the shared sample, also the
order of header-less files of 41 columns), the 49-column layout of newer releases (``relid``,
``code_status``, ``*_dset_id``, ``where_description``, ``gwnoa``; header-less files of 49
columns use its order, in which ``best, high, low`` come in that order) and ignores columns it
does not know. docs/importing.md lists every mapping chosen here.
"""

from __future__ import annotations

import csv
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
    name_key,
    parse_code,
    parse_coordinates,
    parse_day,
    parse_int,
    shorten,
    slugify,
)
from generator.importers.table import Layout, Row, columns

DATASET = "ucdp-ged"
LABEL = "UCDP GED"

COLUMNS_41 = columns(
    "id year active_year type_of_violence conflict_new_id conflict_name dyad_new_id dyad_name side_a_new_id "
    "side_a side_b_new_id gwnob side_b number_of_sources source_article source_office source_date "
    "source_headline source_original where_prec where_coordinates adm_1 adm_2 latitude longitude geom_wkt "
    "priogrid_gid country country_id region event_clarity date_prec date_start date_end deaths_a deaths_b "
    "deaths_civilians deaths_unknown low best high"
)
"""The column order documented for the shared sample and for header-less 41-column files."""

COLUMNS_49 = columns(
    "id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id conflict_name "
    "dyad_dset_id dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a side_b_dset_id side_b_new_id side_b "
    "number_of_sources source_article source_office source_date source_headline source_original where_prec "
    "where_coordinates where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid country "
    "country_id region event_clarity date_prec date_start date_end deaths_a deaths_b deaths_civilians "
    "deaths_unknown best high low gwnoa gwnob"
)
"""The column order of GED releases with 49 columns (19.1 onwards), for header-less files."""

LAYOUT = Layout(
    known=frozenset(COLUMNS_41) | frozenset(COLUMNS_49),
    required=("id", "type_of_violence", "side_a", "side_b", "date_start"),
    aliases={"best_est": "best", "low_est": "low", "high_est": "high"},
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

# type_of_violence -> (event type, sub-type, role of side A, role of side B, kind of side B)
_VIOLENCE = {
    1: ("battles", "armed-clash", "combatant", "combatant", "armed-group"),
    2: ("battles", "armed-clash", "combatant", "combatant", "armed-group"),
    3: ("violence-against-civilians", "attack", "attacker", "targeted", "civilian-group"),
}
_VIOLENCE_NAMES = {1: "state-based", 2: "non-state", 3: "one-sided"}
_LOCATION_PRECISION = {1: "exact", 2: "near", 3: "region", 4: "region", 5: "region", 6: "region", 7: "region"}
_AREA_KINDS = {3: "district", 4: "governorate", 5: "region", 6: "country", 7: "region"}
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
    violence = parse_code(row.get("type_of_violence"), "type_of_violence", range(1, 4))
    if violence is None:
        raise RowError("'type_of_violence' is empty", "1 state-based, 2 non-state, 3 one-sided")
    event_type, sub_type, role_a, role_b, kind_b = _VIOLENCE[violence]

    coordinates = parse_coordinates(row.get("latitude"), row.get("longitude"))
    where_prec = parse_code(row.get("where_prec"), "where_prec", range(1, 8))
    if where_prec is None:
        notes.append("'where_prec' is empty; the location is marked as known only to the region")
    places = _places(row, where_prec, coordinates)
    precision = _LOCATION_PRECISION.get(where_prec or 0, "region")
    if where_prec in (1, 2) and not clean(row.get("where_coordinates")):
        notes.append("'where_coordinates' is empty; the event is placed in its admin unit, precision 'region'")
        precision = "region"

    side_a, side_b = clean(row.get("side_a")), clean(row.get("side_b"))
    participants: list[ParticipantSpec] = []
    if side_a:
        kind_a = "state" if violence == 1 or side_a.startswith("Government of ") else "armed-group"
        participants.append(ParticipantSpec(ActorRef(side_a, kind_a), role_a))
    if side_b:
        kind = "state" if side_b.startswith("Government of ") and violence != 3 else kind_b
        participants.append(ParticipantSpec(ActorRef(side_b, kind), role_b))

    articles = _articles(row)
    headline = next((title for _, title, _ in articles if len(title.split()) >= 3), "")
    citations = [CitationSpec(SourceRef(office), title, date) for office, title, date in articles]
    citations.append(CitationSpec(SOURCE, f"{LABEL} event {ged_id}"))
    place_name = places[-1].name
    title = shorten(headline) if headline else _fallback_title(row, side_a, side_b, place_name)

    external_ids = {DATASET: ged_id}
    if row.get("relid"):
        external_ids[f"{DATASET}-relid"] = row.get("relid")
    return Event(
        key=ged_id,
        incident_id=f"ucdp-{slug}",
        title=title,
        date=_date(row),
        event_type=event_type,
        sub_type=sub_type,
        places=places,
        coordinates=coordinates,
        location_precision=precision,
        participants=participants,
        summary=_summary(row, headline, side_a, side_b, violence),
        citations=citations,
        fatalities=_fatalities(row, notes),
        external_ids=external_ids,
        notes=notes,
    )


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
            chain.append(PlaceRef(where, _AREA_KINDS.get(where_prec or 0, "region")))
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


def _fallback_title(row: Row, side_a: str, side_b: str, place: str) -> str:
    dyad = clean(row.get("dyad_name")) or " - ".join(s for s in (side_a, side_b) if s) or "Event"
    return shorten(f"{dyad} at {place}")


def _summary(row: Row, headline: str, side_a: str, side_b: str, violence: int) -> str:
    parts: list[str] = []
    if headline:
        parts.append(headline)
    columns = (
        (side_a, "deaths_a"),
        (side_b, "deaths_b"),
        ("civilians", "deaths_civilians"),
        ("unknown", "deaths_unknown"),
    )
    counts = [(label, row.get(column)) for label, column in columns if label and row.get(column).isdigit()]
    listed = ", ".join(f"{label} {int(value)}" for label, value in counts if int(value))
    if listed:
        parts.append(f"Deaths in UCDP's best estimate, by side: {listed}.")
    if row.get("event_clarity") == "2":
        parts.append("UCDP marks the details of this event as unclear (event_clarity 2).")
    parts.append(f"Coded by UCDP as {_VIOLENCE_NAMES[violence]} violence.")
    return "\n\n".join(parts)


def _fatalities(row: Row, notes: list[str]) -> dict[str, int] | None:
    best = parse_int(row.get("best"), "best")
    if best is None:
        return None
    low, high = parse_int(row.get("low"), "low"), parse_int(row.get("high"), "high")
    if low is not None and low > best:
        notes.append(f"'low' {low} is above 'best' {best}; the low estimate was left out")
        low = None
    if high is not None and high < best:
        notes.append(f"'high' {high} is below 'best' {best}; the high estimate was left out")
        high = None
    value = {"low": low, "best": best, "high": high}
    return {k: n for k, n in value.items() if n is not None}
