"""The offline map: its data, and what a reader sees and clicks in headless Chromium.

Expected marks are computed here from the records through the index (a place counts when it has
coordinates; an incident when it, its place or an enclosing place has some), never written
down. The example places no incident exactly, so a variant of
the example, built once, adds one, moves Qasir Dib inside Derik (an incident drawn at an
enclosing place) and puts hostile text into a title that the map shows. Screenshots go to
``test-artifacts/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from conftest import ARTIFACTS, REPO, copy_project, mkdocs_build, serve_folder
from generator.index.graph import IncidentNode, PlaceNode
from generator.model import vocabulary
from generator.pipeline import Result, generate
from generator.render import mapdata, orientation, palette
from generator.settings import make_settings

HOSTILE_TITLE = "</script><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> & 'bomb'"
INLINE = re.compile(r'<script type="application/json" class="briefing-map__data">(.*?)</script>')


class Generated(Result):
    """A pipeline result whose repr is short: pytest prints a failing test's arguments, and the
    default dataclass repr of a whole index takes minutes."""

    def __repr__(self) -> str:
        return f"<generated: {len(self.pages)} pages>"


def _generate(seeds: Path) -> Generated:
    result = generate(make_settings(seeds.parent))
    if not result.ok or result.index is None:
        raise AssertionError("the data has errors:\n" + "\n".join(d.format() for d in result.diagnostics))
    return Generated(**vars(result))


def _make_variant(project: Path) -> Path:
    """Edit a copy of the example: the changes the module docstring lists."""
    seeds = project / "seeds"
    qasir = seeds / "places" / "qasir-dib.yaml"
    qasir.write_text(
        qasir.read_text(encoding="utf-8").replace("parent: eastern-syria", "parent: derik"), encoding="utf-8"
    )
    patrol = seeds / "incidents" / "idlib-15th-joint-patrol.yaml"
    text = patrol.read_text(encoding="utf-8")
    patrol.write_text(
        text.replace("location_precision: near", "location_precision: exact\ncoordinates: {lat: 35.95, lon: 36.7}"),
        encoding="utf-8",
    )
    bomb = seeds / "incidents" / "idlib-alleged-bomb-on-patrol.yaml"
    text = bomb.read_text(encoding="utf-8")
    title = "title: Bomb allegedly targets a patrol near Idlib"
    bomb.write_text(text.replace(title, f"title: {json.dumps(HOSTILE_TITLE)}"), encoding="utf-8")
    return project


def _placeable(incident: IncidentNode) -> bool:
    if incident.record.coordinates is not None:
        return True
    place = incident.place
    return place is not None and any(p.record.coordinates for p in [place, *place.ancestors])


def _expected_items(incidents: list[IncidentNode], places: list[PlaceNode]) -> set[str]:
    return {p.uri for p in places if p.record.coordinates} | {i.uri for i in incidents if _placeable(i)}


def _drawn(incident: IncidentNode) -> bool:
    """Placeable and drawn: an incident known only to a region smaller than a country is listed, not drawn."""
    location = mapdata.incident_location(incident)
    return location is not None and not mapdata.incident_item(incident, location).get("listed")


def _expected_marks(incidents: list[IncidentNode], places: list[PlaceNode]) -> set[str]:
    return {p.uri for p in places if p.record.coordinates} | {i.uri for i in incidents if _drawn(i)}


def _items(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["uri"]: item for item in [*data["places"], *data["incidents"]]}


def _overview(result: Result) -> dict[str, Any]:
    [asset] = [a for a in result.assets if a.uri == mapdata.DATA_FILE]
    parsed: dict[str, Any] = json.loads(asset.data)
    return parsed


@pytest.fixture(scope="module")
def example() -> Result:
    return _generate(REPO / "seeds")


@pytest.fixture(scope="module")
def variant_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_variant(copy_project(REPO, tmp_path_factory.mktemp("map-variant") / "project"))


@pytest.fixture(scope="module")
def variant(variant_project: Path) -> Result:
    return _generate(variant_project / "seeds")


# --- the data -------------------------------------------------------------------------------


def test_data_file_is_compact_deterministic_and_inert(variant_project: Path, variant: Result) -> None:
    [asset] = mapdata.data_files(variant.index)  # type: ignore[arg-type]
    assert asset.uri == "assets/briefing/map-data.json"
    again = _generate(variant_project / "seeds")
    assert mapdata.data_files(again.index) == [asset]  # type: ignore[arg-type]
    text = asset.data.decode("utf-8")
    assert not set("<>&") & set(text), "markup characters from the data must be \\u escapes"
    data = json.loads(text)
    assert mapdata.dumps(data) == text  # sorted keys, no spaces: already in canonical form
    assert HOSTILE_TITLE in {item["title"] for item in data["incidents"]}


def test_overview_data_holds_every_place_with_coordinates_and_every_placeable_incident(
    example: Result, variant: Result
) -> None:
    for result in (example, variant):
        index = result.index
        assert index is not None
        data = _overview(result)
        assert set(_items(data)) == _expected_items(index.incidents, index.places)
        assert data["unplaced"] == sum(not _placeable(i) for i in index.incidents)
        uris = [item["uri"] for item in data["incidents"]]
        assert uris == [i.uri for i in index.incidents if _placeable(i)]  # timeline order


def test_location_precision_is_kept_or_widened_to_region(variant: Result) -> None:
    items = _items(_overview(variant))
    standoff = items["incidents/derik-standoff-2020-06-04.md"]
    assert (standoff["precision"], standoff["where"], standoff["lat"], standoff["lon"]) == (
        "near",
        "Derik",
        37.168,
        42.134,
    )
    patrol = items["incidents/idlib-15th-joint-patrol.md"]
    assert (patrol["precision"], patrol["lat"], patrol["lon"]) == ("exact", 35.95, 36.7)
    # Qasir Dib has no coordinates: its incident is "somewhere in" Derik, whatever its record says.
    base = items["incidents/qasir-dib-possible-russian-base.md"]
    assert (base["precision"], base["where"], base["place"], base["scale"]) == ("region", "Derik", "Qasir Dib", "town")


def test_pages_embed_the_same_items_as_the_data_file(example: Result, variant: Result) -> None:
    for result in (example, variant):
        index = result.index
        assert index is not None
        overview = _items(_overview(result))
        pages = {page.uri: page.markdown for page in result.pages}
        for node in [*index.incidents, *index.places]:
            markdown = pages[node.uri]
            found = INLINE.findall(markdown)
            if isinstance(node, PlaceNode):
                inside = [p for p in index.places if p is node or node in p.ancestors]
                expected = _expected_items(node.incidents_within, inside)
            else:
                expected = _expected_items([node], [])
            if not expected:
                assert found == [], node.uri
                assert "*No map: " in markdown, node.uri
                continue
            [embedded] = found
            assert not set("<>&") & set(embedded), node.uri
            data = json.loads(embedded)
            assert data == mapdata.page_data(node), node.uri  # the template and Python agree
            items = _items(data)
            assert set(items) == expected, node.uri
            for uri, item in items.items():
                assert item == overview[uri], (node.uri, uri)


def test_a_place_with_many_incidents_names_its_places_and_the_overviews_items_fill_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mapdata, "INLINE_LIMIT", 2)
    result = _generate(REPO / "seeds")
    index = result.index
    assert index is not None
    overview = _overview(result)
    pages = {page.uri: page.markdown for page in result.pages}
    by_reference = 0
    for node in index.places:
        inside = [p for p in index.places if p is node or node in p.ancestors]
        expected = _expected_items(node.incidents_within, inside)
        placeable = [i for i in node.incidents_within if _placeable(i)]
        if len(placeable) <= 2:
            continue
        by_reference += 1
        markdown = pages[node.uri]
        assert 'data-src="../../assets/briefing/map-data.json"' in markdown, node.uri
        [embedded] = INLINE.findall(markdown)
        data = json.loads(embedded)
        assert sorted(data) == ["unplaced", "within"], node.uri
        assert data["unplaced"] == len(node.incidents_within) - len(placeable), node.uri
        assert data["within"][0] == node.id and sorted(data["within"]) == sorted(p.id for p in inside), node.uri
        # what map.js does with it: the overview's items at those places
        within = set(data["within"])
        picked = [i for i in overview["incidents"] if i["at"] in within]
        picked += [p for p in overview["places"] if p["id"] in within]
        assert {item["uri"] for item in picked} == expected, node.uri
    assert by_reference >= 3  # Syria, the regions and Idlib at least


def test_the_overview_page_loads_the_data_file(example: Result) -> None:
    [markdown] = [p.markdown for p in example.pages if p.uri == "map.md"]
    # map.md is served as map/, so the site root is one folder up.
    assert 'data-src="../assets/briefing/map-data.json"' in markdown
    assert 'data-root="../"' in markdown
    assert "briefing-map__data" not in markdown


# --- in the browser ---------------------------------------------------------------------------


def _other_hosts(requests: list[str], site_url: str) -> list[str]:
    host = urlparse(site_url).netloc
    return [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != host]


@pytest.fixture
def site_url(example_site: Path) -> Iterator[str]:
    with serve_folder(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def variant_site(variant_project: Path) -> Path:
    result = mkdocs_build(variant_project)
    assert result.returncode == 0, result.stderr
    return variant_project / "site"


@pytest.fixture
def variant_url(variant_site: Path) -> Iterator[str]:
    with serve_folder(variant_site) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every request it makes, dialogs and script errors."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.requests, tab.problems = [], []  # type: ignore[attr-defined]
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.problems.append(f"error: {error}"))
    tab.on("dialog", lambda dialog: (tab.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield tab
    context.close()


def _open_map(page: Any, url: str) -> Any:
    """Go to ``url`` and wait until its map is drawn, outlines included; returns the map element."""
    page.goto(url)
    root = page.locator(".briefing-map").first
    page.wait_for_selector(".briefing-map[data-ready='true'][data-world-ready='true']", timeout=15000)
    return root


def _marks(root: Any) -> list[dict[str, Any]]:
    marks: list[dict[str, Any]] = root.locator(".briefing-map__mark").evaluate_all(
        """els => els.map(e => ({
            shape: [...e.classList].find(c => c.startsWith('briefing-map__mark--')).slice(20),
            count: Number(e.dataset.count), uris: (e.dataset.uris || '').split(' ').filter(Boolean),
            label: e.getAttribute('aria-label'),
            tabindex: e.getAttribute('tabindex'), role: e.getAttribute('role')}))"""
    )
    return marks


def test_overview_map_shows_every_mark_and_a_mark_opens_its_page(
    page: Any, site_url: str, example: Result, browser: Any
) -> None:
    index = example.index
    assert index is not None
    expected = _expected_marks(index.incidents, index.places)
    root = _open_map(page, site_url + "map/")
    marks = _marks(root)
    assert sorted(u for m in marks for u in m["uris"]) == sorted(expected)
    listed = sum(_placeable(i) and not _drawn(i) for i in index.incidents)
    assert sum(m["count"] for m in marks) == len(expected) == int(root.get_attribute("data-items")) - listed
    if listed:
        assert f"{listed} incidents are known only to a region or district" in root.inner_text()
    assert all(m["tabindex"] == "0" and m["role"] == "button" and m["label"] for m in marks)
    assert root.locator("path.briefing-map__land").count() > 100  # the country outlines
    assert "Derik" in root.locator(".briefing-map__label").all_inner_texts()
    unplaced = sum(not _placeable(i) for i in index.incidents)
    assert f"{unplaced} incidents are not on the map" in root.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    root.screenshot(path=str(ARTIFACTS / "map-overview.png"))

    # A click on a place's mark opens a popup whose link leads to the place's page.
    root.locator("path.briefing-map__mark--place[aria-label^='Place: Qamishli']").click()
    page.locator(".leaflet-popup a", has_text="Qamishli").click()
    page.wait_for_url("**/places/qamishli/")
    assert page.locator("h1").inner_text().startswith("Qamishli")

    # The keyboard does the same: Tab to an incident's mark, Enter, and Enter on the focused link.
    root = _open_map(page, site_url + "map/")
    # the example's incidents share spots: a disc no zoom can part, which lists them
    near = root.locator(".briefing-map__mark[data-uris*='incidents/']").first
    near.focus()
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.textContent")
    titles = {i.title: i.uri for i in index.incidents}
    assert focused in titles
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + titles[focused][: -len(".md")] + "/")
    assert page.locator("h1").inner_text().startswith(focused)
    assert _other_hosts(page.requests, site_url) == []
    assert page.problems == []

    # The same map in the dark scheme, for a person to look at.
    context = browser.new_context(viewport={"width": 1200, "height": 900}, color_scheme="dark")
    try:
        dark = context.new_page()
        _open_map(dark, site_url + "map/").screenshot(path=str(ARTIFACTS / "map-overview-dark.png"))
    finally:
        context.close()


def test_incident_map_draws_near_as_a_circle_and_says_so(page: Any, site_url: str) -> None:
    root = _open_map(page, site_url + "incidents/derik-standoff-2020-06-04/")
    marks = _marks(root)
    assert [(m["shape"], m["uris"]) for m in marks] == [("near", ["incidents/derik-standoff-2020-06-04.md"])]
    assert "near this point" in root.locator(".briefing-map__legend").inner_text()
    assert "Strategic developments" in root.locator(".briefing-map__legend").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    root.screenshot(path=str(ARTIFACTS / "map-incident.png"))
    # An incident whose places have no coordinates gets a sentence, not an empty map.
    page.goto(site_url + "incidents/us-withdrawal-2019/")
    assert page.locator(".briefing-map").count() == 0
    assert (
        "No map: this incident, Eastern Syria and the places around it have no coordinates."
        in page.locator("article").inner_text()
    )
    assert _other_hosts(page.requests, site_url) == []
    assert page.problems == []


def test_place_map_of_idlib_shows_the_places_inside_and_its_incidents(
    page: Any, site_url: str, example: Result
) -> None:
    assert example.index is not None
    [idlib] = [p for p in example.index.places if p.id == "idlib"]
    inside = [p for p in example.index.places if p is idlib or idlib in p.ancestors]
    root = _open_map(page, site_url + "places/idlib/")
    marks = _marks(root)
    assert sorted({u for m in marks for u in m["uris"]}) == sorted(_expected_marks(idlib.incidents_within, inside))
    assert {"places/arihah.md", "places/kafr-shlaya.md", "incidents/idlib-15th-joint-patrol.md"} <= {
        u for m in marks for u in m["uris"]
    }
    assert "not on the map" not in page.locator("article").inner_text()
    assert _other_hosts(page.requests, site_url) == []


def test_exact_and_region_incidents_and_a_place_with_its_incidents(
    page: Any, variant_url: str, variant: Result
) -> None:
    root = _open_map(page, variant_url + "incidents/idlib-15th-joint-patrol/")
    assert [m["shape"] for m in _marks(root)] == ["exact"]
    assert "exact point" in root.locator(".briefing-map__legend").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    root.screenshot(path=str(ARTIFACTS / "map-incident-exact.png"))

    # Qasir Dib has no coordinates of its own: the incident is known only to be in Derik's area,
    # of no known size, so it is listed under the map, not drawn as a circle of a made-up size
    root = _open_map(page, variant_url + "incidents/qasir-dib-possible-russian-base/")
    assert _marks(root) == []
    assert "not drawn" in root.locator(".briefing-map__listed").inner_text()
    assert "not drawn: only Derik is known" in " ".join(root.locator(".briefing-map__list li").all_text_contents())

    # Idlib now has coordinates: its map holds it, the places inside and its four incidents.
    index = variant.index
    assert index is not None
    [idlib] = [p for p in index.places if p.id == "idlib"]
    root = _open_map(page, variant_url + "places/idlib/")
    marks = _marks(root)
    inside = [p for p in index.places if p is idlib or idlib in p.ancestors]
    expected = _expected_marks(idlib.incidents_within, inside)
    assert len(idlib.incidents_within) == 4
    # at the first view the exact and the near incident, 6 km apart, are one cluster of two
    places = {p.uri for p in inside if p.record.coordinates}
    assert {u for m in marks if m["shape"] == "place" for u in m["uris"]} == places
    assert sum(m["count"] for m in marks if m["shape"] != "place") == len(expected - places)
    # zoomed in they part, each drawn at its own precision
    page.evaluate("document.querySelector('.briefing-map').leafletMap.setView([35.94, 36.67], 11)")
    marks = _marks(root)
    shapes = {m["shape"]: m["uris"] for m in marks if m["shape"] != "place"}
    assert sorted(u for uris in shapes.values() for u in uris) == sorted(expected - places)
    assert set(shapes) == {"exact", "near"}
    assert root.locator("path.briefing-map__extent").count() == 1  # the near one's dashed circle
    list_links = root.locator(".briefing-map__list a").evaluate_all("els => els.map(e => e.textContent)")
    assert HOSTILE_TITLE in list_links  # shown as text
    root.screenshot(path=str(ARTIFACTS / "map-place-idlib.png"))

    # The popup of a mark lists everything at its spot, hostile title included, as text.
    bomb = root.locator(".briefing-map__mark--near")
    bomb.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup a", has_text="window.__pwned").click()
    page.wait_for_url("**/incidents/idlib-alleged-bomb-on-patrol/")
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []
    assert _other_hosts(page.requests, variant_url) == []


def test_a_country_page_of_1000_incidents_stays_small_and_maps_them_all(page: Any, synthetic_1000_site: Path) -> None:
    overview = json.loads((synthetic_1000_site / "assets" / "briefing" / "map-data.json").read_text("utf-8"))
    html = (synthetic_1000_site / "places" / "syria" / "index.html").read_text("utf-8")
    [embedded] = INLINE.findall(html)
    assert json.loads(embedded)["within"][0] == "syria"
    # the page lists its incidents as text, but carries no second copy of the map's data: what
    # it embeds grows with the places it names, not with the incidents
    assert len(embedded) < 40 * len(json.loads(embedded)["within"])
    with serve_folder(synthetic_1000_site) as url:
        root = _open_map(page, url + "places/syria/")
        items = int(root.get_attribute("data-items") or 0)
        assert items == len(overview["incidents"]) + len(overview["places"])
        listed = sum(1 for item in overview["incidents"] if item.get("listed"))
        marks = _marks(root)
        # every incident is in a cluster or a mark, except those listed under the map, not drawn
        assert sum(m["count"] for m in marks if m["shape"] != "place") == len(overview["incidents"]) - listed
        assert 0 < sum(m["shape"] == "place" for m in marks) <= len(overview["places"])  # places where they fit
        assert page.problems == []
        assert _other_hosts(page.requests, url) == []


def test_the_map_draws_each_event_type_in_the_palettes_colour_and_shape(page: Any, site_url: str) -> None:
    """The key and the marks take colour and shape from generator/render/palette.py, as the pictures do."""
    names = {name: slug for slug, name in vocabulary.EVENT_TYPES.items()}
    root = _open_map(page, site_url + "map/")
    keys = root.locator(".briefing-map__key--type").evaluate_all(
        "els => els.map(e => [e.textContent, e.querySelector('path').getAttribute('fill'), e.querySelector('path').getAttribute('d')])"
    )
    assert len(keys) >= 3
    for name, fill, d in keys:
        style = palette.EVENT_STYLES[names[name]]
        assert (fill, d) == (style.colour, palette.shape_path(style.shape, 0, 0, 1)), name
    # an incident's own mark
    root = _open_map(page, site_url + "incidents/derik-standoff-2020-06-04/")
    fill = root.locator(".briefing-map__mark--near path").get_attribute("fill")
    assert fill == palette.colour("strategic-developments")
    circle = root.locator("path.briefing-map__extent")
    assert circle.get_attribute("stroke") == fill
    # and the script holds no colour of its own for an event type
    script = (REPO / "generator" / "render" / "static" / "map.js").read_text(encoding="utf-8")
    assert not {s.colour.lower() for s in palette.EVENT_STYLES.values()} & set(
        re.findall(r"#[0-9a-f]{6}", script.lower())
    )


def test_every_event_type_has_one_colour_in_the_pictures_the_map_and_the_explorer(page: Any, site_url: str) -> None:
    """What each component actually draws, read off the built site in the browser, agrees type by type."""
    names = {name: slug for slug, name in vocabulary.EVENT_TYPES.items()}

    def rgb(colour: str) -> str:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return f"rgb({r}, {g}, {b})"

    drawn: dict[str, dict[str, set[str]]] = {}

    def saw(where: str, name: str, colour: str) -> None:
        drawn.setdefault(names[name.strip()], {}).setdefault(where, set()).add(colour)

    # the SVG pictures: the timeline's and the tempo chart's legends and the marks they key
    for path in ("", "timeline/"):
        page.goto(site_url + path)
        for name, fill in page.locator("figcaption.bp-legend .bp-key").evaluate_all(
            "els => els.filter(e => e.querySelector('svg.bp-swatch path'))"
            ".map(e => [e.textContent, e.querySelector('svg.bp-swatch path').getAttribute('fill')])"
        ):
            saw("pictures", name, rgb(fill))
    # the map: its key and the marks on the overview
    root = _open_map(page, site_url + "map/")
    for name, fill in root.locator(".briefing-map__key--type").evaluate_all(
        "els => els.map(e => [e.textContent, e.querySelector('path').getAttribute('fill')])"
    ):
        saw("map", name, rgb(fill))
    # the explorer: the swatch in each row's type cell, as the browser paints it
    page.goto(site_url + "explorer/")
    page.wait_for_selector(".briefing-explorer__swatch")
    for name, colour in page.locator(".briefing-explorer__swatch").evaluate_all(
        "els => els.map(e => [e.parentElement.textContent.replace(/\\u200b/g, ''), getComputedStyle(e).backgroundColor])"
    ):
        saw("explorer", name, colour)

    # every type is in the pictures and the explorer; the map keys the types it has a point for
    assert len(drawn) >= 3 and all({"pictures", "explorer"} <= set(seen) for seen in drawn.values()), drawn
    assert sum(len(seen) == 3 for seen in drawn.values()) >= 2, drawn
    for slug, seen in drawn.items():
        assert all(colours == {rgb(palette.colour(slug))} for colours in seen.values()), (slug, seen)


# --- the orientation layers -------------------------------------------------------------------


def _decode(line: list[int]) -> list[tuple[float, float]]:
    x, y, points = 0, 0, []
    for i in range(0, len(line), 2):
        x, y = x + line[i], y + line[i + 1]
        points.append((x / 100, y / 100))
    return points


def test_orientation_layers_are_cut_to_the_region_of_the_data(example: Result) -> None:
    [asset] = [a for a in example.assets if a.uri == orientation.DATA_FILE]
    assert orientation.data_files(example.index) == [asset]  # type: ignore[arg-type]
    text = asset.data.decode("utf-8")
    assert not set("<>&") & set(text)
    layers = json.loads(text)
    index = example.index
    assert index is not None
    points = [p.record.coordinates for p in index.places if p.record.coordinates]
    west, south, east, north = orientation.region(points)  # type: ignore[misc]
    assert west < min(p.lon for p in points) and north > max(p.lat for p in points)
    towns = {name for name, *_ in layers["towns"]}
    assert {"Aleppo", "Al Qāmishlī"} <= towns
    assert all(south <= lat <= north and west <= lon <= east for _, lat, lon, _ in layers["towns"])
    assert layers["admin1"] and layers["rivers"]
    # each line part keeps at most one point outside the box at either end
    for line in layers["admin1"] + layers["rivers"]:
        inner = _decode(line)[1:-1]
        assert all(west <= x <= east and south <= y <= north for x, y in inner)
    # the whole site is a few kilobytes of it, not the world files
    assert len(asset.data) < 100_000
    world = sum(f.stat().st_size for f in orientation.BASEMAP.glob("*.json"))
    assert world > 10 * len(asset.data)


def test_a_continent_wide_region_keeps_the_largest_towns_and_no_boundaries() -> None:
    wide = orientation.layers((-20.0, -35.0, 55.0, 38.0))  # Africa
    assert wide["admin1"] == [] and wide["rivers"]
    assert len(wide["towns"]) == orientation.TOWN_LIMIT
    assert wide["towns"][0][3] >= wide["towns"][-1][3]
    assert orientation.layers(None) == {"admin1": [], "rivers": [], "towns": []}


def test_the_map_draws_boundaries_rivers_and_towns_under_the_data(page: Any, site_url: str) -> None:
    root = _open_map(page, site_url + "map/")
    page.wait_for_selector(".briefing-map[data-orientation-ready='true']")
    assert root.locator("path.briefing-map__admin1").count() == 1  # one path of many lines
    assert root.locator("path.briefing-map__river").count() == 1
    assert root.locator("path.briefing-map__town").count() > 20
    names = root.locator(".briefing-map__townname").all_inner_texts()
    assert "Aleppo" in names
    # under the data: their panes are below the marks'
    z = page.evaluate(
        """() => { const m = document.querySelector('.briefing-map').leafletMap;
            return [m.getPane('briefingOrientation').style.zIndex, m.getPane('briefingNames').style.zIndex,
                    getComputedStyle(m.getPane('markerPane')).zIndex, getComputedStyle(m.getPane('overlayPane')).zIndex]; }"""
    )
    orientation_z, names_z, markers_z, overlay_z = (int(v) for v in z)
    assert orientation_z < overlay_z < names_z < markers_z
    assert "GeoNames (CC BY 4.0)" in root.locator(".leaflet-control-attribution").inner_text()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_example_map_at_desktop_and_phone_width(browser: Any, site_url: str, width: int) -> None:
    """The map comes before its explanation, nothing is wider than the screen, no name is cut."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        tab = context.new_page()
        root = _open_map(tab, site_url + "map/")
        tab.wait_for_selector(".briefing-map[data-orientation-ready='true']")
        canvas = root.locator(".briefing-map__canvas").bounding_box()
        guide = tab.locator("h2", has_text="How to read the map").bounding_box()
        assert canvas["y"] < 844 and canvas["y"] + canvas["height"] <= guide["y"]
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        cut = tab.evaluate(
            """() => {
                const frame = document.querySelector('.briefing-map__canvas').getBoundingClientRect();
                return [...document.querySelectorAll('.briefing-map .leaflet-tooltip')]
                    .filter(e => getComputedStyle(e).visibility !== 'hidden')
                    .map(e => [e.textContent, e.getBoundingClientRect()])
                    .filter(([, b]) => b.left < frame.left || b.right > frame.right || b.top < frame.top || b.bottom > frame.bottom)
                    .map(([text]) => text);
            }"""
        )
        assert cut == []
        assert root.locator(".leaflet-tooltip:visible").count() > 3  # names remain
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"map-example-{width}.png"), full_page=True)
    finally:
        context.close()
