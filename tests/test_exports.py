"""The export files under ``data/``: each format read back by an established parser or validator.

ACLED's layout is checked against its header, GeoJSON with the ``geojson`` package, the Atom
feed with the standard library's XML parser and ``feedparser``, the STIX bundle with ``stix2``
and ``stix2-validator``, and ``data.json`` against the records' JSON Schema and models.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import feedparser
import geojson
import jsonschema
import pytest
import stix2
from stix2validator import ValidationOptions, validate_string

from conftest import REPO, exports
from generator.exports import EXPORTS, acled_csv, atom, data_files, full_csv, stix
from generator.exports.common import NAMESPACE, plain_text
from generator.index.graph import PlaceNode
from generator.load.dataset import Entry
from generator.load.yamlsource import YamlDocument
from generator.model.records import Actor, Incident, Participant, Place, Source
from generator.model.schema import record_schemas
from generator.pipeline import generate
from generator.settings import make_settings

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
)
"""The header line of ACLED's current export layout (shared/data/acled-layout-sample.csv)."""

ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}
URIS = [
    "data/incidents-acled.csv",
    "data/incidents.csv",
    "data/incidents.geojson",
    "data/data.json",
    "data/feed.xml",
    "data/stix-bundle.json",
]
HOSTILE_TITLE = '<script>alert("x")</script>, "quoted", a,b\nsecond line & ]]> =1+1'


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The example's export files, made in-process from a copy outside git (so that no record has
    a last-change date and the files do not depend on the repository's commits)."""
    copy = tmp_path_factory.mktemp("example") / "project"
    shutil.copytree(REPO / "seeds", copy / "seeds")
    return exports(copy)


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def _by_id(rows: list[dict[str, str]], key: str) -> dict[str, dict[str, str]]:
    return {row[key]: row for row in rows}


def _write_incident(project: Path, record: dict[str, Any]) -> None:
    # JSON is YAML: every string is written as a double-quoted scalar, escapes and all.
    path = project / "seeds" / "incidents" / f"{record['id']}.yaml"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --- every file ------------------------------------------------------------------------------


def test_every_export_is_published_under_data_in_a_stable_order(example: dict[str, bytes]) -> None:
    assert list(example) == URIS
    assert sorted(e.uri for e in EXPORTS) == sorted(URIS)
    for uri in URIS:
        assert example[uri].endswith(b"\n")
        assert b"\r" not in example[uri]


def test_exports_are_byte_identical_across_runs_and_folders(tmp_path: Path, example: dict[str, bytes]) -> None:
    copy = tmp_path / "elsewhere"
    shutil.copytree(REPO / "seeds", copy / "seeds")
    assert exports(copy) == example
    assert exports(REPO) == exports(REPO)  # dated by the repository's history, the same every run


def test_exports_of_an_empty_dataset_are_valid(tmp_path: Path) -> None:
    for folder in ("incidents", "actors", "places", "sources"):
        (tmp_path / "seeds" / folder).mkdir(parents=True)
    result = generate(make_settings(tmp_path))
    assert result.index is not None
    files = {a.uri: a.data for a in data_files(result.index, make_settings(tmp_path))}
    assert files["data/incidents-acled.csv"].decode() == ACLED_HEADER + "\n"
    assert json.loads(files["data/incidents.geojson"])["features"] == []
    feed = ET.fromstring(files["data/feed.xml"])
    assert feed.findtext("a:updated", namespaces=ATOM_NS) == "1970-01-01T00:00:00Z"
    stix2.parse(files["data/stix-bundle.json"].decode(), allow_custom=False)


# --- ACLED's layout --------------------------------------------------------------------------


def test_acled_csv_has_acleds_header_and_one_row_per_incident(example: dict[str, bytes]) -> None:
    text = example["data/incidents-acled.csv"].decode("utf-8")
    assert text.split("\n", 1)[0] == ACLED_HEADER
    assert ",".join(acled_csv.HEADER) == ACLED_HEADER
    rows = _csv(example["data/incidents-acled.csv"])
    assert len(rows) == 11
    assert all(len(row) == 31 for row in rows)
    assert [row["event_date"] for row in rows] == sorted(row["event_date"] for row in rows)


def test_acled_csv_fields_of_specific_incidents(example: dict[str, bytes]) -> None:
    rows = _by_id(_csv(example["data/incidents-acled.csv"]), "event_id_cnty")
    standoff = rows["derik-standoff-2020-06-04"]
    assert standoff["event_date"] == "2020-06-04"
    assert standoff["year"] == "2020"
    assert standoff["time_precision"] == "1"
    assert standoff["disorder_type"] == "Strategic developments"
    assert (standoff["event_type"], standoff["sub_event_type"]) == ("Strategic developments", "Other")
    assert (standoff["actor1"], standoff["actor2"]) == ("United States", "Russia")
    assert standoff["interaction"] == "External/Other forces-External/Other forces"
    assert (standoff["country"], standoff["location"]) == ("Syria", "Derik")
    [acled_syria] = {row["iso"] for row in _csv((REPO / "tests/fixtures/imports/acled-layout-sample.csv").read_bytes())}
    assert standoff["iso"] == acled_syria  # the code ACLED itself gives Syria
    assert (standoff["latitude"], standoff["longitude"], standoff["geo_precision"]) == ("37.168", "42.134", "2")
    assert standoff["notes"].startswith("After the June 2 incident near Derik another incident developed")
    assert "\n" not in standoff["notes"]
    assert standoff["fatalities"] == ""  # no fatalities in the record: not known, never ACLED's 0
    assert standoff["tags"] == ""  # the record's own tags are no ACLED tags
    assert standoff["timestamp"] != "1591228800"  # never the event's date (2020-06-04T00:00:00Z)

    convoy = rows["m4-explosion-joint-convoy"]
    assert (convoy["time_precision"], convoy["disorder_type"]) == ("2", "Political violence")
    assert convoy["event_type"] == "Explosions/Remote violence"
    assert (convoy["actor1"], convoy["inter1"]) == ("Unidentified Armed Group (Syria)", "Political militia")
    assert (convoy["actor2"], convoy["assoc_actor_2"]) == ("Russia", "Turkey")
    assert convoy["interaction"] == "Political militia-External/Other forces"
    assert convoy["source"] == "North Press Agency; Why Russia\u2019s patrols in Syria keep running into trouble"
    assert (convoy["latitude"], convoy["geo_precision"]) == ("", "3")

    offensive = rows["turkish-offensive-2019"]
    assert (offensive["event_date"], offensive["time_precision"]) == ("2019-10-01", "3")
    assert (offensive["actor1"], offensive["assoc_actor_1"]) == ("Turkey", "Turkish-backed extremists")
    assert (offensive["actor2"], offensive["inter2"]) == ("Kurdish civilians", "Civilians")
    assert offensive["civilian_targeting"] == "Civilian targeting"

    regime = rows["idlib-regime-offensive-2020"]
    assert (regime["inter1"], regime["inter2"]) == ("State forces", "External/Other forces")
    assert regime["admin1"] == "Idlib"


@pytest.mark.parametrize(
    ("event_type", "sub_type", "expected"),
    [
        ("battles", "armed-clash", "Political violence"),
        ("explosions-remote-violence", None, "Political violence"),
        ("violence-against-civilians", "attack", "Political violence"),
        ("protests", "peaceful-protest", "Demonstrations"),
        ("protests", "excessive-force-against-protesters", "Political violence; Demonstrations"),
        ("riots", "violent-demonstration", "Demonstrations"),
        ("riots", "mob-violence", "Political violence"),
        ("strategic-developments", "agreement", "Strategic developments"),
    ],
)
def test_acled_disorder_type(event_type: str, sub_type: str | None, expected: str) -> None:
    assert acled_csv.disorder_type(event_type, sub_type) == expected


def test_acled_sides_put_combatants_against_each_other_and_leave_observers_out() -> None:
    def roles(*pairs: tuple[str | None, str]) -> list[Participant]:
        return [Participant(actor=actor, role=role) for actor, role in pairs]

    first, second = acled_csv.sides(
        roles(("a", "combatant"), ("o", "observing"), ("b", "combatant"), (None, "affected"))
    )
    assert ([p.actor for p in first], [p.actor for p in second]) == (["a"], ["b"])
    first, second = acled_csv.sides(roles(("a", "blocking"), ("b", "patrolling"), (None, "affected")))
    assert ([p.actor for p in first], [p.actor for p in second]) == (["a"], ["b"])
    first, second = acled_csv.sides(roles((None, "targeted"), ("c", "targeted")))
    assert ([p.actor for p in first], second) == ([None, "c"], [])


def test_acled_sides_come_from_the_records_sides_whatever_the_roles() -> None:
    def sided(*items: tuple[str | None, str, str | None]) -> list[Participant]:
        return [Participant(actor=actor, role="combatant", side=side) for actor, _, side in items]

    # associates stay with their own side; the same actor may be on both; outsiders are left out
    first, second = acled_csv.sides(
        sided(("army", "", "a"), ("hts", "", "b"), ("ndf", "", "a"), ("nlf", "", "b"), ("un", "", None))
    )
    assert ([p.actor for p in first], [p.actor for p in second]) == (["army", "ndf"], ["hts", "nlf"])
    first, second = acled_csv.sides(sided(("clan", "", "a"), ("clan", "", "b")))
    assert ([p.actor for p in first], [p.actor for p in second]) == (["clan"], ["clan"])


# --- our own CSV -----------------------------------------------------------------------------


def _country(name: str, aliases: list[str]) -> PlaceNode:
    record = Place(id="x", name=name, aliases=aliases, kind="country")
    return PlaceNode(Entry(record, YamlDocument("x.yaml", {}), Path("x.yaml")), "places/x.md")


def test_acled_iso_code_comes_from_the_country_name_or_an_alias_natural_earth_uses() -> None:
    assert acled_csv.iso_code(_country("Turkey", [])) == "792"
    assert acled_csv.iso_code(_country("Democratic Republic of the Congo", ["DRC", "Dem. Rep. Congo"])) == "180"
    assert acled_csv.iso_code(_country("Democratic Republic of the Congo", [])) == ""
    assert acled_csv.iso_code(None) == ""


def test_full_csv_keeps_every_field(example: dict[str, bytes]) -> None:
    rows = _by_id(_csv(example["data/incidents.csv"]), "id")
    assert len(rows) == 11
    assert list(next(iter(rows.values()))) == list(full_csv.HEADER)
    convoy = rows["m4-explosion-joint-convoy"]
    assert convoy["date"] == "2020-06-01/2020-06-06"
    assert (convoy["date_precision"], convoy["date_approximate"]) == ("range", "true")
    assert convoy["participants"] == ":attacker; russia:targeted; turkey:targeted"
    assert (convoy["citations"], convoy["citation_grades"]) == ("north-press; the-article", "C3; C3")
    assert convoy["citation_urls"] == "; "
    assert convoy["places"] == "syria; m4-highway"
    tensions = rows["derik-patrol-tensions-2020-06-02"]
    assert (tensions["latitude"], tensions["longitude"], tensions["point_from"]) == ("37.168", "42.134", "place:derik")
    assert rows["derik-standoff-2020-06-04"]["related"] == "derik-patrol-tensions-2020-06-02:follow-up-of"
    assert rows["sdf-ceasefire-deal-2019"]["summary"].startswith("Background. The US-backed")


# --- GeoJSON ---------------------------------------------------------------------------------


def test_geojson_is_valid_and_accounts_for_every_incident(example: dict[str, bytes]) -> None:
    collection = geojson.loads(example["data/incidents.geojson"].decode("utf-8"))
    assert collection.is_valid, collection.errors()
    data = json.loads(example["data/incidents.geojson"])
    meta = data["metadata"]
    assert meta["incidents"] == 11
    # Incidents in Derik (2) and Idlib (4) have coordinates on their place chain; the rest do not.
    assert meta["features"] == len(data["features"]) == 6
    assert meta["without_coordinates"] == len(meta["left_out"]) == 5
    assert "m4-explosion-joint-convoy" in meta["left_out"]
    feature = {f["id"]: f for f in data["features"]}["derik-standoff-2020-06-04"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [42.134, 37.168]}  # [lon, lat]
    properties = feature["properties"]
    assert (properties["point_from"], properties["point_place"]) == ("place", "derik")
    assert properties["location_precision"] == "near"
    assert properties["title"] == "US and Russian soldiers square off near Derik"
    assert properties["participants"][0] == {
        "actor": "united-states",
        "role": "blocking",
        "side": None,
        "note": "Reports indicated the US stopped the Russians from entering Derik.",
    }


def test_geojson_prefers_the_incidents_own_point(project: Path) -> None:
    _write_incident(
        project,
        {
            "id": "own-point",
            "title": "An incident with its own point",
            "date": "2020-06-05",
            "event_type": "battles",
            "place": "derik",
            "coordinates": {"lat": 37.2, "lon": 42.2},
            "citations": [{"source": "voa"}],
        },
    )
    data = json.loads(exports(project)["data/incidents.geojson"])
    feature = {f["id"]: f for f in data["features"]}["own-point"]
    assert feature["geometry"]["coordinates"] == [42.2, 37.2]
    assert (feature["properties"]["point_from"], feature["properties"]["point_place"]) == ("incident", None)


# --- data.json -------------------------------------------------------------------------------


def test_data_json_holds_every_record_and_each_validates_again(example: dict[str, bytes]) -> None:
    data = json.loads(example["data/data.json"])
    assert data["generator"].startswith("briefing-generator ")
    assert data["schema_version"] == 1
    for folder in ("incidents", "actors", "places", "sources"):
        ids = sorted(p.stem for p in (REPO / "seeds" / folder).glob("*.yaml"))
        assert [record["id"] for record in data[folder]] == ids
    schemas = record_schemas()
    result = generate(make_settings(REPO))
    assert result.index is not None
    originals: dict[str, Any] = {
        **{f"incidents/{n.id}": n.record for n in result.index.incidents},
        **{f"actors/{n.id}": n.record for n in result.index.actors},
        **{f"places/{n.id}": n.record for n in result.index.places},
        **{f"sources/{n.id}": n.record for n in result.index.sources},
    }
    for folder, model in (("incidents", Incident), ("actors", Actor), ("places", Place), ("sources", Source)):
        schema = schemas[f"{model.kind_name}.schema.json"]
        for values in data[folder]:
            jsonschema.validate(values, schema)
            assert model.model_validate(values) == originals[f"{folder}/{values['id']}"]


def test_data_json_writes_dates_in_their_yaml_forms(example: dict[str, bytes]) -> None:
    incidents = {r["id"]: r for r in json.loads(example["data/data.json"])["incidents"]}
    assert incidents["derik-standoff-2020-06-04"]["date"] == "2020-06-04"
    assert incidents["us-withdrawal-2019"]["date"] == "2019-10"
    assert incidents["sdf-ceasefire-deal-2019"]["date"] == {"on": "2019-10", "approximate": True}
    assert incidents["idlib-15th-joint-patrol"]["date"] == {
        "start": "2020-06-01",
        "end": "2020-06-06",
        "approximate": True,
    }
    assert incidents["derik-standoff-2020-06-04"]["citations"][0]["published"] == "2020-06"


# --- Atom ------------------------------------------------------------------------------------


def test_atom_feed_has_the_required_elements(example: dict[str, bytes]) -> None:
    feed = ET.fromstring(example["data/feed.xml"])
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for name in ("id", "title", "updated", "author/a:name"):
        assert feed.findtext(f"a:{name}", namespaces=ATOM_NS)
    entries = feed.findall("a:entry", ATOM_NS)
    assert len(entries) == 11
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"a:{name}", namespaces=ATOM_NS)
        assert entry.findtext("a:id", namespaces=ATOM_NS).startswith("urn:uuid:")
    updated = [e.findtext("a:updated", namespaces=ATOM_NS) for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext("a:updated", namespaces=ATOM_NS) == updated[0] == "2020-06-04T00:00:00Z"
    first = entries[0]
    assert first.findtext("a:title", namespaces=ATOM_NS) == "US and Russian soldiers square off near Derik"
    link = first.find("a:link", ATOM_NS)
    assert link is not None
    assert link.get("href") == "../incidents/derik-standoff-2020-06-04/"


def test_atom_feed_reads_cleanly_in_feedparser(example: dict[str, bytes]) -> None:
    parsed = feedparser.parse(example["data/feed.xml"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.entries[0].title == "US and Russian soldiers square off near Derik"


def test_atom_feed_holds_the_50_newest_and_absolute_links_with_site_url(project: Path) -> None:
    for day in range(1, 61):
        _write_incident(
            project,
            {
                "id": f"day-{day:02d}",
                "title": f"Incident of day {day}",
                "date": f"2021-{1 + (day - 1) // 28:02d}-{1 + (day - 1) % 28:02d}",
                "event_type": "strategic-developments",
                "place": "derik",
                "citations": [{"source": "voa"}],
            },
        )
    result = generate(make_settings(project))
    assert result.index is not None
    feed_xml = atom.render(result.index, title="Site", site_url="https://example.org/brief/", directory_urls=False)
    feed = ET.fromstring(feed_xml)
    titles = [e.findtext("a:title", namespaces=ATOM_NS) for e in feed.findall("a:entry", ATOM_NS)]
    assert len(titles) == 50
    assert titles[0] == "Incident of day 60"
    assert titles[-1] == "Incident of day 11"
    parsed = feedparser.parse(feed_xml)
    assert not parsed.bozo
    assert parsed.feed.title == "Site: newest incidents"
    assert parsed.entries[0].link == "https://example.org/brief/incidents/day-60.html"


# --- STIX ------------------------------------------------------------------------------------


def test_stix_bundle_parses_with_stix2_without_custom_content(example: dict[str, bytes]) -> None:
    parsed = stix2.parse(example["data/stix-bundle.json"].decode("utf-8"), allow_custom=False)
    counts: dict[str, int] = {}
    for obj in parsed.objects:
        counts[obj.type] = counts.get(obj.type, 0) + 1
    assert counts["incident"] == 11
    assert counts["location"] == 10
    assert counts["threat-actor"] == 4  # isis, sdf, syrian-rebels, turkish-backed-extremists
    assert counts["identity"] == 5 + 1  # five actors and the producer
    assert counts["extension-definition"] == 1
    ids = {obj.id for obj in parsed.objects}
    assert len(ids) == len(parsed.objects)
    for obj in parsed.objects:
        if obj.type == "relationship":
            assert obj.source_ref in ids and obj.target_ref in ids


def test_stix_bundle_passes_the_stix2_validator(example: dict[str, bytes]) -> None:
    # 103: ids are UUIDv5 on purpose, so they are stable; other warnings are vocabulary hints.
    results = validate_string(example["data/stix-bundle.json"].decode("utf-8"), ValidationOptions(disabled=["103"]))
    assert results.is_valid


def test_stix_objects_carry_grades_relations_and_stable_ids(example: dict[str, bytes]) -> None:
    bundle = json.loads(example["data/stix-bundle.json"])
    objects = {obj["id"]: obj for obj in bundle["objects"]}
    convoy_id = f"incident--{uuid.uuid5(NAMESPACE, 'incident/m4-explosion-joint-convoy')}"
    convoy = objects[convoy_id]
    assert convoy["name"].startswith("Explosion targets a joint Russia-Turkey convoy")
    assert convoy["created"] == convoy["modified"] == "1970-01-01T00:00:00.000Z"  # no history: no date
    assert convoy["labels"] == ["joint-patrol", "m4-highway", "idlib"]
    assert convoy["external_references"][0]["source_name"] == "North Press Agency"
    assert convoy["external_references"][0]["description"].startswith(
        "Admiralty grade C3: fairly reliable source; information possibly true."
    )
    assert convoy["x_briefing_citations"][0] == {
        "source": "north-press",
        "source_name": "North Press Agency",
        "via": "the-article",
        "reliability": "C",
        "credibility": 3,
        "grade": "C3",
    }
    assert convoy["x_briefing_unidentified"] == [{"role": "attacker", "note": "Not identified in the article."}]
    links = {
        (obj["relationship_type"], objects[obj["target_ref"]].get("x_briefing_id"), obj.get("x_briefing_role"))
        for obj in bundle["objects"]
        if obj["type"] == "relationship" and obj["source_ref"] == convoy_id
    }
    assert links == {
        ("located-at", "m4-highway", None),
        ("targets", "russia", "targeted"),
        ("targets", "turkey", "targeted"),
    }
    russia_backs = [
        obj
        for obj in bundle["objects"]
        if obj["type"] == "relationship"
        and obj.get("x_briefing_relation") == "backs"
        and "Russia backs" in obj["description"]
    ]
    assert len(russia_backs) == 1
    assert objects[russia_backs[0]["target_ref"]]["name"] == "Syrian regime"
    derik = objects[stix.place_id(next(n for n in _index().places if n.id == "derik"))]
    assert (derik["latitude"], derik["longitude"], derik["country"], derik["city"]) == (
        37.168,
        42.134,
        "SY",  # ISO 3166-1 alpha-2, as STIX asks
        "Derik",
    )


def _index() -> Any:
    result = generate(make_settings(REPO))
    assert result.index is not None
    return result.index


# --- hostile text ----------------------------------------------------------------------------


def test_hostile_text_survives_every_format(project: Path) -> None:
    summary = 'Says <script>alert(1)</script> & "quotes",\n\nnew paragraph; =HYPERLINK("x")\u000b.'
    _write_incident(
        project,
        {
            "id": "hostile",
            "title": HOSTILE_TITLE,
            "date": "2020-06-05",
            "event_type": "battles",
            "sub_type": "armed-clash",
            "place": "derik",
            "participants": [{"actor": "russia", "role": "combatant"}, {"actor": "turkey", "role": "combatant"}],
            "summary": summary,
            "citations": [{"source": "voa", "credibility": 1, "quote": 'a "quote", with\nnewline'}],
            "fatalities": {"low": 1, "best": 2, "high": 5},
            "external_ids": {"acled": "SYR9999"},
        },
    )
    files = exports(project)

    acled = _by_id(_csv(files["data/incidents-acled.csv"]), "event_id_cnty")["SYR9999"]
    assert acled["notes"] == plain_text(summary, one_line=True)
    assert (acled["actor1"], acled["actor2"], acled["fatalities"]) == ("Russia", "Turkey", "2")
    full = _by_id(_csv(files["data/incidents.csv"]), "id")["hostile"]
    assert full["title"] == HOSTILE_TITLE
    assert full["summary"] == summary
    assert (full["fatalities_low"], full["fatalities_best"], full["fatalities_high"]) == ("1", "2", "5")

    feed_xml = files["data/feed.xml"]
    assert b"<script>" not in feed_xml
    assert b"&lt;script&gt;" in feed_xml
    entry = next(
        e
        for e in ET.fromstring(feed_xml).findall("a:entry", ATOM_NS)
        if e.findtext("a:title", namespaces=ATOM_NS) == HOSTILE_TITLE
    )
    assert "<script>alert(1)</script>" in entry.findtext("a:summary", namespaces=ATOM_NS)
    assert "\u000b" not in entry.findtext("a:summary", namespaces=ATOM_NS)  # not allowed in XML 1.0
    assert not feedparser.parse(feed_xml).bozo

    features = json.loads(files["data/incidents.geojson"])["features"]
    assert {f["id"]: f for f in features}["hostile"]["properties"]["title"] == HOSTILE_TITLE
    assert {r["id"]: r for r in json.loads(files["data/data.json"])["incidents"]}["hostile"]["title"] == HOSTILE_TITLE
    bundle = stix2.parse(files["data/stix-bundle.json"].decode("utf-8"), allow_custom=False)
    assert HOSTILE_TITLE in {obj.name for obj in bundle.objects if obj.type == "incident"}


def test_plain_text_drops_markdown_but_keeps_link_addresses() -> None:
    text = (
        "Some **bold**, *em*, _under_ and `code`; a [link](https://example.org) and snake_case_name.\n\nNext  para\\*."
    )
    assert plain_text(text) == (
        "Some bold, em, under and code; a link (https://example.org) and snake_case_name.\n\nNext para*."
    )
    assert plain_text(text, one_line=True).endswith("snake_case_name. Next para*.")


# --- a real build ----------------------------------------------------------------------------


def test_a_real_build_publishes_the_exports(example_project: Path, example_site: Path) -> None:
    # The plugin passes the site's name (the feed's title) from mkdocs.yml.
    site_name = next(
        line.split(":", 1)[1].strip()
        for line in (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
        if line.startswith("site_name:")
    )
    result = generate(make_settings(example_project, site={"site_name": site_name}))
    built = {asset.uri: asset.data for asset in result.assets if asset.uri.startswith("data/")}
    for uri in URIS:
        path = example_site / uri
        assert path.is_file(), uri
        assert path.read_bytes() == built[uri], uri
    assert site_name.encode() in built["data/feed.xml"]
