"""What a reader does with the example site, in headless Chromium: search, follow links.

Screenshots go to ``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from conftest import ARTIFACTS, mkdocs_build, serve_folder


@pytest.fixture
def site_url(example_site: Path) -> Iterator[str]:
    with serve_folder(example_site) as url:
        yield url


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    """A fresh page that records every request it makes."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


def _other_hosts(requests: list[str], site_url: str) -> list[str]:
    host = urlparse(site_url).netloc
    return [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != host]


def test_search_by_alias_finds_the_place(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".md-search__input").click()
    page.keyboard.type("al-Malikiyah")  # typed, as Material's search reacts to key events
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=15000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-al-malikiyah.png"))
    results = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert urlparse(results[0]).path == "/places/derik/", results
    assert _other_hosts(page.requests, site_url) == []


def test_follow_links_incident_to_actor_to_place(page: Any, site_url: str) -> None:
    page.goto(site_url + "incidents/derik-standoff-2020-06-04/")
    assert "US and Russian soldiers square off near Derik" in page.locator("h1").inner_text()
    page.locator("article").get_by_role("link", name="Russia", exact=True).first.click()
    page.wait_for_url("**/actors/russia/")
    assert page.locator("h1").inner_text().startswith("Russia")
    page.locator("article").get_by_role("link", name="Derik", exact=True).first.click()
    page.wait_for_url("**/places/derik/")
    assert page.locator("h1").inner_text().startswith("Derik")
    assert "al-Malikiyah" in page.locator("article").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "place-derik.png"), full_page=True)
    assert _other_hosts(page.requests, site_url) == []


def test_home_and_briefing_make_no_request_to_another_host(page: Any, site_url: str) -> None:
    for path in ("", "briefings/russian-patrols-syria-2020/", "timeline/2020/", "tags/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert page.requests, "the browser recorded no request at all"
    assert _other_hosts(page.requests, site_url) == []


def test_a_repository_link_makes_no_request_to_its_host(browser: Any, project: Path) -> None:
    """With ``repo_url`` (for the edit buttons) the theme shows the repository and would ask its
    host's API for stars, forks and the latest release from every page; the link stays, the
    requests do not happen."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "repo_url: https://github.com/example/briefing\nedit_uri: edit/main/docs/\n",
        encoding="utf-8",
    )
    assert mkdocs_build(project).returncode == 0
    with serve_folder(project / "site") as url:
        context = browser.new_context()
        tab = context.new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.goto(url + "incidents/derik-standoff/")
        tab.wait_for_load_state("networkidle")
        assert tab.locator('a.md-source[href="https://github.com/example/briefing"]').count() == 2  # header, drawer
        assert requests, "the browser recorded no request at all"
        assert _other_hosts(requests, url) == []
        ARTIFACTS.mkdir(exist_ok=True)
        for width in (1280, 390):
            tab.set_viewport_size({"width": width, "height": 800})
            tab.screenshot(path=str(ARTIFACTS / f"repository-link-{width}.png"))
        context.close()
