"""The incident explorer: its JSON data, and the page a reader filters in headless Chromium.

Expected counts are computed here from the example's records through the index, never written
down, so the tests keep meaning the same thing when the example data grows. Screenshots and the
measured filter time go to ``test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from conftest import ARTIFACTS, BASE_FIXTURE, REPO, copy_project, mkdocs_build, page_text, search_index, serve_folder
from generator.exports import full_csv, geojson
from generator.exports.common import _csv_cell
from generator.formats import spreadsheet
from generator.index.graph import IncidentNode, Index
from generator.pipeline import generate
from generator.render import explorer
from generator.settings import make_settings

DATA = "assets/briefing/explorer.json"


def _index(seeds: Path) -> Index:
    result = generate(make_settings(seeds.parent))
    assert result.ok and result.index is not None, result.diagnostics
    return result.index


@pytest.fixture(scope="module")
def example_index() -> Index:
    return _index(REPO / "seeds")


def _data(index: Index) -> dict[str, Any]:
    [asset] = explorer.data_files(index)
    assert asset.uri == DATA
    parsed: dict[str, Any] = json.loads(asset.data)
    return parsed


def _published(site: Path) -> tuple[dict[str, Any], dict[str, int], list[list[Any]]]:
    """A built site's explorer data, the position of each row field, and the rows."""
    data: dict[str, Any] = json.loads((site / DATA).read_bytes())
    return data, {name: i for i, name in enumerate(data["fields"])}, data["incidents"]


def _matches(index: Index, *, actor: str = "", place: str = "", start: str = "", end: str = "") -> list[IncidentNode]:
    """The incidents the explorer must show, computed from the index (dates match by overlap)."""
    found = []
    for incident in index.incidents:
        date = incident.record.date
        if actor and actor not in {p.actor.id for p in incident.participants if p.actor is not None}:
            continue
        if place and (
            incident.place is None or place not in {incident.place.id, *(a.id for a in incident.place.ancestors)}
        ):
            continue
        if start and date.end < dt.date.fromisoformat(start):
            continue
        if end and date.start > dt.date.fromisoformat(end):
            continue
        found.append(incident)
    return found


# --- the data file ------------------------------------------------------------------------------


def test_data_is_compact_sorted_and_deterministic(example_index: Index) -> None:
    [first] = explorer.data_files(example_index)
    [again] = explorer.data_files(_index(REPO / "seeds"))
    assert first.data == again.data
    text = first.data.decode("utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = json.loads(text)
    assert data["version"] == explorer.FORMAT_VERSION
    assert data["fields"] == list(explorer.INCIDENT_FIELDS)


def test_rows_say_what_the_index_says(example_index: Index) -> None:
    data = _data(example_index)
    col = {name: i for i, name in enumerate(data["fields"])}
    assert len(data["incidents"]) == len(example_index.incidents)
    for row, incident in zip(data["incidents"], example_index.incidents, strict=True):  # timeline order
        record = incident.record
        assert row[col["uri"]] == incident.uri
        assert row[col["title"]] == record.title
        assert (row[col["start"]], row[col["end"]]) == (record.date.start.isoformat(), record.date.end.isoformat())
        assert row[col["date"]] == record.date.describe()
        assert data["precisions"][row[col["precision"]]] == record.date.precision
        assert row[col["approximate"]] == int(record.date.approximate)
        assert data["types"][row[col["type"]]][0] == record.event_type
        assert incident.place is not None and data["places"][row[col["place"]]][0] == incident.place.id
        actors = [(data["actors"][a][0], data["roles"][r]) for a, r in row[col["actors"]]]
        assert actors == [(p.actor.id, p.role) for p in incident.participants if p.actor is not None]
        assert sorted(data["tags"][t] for t in row[col["tags"]]) == sorted(set(record.tags))
        assert [data["sources"][k][0] for k in row[col["sources"]]] == sorted(
            {link.source.id for link in incident.citations}, key=[c[0] for c in data["sources"]].index
        )
    assert [a[0] for a in data["actors"]] == [a.id for a in example_index.actors]


def test_places_carry_their_ancestors_so_a_place_finds_incidents_inside_it(example_index: Index) -> None:
    data = _data(example_index)
    col = {name: i for i, name in enumerate(data["fields"])}
    ids = [p[0] for p in data["places"]]
    derik = data["places"][ids.index("derik")]
    assert [ids[k] for k in derik[2]] == ["syria", "eastern-syria"]
    for position, (place_id, _name, chain, _uri) in enumerate(data["places"]):
        assert all(k < position for k in chain), f"{place_id} comes before a place that encloses it"
    for place in example_index.places:
        k = ids.index(place.id)
        inside = [
            row[col["uri"]]
            for row in data["incidents"]
            if row[col["place"]] == k or k in data["places"][row[col["place"]]][2]
        ]
        assert inside == [i.uri for i in place.incidents_within], place.id
    eastern = [
        row[col["title"]]
        for row in data["incidents"]
        if ids.index("eastern-syria") in data["places"][row[col["place"]]][2]
    ]
    assert "US and Russian soldiers square off near Derik" in eastern


@dataclass(eq=False)
class _Place:
    """Just enough of a PlaceNode for the tree walk."""

    name: str
    parent: _Place | None = None
    children: list[_Place] = field(default_factory=list)


def test_a_very_deep_place_tree_is_walked_without_recursion() -> None:
    chain = [_Place("p0")]
    for k in range(1, 5000):
        chain.append(_Place(f"p{k}", parent=chain[-1]))
        chain[-2].children.append(chain[-1])
    ordered = explorer._tree_order(sorted(chain, key=lambda p: p.name))  # type: ignore[arg-type]
    assert [p.name for p in ordered] == [p.name for p in chain]  # type: ignore[attr-defined]


def test_downloads_follow_the_exports_columns_and_the_one_spreadsheet_rule(example_index: Index) -> None:
    rule = _data(example_index)["download"]
    # the script reads the rule from here: the very characters and number pattern of spreadsheet.py
    assert rule["triggers"] == "".join(spreadsheet.TRIGGERS)
    assert rule["number"] == spreadsheet.NUMBER_PATTERN
    assert spreadsheet.escape("-33.5") == "-33.5" and spreadsheet.escape("-\u0663") == "'-\u0663"  # ASCII digits only
    # the columns are the exports' own, under the same names, plus the page's address
    assert rule["csv"] == list(explorer.CSV_COLUMNS)
    assert set(explorer.CSV_COLUMNS) - set(full_csv.HEADER) == {"url"}
    properties = geojson.collection(example_index)["features"][0]["properties"]
    assert set(explorer.GEOJSON_PROPERTIES) - set(properties) == {"url"}


def test_the_intro_is_made_from_the_sites_own_data(example_site: Path, example_index: Index) -> None:
    intro = explorer.intro(example_index)
    incidents = example_index.incidents
    vague = next(i for i in incidents if i.record.date.end > i.record.date.start)
    assert intro["incidents"] == len(incidents)
    assert intro["example"]["title"] == vague.record.title
    inside = dt.date.fromisoformat(intro["example"]["inside"])
    assert vague.record.date.start < inside <= vague.record.date.end
    text = page_text(example_site, "explorer")
    assert f"{len(incidents)} incidents, from {incidents[0].record.date.describe()} to" in text
    assert f"matches a range that starts on {inside.isoformat()}" in text


HOSTILE = '<script>window.__pwned=1;alert(1)</script><img src="http://evil.example/x.png" onerror="window.__pwned=2">'


@pytest.fixture(scope="module")
def hostile_flat_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base fixture with markup in a title and in names, built with ``use_directory_urls: false``."""
    project = copy_project(BASE_FIXTURE, tmp_path_factory.mktemp("explorer-hostile") / "project")
    for path, key in (
        ("incidents/derik-standoff.yaml", "title"),
        ("actors/turkey.yaml", "name"),
        ("places/derik.yaml", "name"),
    ):
        file = project / "seeds" / path
        record = yaml.safe_load(file.read_text(encoding="utf-8"))
        record[key] = f"{record[key]} {HOSTILE}"
        file.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_hostile_text_is_kept_as_data(hostile_flat_project: Path) -> None:
    data = json.loads((hostile_flat_project / "site" / DATA).read_bytes())
    titles = [row[data["fields"].index("title")] for row in data["incidents"]]
    assert f"Standoff near Derik {HOSTILE}" in titles
    assert f"Turkey {HOSTILE}" in [a[1] for a in data["actors"]]


def test_script_never_parses_data_as_html() -> None:
    script = (REPO / "generator" / "render" / "static" / "explorer.js").read_text(encoding="utf-8")
    for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in script, sink


# --- the built page -----------------------------------------------------------------------------


def test_page_is_built_and_kept_out_of_search(example_site: Path, example_index: Index) -> None:
    html = (example_site / "explorer" / "index.html").read_text(encoding="utf-8")
    assert 'data-src="../assets/briefing/explorer.json"' in html
    assert 'data-root="../"' in html and 'data-directory-urls="true"' in html
    assert '<script src="../assets/briefing/explorer.js" defer></script>' in html
    assert '<noscript><p class="briefing-explorer__noscript">' in html and 'href="../timeline/"' in html
    [asset] = explorer.data_files(example_index)
    assert (example_site / DATA).read_bytes() == asset.data
    assert (example_site / "assets" / "briefing" / "explorer.js").is_file()
    assert not [page["url"] for page in search_index(example_site) if page["url"].startswith("/explorer/")]


# --- in the browser -----------------------------------------------------------------------------


@dataclass
class Tab:
    """A browser page with what it did: requests, dialogs and script errors."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open_explorer(self, path: str = "explorer/") -> None:
        self.page.goto(self.base + path)
        self.page.locator(".briefing-explorer[data-state=ready]").wait_for(timeout=15000)

    def count(self) -> str:
        text: str = self.page.locator(".briefing-explorer__count").inner_text()
        return text

    def titles(self) -> list[str]:
        titles: list[str] = self.page.locator(".briefing-explorer tbody tr td:nth-child(2) a").all_inner_texts()
        return titles

    def other_hosts(self) -> list[str]:
        host = urlparse(self.base).netloc
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != host]


@contextlib.contextmanager
def _tab(browser: Any, folder: Path, **options: Any) -> Iterator[Tab]:
    """Serve ``folder`` and open a fresh browser page on it that records what it does."""
    with serve_folder(folder) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        page = context.new_page()
        tab = Tab(page, url)
        page.on("request", lambda request: tab.requests.append(request.url))
        page.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: tab.errors.append(str(error)))
        yield tab
        context.close()


@pytest.fixture
def tab(browser: Any, example_site: Path) -> Iterator[Tab]:
    with _tab(browser, example_site) as opened:
        yield opened


def test_filter_by_actor_and_dates_shows_the_right_count_and_survives_a_reload(tab: Tab, example_index: Index) -> None:
    expected = _matches(example_index, actor="russia", start="2020-03-15", end="2020-06-03")
    total = len(example_index.incidents)
    assert 0 < len(expected) < len(_matches(example_index, actor="russia"))  # the dates do filter
    tab.open_explorer()
    assert tab.count() == f"{total} of {total} incidents"
    actor = tab.page.locator("#briefing-explorer-actor")
    assert actor.locator("option[value=russia]").inner_text().startswith("Russia")
    actor.select_option("russia")
    tab.page.locator("#briefing-explorer-from").fill("2020-03-15")
    tab.page.locator("#briefing-explorer-to").fill("2020-06-03")
    assert tab.count() == f"{len(expected)} of {total} incidents"
    assert tab.titles() == [i.record.title for i in expected]  # in date order
    tab.page.wait_for_url("**/explorer/?*to=2020-06-03*")
    query = parse_qs(urlparse(tab.page.url).query)
    assert query == {"actor": ["russia"], "from": ["2020-03-15"], "to": ["2020-06-03"]}
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "explorer.png"), full_page=True)

    tab.page.reload()
    tab.page.locator(".briefing-explorer[data-state=ready]").wait_for(timeout=15000)
    assert actor.input_value() == "russia"
    assert tab.page.locator("#briefing-explorer-from").input_value() == "2020-03-15"
    assert tab.page.locator("#briefing-explorer-to").input_value() == "2020-06-03"
    assert tab.count() == f"{len(expected)} of {total} incidents"
    assert tab.titles() == [i.record.title for i in expected]
    assert tab.errors == [] and tab.dialogs == []
    assert tab.other_hosts() == []


def test_a_place_includes_the_places_inside_it(tab: Tab, example_index: Index) -> None:
    expected = _matches(example_index, place="eastern-syria")
    assert any(i.place is not None and i.place.id == "derik" for i in expected)
    tab.open_explorer()
    option = tab.page.locator("#briefing-explorer-place option[value=derik]").inner_text()
    assert option.startswith("\u00a0" * 6 + "Derik")  # drawn two levels deep, inside Eastern Syria
    tab.page.locator("#briefing-explorer-place").select_option("eastern-syria")
    assert tab.count() == f"{len(expected)} of {len(example_index.incidents)} incidents"
    assert tab.titles() == [i.record.title for i in expected]
    places = tab.page.locator(".briefing-explorer tbody tr td:nth-child(3) a").all_inner_texts()
    assert "Derik" in places and "Eastern Syria" in places


def test_a_source_finds_the_incidents_citing_it(tab: Tab, example_index: Index) -> None:
    # the source cited by the fewest incidents, so that the filter visibly filters
    source = min((s for s in example_index.sources if s.citations), key=lambda s: (len(s.citations), s.id))
    titles = list(dict.fromkeys(link.incident.record.title for link in source.citations))
    total = len(example_index.incidents)
    assert 0 < len(titles) < total
    tab.open_explorer(f"explorer/?source={source.id}")
    assert tab.page.locator("#briefing-explorer-source").input_value() == source.id
    assert tab.count() == f"{len(titles)} of {total} incidents"
    assert tab.titles() == titles


def test_result_links_open_incident_pages(tab: Tab, example_index: Index) -> None:
    tab.open_explorer("explorer/?place=derik&order=newest")
    expected = _matches(example_index, place="derik")[::-1]
    assert tab.titles() == [i.record.title for i in expected]
    tab.page.locator(".briefing-explorer tbody a").first.click()
    tab.page.wait_for_url(f"**/incidents/{expected[0].id}/")
    assert tab.page.locator("h1").inner_text().startswith(expected[0].record.title)


def test_reset_by_keyboard_clears_the_filter_and_the_address(tab: Tab, example_index: Index) -> None:
    tab.open_explorer("explorer/?actor=turkey&tag=no-such-tag")
    notice = tab.page.locator(".briefing-explorer__notice")
    assert "tag \u201cno-such-tag\u201d" in notice.inner_text()  # an address the data cannot honour says so
    assert tab.count() == f"{len(_matches(example_index, actor='turkey'))} of {len(example_index.incidents)} incidents"
    tab.page.get_by_role("button", name="Reset filters").focus()
    tab.page.keyboard.press("Enter")
    total = len(example_index.incidents)
    assert tab.count() == f"{total} of {total} incidents"
    assert not notice.is_visible()
    tab.page.wait_for_url(lambda url: urlparse(url).query == "")


def test_without_javascript_the_page_points_to_the_timeline(browser: Any, example_site: Path) -> None:
    with _tab(browser, example_site, java_script_enabled=False) as tab:
        tab.page.goto(tab.base + "explorer/")
        message = tab.page.locator(".briefing-explorer__noscript")
        assert "needs JavaScript" in message.inner_text()
        message.get_by_role("link", name="timeline").click()
        tab.page.wait_for_url("**/timeline/")
        tab.page.go_back()
        assert not tab.page.locator("#briefing-explorer-actor").is_visible()


def test_hostile_names_show_as_text_and_links_follow_flat_urls(browser: Any, hostile_flat_project: Path) -> None:
    with _tab(browser, hostile_flat_project / "site") as tab:
        tab.open_explorer("explorer.html")
        tab.page.wait_for_load_state("networkidle")
        assert f"Standoff near Derik {HOSTILE}" in tab.titles()
        actors = tab.page.locator("#briefing-explorer-actor option").all_inner_texts()
        assert any(text.startswith(f"Turkey {HOSTILE}") for text in actors)
        assert tab.page.evaluate("window.__pwned") is None
        assert tab.page.locator(".briefing-explorer img, .briefing-explorer tbody script").count() == 0
        assert tab.dialogs == [] and tab.errors == []
        assert tab.other_hosts() == []
        tab.page.get_by_role("link", name=f"Standoff near Derik {HOSTILE}").click()
        tab.page.wait_for_url("**/incidents/derik-standoff.html")  # what the incident page does is tested elsewhere


TRICKY_CELLS = [
    "Idlib",
    "",
    "=1+2",
    "+1 attack",
    "-33.5",
    "+.5",
    "1e5",
    "-1e5",
    "-",
    "-.",
    "@SUM(A1)",
    "\tindented",
    "\rreturn",
    "'=already quoted",
    "''+twice",
    "'",
    "'-33.5",
    "-\u0663",
    '=HYPERLINK("http://x.example","a, b")',
    'a,"b"',
    "two\nlines",
    "=cmd|' /C calc'!A0",
]


def test_the_page_neutralises_csv_cells_as_the_exports_do(tab: Tab) -> None:
    tab.open_explorer()
    in_page = tab.page.evaluate("cells => cells.map(window.briefingExplorer.csvCell)", TRICKY_CELLS)
    assert in_page == [_csv_cell(spreadsheet.escape(text)) for text in TRICKY_CELLS]
    assert in_page[2] == "'=1+2" and in_page[4] == "-33.5"  # the rule did something, and left numbers alone


def test_places_link_options_are_counted_and_dates_take_iso_forms(tab: Tab, example_index: Index) -> None:
    total = len(example_index.incidents)
    tab.open_explorer()
    # only actors with incidents, each with its count
    used = {p.actor.id for i in example_index.incidents for p in i.participants if p.actor is not None}
    values = tab.page.locator("#briefing-explorer-actor option").evaluate_all("els => els.map(e => e.value)")
    assert set(values) == used | {""}
    russia = sum(1 for i in example_index.incidents if "russia" in {p.actor.id for p in i.participants if p.actor})
    assert tab.page.locator("#briefing-explorer-actor option[value=russia]").inner_text() == f"Russia ({russia})"
    # the date boxes are text in ISO order, whatever the browser's locale
    start = tab.page.locator("#briefing-explorer-from")
    assert start.get_attribute("type") == "text"
    start.fill("2020-06")  # a month: from its first day
    expected = _matches(example_index, start="2020-06-01")
    assert tab.count() == f"{len(expected)} of {total} incidents"
    start.fill("2020-13")
    assert start.get_attribute("aria-invalid") == "true"
    assert tab.count() == f"{total} of {total} incidents"  # a box that holds no date filters nothing
    tab.page.locator("#briefing-explorer-to").fill("2019")  # a year: up to its last day
    assert tab.count() == f"{len(_matches(example_index, end='2019-12-31'))} of {total} incidents"
    tab.page.wait_for_url(lambda url: parse_qs(urlparse(url).query) == {"to": ["2019"]})
    # Where links the place's page
    first = tab.page.locator(".briefing-explorer tbody tr td:nth-child(3) a").first
    name = first.inner_text()
    first.click()
    tab.page.wait_for_url("**/places/*/")
    assert tab.page.locator("h1").inner_text().startswith(name)
    assert tab.errors == []


def test_sorting_by_fatalities_and_by_place(tab: Tab, example_site: Path) -> None:
    data, col, rows = _published(example_site)
    tab.open_explorer("explorer/?order=fatalities")
    assert tab.titles() == [r[col["title"]] for r in _ordered(data, rows, "fatalities")]
    tab.page.locator("#briefing-explorer-order").select_option("place")
    assert tab.titles() == [r[col["title"]] for r in _ordered(data, rows, "place")]
    places = tab.page.locator(".briefing-explorer tbody tr td:nth-child(3)").all_inner_texts()
    assert places == sorted(places, key=str.casefold)


def test_the_downloaded_csv_and_geojson_are_the_matches(tab: Tab, example_site: Path) -> None:
    data, col, rows = _published(example_site)
    tab.open_explorer("explorer/?place=syria&order=newest")
    _check_downloads(
        tab, example_site, data, col, _ordered(data, [r for r in rows if _inside(data, col, r, "syria")], "newest")
    )


def _inside(data: dict[str, Any], col: dict[str, int], row: list[Any], place: str) -> bool:
    ids = [p[0] for p in data["places"]]
    k = row[col["place"]]
    return k is not None and (ids[k] == place or ids.index(place) in data["places"][k][2])


def _ordered(data: dict[str, Any], rows: list[list[Any]], order: str) -> list[list[Any]]:
    """Rows (in timeline order) as the page sorts them; ties keep the timeline order."""
    col = {name: i for i, name in enumerate(data["fields"])}
    position = {id(r): k for k, r in enumerate(rows)}
    if order == "newest":
        return rows[::-1]
    if order == "fatalities":
        return sorted(
            rows, key=lambda r: (-(r[col["fatalities"]] if r[col["fatalities"]] is not None else -1), position[id(r)])
        )
    if order == "place":
        names = {k: (p[1].lower(), p[0]) for k, p in enumerate(data["places"])}
        return sorted(
            rows,
            key=lambda r: (names[r[col["place"]]] if r[col["place"]] is not None else ("\uffff",), position[id(r)]),
        )
    return list(rows)


def _download(tab: Tab, label: str) -> str:
    with tab.page.expect_download() as info:
        tab.page.get_by_role("button", name=label).click()
    download = info.value
    text: str = Path(download.path()).read_text(encoding="utf-8")
    return text


def _check_downloads(
    tab: Tab, site: Path, data: dict[str, Any], col: dict[str, int], expected: list[list[Any]]
) -> None:
    """The CSV and GeoJSON the page downloads hold exactly ``expected``, in order, with the exports' values."""
    ids = [r[col["uri"]].rsplit("/", 1)[-1].removesuffix(".md") for r in expected]
    assert tab.page.evaluate("window.briefingExplorer.matches") == len(expected)
    table = list(csv.DictReader(io.StringIO(_download(tab, "Download CSV"))))
    assert [row["id"] for row in table] == ids
    exported = {
        row["id"]: row for row in csv.DictReader(io.StringIO((site / full_csv.URI).read_text(encoding="utf-8")))
    }
    for row in table:
        for name in explorer.CSV_COLUMNS:
            if name == "url":
                assert urlparse(row[name]).path.endswith(f"/{row['id']}/")
            elif name in ("latitude", "longitude") and row[name]:
                assert float(row[name]) == float(exported[row["id"]][name])
            else:
                assert row[name] == exported[row["id"]][name], (row["id"], name)
    collection = json.loads(_download(tab, "Download GeoJSON"))
    features = {f["id"]: f for f in json.loads((site / geojson.URI).read_bytes())["features"]}
    assert [f["id"] for f in collection["features"]] == [i for i in ids if i in features]
    assert collection["metadata"]["left_out"] == [i for i in ids if i not in features]
    for feature in collection["features"]:
        assert feature["geometry"] == features[feature["id"]]["geometry"]
        for name, value in feature["properties"].items():
            if name != "url":
                assert value == features[feature["id"]]["properties"][name], (feature["id"], name)


# --- at scale -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_explorer_on_1000_incidents_stays_responsive(browser: Any, synthetic_1000_site: Path) -> None:
    """Builds a 1,000-incident site, filters it and reports the filter time (not asserted)."""
    site = synthetic_1000_site
    data, col, rows = _published(site)
    # Expected from the JSON by the page's rules: the busiest place below the top level with what
    # lies inside it, from 2018 on.
    place = max(
        (k for k, p in enumerate(data["places"]) if p[2]),
        key=lambda k: sum(1 for r in rows if r[col["place"]] == k or k in data["places"][r[col["place"]]][2]),
    )
    expected = [
        r
        for r in rows
        if (r[col["place"]] == place or place in data["places"][r[col["place"]]][2]) and r[col["end"]] >= "2018-01-01"
    ]

    with _tab(browser, site) as tab:
        tab.open_explorer()
        timings = {"first view": tab.page.evaluate("window.briefingExplorer.lastFilterMs")}
        tab.page.locator("#briefing-explorer-place").select_option(data["places"][place][0])
        timings["place"] = tab.page.evaluate("window.briefingExplorer.lastFilterMs")
        tab.page.locator("#briefing-explorer-from").fill("2018-01-01")
        timings["place and date"] = tab.page.evaluate("window.briefingExplorer.lastFilterMs")
        assert tab.count() == f"{len(expected):,} of {len(rows):,} incidents"
        ARTIFACTS.mkdir(exist_ok=True)
        tab.page.screenshot(path=str(ARTIFACTS / "explorer-1000.png"))
        tab.page.locator("#briefing-explorer-place").select_option("")
        timings["date only"] = tab.page.evaluate("window.briefingExplorer.lastFilterMs")
        assert float(tab.page.locator(".briefing-explorer form").get_attribute("data-filter-ms")) == pytest.approx(
            timings["date only"], abs=0.01
        )
        by_actor = []
        for actor_id, *_ in data["actors"][:10]:
            tab.page.locator("#briefing-explorer-actor").select_option(actor_id)
            by_actor.append(tab.page.evaluate("window.briefingExplorer.lastFilterMs"))
        timings["actor (median of 10)"] = statistics.median(by_actor)
        timings["actor (slowest of 10)"] = max(by_actor)
        tab.page.locator("#briefing-explorer-actor").select_option("")
        shown = tab.page.locator(".briefing-explorer tbody tr")
        assert shown.count() == 100  # a page of rows, not all of them
        tab.page.get_by_role("button", name="Next page").click()
        assert shown.count() == 100
        assert tab.page.locator(".briefing-explorer__page").inner_text().startswith("Incidents 101\u2013200 of ")
        overflow = tab.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        assert tab.errors == [] and tab.other_hosts() == []

    size = (site / DATA).stat().st_size
    report = (
        f"explorer filter time on {len(rows):,} synthetic incidents, in ms (filtering and drawing the first 100 rows): "
        + "; ".join(f"{name} {ms:.1f}" for name, ms in timings.items())
        + f"; {DATA} is {size:,} bytes\n"
    )
    print("\n" + report, end="")
    (ARTIFACTS / "explorer-timing.txt").write_text(report, encoding="utf-8")


def test_a_busy_actors_page_lists_its_newest_incidents_and_the_explorer_has_them_all(
    browser: Any, synthetic_1000_site: Path
) -> None:
    site = synthetic_1000_site
    data, col, rows = _published(site)  # rows in timeline order, as the pages list them
    by_actor: dict[int, list[list[Any]]] = {}
    for row in rows:
        for actor in dict.fromkeys(pair[0] for pair in row[col["actors"]]):
            by_actor.setdefault(actor, []).append(row)
    busiest = max(by_actor, key=lambda k: len(by_actor[k]))
    quiet = min(by_actor, key=lambda k: len(by_actor[k]))
    actor_id, total = data["actors"][busiest][0], len(by_actor[busiest])
    assert total > 100  # the synthetic data gives its main actors hundreds of incidents

    with _tab(browser, site) as tab:
        tab.page.goto(f"{tab.base}actors/{actor_id}/")
        article = tab.page.locator("article")
        assert f"The 100 newest of the {total:,} incidents." in article.inner_text()
        links = article.locator("table").last.locator("tbody tr td:nth-child(2) a")
        assert links.count() == 100
        newest = [row[col["uri"]].removesuffix(".md") + "/" for row in by_actor[busiest][-100:]]
        hrefs = links.evaluate_all("els => els.map(e => e.href)")
        assert [urlparse(h).path.removeprefix("/") for h in hrefs] == newest

        tab.page.get_by_role("link", name="explorer", exact=True).click()
        tab.page.locator(".briefing-explorer[data-state=ready]").wait_for(timeout=15000)
        assert tab.count() == f"{total:,} of {len(rows):,} incidents"
        assert tab.titles()[0] == by_actor[busiest][-1][col["title"]]  # newest first

        quiet_id = data["actors"][quiet][0]
        tab.page.goto(f"{tab.base}actors/{quiet_id}/")
        assert "newest of the" not in tab.page.locator("article").inner_text()
        rows_shown = tab.page.locator("article table").last.locator("tbody tr")
        assert rows_shown.count() == len(by_actor[quiet])
        assert tab.errors == [] and tab.other_hosts() == []


def test_a_busy_sources_page_lists_its_newest_citations_and_the_explorer_has_every_incident(
    browser: Any, synthetic_1000_site: Path
) -> None:
    site = synthetic_1000_site
    data, col, rows = _published(site)
    citing = [[row for row in rows if k in row[col["sources"]]] for k in range(len(data["sources"]))]
    busiest = max(range(len(citing)), key=lambda k: len(citing[k]))
    source_id = data["sources"][busiest][0]
    assert len(citing[busiest]) > 100

    with _tab(browser, site) as tab:
        tab.page.goto(f"{tab.base}sources/{source_id}/")
        article = tab.page.locator("article")
        assert "The 100 newest of the " in article.inner_text()
        table_rows = article.locator("table").last.locator("tbody tr")
        assert table_rows.count() == 100
        last = table_rows.last.locator("td:nth-child(2)").inner_text()
        assert last == citing[busiest][-1][col["title"]]
        tab.page.get_by_role("link", name="explorer", exact=True).click()
        tab.page.locator(".briefing-explorer[data-state=ready]").wait_for(timeout=15000)
        assert tab.count() == f"{len(citing[busiest]):,} of {len(rows):,} incidents"
        assert tab.errors == [] and tab.other_hosts() == []


_TIMED_INPUT = """async ([selector, values]) => {
  // input -> filtered, sorted, first page drawn and laid out: what a reader waits for.
  const field = document.querySelector(selector);
  const tbody = document.querySelector('.briefing-explorer tbody');
  const times = [];
  for (const value of values) {
    const t0 = performance.now();
    field.value = value;
    field.dispatchEvent(new Event('input', {bubbles: true}));
    tbody.getBoundingClientRect();  // forces style and layout of the new rows
    times.push(performance.now() - t0);
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
  return times;
}"""

_TIMED_PAGES = """async (turns) => {
  const next = document.querySelector('.briefing-explorer__next');
  const previous = document.querySelector('.briefing-explorer__previous');
  const tbody = document.querySelector('.briefing-explorer tbody');
  const times = [];
  for (let k = 0; k < turns; k++) {
    const button = k % 2 ? previous : next;
    const t0 = performance.now();
    button.click();
    tbody.getBoundingClientRect();
    times.push(performance.now() - t0);
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
  return times;
}"""

LIMIT_MS = 100.0
"""Issue 12: the explorer filters and pages within 100 ms at 5,000 incidents (medians, in the page)."""


@pytest.mark.slow
def test_explorer_on_5000_incidents_filters_and_pages_within_100_ms_and_downloads_the_matches(
    browser: Any, synthetic_5000_site: Path
) -> None:
    site = synthetic_5000_site
    data, col, rows = _published(site)
    assert len(rows) == 5000
    busiest_type = max(range(len(data["types"])), key=lambda k: sum(1 for r in rows if r[col["type"]] == k))
    actor = max(range(len(data["actors"])), key=lambda k: sum(1 for r in rows if k in [a for a, _ in r[col["actors"]]]))
    timings: dict[str, float] = {}
    with _tab(browser, site) as tab:
        tab.open_explorer()
        assert tab.count() == "5,000 of 5,000 incidents"
        for name, selector, value in (
            ("event type", "#briefing-explorer-type", data["types"][busiest_type][0]),
            ("actor", "#briefing-explorer-actor", data["actors"][actor][0]),
            ("from date", "#briefing-explorer-from", "2019-01-01"),
            ("sort by fatalities", "#briefing-explorer-order", "fatalities"),
        ):
            times = tab.page.evaluate(_TIMED_INPUT, [selector, [value, ""] * 5])
            timings[name] = statistics.median(times)
        timings["next/previous page"] = statistics.median(tab.page.evaluate(_TIMED_PAGES, 8))
        report = "; ".join(f"{name} {ms:.1f}" for name, ms in timings.items())
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "explorer-5000-timing.txt").write_text(
            f"explorer on 5,000 synthetic incidents, median ms from input to laid-out rows: {report}\n",
            encoding="utf-8",
        )
        print("\n" + report)
        assert max(timings.values()) < LIMIT_MS, report

        # a selection: one event type from 2019 on, most fatalities first, then its downloads
        tab.page.locator("#briefing-explorer-type").select_option(data["types"][busiest_type][0])
        tab.page.locator("#briefing-explorer-from").fill("2019-01-01")
        tab.page.locator("#briefing-explorer-order").select_option("fatalities")
        chosen = [r for r in rows if r[col["type"]] == busiest_type and r[col["end"]] >= "2019-01-01"]
        expected = _ordered(data, chosen, "fatalities")
        assert 100 < len(expected) < 5000
        assert tab.count() == f"{len(expected):,} of 5,000 incidents"
        assert tab.titles() == [r[col["title"]] for r in expected[:100]]
        tab.page.get_by_role("button", name="Next page").click()
        assert tab.titles() == [r[col["title"]] for r in expected[100:200]]
        tab.page.screenshot(path=str(ARTIFACTS / "explorer-5000.png"))
        _check_downloads(tab, site, data, col, expected)
        assert tab.errors == [] and tab.other_hosts() == []
