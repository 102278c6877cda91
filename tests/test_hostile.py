"""Hostile text in every field of the data: the built site stays safe and readable.

Markup, script, unsafe links and table syntax go into every text field of a small project;
the site is built for real and read in headless Chromium, which must open no dialog, run no
script from the data, request nothing from another host, and keep the layout intact.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

from conftest import ARTIFACTS, BASE_FIXTURE, copy_project, mkdocs_build, serve_folder

PAYLOAD = (
    "<script>window.__pwned=1;alert(1)</script>"
    '<img src=x onerror="window.__pwned=2;alert(2)">'
    '<iframe src="javascript:alert(3)"></iframe>'
    "</title><script>alert(4)</script>"
    "[x](javascript:alert(5)) "
    '<img src="http://evil.example/p.png"> '
    "| table | *stars* `tick` # [y](data:text/html,<script>alert(6)</script>) "
)
URL = 'https://evil.example/"><script>alert(7)</script>'
LONG = "Tall" + "a" * 300 + '-village<img src=x onerror="window.__pwned=3;alert(8)">'
RTL = "ديريك المالكية"
EMOJI = "Dêrik 🇸🇾 e\u0301\u0301 ‏נ‎"


def _write(project: Path, folder: str, record: dict[str, Any]) -> None:
    path = project / "seeds" / folder / f"{record['id']}.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(BASE_FIXTURE, tmp_path_factory.mktemp("hostile") / "project")
    text = {"description": PAYLOAD}
    _write(
        project,
        "actors",
        {
            "id": "turkey",
            "name": "T" + PAYLOAD,
            "aliases": [PAYLOAD, RTL],
            "kind": "state",
            "country": PAYLOAD,
            **text,
            "relations": [{"actor": "russia", "type": "opposes", "note": PAYLOAD}],
        },
    )
    _write(
        project,
        "places",
        {
            "id": "derik",
            "name": LONG,
            "aliases": [RTL, EMOJI, PAYLOAD],
            "kind": "town",
            "parent": "syria",
            "coordinates": {"lat": 37.168, "lon": 42.134},  # so the maps draw hostile names too
            **text,
        },
    )
    _write(
        project,
        "sources",
        {"id": "voa", "name": "V" + PAYLOAD, "kind": "news-outlet", "reliability": "B", "url": URL, **text},
    )
    _write(
        project,
        "incidents",
        {
            "id": "derik-standoff",
            "title": "S" + PAYLOAD,
            "date": "2020-06-04",
            "event_type": "strategic-developments",
            "place": "derik",
            "participants": [
                {"actor": "turkey", "role": "observing", "note": PAYLOAD},
                {"role": "attacker", "note": EMOJI},
            ],
            "summary": PAYLOAD + "\n\n" + "word " * 400,
            "citations": [
                {"source": "voa", "url": URL, "title": PAYLOAD, "quote": PAYLOAD + "\n" + RTL, "credibility": 3}
            ],
            "tags": ["standoff"],
        },
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


PAGES = [
    "",
    "map/",
    "explorer/",
    "network/",
    "incidents/derik-standoff/",
    "actors/turkey/",
    "actors/russia/",
    "actors/",
    "places/derik/",
    "places/",
    "sources/voa/",
    "sources/",
    "timeline/2020/",
    "tags/",
]


@pytest.fixture
def visit(browser: Any, hostile_site: Path) -> Iterator[Any]:
    with serve_folder(hostile_site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        seen: dict[str, list[str]] = {"dialogs": [], "requests": [], "errors": []}
        page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: seen["requests"].append(request.url))
        page.on("pageerror", lambda error: seen["errors"].append(str(error)))
        page.base_url, page.seen = url, seen  # type: ignore[attr-defined]
        yield page
        context.close()


def test_no_script_from_data_runs_and_nothing_loads_from_elsewhere(visit: Any) -> None:
    for path in PAGES:
        visit.goto(visit.base_url + path)
        visit.wait_for_load_state("networkidle")
        assert visit.evaluate("window.__pwned") is None, path
        # The map and explorer load their own scripts; no other script may appear in a page.
        assert visit.locator("article script:not([src], .briefing-map__data)").count() == 0, path
        assert visit.locator("article iframe").count() == 0, path
        hrefs = visit.locator("article a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h and h.strip().lower().startswith(("javascript:", "data:"))], path
    host = urlparse(visit.base_url).netloc
    assert visit.seen["dialogs"] == []
    assert [
        u for u in visit.seen["requests"] if urlparse(u).scheme.startswith("http") and urlparse(u).netloc != host
    ] == []


def test_search_results_show_hostile_text_as_text(visit: Any) -> None:
    visit.goto(visit.base_url)
    visit.locator(".md-search__input").click()
    visit.keyboard.type("word")  # the hostile incident's summary; its title is all payload
    visit.locator(".md-search-result__item").first.wait_for(timeout=15000)
    visit.wait_for_timeout(500)
    assert visit.seen["dialogs"] == []
    assert visit.evaluate("window.__pwned") is None


def test_hostile_text_reads_as_written(visit: Any) -> None:
    visit.goto(visit.base_url + "actors/turkey/")
    heading = visit.locator("h1").inner_text()
    assert heading == "T" + PAYLOAD.strip()
    assert visit.title().startswith("T<script>window.__pwned=1;alert(1)</script>")
    row = visit.locator("article table").first.locator("tr", has_text="opposes").locator("td").all_inner_texts()
    assert row == ["opposes", "Russia", "not stated", "no source given", PAYLOAD.strip()]  # the note stays in one cell


def test_long_rtl_and_emoji_text_keep_the_layout(visit: Any) -> None:
    for path in ("places/derik/", "incidents/derik-standoff/", "places/"):
        visit.goto(visit.base_url + path)
        overflow = visit.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        wide = visit.evaluate(
            "[...document.querySelectorAll('.md-typeset__scrollwrap')].filter(e => e.scrollWidth > e.clientWidth).length"
        )
        assert wide == 0, f"{path} has a table wider than the page"
    visit.goto(visit.base_url + "places/derik/")
    assert RTL in visit.locator("article").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    visit.screenshot(path=str(ARTIFACTS / "hostile-place.png"), full_page=True)
