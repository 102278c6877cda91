"""Import -> export -> import: what an imported dataset says survives the site's exports and comes back.

Two ways out and back in. ``data/incidents-acled.csv`` in ACLED's layout, read back by the
ACLED importer, for data that came from ACLED; and ``data/data.json``, read back by
``briefing import briefing``, for any data: the lossless way between briefing sites. The end-to-end
tests go through the command line and a real ``mkdocs build --strict``; the broad ones make the
exports in-process with the same code. The broad ACLED file is generated from ACLED's whole
vocabulary with a seeded random choice of actors, places, precisions and sources, so the round
trip is not tuned to the four sample rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import BASE_FIXTURE, REPO, exports, grade_sources, mkdocs_build, records, run_cli, snapshot
from generator.exports.json_dump import record_values
from generator.importers import ImportFailed, import_file
from generator.importers.acled import COLUMNS
from generator.model import vocabulary as v

SAMPLES = REPO / "tests" / "fixtures" / "imports"
UCDP = SAMPLES / "ucdp-ged-syria-sample.csv"
ACLED_SAMPLES = [SAMPLES / "acled-layout-sample.csv", SAMPLES / "acled-layout-legacy-sample.csv"]


def _empty_project(root: Path) -> Path:
    """A project with the base fixture's mkdocs.yml and the briefing its nav names, and no data."""
    (root / "docs" / "briefings").mkdir(parents=True)
    shutil.copy2(BASE_FIXTURE / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs" / "briefings" / "notes.md").write_text("# Field notes\n\nImported data.\n", encoding="utf-8")
    return root


def _values(project: Path) -> dict[str, dict[str, Any]]:
    """Every record's fields, by kind and id, as the model reads them (not as the YAML spells them)."""
    data = records(project)
    return {
        kind: {record_id: record_values(entry.record) for record_id, entry in table.items()}
        for kind, table in (
            ("incidents", data.incidents),
            ("actors", data.actors),
            ("places", data.places),
            ("sources", data.sources),
        )
    }


def _records_only(folder: Path) -> dict[str, bytes]:
    """The record files of a data folder, without the import state files."""
    return {name: data for name, data in snapshot(folder).items() if not name.startswith(".")}


# --- ACLED's layout, end to end -----------------------------------------------------------------


def _through_a_built_site(
    tmp_path: Path, dataset: str, file: Path, export: str, again_as: str
) -> tuple[Path, Path, str]:
    """As a user would: ``briefing import`` into an empty project, ``mkdocs build --strict``, then
    ``briefing import`` of the built site's ``export`` into a second empty project.

    Returns:
        The two projects and the last line the second import printed (its summary).
    """
    first = _empty_project(tmp_path / "first")
    imported = run_cli(first, "import", dataset, str(file))
    assert imported.returncode == 0, imported.stderr
    grade_sources(first)  # imported sources start ungraded, which a strict build does not accept
    build = mkdocs_build(first)
    assert build.returncode == 0, build.stderr
    second = _empty_project(tmp_path / "second")
    again = run_cli(second, "import", again_as, str(first / "site" / export))
    assert again.returncode == 0, again.stderr
    grade_sources(second)  # the same grade, where the export does not carry one
    return first, second, again.stderr.splitlines()[-1]  # the records line of the summary


@pytest.mark.parametrize("sample", ACLED_SAMPLES, ids=lambda path: path.stem)
def test_acled_data_comes_back_the_same_from_a_built_sites_acled_export(tmp_path: Path, sample: Path) -> None:
    first, second, summary = _through_a_built_site(tmp_path, "acled", sample, "data/incidents-acled.csv", "acled")
    assert summary.startswith("records: 21 created (")
    assert summary.endswith("), 0 updated, 0 unchanged, 0 conflicts")
    # every record file and the import state, byte for byte: ids, dates and their precision,
    # places and their hierarchy, actors and their roles, fatalities, sources
    assert snapshot(second / "seeds") == snapshot(first / "seeds")


# --- ACLED's layout, every event type -------------------------------------------------------------

_ACTORS = {
    "state": [("Military Forces of Syria (2000-)", "State forces"), ("Police Forces of Syria (2000-)", "State forces")],
    "external": [("Military Forces of Turkey (2016-)", "External/Other forces")],
    "rebel": [("Hayat Tahrir al-Sham", "Rebel group"), ("NLF: National Liberation Front", "Rebel group")],
    "militia": [("NDF: National Defence Forces", "Political militia"), ("Kurdish Ethnic Militia", "Identity militia")],
    "civilians": [("Civilians (Syria)", "Civilians")],
    "protesters": [("Protesters (Syria)", "Protesters")],
    "rioters": [("Rioters (Syria)", "Rioters")],
    "unidentified": [("Unidentified Armed Group (Syria)", "Political militia")],
}
# Who acts and who is on the receiving end, as ACLED codes each event type.
_SIDES = {
    "battles": (["state", "rebel", "militia", "external"], ["state", "rebel", "militia", "external"]),
    "explosions-remote-violence": (["state", "external", "unidentified", "rebel"], ["civilians", "rebel", "state"]),
    "violence-against-civilians": (["state", "militia", "unidentified", "rebel"], ["civilians"]),
    "protests": (["protesters"], ["state", ""]),
    "riots": (["rioters"], ["civilians", "state", ""]),
    "strategic-developments": (["state", "rebel", "militia", "external"], ["state", "rebel", "civilians", ""]),
}
_PLACES = [
    ("Idleb", "Ariha", "Ariha", "Kafr Shlaya", (35.7676, 36.5355)),
    ("Al Hasakeh", "Al Hasakeh", "Al Malikiyah", "Al Malikiyah", (37.1681, 42.1338)),
    ("Aleppo", "Jebel Saman", "", "Aleppo", (36.2021, 37.1343)),
    ("Deir ez Zor", "", "", "Deir ez Zor", None),
]
_SOURCES = ["Local media", "Voice of America", "North Press Agency", "SOHR", "Reuters"]


def _pick(rng: random.Random, group: str) -> tuple[str, str]:
    return rng.choice(_ACTORS[group])


def _broad_acled_rows(seed: int) -> list[dict[str, str]]:
    """One row per ACLED event type and sub-type (twice), with actors, places and precisions drawn."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    pairs = [(t, s) for t in v.EVENT_TYPES for s in v.SUB_TYPES[t]] * 2
    for number, (event_type, sub_type) in enumerate(pairs, 1):
        acting, receiving = _SIDES[event_type]
        actor1, inter1 = _pick(rng, rng.choice(acting))
        second = rng.choice(receiving)
        actor2, inter2 = _pick(rng, second) if second else ("", "")
        if actor2 == actor1:
            actor2, inter2 = "", ""
        assoc1 = "" if actor1.startswith("Unidentified") or rng.random() < 0.6 else "Local residents"
        admin1, admin2, admin3, location, point = rng.choice(_PLACES)
        geo_precision = rng.choice(["1", "2", "3"]) if point else "3"
        day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))
        sources = rng.sample(_SOURCES, rng.randint(1, 3))
        rows.append(
            {
                "event_id_cnty": f"SYR{number:05d}",
                "event_date": day.isoformat(),
                "year": str(day.year),
                "time_precision": rng.choice(["1", "2", "3"]),
                "event_type": v.EVENT_TYPES[event_type],
                "sub_event_type": v.SUB_TYPES[event_type][sub_type],
                "actor1": actor1,
                "assoc_actor_1": assoc1,
                "inter1": inter1,
                "actor2": actor2,
                "inter2": inter2,
                "country": "Syria",
                "admin1": admin1,
                "admin2": admin2,
                "admin3": admin3,
                "location": location,
                "latitude": str(point[0]) if point else "",
                "longitude": str(point[1]) if point else "",
                "geo_precision": geo_precision,
                "source": "; ".join(sources),
                "notes": f"On {day:%d %B %Y}, event {number} was reported in {location}. Details were given by "
                f"{sources[0]}.",
                "fatalities": str(rng.choice([0, 0, 1, 3, 12])),
            }
        )
    return rows


def _write_acled(file: Path, rows: list[dict[str, str]]) -> Path:
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), restval="")
        writer.writeheader()
        writer.writerows(rows)
    return file


def _through_acled_export(tmp_path: Path, rows: list[dict[str, str]]) -> tuple[Path, Path]:
    """Import rows in ACLED's layout, export the site's ACLED CSV, import that: the two projects."""
    first, second = tmp_path / "first", tmp_path / "second"
    report = import_file("acled", _write_acled(tmp_path / "acled.csv", rows), first / "seeds", first)
    assert report.rows == len(rows) and not report.rejected
    exported = tmp_path / "incidents-acled.csv"
    exported.write_bytes(exports(first)["data/incidents-acled.csv"])
    again = import_file("acled", exported, second / "seeds", second)
    assert not again.rejected and not again.conflicts
    return first, second


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_acled_event_type_comes_back_the_same(tmp_path: Path, seed: int) -> None:
    rows = _broad_acled_rows(seed)
    first, second = _through_acled_export(tmp_path, rows)
    assert snapshot(second / "seeds") == snapshot(first / "seeds")

    # and the records say what the original rows said
    data = records(second)
    for row in rows:
        incident = data.incidents[f"acled-{row['event_id_cnty'].lower()}"].record
        day = dt.date.fromisoformat(row["event_date"])
        precision = {"1": "day", "2": "range", "3": "month"}[row["time_precision"]]
        assert incident.date.precision == precision
        assert incident.date.start <= day <= incident.date.end
        assert incident.location_precision == {"1": "exact", "2": "near", "3": "region"}[row["geo_precision"]]
        assert incident.fatalities is not None and incident.fatalities.best == int(row["fatalities"])
        names = [data.actors[p.actor].record.name if p.actor else p.note for p in incident.participants]
        expected = [row["actor1"], *([row["assoc_actor_1"]] if row["assoc_actor_1"] else [])]
        assert names == expected + ([row["actor2"]] if row["actor2"] else [])


def test_a_battles_associated_actors_keep_their_part_and_their_side(tmp_path: Path) -> None:
    row = {
        "event_id_cnty": "SYR1",
        "event_date": "2021-03-04",
        "time_precision": "1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Syria (2000-)",
        "assoc_actor_1": "NDF: National Defence Forces",
        "inter1": "State forces",
        "actor2": "Hayat Tahrir al-Sham",
        "assoc_actor_2": "NLF: National Liberation Front",
        "inter2": "Rebel group",
        "country": "Syria",
        "location": "Saraqab",
        "geo_precision": "1",
        "source": "SOHR",
        "fatalities": "4",
    }
    first, second = _through_acled_export(tmp_path, [row])
    before, after = (records(p).incidents["acled-syr1"].record for p in (first, second))
    assert [(p.actor, p.role, p.side) for p in after.participants] == [
        ("military-forces-of-syria-2000", "combatant", "a"),
        ("ndf-national-defence-forces", "combatant", "a"),
        ("hayat-tahrir-al-sham", "combatant", "b"),
        ("nlf-national-liberation-front", "combatant", "b"),
    ]
    assert [(p.actor, p.role, p.side) for p in before.participants] == [
        (p.actor, p.role, p.side) for p in after.participants
    ]
    assert (after.date, after.fatalities, after.place) == (before.date, before.fatalities, before.place)


# --- data.json: any data, every field ---------------------------------------------------------------


def test_ucdp_data_comes_back_whole_from_a_built_sites_data_json(tmp_path: Path) -> None:
    first, second, summary = _through_a_built_site(tmp_path, "ucdp", UCDP, "data/data.json", "briefing")
    published = first / "site" / "data" / "data.json"
    assert summary == (
        "records: 338 created (192 incidents, 7 actors, 113 places, 26 sources), 0 updated, 0 unchanged, 0 conflicts"
    )
    # every field of every record as the model reads it: ids, external ids, date ranges and their
    # precision, fatality ranges, places with coordinates and parents, actors and roles, sources
    assert _values(second) == _values(first)
    incident = records(second).incidents["ucdp-317948"].record
    assert incident.external_ids == {"ucdp-ged": "317948"}
    build = mkdocs_build(second)
    assert build.returncode == 0, build.stderr
    assert (second / "site" / "data" / "data.json").read_bytes() == published.read_bytes()


def test_the_examples_data_json_rebuilds_every_record_and_imports_into_itself_as_no_change(tmp_path: Path) -> None:
    published = tmp_path / "data.json"
    published.write_bytes(exports(REPO)["data/data.json"])
    fresh = tmp_path / "fresh"
    report = import_file("briefing", published, fresh / "seeds", fresh)
    assert len(report.created) == 33 and not report.rejected
    assert _values(fresh) == _values(REPO)
    assert exports(fresh)["data/data.json"] == published.read_bytes()

    own = tmp_path / "own"
    shutil.copytree(REPO / "seeds", own / "seeds")
    report = import_file("briefing", published, own / "seeds", own)
    assert (len(report.unchanged), report.created, report.updated, report.conflicts) == (33, [], [], [])
    assert _records_only(own / "seeds") == _records_only(REPO / "seeds")


def _publish(project: Path, file: Path) -> Path:
    file.write_bytes(exports(project)["data/data.json"])
    return file


def _replace_line(file: Path, prefix: str, line: str) -> None:
    """Replace the line that starts with ``prefix``, as an analyst would in an editor."""
    lines = file.read_text(encoding="utf-8").splitlines()
    lines[next(i for i, text in enumerate(lines) if text.startswith(prefix))] = line
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_newer_data_json_updates_what_changed_and_keeps_hand_edits(tmp_path: Path) -> None:
    theirs, mine = tmp_path / "theirs", tmp_path / "mine"
    shutil.copytree(REPO / "seeds", theirs / "seeds")
    import_file("briefing", _publish(theirs, tmp_path / "v1.json"), mine / "seeds", mine)
    edited = mine / "seeds" / "incidents" / "derik-patrol-tensions-2020-06-02.yaml"
    _replace_line(edited, "title: ", "title: Russian patrol turned back near Derik (checked)")

    # the other site changes the same title, the same record's date, and another record
    theirs_file = theirs / "seeds" / "incidents" / "derik-patrol-tensions-2020-06-02.yaml"
    _replace_line(theirs_file, "title: ", "title: Tensions near Derik as a Russian patrol is turned back")
    _replace_line(theirs_file, "date: ", "date: {start: 2020-06-01, end: 2020-06-02}")
    _replace_line(theirs / "seeds" / "places" / "derik.yaml", "name: ", "name: Derik (al-Malikiyah)")
    newer = _publish(theirs, tmp_path / "v2.json")
    report = import_file("briefing", newer, mine / "seeds", mine)

    data = records(mine)
    incident = data.incidents["derik-patrol-tensions-2020-06-02"].record
    assert incident.title == "Russian patrol turned back near Derik (checked)"  # the analyst's edit is kept
    assert (incident.date.start, incident.date.end) == (dt.date(2020, 6, 1), dt.date(2020, 6, 2))
    assert data.places["derik"].record.name == "Derik (al-Malikiyah)"
    assert sorted(report.updated) == [
        "seeds/incidents/derik-patrol-tensions-2020-06-02.yaml",
        "seeds/places/derik.yaml",
    ]
    [conflict] = report.conflicts
    title_line = (
        edited.read_text(encoding="utf-8").splitlines().index("title: Russian patrol turned back near Derik (checked)")
    )
    assert (conflict.path, conflict.line, conflict.col) == (
        "seeds/incidents/derik-patrol-tensions-2020-06-02.yaml",
        title_line + 1,
        8,
    )
    assert conflict.message == "'title' was edited by hand and briefing data now has another value; kept yours"
    assert conflict.hint == "briefing data now has: Tensions near Derik as a Russian patrol is turned back"

    # reported once: importing the same file again changes nothing
    before = snapshot(mine / "seeds")
    again = import_file("briefing", newer, mine / "seeds", mine)
    assert (again.created, again.updated, again.conflicts) == ([], [], [])
    assert snapshot(mine / "seeds") == before


def test_an_incident_deleted_by_hand_is_not_brought_back_by_the_same_data_json(tmp_path: Path) -> None:
    published = _publish(REPO, tmp_path / "data.json")
    project = tmp_path / "project"
    import_file("briefing", published, project / "seeds", project)
    (project / "seeds" / "incidents" / "us-withdrawal-2019.yaml").unlink()
    report = import_file("briefing", published, project / "seeds", project)
    assert report.kept_deleted == ["seeds/incidents/us-withdrawal-2019.yaml"]
    assert report.summary().endswith(", 1 deleted by hand and not recreated")
    assert not (project / "seeds" / "incidents" / "us-withdrawal-2019.yaml").exists()


# --- data.json: what is refused ----------------------------------------------------------------------

_HINT = "import the data/data.json file of a site this project built"


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            '{"generator": "briefing-generator 1",\n "incidents": [}',
            "data.json:2:16: not valid JSON: Expecting value",
            _HINT,
        ),
        ("[1, 2]", "data.json: not a briefing site's data.json (no 'generator': 'briefing-generator ...')", _HINT),
        (
            '{"type": "FeatureCollection", "features": []}',
            "data.json: not a briefing site's data.json (no 'generator': 'briefing-generator ...')",
            _HINT,
        ),
        (
            '{"generator": "briefing-generator 9", "schema_version": 2}',
            "data.json: schema_version 2 is not 1, the layout this version reads",
            "upgrade this project to import it",
        ),
        (
            '{"generator": "briefing-generator 1", "schema_version": 1, "incidents": {}}',
            "data.json: 'incidents' should be a list of records, not dict",
            "",
        ),
        (
            '{"generator": "briefing-generator 1", "generator": "x"}',
            "data.json: the key 'generator' appears twice in one object",
            _HINT,
        ),
        (
            '{"generator": "briefing-generator 1", "schema_version": 1, "places": [{"id": "x", "lat": NaN}]}',
            "data.json: 'NaN' is not a number JSON allows",
            _HINT,
        ),
    ],
    ids=["broken", "list", "geojson", "newer", "not-a-list", "duplicate-key", "nan"],
)
def test_a_file_that_is_not_a_sites_data_json_is_refused_and_nothing_written(
    tmp_path: Path, text: str, message: str, hint: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "seeds", project / "seeds")
    before = snapshot(project / "seeds")
    file = project / "data.json"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        import_file("briefing", file, project / "seeds", project)
    assert (caught.value.message, caught.value.hint) == (message, hint)
    assert snapshot(project / "seeds") == before


def test_bad_records_are_rejected_with_the_reason_and_the_rest_imports(tmp_path: Path) -> None:
    data: dict[str, Any] = json.loads(exports(REPO)["data/data.json"])
    places = {place["id"]: place for place in data["places"]}
    places["derik"]["coordinates"] = {"lat": 137.1, "lon": 42.1}  # rejected: and so are its incidents
    data["actors"].append(dict(data["actors"][0]))  # the same id twice
    data["sources"].append({"id": "../../etc/passwd", "name": "Escape", "kind": "other"})
    data["incidents"].append("not a record")
    ghost = dict(
        data["incidents"][0], id="ghost-incident", place="idlib", participants=[{"actor": "ghost", "role": "attacker"}]
    )
    data["incidents"].append(ghost)
    project = tmp_path / "project"
    project.mkdir()
    file = project / "data.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    report = import_file("briefing", file, project / "seeds", project)

    place_number = [place["id"] for place in data["places"]].index("derik") + 1
    assert [d.format() for d in report.rejected] == [
        f"data.json: source {len(data['sources'])} ('../../etc/passwd') rejected: id: '../../etc/passwd' is not a valid id",
        f"data.json: place {place_number} ('derik') rejected: coordinates.lat: Input should be less than or "
        "equal to 90",
        f"data.json: actor {len(data['actors'])} ('{data['actors'][0]['id']}') rejected: a second actor with the "
        f"id '{data['actors'][0]['id']}'",
        "data.json: incident 12 rejected: should be an object of fields, not str",
        "data.json: incident 'derik-patrol-tensions-2020-06-02' rejected: place: refers to place 'derik', "
        "which was rejected",
        "data.json: incident 'derik-standoff-2020-06-04' rejected: place: refers to place 'derik', which was rejected",
        "data.json: incident 'ghost-incident' rejected: participants: refers to actor 'ghost', which is neither "
        "in the file nor in the data folder",
    ]
    imported = records(project)
    assert sorted(imported.incidents) == sorted(
        i["id"] for i in data["incidents"][:11] if not i["id"].startswith("derik")
    )
    assert "derik" not in imported.places
    assert not any(p.name == "passwd" for p in tmp_path.rglob("*"))
