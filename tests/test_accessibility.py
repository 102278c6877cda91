"""axe-core, injected into the built example's pages in Chromium: no serious or critical violation.

axe-core's browser script comes from the ``axe-playwright-python`` package (a test
dependency), which ships it; the full results go to ``test-artifacts/axe-*.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ARTIFACTS, serve_folder

PAGES = {
    "home": "",
    "incident": "incidents/derik-standoff-2020-06-04/",
    "actor": "actors/russia/",
    "place": "places/derik/",
    "explorer": "explorer/",
    "map": "map/",
    "timeline": "timeline/",
    "network": "network/",
}


def _axe_script() -> Path:
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


@pytest.fixture(scope="module")
def site_url(example_site: Path) -> Iterator[str]:
    with serve_folder(example_site) as url:
        yield url


def _serious(browser: Any, url: str, name: str, scheme: str, *, width: int = 1280, toggle: bool = False) -> list[str]:
    """axe-core's serious and critical violations on ``url`` in the light or dark palette.

    ``toggle``: the site has no palette switch (the synthetic project), so the page is put in
    the scheme as Material's toggle would, by the body's ``data-md-color-scheme``.
    """
    context = browser.new_context(
        color_scheme="dark" if scheme == "slate" else "light", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if page.locator(".briefing-explorer").count():
            page.locator(".briefing-explorer[data-state=ready]").wait_for(timeout=30000)
        if toggle:
            page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        page.add_script_tag(path=str(_axe_script()))
        results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}-{scheme}.json").write_text(json.dumps(results["violations"], indent=1), encoding="utf-8")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_serious_or_critical_violations(browser: Any, site_url: str, name: str, scheme: str) -> None:
    assert _serious(browser, site_url + PAGES[name], name, scheme) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_or_critical_violations_on_a_phone(browser: Any, site_url: str, scheme: str) -> None:
    """The explorer's rows become cards and the pictures scroll on a phone: still accessible."""
    for name in ("explorer", "network", "home"):
        assert _serious(browser, site_url + PAGES[name], f"{name}-phone", scheme, width=390) == [], name


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_explorer_of_5000_incidents_has_no_serious_or_critical_violations(
    browser: Any, synthetic_5000_site: Path, scheme: str
) -> None:
    with serve_folder(synthetic_5000_site) as url:
        assert _serious(browser, url + "explorer/", "explorer-5000", scheme, toggle=True) == []
