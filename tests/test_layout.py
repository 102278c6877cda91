"""What a reader sees at 1280 px and on a 390 px phone: nothing cut off without a cue, no clipped label.

Each page of the built example (and the explorer of a 5,000-incident site) is opened in headless
Chromium at both widths, screenshotted to ``test-artifacts/screens/`` for a person to look at,
and measured in the page: the page never scrolls sideways; a box whose content is wider than
it either scrolls (a picture then shows its "scroll sideways" cue; a table scrolls as a whole)
or is a fault; text in buttons, labels and cells does not spill out of its box; every label of
an SVG picture lies inside the picture's viewBox, and the network's names do not overlap.
"""

from __future__ import annotations

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
    "network": "network/",
}
WIDTHS = (1280, 390)

MEASURE = """() => {
  const problems = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) problems.push('the page scrolls sideways by ' + (doc.scrollWidth - doc.clientWidth) + 'px');
  const content = document.querySelector('.md-content');
  const TEXT = new Set(['label', 'button', 'th', 'td', 'caption', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'p', 'li', 'a', 'summary', 'dt', 'dd']);
  let scrollers = 0;
  // inside a visually hidden box (a table header kept for screen readers, say)
  const hiddenInside = el => {
    for (let up = el.parentElement; up && up !== content; up = up.parentElement) {
      const r = up.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return true;
    }
    return false;
  };
  for (const el of content.querySelectorAll('*')) {
    // SVG is measured below; a Leaflet map clips its panes by design (the map's own tests look at it)
    if (el.closest('svg') || el.closest('.leaflet-container')) continue;
    if (hiddenInside(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    const over = el.scrollWidth - el.clientWidth;
    // visually hidden text for screen readers is clipped on purpose
    if (el.clientWidth <= 1 || el.clientHeight <= 1 || over <= 1) continue;
    if (style.overflowX === 'auto' || style.overflowX === 'scroll') {
      scrollers++;
      const figure = el.closest('figure');
      if (figure && el.querySelector('svg')) {
        const cue = figure.querySelector('.bp-scroll-cue');
        if (!cue || getComputedStyle(cue).display === 'none') problems.push('picture cut off without a scroll cue: ' + name(el));
      }
    } else if (style.overflowX === 'hidden' || style.overflowX === 'clip') {
      problems.push('clipped by ' + over + 'px: ' + name(el));
    } else if (TEXT.has(el.tagName.toLowerCase())) {
      problems.push('text spills ' + over + 'px out of ' + name(el));
    }
  }
  let labels = 0;
  for (const svg of content.querySelectorAll('svg[viewBox]')) {
    const box = svg.viewBox.baseVal;
    if (!box || !box.width) continue;
    const texts = [...svg.querySelectorAll('text')];
    const boxes = [];
    for (const text of texts) {
      labels++;
      const b = text.getBBox();
      boxes.push(b);
      if (b.x < box.x - 0.5 || b.y < box.y - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y + b.height > box.y + box.height + 0.5) {
        problems.push('SVG label outside its picture: "' + text.textContent + '"');
      }
    }
    if (svg.closest('.bp-network')) {
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
          problems.push('network labels overlap: "' + texts[i].textContent + '" and "' + texts[j].textContent + '"');
        }
      }
    }
  }
  return {problems, labels, scrollers};
}"""


def _look(browser: Any, url: str, name: str, width: int, *, ready: str = "") -> dict[str, Any]:
    """Open ``url`` at ``width``, screenshot it as ``screens/<name>-<width>.png`` and measure it."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, is_mobile=width < 600, has_touch=width < 600
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if ready:
            page.locator(ready).wait_for(timeout=30000)
        folder = ARTIFACTS / "screens"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        found: dict[str, Any] = page.evaluate(MEASURE)
    finally:
        context.close()
    found["errors"] = errors
    return found


@pytest.fixture(scope="module")
def site_url(example_site: Path) -> Iterator[str]:
    with serve_folder(example_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_nothing_is_cut_off_or_clipped(browser: Any, site_url: str, name: str, width: int) -> None:
    ready = ".briefing-explorer[data-state=ready]" if name == "explorer" else ""
    found = _look(browser, site_url + PAGES[name], name, width, ready=ready)
    assert found["problems"] == [], "\n".join(found["problems"])
    assert found["errors"] == []
    if name in ("home", "actor", "network"):
        assert found["labels"] > 0  # the pictures were there to measure


@pytest.mark.browser
def test_a_phone_is_told_that_the_network_scrolls_and_its_names_are_body_size(browser: Any, site_url: str) -> None:
    for width, scrolls in ((390, True), (1280, False)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            page.goto(site_url + "network/")
            figure = page.locator("figure.bp-network")
            assert figure.locator(".bp-scroll-cue").is_visible() == scrolls
            frame = figure.locator(".bp-scroll")
            assert frame.evaluate("el => el.scrollWidth > el.clientWidth") == scrolls
            body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
            label = figure.locator("text.bp-label").first.evaluate("el => el.getBoundingClientRect().height")
            # a label's box is its line height: at least the body text's size on screen
            assert label >= body, (width, label, body)
        finally:
            context.close()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_the_explorer_of_5000_incidents_is_not_cut_off(browser: Any, synthetic_5000_site: Path, width: int) -> None:
    with serve_folder(synthetic_5000_site) as url:
        found = _look(browser, url + "explorer/", "explorer-5000", width, ready=".briefing-explorer[data-state=ready]")
    assert found["problems"] == [] and found["errors"] == []
