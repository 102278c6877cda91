"""Coordinate coarsening for public builds: no finer point anywhere in the built site.

The project's coordinates are distinctive (five decimals that appear nowhere else), so a search of
every file of the built site (pages, map data, exports, the search index, compressed or not)
for any of them, to two decimals or more, finds a leak wherever it is.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import BASE_FIXTURE, copy_project, mkdocs_build, run_cli
from generator.pipeline import generate
from generator.render import orientation
from generator.settings import Coarsening, SettingsError, make_settings

POINTS = {
    "places/derik.yaml": (36.81937, 40.73529),
    "places/tall-halaf.yaml": (36.84261, 40.06813),
    "incidents/derik-standoff.yaml": (36.52761, 41.06283),
}
"""Coordinates written in the project: a town, a village inside it and an incident's own point."""


def _project(root: Path, coarsen: dict[str, object] | None) -> Path:
    project = copy_project(BASE_FIXTURE, root / "project")
    seeds = project / "seeds"
    derik = seeds / "places" / "derik.yaml"
    derik.write_text(
        derik.read_text(encoding="utf-8").replace("{lat: 37.168, lon: 42.134}", "{lat: 36.81937, lon: 40.73529}"),
        encoding="utf-8",
    )
    (seeds / "places" / "tall-halaf.yaml").write_text(
        "id: tall-halaf\nname: Tall Halaf\nkind: village\nparent: derik\ncoordinates: {lat: 36.84261, lon: 40.06813}\n",
        encoding="utf-8",
    )
    standoff = seeds / "incidents" / "derik-standoff.yaml"
    text = standoff.read_text(encoding="utf-8").replace("place: derik", "place: tall-halaf")
    text = text.replace("tags: [standoff]", "tags: [standoff, sensitive]")
    standoff.write_text(text + "coordinates: {lat: 36.52761, lon: 41.06283}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    if coarsen is not None:
        settings["plugins"] = ["search", "tags", {"briefing": {"coarsen": coarsen}}]
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return project


def _texts(site: Path) -> dict[str, str]:
    """Every file of a built site as text, gzip-compressed ones (sitemap, search index) unpacked."""
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            found[path.relative_to(site).as_posix()] = data.decode("utf-8", errors="replace")
    return found


def _finer(value: float, step: float) -> re.Pattern[str]:
    """Any number that says ``value`` to two or more decimals (truncated or rounded), when the
    setting keeps one decimal: 36.81937 -> 36.81..., 36.82..."""
    assert step == 0.1
    forms = sorted({f"{int(value * 100) / 100:.2f}", f"{value:.2f}"})
    return re.compile(r"(?<![\d.])-?(?:" + "|".join(re.escape(f) for f in forms) + r")\d*")


def _leaks(site: Path, points: list[float]) -> list[str]:
    leaks = []
    for name, text in _texts(site).items():
        if name == orientation.DATA_FILE:
            # towns, rivers and boundaries from the gazetteers, not the site's points: a town's
            # coordinates may share digits with a record's (checked in _gazetteer_only)
            _gazetteer_only(text)
            continue
        for value in points:
            for match in _finer(value, 0.1).finditer(text):
                leaks.append(f"{name}: {match.group(0)} (from {value})")
    return leaks


def _gazetteer_only(text: str) -> None:
    """The orientation layers hold basemap values only: each town as the basemap has it."""
    rows = (orientation.BASEMAP / "towns.tsv").read_text(encoding="utf-8").splitlines()[1:]
    known = {(name, float(lat), float(lon), int(people)) for name, lat, lon, people in (r.split("\t") for r in rows)}
    towns = json.loads(text)["towns"]
    assert towns and all(tuple(town) in known for town in towns)


@pytest.fixture(scope="module")
def coarse_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory.mktemp("coarse"), {"precision": 0.1})
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    return project / "site"


def test_no_file_of_the_built_site_holds_a_coordinate_finer_than_the_setting(coarse_site: Path) -> None:
    values = [value for point in POINTS.values() for value in point]
    assert _leaks(coarse_site, values) == []
    texts = _texts(coarse_site)
    # the search really was searched: the search index holds the pages' words
    assert any(name.startswith("pagefind/") and "Standoff" in text for name, text in texts.items())
    # and the coarsened values are there instead
    assert "36.8° N, 40.7° E (rounded to 0.1° for publication)" in texts["places/derik/index.html"]
    assert "36.5° N, 41.1° E (rounded to 0.1° for publication)" in texts["incidents/derik-standoff/index.html"]


def test_every_coordinate_of_the_data_files_is_a_multiple_of_the_setting(coarse_site: Path) -> None:
    found: list[float] = []
    data = coarse_site / "data"
    geojson = json.loads((data / "incidents.geojson").read_text(encoding="utf-8"))
    found += [c for f in geojson["features"] for c in f["geometry"]["coordinates"]]
    for name in ("incidents.csv", "incidents-acled.csv"):
        for row in csv.DictReader(io.StringIO((data / name).read_text(encoding="utf-8"))):
            found += [float(row[key]) for key in ("latitude", "longitude") if row.get(key)]
    records = json.loads((data / "data.json").read_text(encoding="utf-8"))
    found += [
        r["coordinates"][k]
        for kind in ("incidents", "places")
        for r in records[kind]
        if r["coordinates"]
        for k in ("lat", "lon")
    ]
    stix = json.loads((data / "stix-bundle.json").read_text(encoding="utf-8"))
    found += [o[k] for o in stix["objects"] if o["type"] == "location" for k in ("latitude", "longitude") if k in o]
    mapdata = json.loads((coarse_site / "assets" / "briefing" / "map-data.json").read_text(encoding="utf-8"))
    found += [item[k] for kind in ("incidents", "places") for item in mapdata[kind] for k in ("lat", "lon")]
    assert len(found) >= 20
    assert [value for value in found if abs(value * 10 - round(value * 10)) > 1e-9] == []
    assert {36.5, 41.1, 36.8, 40.7, 40.1} <= set(found)


def test_only_sensitive_incidents_and_their_places_are_coarsened_to_the_enclosing_place(tmp_path: Path) -> None:
    project = _project(tmp_path, {"to": "parent", "tagged": "sensitive"})
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    site = project / "site"
    # the sensitive incident's own point and its village's are gone, Derik's is untouched
    hidden = [*POINTS["incidents/derik-standoff.yaml"], *POINTS["places/tall-halaf.yaml"]]
    assert _leaks(site, hidden) == []
    texts = _texts(site)
    assert "36.819° N, 40.735° E" in texts["places/derik/index.html"]
    mapdata = json.loads(texts["assets/briefing/map-data.json"])
    standoff = next(i for i in mapdata["incidents"] if i["uri"] == "incidents/derik-standoff.md")
    assert (standoff["lat"], standoff["lon"], standoff["where"], standoff["precision"]) == (
        36.81937,
        40.73529,
        "Derik",
        "region",
    )
    assert (
        "For publication, the coordinates of this incident are shown at the enclosing place."
        in texts["incidents/derik-standoff/index.html"]
    )
    assert 'for the incidents tagged "sensitive" and the places where they happened' in texts["map/index.html"]


def test_the_setting_is_read_and_refused_with_a_reason() -> None:
    base = Path(".")
    assert make_settings(base, {"coarsen": {"precision": 0.25}}).coarsen == Coarsening(0.25, False, None)
    assert make_settings(base, {"coarsen": {"precision": 1}}).coarsen == Coarsening(1.0, False, None)
    assert Coarsening(0.25).decimals == 2 and Coarsening(1.0).decimals == 0 and Coarsening(0.1).decimals == 1
    assert make_settings(base, {}).coarsen is None
    for value, message in (
        (
            {"precision": 0},
            "plugins: briefing: coarsen: precision should be a number of degrees above 0 and at most 10, not 0",
        ),
        ({"to": "country"}, "plugins: briefing: coarsen: 'to' can only be 'parent', not 'country'"),
        ({"tagged": "sensitive"}, "plugins: briefing: coarsen sets neither a precision nor 'to: parent'"),
        ({"precison": 0.1}, "plugins: briefing: coarsen has an unknown key 'precison'"),
        ("0.1", "plugins: briefing: coarsen should be a mapping"),
    ):
        with pytest.raises(SettingsError) as raised:
            make_settings(base, {"coarsen": value})
        assert raised.value.message == message


def test_a_bad_setting_stops_check_and_build_with_the_reason(tmp_path: Path) -> None:
    project = _project(tmp_path, {"precision": "fine"})
    check = run_cli(project, "check")
    assert check.returncode == 2
    assert (
        "plugins: briefing: coarsen: precision should be a number of degrees above 0 and at most 10, not 'fine'\n"
        "  hint: 0.1 rounds to about 11 km, 0.01 to about 1 km, 1 to about 110 km"
    ) in check.stderr
    built = mkdocs_build(project)
    assert built.returncode == 1 and "precision should be a number of degrees" in built.stderr
    assert not (project / "site").exists()


def test_without_the_setting_nothing_is_rounded(tmp_path: Path) -> None:
    result = generate(make_settings(_project(tmp_path, None)))
    assert result.ok and result.index is not None
    page = next(p.markdown for p in result.pages if p.uri == "incidents/derik-standoff.md")
    assert "(36.528° N, 41.063° E)" in page and "for publication" not in page
