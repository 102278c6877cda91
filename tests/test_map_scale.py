"""The overview map at 5,000 incidents, in headless Chromium: clusters, filters, pop-ups, precision.

One synthetic site (scripts/make_synthetic.py) is built once per session. What the map should
show is computed here from its ``map-data.json``, the file the map itself draws from, with the
explorer's filter rules (a fuzzy date matches a range when any of its possible days is inside).
Timings are taken in the page with ``performance.now()`` from the input event to the map's updated
state and the next frame, as medians of a few tries, since the machine is shared. Screenshots at
1280 and 390 px go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import ARTIFACTS, serve_folder
from generator.render.palette import EVENT_STYLES

pytestmark = pytest.mark.slow

TARGET_MS = 200
"""The issue's target: the map shows the filtered state within 200 ms of the input."""


@pytest.fixture(scope="module")
def data(synthetic_5000_site: Path) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads((synthetic_5000_site / "assets/briefing/map-data.json").read_text("utf-8"))
    return parsed


@pytest.fixture(scope="module")
def url(synthetic_5000_site: Path) -> Iterator[str]:
    with serve_folder(synthetic_5000_site) as address:
        yield address


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    tab.problems = []  # type: ignore[attr-defined]
    tab.on("pageerror", lambda error: tab.problems.append(str(error)))
    yield tab
    context.close()


def _open(page: Any, address: str) -> Any:
    page.goto(address)
    page.wait_for_selector(".briefing-map[data-ready='true'][data-world-ready='true']", timeout=30000)
    return page.locator(".briefing-map").first


def _clustered(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The incidents that are points (clustered or not): neither listed nor a country's outline."""
    return [item for item in items if not item.get("listed") and not item.get("area")]


def _drawn_count(root: Any) -> int:
    """Incidents the drawn clusters and point marks stand for, added up."""
    counts: list[int] = root.locator(
        ".briefing-map__mark--cluster, .briefing-map__mark--exact, .briefing-map__mark--near"
    ).evaluate_all("els => els.map(e => Number(e.dataset.count))")
    return sum(counts)


def _timed_input(page: Any, selector: str, value: str) -> float:
    """Set a filter control as a reader does, and measure in the page from the input event to
    the map's updated state and the frame that shows it (milliseconds)."""
    took: float = page.evaluate(
        """([selector, value]) => new Promise((resolve) => {
            const root = document.querySelector('.briefing-map');
            const before = Number(root.dataset.applied);
            const control = document.querySelector(selector);
            const t0 = performance.now();
            control.value = value;
            control.dispatchEvent(new Event('input', { bubbles: true }));
            const wait = () => {
                if (Number(root.dataset.applied) > before) {
                    requestAnimationFrame(() => resolve(performance.now() - t0));
                } else {
                    requestAnimationFrame(wait);
                }
            };
            wait();
        })""",
        [selector, value],
    )
    return took


def _median_time(page: Any, selector: str, value: str, tries: int = 5) -> float:
    times = []
    for _ in range(tries):
        times.append(_timed_input(page, selector, value))
        times.append(_timed_input(page, selector, ""))
    return statistics.median(times)


def test_the_map_clusters_5000_incidents_and_draws_few_marks(page: Any, url: str, data: dict[str, Any]) -> None:
    root = _open(page, url + "map/")
    incidents = data["incidents"]
    assert len(incidents) == int(root.get_attribute("data-shown")) >= 4900
    clusters = int(root.get_attribute("data-clusters") or 0)
    assert clusters > 0
    drawn = root.locator(".briefing-map__mark").count()
    assert drawn < 400, drawn  # a pile of 5,000 marks would be thousands
    # every point incident is in one cluster or mark: the whole country is in view
    assert _drawn_count(root) == len(_clustered(incidents))
    # a cluster says how many it holds, and no cluster is drawn as one incident's mark
    label = root.locator(".briefing-map__mark--cluster").first.get_attribute("aria-label")
    assert "incidents close together" in label
    status = root.locator(".briefing-map__status").inner_text()
    assert f"Showing {len(incidents):,} of {len(incidents):,} incidents" in status
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-5000-1280.png"), full_page=True)
    assert page.problems == []


def test_filters_by_type_and_dates_within_200_ms(page: Any, url: str, data: dict[str, Any]) -> None:
    root = _open(page, url + "map/")
    incidents = data["incidents"]

    type_ms = _median_time(page, "#briefing-map-type", "battles")
    _timed_input(page, "#briefing-map-type", "battles")
    battles = [item for item in incidents if item["type"] == "battles"]
    assert int(root.get_attribute("data-shown")) == len(battles)
    assert _drawn_count(root) == len(_clustered(battles))
    # the marks out of clusters are battles, in the palette's colour
    fills = root.locator(".briefing-map__mark--exact path, .briefing-map__mark--near path").evaluate_all(
        "els => [...new Set(els.map(e => e.getAttribute('fill')))]"
    )
    assert fills in ([], [EVENT_STYLES["battles"].colour]), fills
    _timed_input(page, "#briefing-map-type", "")

    date_ms = _median_time(page, "#briefing-map-from", "2020-01-01")
    # a year and a month are their first and last days, as in the explorer
    _timed_input(page, "#briefing-map-from", "2020")
    _timed_input(page, "#briefing-map-to", "2020-12")
    page.wait_for_function("location.search.includes('from=2020&to=2020-12')", timeout=5000)
    in_2020 = [item for item in incidents if item["end"] >= "2020-01-01" and item["start"] <= "2020-12-31"]
    assert int(root.get_attribute("data-shown")) == len(in_2020) < len(incidents)
    assert _drawn_count(root) == len(_clustered(in_2020))

    # half-typed dates do not filter, and say they are not dates yet
    page.locator("#briefing-map-to").fill("2020-1")
    assert page.locator("#briefing-map-to").get_attribute("aria-invalid") == "true"
    assert int(root.get_attribute("data-shown")) == len(in_2020)
    print(f"median filter time: type {type_ms:.1f} ms, date {date_ms:.1f} ms")
    assert type_ms < TARGET_MS, f"filtering by type took {type_ms:.0f} ms (median)"
    assert date_ms < TARGET_MS, f"filtering by date took {date_ms:.0f} ms (median)"
    assert page.problems == []


def test_actor_filter_and_popup_content(page: Any, url: str, data: dict[str, Any]) -> None:
    root = _open(page, url + "map/")
    incidents = data["incidents"]
    counts: dict[str, int] = {}
    for item in incidents:
        for actor in item["actors"]:
            counts[actor] = counts.get(actor, 0) + 1
    actor = min((a for a, n in counts.items() if n >= 20), key=lambda a: counts[a])
    page.select_option("#briefing-map-actor", actor)
    chosen = [item for item in incidents if actor in item["actors"]]
    assert int(root.get_attribute("data-shown")) == len(chosen)
    assert _drawn_count(root) == len(_clustered(chosen))

    # zoom in on one of them until it stands alone, and open its pop-up
    target = next(item for item in _clustered(chosen) if item.get("fatalities"))
    page.evaluate(
        "([lat, lon]) => document.querySelector('.briefing-map').leafletMap.setView([lat, lon], 12)",
        [target["lat"], target["lon"]],
    )
    mark = root.locator(f".briefing-map__mark[data-uris~='{target['uri']}']")
    mark.wait_for(timeout=5000)
    mark.first.click()
    popup = page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert target["date"] in text
    assert data["types"][target["type"]] in text
    killed = target["fatalities"]
    assert (f"{killed:,} people killed" if killed != 1 else "1 person killed") in text
    href = popup.locator("a", has_text=target["title"]).first.get_attribute("href")
    assert href.endswith("/" + target["uri"][: -len(".md")] + "/")
    assert page.problems == []


def test_precision_survives_clustering(page: Any, url: str, data: dict[str, Any]) -> None:
    """Zoomed in, a near incident is a hollow mark in its dashed circle; a listed one is never drawn."""
    root = _open(page, url + "map/")
    incidents = data["incidents"]
    near = next(item for item in incidents if item["precision"] == "near" and not item.get("listed"))
    page.evaluate(
        "([lat, lon]) => document.querySelector('.briefing-map').leafletMap.setView([lat, lon], 12)",
        [near["lat"], near["lon"]],
    )
    page.wait_for_selector(f".briefing-map__mark[data-uris~='{near['uri']}']", timeout=5000)
    marks = root.locator(".briefing-map__mark").evaluate_all(
        """els => els.map(e => ({shape: [...e.classList].find(c => c.startsWith('briefing-map__mark--')).slice(20),
            uris: (e.dataset.uris || '').split(' ').filter(Boolean), radius: e.dataset.radius || null}))"""
    )
    extents = root.locator("path.briefing-map__extent").evaluate_all("els => els.map(e => e.dataset.radius)")
    by_uri = {item["uri"]: item for item in incidents}
    mine = [m for m in marks if near["uri"] in m["uris"]]
    assert mine and mine[0]["radius"] == str(near["radius"])
    # one dashed circle per near mark (or per spot of near incidents no zoom can part)
    near_marks = [m for m in marks if m["shape"] == "near" or (m["shape"] == "cluster" and m["radius"])]
    assert len(extents) == len(near_marks) > 0
    listed = {item["uri"] for item in incidents if item.get("listed")}
    assert listed, "the synthetic data has governorate-level incidents"
    for mark in marks:
        assert not listed & set(mark["uris"]), mark
        for uri in mark["uris"]:
            if mark["shape"] in ("exact", "near"):
                assert by_uri[uri]["precision"] == mark["shape"]
    # the list under the map names the listed ones as not drawn
    page.locator(".briefing-map__list summary").click()
    some = next(iter(sorted(listed)))
    entry = page.locator(".briefing-map__list li", has=page.locator(f"a[href$='/{some[:-3]}/']"))
    assert "not drawn" in entry.inner_text()
    assert page.problems == []


def test_the_filter_goes_from_the_explorer_to_the_map_and_back(
    page: Any, url: str, data: dict[str, Any], synthetic_5000_site: Path
) -> None:
    actor = sorted(data["actors"])[0]
    explorer = json.loads((synthetic_5000_site / "assets/briefing/explorer.json").read_text("utf-8"))
    tag = explorer["tags"][0]
    query = f"type=battles&actor={actor}&from=2019-01-01&to=2021-06-30&tag={tag}&order=newest"
    page.goto(url + "explorer/?" + query)
    page.wait_for_selector(".briefing-explorer[data-state='ready']", timeout=30000)
    link = page.locator("a.briefing-explorer__map")
    sent = parse_qs(urlparse(link.get_attribute("href")).query)
    asked = parse_qs(query)
    assert sent == asked
    link.click()
    page.wait_for_url("**/map/?*")
    page.wait_for_selector(".briefing-map[data-ready='true']", timeout=30000)
    root = page.locator(".briefing-map")
    assert page.input_value("#briefing-map-type") == "battles"
    assert page.input_value("#briefing-map-actor") == actor
    assert page.input_value("#briefing-map-from") == "2019-01-01"
    assert page.input_value("#briefing-map-to") == "2021-06-30"
    chosen = [
        item
        for item in data["incidents"]
        if item["type"] == "battles"
        and actor in item["actors"]
        and item["end"] >= "2019-01-01"
        and item["start"] <= "2021-06-30"
    ]
    assert int(root.get_attribute("data-shown")) == len(chosen)
    # the explorer's other filters are kept for the way back, and the map says it does not apply them
    assert "(tag)" in root.locator(".briefing-map__notice").inner_text()
    # change one filter on the map: the address and the way back follow
    page.select_option("#briefing-map-type", "protests")
    page.wait_for_function("location.search.includes('type=protests')", timeout=5000)
    back = page.locator("a.briefing-map__explorer")
    returned = parse_qs(urlparse(back.get_attribute("href")).query)
    assert returned == {**sent, "type": ["protests"]}
    back.click()
    page.wait_for_url("**/explorer/?*")
    page.wait_for_selector(".briefing-explorer[data-state='ready']", timeout=30000)
    assert page.input_value("#briefing-explorer-type") == "protests"
    assert page.input_value("#briefing-explorer-actor") == actor
    assert page.input_value("#briefing-explorer-from") == "2019-01-01"
    assert page.problems == []


def test_screenshots_on_a_phone(browser: Any, url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    try:
        tab = context.new_page()
        root = _open(tab, url + "map/")
        # on a phone the map comes before the prose that explains it
        canvas = root.locator(".briefing-map__canvas").bounding_box()
        guide = tab.locator("h2", has_text="How to read the map").bounding_box()
        assert canvas["y"] < guide["y"] and canvas["y"] < 844
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "map-5000-390.png"), full_page=True)
    finally:
        context.close()
