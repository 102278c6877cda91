"""UCDP GED and ACLED CSV files imported into YAML records: mappings, layouts, re-imports, failures.

The CSV files are the copies in tests/fixtures/imports/. Fields are checked against the CSV read
with ``csv.DictReader``, not against values copied into the tests, and several checks run over
every row, so the importer cannot be tuned to a few of them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import BASE_FIXTURE, REPO, grade_sources, mkdocs_build, records, run_cli, snapshot
from generator.importers import ImportFailed, ImportReport, import_file
from generator.importers import stage as stage_module
from generator.importers.ucdp import COLUMNS_49
from generator.importers.yamlout import dump_record
from generator.load.yamlsource import parse

FIXTURES = REPO / "tests" / "fixtures" / "imports"
UCDP = FIXTURES / "ucdp-ged-syria-sample.csv"
ACLED = FIXTURES / "acled-layout-sample.csv"
ACLED_LEGACY = FIXTURES / "acled-layout-legacy-sample.csv"


# --- helpers -------------------------------------------------------------------------------


def _empty_project(root: Path) -> Path:
    """A project with the base fixture's mkdocs.yml, a briefing linking imported records, no seeds."""
    root.mkdir(parents=True)
    shutil.copy2(BASE_FIXTURE / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs" / "briefings").mkdir(parents=True)
    (root / "docs" / "briefings" / "notes.md").write_text(
        "# Field notes\n\n"
        "The [execution in Idlib](../incidents/ucdp-317948.md) and the "
        "[bombings in Qamishli](../places/al-qamishli-town.md).\n",
        encoding="utf-8",
    )
    return root


def _import(project: Path, kind: str, file: Path, **kwargs: Any) -> ImportReport:
    return import_file(kind, file, project / "seeds", project, **kwargs)


def _rows(file: Path) -> list[dict[str, str]]:
    with file.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write_rows(file: Path, rows: list[dict[str, str]], fieldnames: list[str], *, header: bool = True) -> None:
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, extrasaction="ignore")
        if header:
            writer.writeheader()
        writer.writerows(rows)


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file()}


def _seeds(project: Path) -> dict[str, bytes]:
    return snapshot(project / "seeds")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- 1. the UCDP sample --------------------------------------------------------------------


def test_the_ucdp_sample_imports_into_an_empty_project_that_builds_strict(tmp_path: Path) -> None:
    project = _empty_project(tmp_path / "project")
    report = _import(project, "ucdp", UCDP)
    assert report.rows == 192 and not report.rejected and not report.conflicts
    assert len(list((project / "seeds" / "incidents").glob("*.yaml"))) == 192
    assert report.summary().startswith("UCDP GED: 192 rows in ")
    assert report.summary().endswith(
        "192 imported, 0 rejected\nrecords: 338 created (192 incidents, 7 actors, 113 places, 26 sources), "
        "0 updated, 0 unchanged, 0 conflicts"
    )

    # imported sources start ungraded: one warning lists them, and strict runs stop on it
    check = run_cli(project, "check", "--strict")
    assert check.returncode == 1
    assert "seeds/sources: warning: 26 sources are not yet graded: agence-france-presse, airwars," in check.stderr
    assert check.stderr.endswith("\n1 problem found.\n")
    assert len(grade_sources(project)) == 26
    check = run_cli(project, "check", "--strict")
    assert check.returncode == 0, check.stderr
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    page = project / "site" / "incidents" / "ucdp-317948" / "index.html"
    assert "Hayyaat Tahrir Al-Sham" in page.read_text(encoding="utf-8")


def test_every_ucdp_row_keeps_its_id_dates_fatalities_and_place(tmp_path: Path) -> None:
    project = tmp_path / "project"
    _import(project, "ucdp", UCDP)
    data = records(project)
    for row in _rows(UCDP):
        incident = data.incidents[f"ucdp-{row['id']}"].record
        assert incident.external_ids == {"ucdp-ged": row["id"]}
        assert (incident.date.start, incident.date.end) == (_day(row["date_start"]), _day(row["date_end"]))
        assert incident.date.approximate == (row["date_prec"] != "1")
        assert incident.fatalities is not None and incident.fatalities.best == int(row["best"])
        assert incident.coordinates is not None
        assert (incident.coordinates.lat, incident.coordinates.lon) == (float(row["latitude"]), float(row["longitude"]))
        expected_precision = {"1": "exact", "2": "near"}.get(row["where_prec"], "region")
        assert incident.location_precision == expected_precision
        place = data.places[incident.place].record
        assert place.name == " ".join(row["where_coordinates"].split())
        actors = [data.actors[p.actor].record.name for p in incident.participants if p.actor]
        assert actors == [row["side_a"], row["side_b"]]
        # one citation per distinct source article, plus the dataset itself
        articles = row["source_article"].strip('"').split('";"')
        assert len(articles) == int(row["number_of_sources"])
        assert len(incident.citations) == len(set(articles)) + 1
        assert incident.citations[-1].source == "ucdp-ged"


def test_specific_ucdp_rows_map_as_documented(tmp_path: Path) -> None:
    project = tmp_path / "project"
    report = _import(project, "ucdp", UCDP)
    data = records(project)
    rows = {row["id"]: row for row in _rows(UCDP)}

    def incident(ged_id: str) -> Any:
        return data.incidents[f"ucdp-{ged_id}"].record

    def chain(place_id: str) -> list[str]:
        names = []
        current: str | None = place_id
        while current is not None:
            names.append(data.places[current].record.name)
            current = data.places[current].record.parent
        return names

    # 317948: one-sided violence on a known day at a town; one source article
    row, event = rows["317948"], incident("317948")
    assert event.date.precision == "day" and event.date.iso == row["date_start"]
    assert (event.event_type, event.sub_type) == ("violence-against-civilians", "attack")
    assert [p.role for p in event.participants] == ["attacker", "targeted"]
    assert chain(event.place) == [row["where_coordinates"], row["adm_2"], row["adm_1"], row["country"]]
    assert data.places[event.place].record.kind == "town"
    deaths = {side: int(row[f"deaths_{side}"]) for side in ("a", "b", "civilians", "unknown")}
    assert event.fatalities.model_dump() == {
        "low": int(row["low"]),
        "best": int(row["best"]),
        "high": int(row["high"]),
        "by_side": deaths,
        "note": "",
    }
    assert event.citations[0].title == row["source_headline"]
    assert event.citations[0].published is not None and event.citations[0].published.iso == row["source_date"]
    assert data.sources[event.citations[0].source].record.name == row["source_office"]
    # the title is made from the event itself, not the headline: who, where, UCDP's best estimate
    assert event.title == f"{row['side_a']} attack on civilians in {row['where_coordinates']}: {row['best']} killed"
    # SOHR published the report and is its original source: no relay; UCDP relays SOHR
    assert event.citations[0].origin == [] and event.citations[-1].origin == [event.citations[0].source]
    assert [p.side for p in event.participants] == ["a", "b"]
    assert event.dataset is not None and event.dataset.ucdp is not None
    assert (event.dataset.ucdp.conflict_name, event.dataset.ucdp.dyad_new_id) == (
        row["conflict_name"],
        row["dyad_new_id"],
    )
    assert event.dataset.ucdp.number_of_sources == int(row["number_of_sources"])

    # 309257: date_prec 2, a span of days
    row, event = rows["309257"], incident("309257")
    assert event.date.precision == "range" and event.date.approximate
    assert (event.date.start.isoformat(), event.date.end.isoformat()) == (row["date_start"], row["date_end"])

    # 314079: four articles joined by ';', one headline holding a newline; a double space in the place
    row, event = rows["314079"], incident("314079")
    assert "  " in row["where_coordinates"] and "\n" in row["source_article"]
    assert data.places[event.place].record.name == "Al Qamishli town"
    offices = [data.sources[c.source].record.name for c in event.citations[:-1]]
    assert offices == row["source_office"].split(";")
    assert [c.published.iso for c in event.citations[:-1] if c.published] == row["source_date"].split(";")
    assert event.citations[3].title == " ".join(row["source_headline"].split(";")[3].split())

    # 309478: where_prec 5, part of a governorate: a region inside the governorate
    row, event = rows["309478"], incident("309478")
    assert event.location_precision == "region"
    assert chain(event.place) == [row["where_coordinates"], row["adm_1"], row["country"]]
    assert data.places[event.place].record.kind == "region"

    # 314372: where_prec 4, the governorate itself
    row, event = rows["314372"], incident("314372")
    assert chain(event.place) == [row["adm_1"], row["country"]]

    # 319650: high below best in the source: the bound is left out and the row is flagged
    row, event = rows["319650"], incident("319650")
    assert int(row["high"]) < int(row["best"])
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (
        int(row["low"]),
        int(row["best"]),
        None,
    )
    assert event.dataset is not None and event.dataset.ucdp is not None and event.dataset.ucdp.high == int(row["high"])
    assert any("'high'" in w.message and w.path.endswith(UCDP.name) for w in report.warnings)

    # actors and places are created once and reused
    assert sorted(a.record.name for a in data.actors.values()) == sorted(
        {r["side_a"] for r in rows.values()} | {r["side_b"] for r in rows.values()}
    )
    assert len([p for p in data.places.values() if p.record.name == "Idlib Governorate"]) == 1


def test_the_written_yaml_is_readable_and_starts_with_the_schema_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    assert run_cli(project, "schema").returncode == 0  # as 'briefing new' makes them
    _import(project, "ucdp", UCDP)
    text = (project / "seeds" / "incidents" / "ucdp-317948.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/incident.schema.json"
    assert [line.split(":")[0] for line in lines[1:5]] == ["id", "title", "date", "event_type"]
    assert "date: 2019-10-01" in lines
    assert 'external_ids: {ucdp-ged: "317948"}' in lines
    place = (project / "seeds" / "places" / "idlib-town.yaml").read_text(encoding="utf-8")
    assert place.startswith("# yaml-language-server: $schema=../../schemas/place.schema.json\nid: idlib-town\n")
    umask = os.umask(0o022)
    os.umask(umask)
    for file in (project / "seeds").rglob("*"):  # as readable as any file the user saves
        assert file.stat().st_mode & 0o777 == (0o777 if file.is_dir() else 0o666) & ~umask, file


def test_without_schemas_the_records_point_at_none(tmp_path: Path) -> None:
    """A schema line pointing at a missing file would silently give no completion at all."""
    project = tmp_path / "project"
    _import(project, "ucdp", UCDP)
    text = (project / "seeds" / "incidents" / "ucdp-317948.yaml").read_text(encoding="utf-8")
    assert text.startswith("id: ucdp-317948\n")


# --- 2. ACLED, current and legacy layouts --------------------------------------------------


def test_the_acled_current_and_legacy_layouts_give_the_samerecords(tmp_path: Path) -> None:
    current, legacy = tmp_path / "current", tmp_path / "legacy"
    first = _import(current, "acled", ACLED)
    second = _import(legacy, "acled", ACLED_LEGACY)
    assert not first.rejected and not second.rejected
    assert len(first.created) == len(second.created) > 4
    # the same records; only what each file says about itself differs: the older layout writes
    # actor types as numbers and has no timestamp, disorder type or civilian targeting
    a, b = records(current), records(legacy)
    for record_id, entry in a.incidents.items():
        new, old = entry.record, b.incidents[record_id].record
        assert new.model_copy(update={"dataset": None}) == old.model_copy(update={"dataset": None})
        assert new.dataset and new.dataset.acled and old.dataset and old.dataset.acled
        assert (new.dataset.acled.inter, old.dataset.acled.inter) == ("labels", "numeric")
        assert (new.dataset.acled.inter1, new.dataset.acled.inter2) == (
            old.dataset.acled.inter1,
            old.dataset.acled.inter2,
        )
        assert new.dataset.acled.timestamp == 1591315200 and old.dataset.acled.timestamp is None
    assert {k: v for k, v in _seeds(current).items() if not k.startswith(("incidents/", "."))} == {
        k: v for k, v in _seeds(legacy).items() if not k.startswith(("incidents/", "."))
    }


def test_acled_rows_map_as_documented(tmp_path: Path) -> None:
    project = tmp_path / "project"
    _import(project, "acled", ACLED)
    data = records(project)
    for row in _rows(ACLED):
        event = data.incidents[f"acled-{row['event_id_cnty'].lower()}"].record
        assert event.external_ids == {"acled": row["event_id_cnty"]}
        assert event.summary == row["notes"]
        assert event.fatalities is not None and event.fatalities.best == int(row["fatalities"])
        day = _day(row["event_date"])
        if row["time_precision"] == "1":
            assert (event.date.precision, event.date.start) == ("day", day)
        else:  # the week around the coded day
            assert event.date.approximate and event.date.start <= day <= event.date.end
            assert (event.date.end - event.date.start).days == 6
        sources = [data.sources[c.source].record.name for c in event.citations[:-1]]
        assert sources == [s.strip() for s in row["source"].split(";")]
        place = data.places[event.place].record
        assert place.name == row["location"] and place.kind == "town"
        parents = []
        current = place.parent
        while current is not None:
            parents.append(data.places[current].record.name)
            current = data.places[current].record.parent
        assert parents == [row["admin3"], row["admin2"], row["admin1"], row["country"]]
    # the explosion: an unidentified attacker (no record) and an associated actor
    event = data.incidents["acled-smp0003"].record
    assert (event.event_type, event.sub_type) == ("explosions-remote-violence", "remote-explosive-landmine-ied")
    assert [(p.actor, p.role) for p in event.participants] == [
        (None, "attacker"),
        ("military-forces-of-russia-2000", "targeted"),
        ("military-forces-of-turkey-2016", "targeted"),
    ]
    assert event.participants[0].note == "Unidentified Armed Group (Syria)"
    assert data.actors["military-forces-of-russia-2000"].record.kind == "state-force"
    assert event.title.startswith("An explosion targeted a joint Russian-Turkish convoy")


# --- 3. re-imports -------------------------------------------------------------------------


def test_importing_the_same_file_again_changes_no_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    _import(project, "ucdp", UCDP)
    _import(project, "acled", ACLED)
    before, times = _seeds(project), _mtimes(project / "seeds")
    again = _import(project, "ucdp", UCDP)
    acled_again = _import(project, "acled", ACLED)
    assert _seeds(project) == before
    assert _mtimes(project / "seeds") == times
    assert not again.created and not again.updated and not again.conflicts
    assert len(again.unchanged) == len(before) - 2 - len(acled_again.unchanged)  # less the two state files
    assert not acled_again.created and not acled_again.updated
    # the older layout of the same rows changes only what ACLED says about its own rows
    legacy = _import(project, "acled", ACLED_LEGACY)
    assert not legacy.created and not legacy.conflicts
    assert sorted(legacy.updated) == sorted(f"seeds/incidents/acled-smp000{n}.yaml" for n in range(1, 5))


def _newer_ucdp(file: Path, changes: dict[str, Callable[[dict[str, str]], None]]) -> Path:
    rows = _rows(UCDP)
    for row in rows:
        if row["id"] in changes:
            changes[row["id"]](row)
    _write_rows(file, rows, list(rows[0]))
    return file


def _retitle(headline: str) -> Callable[[dict[str, str]], None]:
    def change(row: dict[str, str]) -> None:
        old = row["source_headline"]
        row["source_article"] = row["source_article"].replace(old, headline)
        row["source_headline"] = headline

    return change


def _edit_field(file: Path, name: str, line: str) -> None:
    """Replace a top-level field (and its continuation lines) as an analyst would in an editor."""
    lines = file.read_text(encoding="utf-8").splitlines()
    start = next(i for i, text in enumerate(lines) if text.startswith(f"{name}:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    lines[start:end] = [line]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_newer_file_updates_what_changed_and_keeps_hand_edits(tmp_path: Path) -> None:
    project = tmp_path / "project"
    _import(project, "ucdp", UCDP)
    edited = project / "seeds" / "incidents" / "ucdp-317948.yaml"
    _edit_field(edited, "title", "title: HTS executes a detainee in Idlib")
    edited.write_text(edited.read_text(encoding="utf-8") + "tags: [checked]\n", encoding="utf-8")

    def more_deaths(row: dict[str, str]) -> None:
        row.update(low="2", best="2", high="3", deaths_civilians="2")

    newer = _newer_ucdp(
        tmp_path / "newer.csv",
        {
            "317948": lambda row: (_retitle("HTS executes a man accused of killing a woman")(row), more_deaths(row)),
            "317953": _retitle("Regime rockets hit fighters of the National Liberation Front"),
        },
    )
    untouched = project / "seeds" / "incidents" / "ucdp-318000.yaml"
    untouched_time = untouched.stat().st_mtime_ns
    report = _import(project, "ucdp", newer)

    data = records(project)
    mine = data.incidents["ucdp-317948"].record
    assert mine.title == "HTS executes a detainee in Idlib"  # the analyst's edit is kept
    assert mine.tags == ["checked"]  # a field the import does not manage is kept
    assert mine.fatalities is not None and (mine.fatalities.low, mine.fatalities.best, mine.fatalities.high) == (
        2,
        2,
        3,
    )
    assert mine.fatalities.by_side is not None and mine.fatalities.by_side.civilians == 2
    # a new headline is the citation's new title; the incident's title is the event's own
    other = data.incidents["ucdp-317953"].record
    assert other.citations[0].title == "Regime rockets hit fighters of the National Liberation Front"
    assert other.title == "Government of Syria vs Syrian insurgents in Baarbu village: 1 killed"
    assert sorted(report.updated) == ["seeds/incidents/ucdp-317948.yaml", "seeds/incidents/ucdp-317953.yaml"]
    assert untouched.stat().st_mtime_ns == untouched_time

    assert len(report.conflicts) == 1
    conflict = report.conflicts[0]
    title_line = edited.read_text(encoding="utf-8").splitlines().index("title: HTS executes a detainee in Idlib") + 1
    assert (conflict.path, conflict.line, conflict.col) == ("seeds/incidents/ucdp-317948.yaml", title_line, 8)
    assert "'title' was edited by hand" in conflict.message
    assert conflict.hint.endswith("Syrian insurgents attack on civilians in Idlib town: 2 killed")

    # the conflict is reported once; importing the newer file again changes nothing
    before, times = _seeds(project), _mtimes(project / "seeds")
    again = _import(project, "ucdp", newer)
    assert not again.conflicts and not again.updated
    assert _seeds(project) == before and _mtimes(project / "seeds") == times


def test_an_update_that_drops_an_end_of_line_comment_says_so(tmp_path: Path) -> None:
    project = tmp_path / "project"
    _import(project, "ucdp", UCDP)
    commented = project / "seeds" / "incidents" / "ucdp-317953.yaml"
    text = commented.read_text(encoding="utf-8")
    assert "#" not in text
    date_line = next(line for line in text.splitlines() if line.startswith("date:"))
    commented.write_text(text.replace(date_line, date_line + "  # checked against SANA", 1), encoding="utf-8")

    report = _import(project, "ucdp", _newer_ucdp(tmp_path / "newer.csv", {"317953": _retitle("A new headline")}))

    assert report.updated == ["seeds/incidents/ucdp-317953.yaml"]
    assert [(w.path, w.message, w.hint) for w in report.warnings if "comments" in w.message] == [
        (
            "seeds/incidents/ucdp-317953.yaml",
            "updated from UCDP GED; the comments in this file were not kept",
            "keep notes in fields (summary, description, note) rather than comments",
        )
    ]


def test_a_deleted_incident_is_not_recreated(tmp_path: Path) -> None:
    project = tmp_path / "project"
    _import(project, "ucdp", UCDP)
    (project / "seeds" / "incidents" / "ucdp-317948.yaml").unlink()
    report = _import(project, "ucdp", UCDP)
    assert report.kept_deleted == ["seeds/incidents/ucdp-317948.yaml"]
    assert not (project / "seeds" / "incidents" / "ucdp-317948.yaml").exists()


def test_an_alias_links_a_dataset_name_to_the_analysts_own_place(tmp_path: Path) -> None:
    project = tmp_path / "project"
    places = project / "seeds" / "places"
    places.mkdir(parents=True)
    (places / "syria.yaml").write_text("id: syria\nname: Syria\nkind: country\n", encoding="utf-8")
    own = "id: qamishli\nname: Qamishli\naliases: [Al-Qamishli, AL QAMISHLI TOWN]\nkind: city\nparent: syria\n"
    (places / "qamishli.yaml").write_text(own, encoding="utf-8")
    _import(project, "ucdp", UCDP)
    data = records(project)
    assert data.incidents["ucdp-314079"].record.place == "qamishli"
    assert not (places / "al-qamishli-town.yaml").exists()
    assert (places / "qamishli.yaml").read_text(encoding="utf-8") == own  # never changed by an import
    assert data.places["idlib-governorate"].record.parent == "syria"


def test_imports_into_the_example_link_to_its_records_and_change_none(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "seeds", project / "seeds")
    own = _seeds(project)
    _import(project, "ucdp", UCDP)
    _import(project, "acled", ACLED)
    after = _seeds(project)
    assert {name: after[name] for name in own} == own
    data = records(project)
    # "Al Malikiyah" is an alias of Derik ("al-Malikiyah"); "Ariha" of the town Arihah, not of the
    # district of that name; "Idlib Governorate" of the governorate Idlib; SDF and Voice of America
    assert [data.incidents[f"acled-smp000{n}"].record.place for n in (1, 2, 3, 4)] == [
        "derik",
        "derik",
        "kafr-shlaya",
        "arihah",
    ]
    assert data.places["ariha"].record.kind == "district"
    assert data.incidents["ucdp-314372"].record.place == "idlib"
    assert "sdf" in {p.actor for p in data.incidents["ucdp-314079"].record.participants}
    assert "voa" in {c.source for c in data.incidents["acled-smp0002"].record.citations}
    grade_sources(project)
    assert run_cli(project, "check", "--strict").returncode == 0


# --- 4. header variants --------------------------------------------------------------------


def test_a_ucdp_file_without_a_header_row_imports_the_same(tmp_path: Path) -> None:
    headerless = tmp_path / "headerless.csv"
    rows = _rows(UCDP)
    _write_rows(headerless, rows, list(rows[0]), header=False)
    assert not headerless.read_text(encoding="utf-8").startswith("id,")
    _import(tmp_path / "a", "ucdp", UCDP)
    _import(tmp_path / "b", "ucdp", headerless)
    assert _seeds(tmp_path / "a") == _seeds(tmp_path / "b")


def test_a_49_column_ucdp_file_is_read_by_column_name(tmp_path: Path) -> None:
    rows = _rows(UCDP)
    for row in rows:
        row.update(relid="", code_status="", where_description="", unknown_new_column="ignored")
    rows[0].update(relid="SYR-2019-1-13299-1", code_status="Clear")
    newer = tmp_path / "ged-49.csv"
    _write_rows(newer, rows, [*COLUMNS_49, "unknown_new_column"])
    headerless = tmp_path / "ged-49-no-header.csv"
    _write_rows(headerless, rows, list(COLUMNS_49), header=False)

    _import(tmp_path / "a", "ucdp", UCDP)
    _import(tmp_path / "b", "ucdp", newer)
    _import(tmp_path / "c", "ucdp", headerless)
    first = f"incidents/ucdp-{rows[0]['id']}.yaml"
    state = ".import-ucdp-ged.json"
    a, b, c = (_seeds(tmp_path / name) for name in "abc")
    assert {k: v for k, v in a.items() if k not in (first, state)} == {
        k: v for k, v in b.items() if k not in (first, state)
    }
    assert b == c
    record = records(tmp_path / "b").incidents[f"ucdp-{rows[0]['id']}"].record
    assert record.external_ids == {"ucdp-ged": rows[0]["id"], "ucdp-ged-relid": "SYR-2019-1-13299-1"}
    assert record.dataset is not None and record.dataset.ucdp is not None
    assert record.dataset.ucdp.code_status == "Clear"


@pytest.mark.parametrize(
    "rename",
    [
        str.upper,
        str.lower,
        lambda name: name.replace("_", " ").title(),
        lambda name: name.upper().replace("_", "-"),
    ],
    ids=["upper", "lower", "spaces-title-case", "hyphens"],
)
def test_acled_header_variants_import_the_same(tmp_path: Path, rename: Callable[[str], str]) -> None:
    lines = ACLED.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    variant = io.StringIO()
    csv.writer(variant, lineterminator="\n").writerow([rename(name) for name in header])
    file = tmp_path / "variant.csv"
    file.write_text(variant.getvalue() + "".join(lines[1:]), encoding="utf-8")
    _import(tmp_path / "a", "acled", ACLED)
    _import(tmp_path / "b", "acled", file)
    assert _seeds(tmp_path / "a") == _seeds(tmp_path / "b")


# --- 5. bad rows ---------------------------------------------------------------------------


def test_bad_rows_are_reported_with_their_line_and_the_rest_imports(tmp_path: Path) -> None:
    rows = _rows(UCDP)
    multiline = next(i for i, row in enumerate(rows) if "\n" in row["source_article"])
    bad = {
        multiline + 1: ("date_start", "2019-13-45", "'date_start' is not a real date: '2019-13-45'"),
        multiline + 2: ("id", "", "'id' is empty"),
        multiline + 3: ("latitude", "95.5", "coordinates 95.5, "),
        multiline + 4: ("longitude", "east", "are not numbers"),
    }
    for index, (column, value, _) in bad.items():
        rows[index][column] = value
    file = tmp_path / "bad.csv"
    _write_rows(file, rows, list(rows[0]))
    # the line each row starts on, counted in the file as written (quoted cells span lines)
    starts, line = [], 2
    for row in rows:
        starts.append(line)
        buffer = io.StringIO()
        csv.DictWriter(buffer, fieldnames=list(rows[0])).writerow(row)
        line += buffer.getvalue().count("\n")

    project = tmp_path / "project"
    report = _import(project, "ucdp", file)
    assert [(d.path, d.line) for d in report.rejected] == [
        (os.path.relpath(file, project).replace(os.sep, "/"), starts[i]) for i in sorted(bad)
    ]
    for problem, index in zip(report.rejected, sorted(bad), strict=True):
        assert problem.message.startswith(f"row {index + 1} rejected: ")
        assert bad[index][2] in problem.message
    assert len(list((project / "seeds" / "incidents").glob("*.yaml"))) == len(rows) - len(bad)
    grade_sources(project)
    assert run_cli(project, "check", "--strict").returncode == 0


def test_a_file_of_another_layout_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    project = tmp_path / "project"
    with pytest.raises(ImportFailed, match="missing columns 'event_id_cnty', 'event_date'"):
        _import(project, "acled", UCDP)
    not_utf8 = tmp_path / "latin1.csv"
    not_utf8.write_bytes(ACLED.read_text(encoding="utf-8").replace("Derik", "Dérik").encode("latin-1"))
    with pytest.raises(ImportFailed, match="not UTF-8"):
        _import(project, "acled", not_utf8)
    data_json = tmp_path / "data.json"
    data_json.write_text('{"generator": "briefing-generator", "incidents": []}\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        _import(project, "acled", data_json)
    assert str(caught.value).endswith("data.json: the file is JSON, not CSV")
    assert caught.value.hint.startswith("a briefing site's data/data.json is imported with: briefing import briefing ")
    assert not (project / "seeds").exists()


# --- 6. failures leave the data as it was --------------------------------------------------


@pytest.mark.parametrize("phase", ["staging", "renaming"])
def test_a_failure_mid_import_leaves_the_seeds_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, phase: str
) -> None:
    project = tmp_path / "project"
    _import(project, "ucdp", UCDP)
    newer = _newer_ucdp(
        tmp_path / "newer.csv",
        {ged_id: _retitle(f"A new headline for event {ged_id}") for ged_id in ("317948", "317953", "318000")},
    )
    new_place = tmp_path / "newer-place.csv"
    rows = _rows(newer)
    rows[0].update(where_coordinates="Somewhere new village")
    _write_rows(new_place, rows, list(rows[0]))
    before, times = _seeds(project), _mtimes(project / "seeds")

    calls = {"n": 0}
    if phase == "staging":
        real_add = stage_module.Staging.add

        def failing_add(self: stage_module.Staging, target: Path, data: bytes) -> None:
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(28, "No space left on device")
            real_add(self, target, data)

        monkeypatch.setattr(stage_module.Staging, "add", failing_add)
    else:
        real_replace = os.replace

        def failing_replace(src: Any, dst: Any) -> None:
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(5, "Input/output error")
            real_replace(src, dst)

        monkeypatch.setattr(stage_module.os, "replace", failing_replace)

    with pytest.raises(OSError):
        _import(project, "ucdp", new_place)
    assert calls["n"] >= 3
    assert _seeds(project) == before
    assert _mtimes(project / "seeds") == times
    monkeypatch.undo()
    report = _import(project, "ucdp", new_place)  # and the next run imports normally
    assert len(report.updated) == 3 and report.created == ["seeds/places/somewhere-new-village.yaml"]


def test_a_failed_first_import_leaves_no_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    project.mkdir()

    def failing_replace(src: Any, dst: Any) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(stage_module.os, "replace", failing_replace)
    with pytest.raises(OSError):
        _import(project, "acled", ACLED)
    assert list(project.iterdir()) == []


# --- progress and the YAML writer ----------------------------------------------------------


def test_progress_is_reported_for_every_row(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    _import(tmp_path / "project", "ucdp", UCDP, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 192) for n in range(1, 193)]


@pytest.mark.parametrize(
    "text",
    [
        "- starts like a list",
        "key: value inside",
        "# a comment?",
        "yes",
        "2020",
        "0123",
        "1e5",
        "trailing space ",
        "line\u2028separator and next\x85line",
        'quotes "inside" and \\ backslash',
        "two\nlines\n\nand a blank",
        "ends with a newline\n",
        "a long text " * 20,
        "a long text with  double spaces " * 5,
        "tab\tinside",
        "emoji 🙂 and Arabic القامشلي",
    ],
)
def test_any_text_is_written_so_that_it_reads_back_the_same(text: str) -> None:
    record = {
        "id": "x",
        "title": text,
        "summary": text,
        "aliases": [text],
        "date": {"on": "2020-06", "approximate": True},
    }
    written = dump_record(record, schema="s.json", order=["id", "title"])
    doc, problems = parse(written, "x.yaml")
    assert not problems and doc is not None and doc.value == record
