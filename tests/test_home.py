"""The home page and the credits: the site's name and description, its numbers, and the credit a
dataset's licence asks for on every page."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import mkdocs_build, page_text

UCDP_LIKE = """\
id: ucdp-ged
name: UCDP Georeferenced Event Dataset (GED)
kind: dataset
reliability: B
description: >-
  Event data of the Uppsala Conflict Data Program, published under CC BY 4.0. Cite: Sundberg and Melander (2013).
"""


def test_home_page_says_what_the_site_is_and_counts_it(example_site: Path) -> None:
    html = (example_site / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert heading is not None and heading.group(1).startswith("Russian and Turkish patrols in Syria, 2019–2020")
    text = page_text(example_site, "")
    assert "Example briefing site built from structured incident records." in text
    assert re.search(r"11 incidents from October 2019 \(approximate\) to 4 June 2020, with 0 reported fatalities", text)
    assert 'class="bp-figure bp-tempo"' in html
    assert "Latest incidents" in text


def test_a_dataset_with_a_cc_by_licence_is_credited_on_every_page(project: Path) -> None:
    (project / "seeds" / "sources" / "ucdp-ged.yaml").write_text(UCDP_LIKE, encoding="utf-8")
    incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
    text = incident.read_text(encoding="utf-8")
    incident.write_text(
        text.replace("  - source: voa\n", "  - source: ucdp-ged\n  - source: voa\n", 1), encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    pages = [site / "index.html", site / "incidents" / "derik-standoff" / "index.html", site / "map" / "index.html"]
    for page in pages:
        footer = (page).read_text(encoding="utf-8").split('<footer class="md-footer">')[1]
        assert "Data: UCDP Georeferenced Event Dataset (GED) (CC BY 4.0)." in footer, page
        assert "Natural Earth (public domain)" in footer
    credits = page_text(site, "").split("Credits", 1)[1].replace(" ,", ",")
    assert "UCDP Georeferenced Event Dataset (GED), licence CC BY 4.0: Event data of the Uppsala" in credits
