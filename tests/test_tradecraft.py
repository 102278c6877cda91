"""Tradecraft on every page: according to whom, how sure, and how far each line is established.

The reporting chain counted by independent origin and a single-source marker (page, lists,
explorer, CSV); claims per citation side by side with their grades; an incident's status; grades
read at a glance; unknowns shown as unknown; relations with their source and dates. Pages are
checked in the Markdown the pipeline makes, and once in a real strict build driven in Chromium.
The warnings' exact messages are golden cases in ``tests/cases/``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import ARTIFACTS, BASE_FIXTURE, copy_project, mkdocs_build, page_text, serve_folder
from generator.model.records import DeathCount
from generator.pipeline import Result, generate
from generator.render.wording import and_list, deaths
from generator.settings import make_settings

SOURCES = {
    "sohr": "id: sohr\nname: Syrian Observatory for Human Rights\nkind: ngo\nreliability: B\n",
    "sana": "id: sana\nname: SANA\nkind: news-agency\nreliability: D\n",
    "mod": "id: mod\nname: Ministry of Defence\nkind: government\nreliability: E\n",
}

CONFLICT = """\
id: ariha-strike
title: Air strike on Ariha market
date: 2020-02-12
event_type: explosions-remote-violence
sub_type: air-drone-strike
place: derik
participants:
  - role: attacker
  - actor: turkey
    role: targeted
fatalities: {low: 3, best: 8, high: 12, note: "the analyst's reading of SOHR's and SANA's counts"}
citations:
  - source: sohr
    credibility: 2
    fatalities: 12
    perpetrator: russia
  - source: sana
    via: voa
    origin: mod
    credibility: 4
    fatalities: {low: 2, best: 3, high: 3}
    date: 2020-02-11
"""
"""An incident whose two citations disagree on the dead, the day and who struck; SANA's report
relays the ministry and was read through VOA."""


def _write(project: Path, relative: str, text: str) -> None:
    path = project / "seeds" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _tradecraft_project(root: Path) -> Path:
    """The base fixture plus sources, a conflicting incident and a second, independent citation."""
    project = copy_project(BASE_FIXTURE, root / "project")
    for name, text in SOURCES.items():
        _write(project, f"sources/{name}.yaml", text)
    _write(project, "incidents/ariha-strike.yaml", CONFLICT)
    standoff = project / "seeds" / "incidents" / "derik-standoff.yaml"
    text = standoff.read_text(encoding="utf-8")
    standoff.write_text(
        text.replace("tags:", "  - source: sohr\n    credibility: 2\nstatus: confirmed\ntags:"), "utf-8"
    )
    tension = project / "seeds" / "incidents" / "derik-tension.yaml"
    text = tension.read_text(encoding="utf-8")
    tension.write_text(text.replace("related:", "status: alleged\nstatus_by: turkey\nrelated:"), "utf-8")
    (project / "docs" / "briefings" / "notes.md").write_text(BRIEFING, encoding="utf-8")
    standoff.write_text(
        standoff.read_text(encoding="utf-8")
        + "judgements:\n  - statement: The patrol turned back because of the blocking.\n"
        + "    likelihood: almost certainly\n    confidence: moderate\n    basis: [voa, sohr]\n",
        encoding="utf-8",
    )
    return project


BRIEFING = """\
# Field notes

The patrol near [Derik](../places/derik.md) was [Russian](../actors/russia.md).

!!! judgement "Russia will try again to enter Derik <b>soon</b>."
    likelihood: Very likely
    confidence: moderate
    basis: [the standoff](../incidents/derik-standoff.md#sources), [VOA](https://www.voanews.com/), [bad](javascript:alert(1))

Between the two.

!!! judgement "Turkey takes no part."
    - likelihood: unlikely
    - confidence: high
"""
"""A briefing with two judgements: one with links of every kind in its basis, one written as a list."""


def _generate(project: Path) -> Result:
    result = generate(make_settings(project))
    assert result.ok, [d.format() for d in result.diagnostics]
    return result


def _page(result: Result, uri: str) -> str:
    return next(p.markdown for p in result.pages if p.uri == uri)


def _asset(result: Result, uri: str) -> bytes:
    return next(a.data for a in result.assets if a.uri == uri)


def _grade(code: str, meaning: str) -> str:
    return (
        f'<span class="briefing-grade" data-grade="{code}"><span class="briefing-grade__code">{code}</span> '
        f'<span class="briefing-grade__meaning">{meaning}</span></span>'
    )


SINGLE = '<span class="briefing-badge briefing-badge--single" title="Everything here rests on one independent origin">Single source</span>'


@pytest.fixture
def tradecraft(tmp_path: Path) -> Path:
    return _tradecraft_project(tmp_path)


# --- 1. the reporting chain and the single-source marker -------------------------------------------


def test_independent_origins_are_counted_and_one_origin_is_marked_everywhere(tradecraft: Path) -> None:
    result = _generate(tradecraft)
    assert result.index is not None
    origins = {node.id: [s.id for s in node.origins] for node in result.index.incidents}
    # SANA relays the ministry: SOHR and the ministry are the two independent origins, not SANA or VOA
    assert origins == {"derik-tension": ["voa"], "derik-standoff": ["voa", "sohr"], "ariha-strike": ["sohr", "mod"]}

    tension = _page(result, "incidents/derik-tension.md")
    assert SINGLE in tension
    assert (
        "- **Reporting:** 1 citation from 1 independent origin: [Voice of America](../sources/voa.md) (single source)"
        in tension
    )
    standoff = _page(result, "incidents/derik-standoff.md")
    assert "Single source" not in standoff
    assert '<span class="briefing-badge briefing-badge--sources">2 independent sources</span>' in standoff
    assert "2 citations from 2 independent origins" in standoff
    # in lists: the place's table marks the single-source incident and only it
    rows = [line for line in _page(result, "places/derik.md").splitlines() if line.startswith("| ")]
    marked = [line for line in rows if "Single source" in line]
    assert len(marked) == 1 and "[Tension near Derik](../incidents/derik-tension.md)" in marked[0]

    data = json.loads(_asset(result, "assets/briefing/explorer.json"))
    col = {name: i for i, name in enumerate(data["fields"])}
    by_uri = {row[col["uri"]]: row for row in data["incidents"]}
    assert {uri: row[col["origins"]] for uri, row in by_uri.items()} == {
        "incidents/derik-tension.md": 1,
        "incidents/derik-standoff.md": 2,
        "incidents/ariha-strike.md": 2,
    }

    table = list(csv.DictReader(io.StringIO(_asset(result, "data/incidents.csv").decode("utf-8"))))
    assert {row["id"]: (row["independent_sources"], row["single_source"]) for row in table} == {
        "derik-tension": ("1", "true"),
        "derik-standoff": ("2", "false"),
        "ariha-strike": ("2", "false"),
    }
    features = json.loads(_asset(result, "data/incidents.geojson"))["features"]
    assert {f["id"]: f["properties"]["single_source"] for f in features} == {
        "derik-tension": True,
        "derik-standoff": False,
        "ariha-strike": False,
    }


def test_a_citation_read_via_another_outlet_shows_the_chain(tradecraft: Path) -> None:
    page = _page(_generate(tradecraft), "incidents/ariha-strike.md")
    assert (
        "1. [SANA](../sources/sana.md) "
        + _grade("D4", "not usually reliable source; information doubtful")
        + ", relaying [Ministry of Defence](../sources/mod.md), read via [Voice of America](../sources/voa.md)"
        " (reliability B — Usually reliable)"
    ) in page


# --- 2. claims per citation --------------------------------------------------------------------


def test_two_conflicting_citations_show_both_claims_with_their_grades(tradecraft: Path) -> None:
    page = _page(_generate(tradecraft), "incidents/ariha-strike.md")
    sohr = _grade("B2", "usually reliable source; information probably true")
    sana = _grade("D4", "not usually reliable source; information doubtful")
    assert "## What the sources claim" in page
    assert (
        "The sources disagree on fatalities, date and perpetrator. Each claim is shown with its source's grade; "
        "the record's own values are the analyst's reading of them."
    ) in page
    assert (
        '<thead><tr><th scope="col">Source and grade</th><th scope="col">Fatalities</th><th scope="col">Date</th>'
        '<th scope="col">Perpetrator</th></tr></thead>'
    ) in page
    assert (
        f'<tr><th scope="row"><a href="../../sources/sohr/">Syrian Observatory for Human Rights</a> {sohr}</th>'
        '<td data-label="Fatalities">12</td><td data-label="Date">—</td>'
        '<td data-label="Perpetrator"><a href="../../actors/russia/">Russia</a></td></tr>'
    ) in page
    assert (
        '<tr><th scope="row"><a href="../../sources/sana/">SANA</a>, read via <a href="../../sources/voa/">Voice of '
        f'America</a> {sana}</th><td data-label="Fatalities">3 (low estimate 2)</td>'
        '<td data-label="Date">11 February 2020</td><td data-label="Perpetrator">—</td></tr>'
    ) in page
    assert (
        '<tr class="briefing-claims__reading"><th scope="row">This record (the analyst\'s reading)</th>'
        '<td data-label="Fatalities">8 (range 3–12)</td><td data-label="Date">12 February 2020</td>'
        '<td data-label="Perpetrator">unidentified</td></tr>'
    ) in page
    reading = " — *the analyst's reading; the sources disagree ([see their claims](#what-the-sources-claim))*"
    assert f"- **When:** 12 February 2020{reading}" in page
    assert f"- **Fatalities:** 8 (range 3–12) *(the analyst's reading of SOHR's and SANA's counts)*{reading}" in page
    assert (
        f"- **Where:** [Derik](../places/derik.md), [Syria](../places/syria.md) (37.168° N, 42.134° E){reading}"
        not in page
    )


def test_claims_that_agree_are_listed_without_a_disagreement(tradecraft: Path) -> None:
    incident = tradecraft / "seeds" / "incidents" / "ariha-strike.yaml"
    text = incident.read_text(encoding="utf-8")
    text = text.replace("    fatalities: {low: 2, best: 3, high: 3}\n    date: 2020-02-11\n", "    fatalities: 8\n")
    text = text.replace("    fatalities: 12\n    perpetrator: russia\n", "    fatalities: 8\n")
    incident.write_text(text.replace("{low: 3, best: 8, high: 12, ", "{best: 8, "), encoding="utf-8")
    page = _page(_generate(tradecraft), "incidents/ariha-strike.md")
    assert "What each source states of its own, with its grade." in page
    assert "the analyst's reading; the sources disagree" not in page


# --- 3. status ---------------------------------------------------------------------------------


def test_status_is_shown_beside_the_title_and_exported(tradecraft: Path) -> None:
    result = _generate(tradecraft)
    tension = _page(result, "incidents/derik-tension.md")
    badges = tension.split("# Tension near Derik\n\n", 1)[1].split("\n", 1)[0]
    assert badges.startswith(
        '<span class="briefing-badge briefing-badge--status" data-status="alleged">'
        '<span class="briefing-sr">Status: </span>Alleged by Turkey</span>'
    )
    assert "- **Status:** Alleged by Turkey — Someone says it happened; it is not established." in tension
    standoff = _page(result, "incidents/derik-standoff.md")
    assert 'data-status="confirmed"><span class="briefing-sr">Status: </span>Confirmed</span>' in standoff
    # lists show a status only when it is not the usual "reported"
    rows = _page(result, "places/derik.md")
    assert 'data-status="alleged"' in rows and 'data-status="reported"' not in rows

    data = json.loads(_asset(result, "assets/briefing/explorer.json"))
    col = {name: i for i, name in enumerate(data["fields"])}
    statuses = {row[col["uri"]]: data["statuses"][row[col["status"]]][0] for row in data["incidents"]}
    assert statuses == {
        "incidents/derik-tension.md": "alleged",
        "incidents/derik-standoff.md": "confirmed",
        "incidents/ariha-strike.md": "reported",
    }
    table = list(csv.DictReader(io.StringIO(_asset(result, "data/incidents.csv").decode("utf-8"))))
    assert {row["id"]: row["status"] for row in table} == {
        "derik-tension": "alleged",
        "derik-standoff": "confirmed",
        "ariha-strike": "reported",
    }
    stix = json.loads(_asset(result, "data/stix-bundle.json"))
    incidents = {o["x_briefing_id"]: o for o in stix["objects"] if o["type"] == "incident"}
    assert incidents["derik-tension"]["x_briefing_status"] == "alleged"
    assert incidents["derik-tension"]["x_briefing_independent_sources"] == 1


# --- 5. grades ---------------------------------------------------------------------------------


def test_an_ungraded_source_says_so_and_is_never_shown_as_f(tradecraft: Path) -> None:
    _write(tradecraft, "sources/local-media.yaml", "id: local-media\nname: Local media\nkind: news-outlet\n")
    tension = tradecraft / "seeds" / "incidents" / "derik-tension.yaml"
    text = tension.read_text(encoding="utf-8")
    tension.write_text(text.replace("  - source: voa\n", "  - source: voa\n  - source: local-media\n"), "utf-8")
    result = generate(make_settings(tradecraft))
    assert [d.format() for d in result.diagnostics] == [
        "seeds/sources: warning: 1 source is not yet graded: local-media\n"
        "  hint: give each a 'reliability:' from A (completely reliable) to F (reliability cannot be judged); "
        "until then pages say 'not yet graded'"
    ]
    assert "- **Reliability:** not yet graded" in _page(result, "sources/local-media.md")
    assert "| [Local media](local-media.md) | News outlet | not yet graded | 1 |" in _page(result, "sources/index.md")
    page = _page(result, "incidents/derik-tension.md")
    assert (
        "1. [Local media](../sources/local-media.md) " + _grade("?", "source not yet graded; credibility not graded")
        in page
    )
    table = list(csv.DictReader(io.StringIO(_asset(result, "data/incidents.csv").decode("utf-8"))))
    assert next(row for row in table if row["id"] == "derik-tension")["citation_grades"] == "B; ?"


def test_a_graded_source_page_lists_each_citation_with_its_grade(tradecraft: Path) -> None:
    page = _page(_generate(tradecraft), "sources/sohr.md")
    assert "- **Reliability:** B — Usually reliable" in page
    assert "| When | Incident | Grade |" in page
    assert _grade("B2", "usually reliable source; information probably true") in page


# --- 6. unknowns shown as unknown ---------------------------------------------------------------


def test_death_counts_show_a_range_only_when_it_is_one() -> None:
    assert deaths(DeathCount(best=46, low=46, high=46)) == "46"
    assert deaths(DeathCount(best=46)) == "46"
    assert deaths(DeathCount(low=40, best=46, high=52)) == "46 (range 40–52)"
    assert deaths(DeathCount(low=40, best=46)) == "46 (low estimate 40)"
    assert deaths(DeathCount(best=46, high=1200)) == "46 (high estimate 1,200)"
    assert and_list(["fatalities"]) == "fatalities"
    assert and_list(["fatalities", "date", "place"]) == "fatalities, date and place"


def test_an_incident_without_fatalities_says_not_reported(tradecraft: Path) -> None:
    incident = tradecraft / "seeds" / "incidents" / "derik-standoff.yaml"
    incident.write_text(incident.read_text(encoding="utf-8") + "fatalities: {low: 0, best: 0, high: 0}\n", "utf-8")
    result = _generate(tradecraft)
    assert "- **Fatalities:** not reported\n" in _page(result, "incidents/derik-tension.md")
    assert "- **Fatalities:** 0\n" in _page(result, "incidents/derik-standoff.md")  # a reported zero is a figure


# --- 7. relations carry sources and dates -------------------------------------------------------


def test_a_relation_shows_when_it_held_and_who_reports_it(tradecraft: Path) -> None:
    russia = tradecraft / "seeds" / "actors" / "russia.yaml"
    russia.write_text(
        russia.read_text(encoding="utf-8")
        + "    from: 2019-10\n    until: {on: 2020-06, approximate: true}\n"
        + "    citation:\n      source: sana\n      via: voa\n      credibility: 3\n",
        encoding="utf-8",
    )
    result = _generate(tradecraft)
    grade = _grade("D3", "not usually reliable source; information possibly true")
    assert (
        "| cooperates with | [Turkey](turkey.md) | October 2019 to June 2020 (approximate) | "
        f"[SANA](../sources/sana.md), read via [Voice of America](../sources/voa.md) {grade} | joint patrols |"
    ) in _page(result, "actors/russia.md")
    assert "| cooperates with | [Russia](russia.md) | October 2019 to June 2020 (approximate) |" in _page(
        result, "actors/turkey.md"
    )
    network = _page(result, "network.md")
    assert "| [Russia](actors/russia.md) | cooperates with | [Turkey](actors/turkey.md) | October 2019" in network
    assert (
        "| [Russian forces](actors/russian-forces.md) | is part of | [Russia](actors/russia.md) |  | the actor records |"
        in network
    )


def test_a_relation_without_a_source_says_so(project: Path) -> None:
    page = _page(_generate(project), "actors/russia.md")
    assert "| cooperates with | [Turkey](turkey.md) | not stated | no source given | joint patrols |" in page


# --- in a real strict build, in the browser ------------------------------------------------------


@pytest.fixture(scope="module")
def tradecraft_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _tradecraft_project(tmp_path_factory.mktemp("tradecraft"))
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    return project / "site"


def test_the_built_incident_page_reads_its_grades_and_marker_aloud(tradecraft_site: Path) -> None:
    text = page_text(tradecraft_site, "incidents/derik-tension/")
    assert text.startswith("Tension near Derik Status: Alleged by Turkey Single source When:")
    strike = page_text(tradecraft_site, "incidents/ariha-strike/")
    assert "SANA D4 not usually reliable source; information doubtful , relaying Ministry of Defence" in strike


def test_the_explorer_filters_by_status_and_by_single_source(browser: object, tradecraft_site: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with serve_folder(tradecraft_site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "explorer/?reporting=single")
        page.locator(".briefing-explorer[data-state=ready]").wait_for(timeout=15000)
        assert page.locator(".briefing-explorer__count").inner_text() == "1 of 3 incidents"
        rows = page.locator(".briefing-explorer tbody tr")
        assert rows.locator("td:nth-child(2) a").all_inner_texts() == ["Tension near Derik"]
        assert rows.locator("td:nth-child(6)").all_inner_texts() == ["Alleged Single source"]
        assert page.locator("#briefing-explorer-reporting option[value=single]").inner_text() == "Single source (1)"
        page.locator("#briefing-explorer-reporting").select_option("")
        page.locator("#briefing-explorer-status").select_option("confirmed")
        assert page.locator(".briefing-explorer__count").inner_text() == "1 of 3 incidents"
        assert rows.locator("td:nth-child(2) a").all_inner_texts() == ["Standoff near Derik"]
        page.wait_for_url("**/explorer/?status=confirmed")
        page.locator("#briefing-explorer-status").select_option("")
        page.screenshot(path=str(ARTIFACTS / "tradecraft-explorer.png"), full_page=True)
        assert errors == []
        context.close()


# --- 4. judgements -----------------------------------------------------------------------------


def _box(statement: str, words: str, basis: str = "", anchor: str = "") -> str:
    opening = f'<aside class="briefing-assessment" id="{anchor}"' if anchor else '<aside class="briefing-assessment"'
    return (
        f'{opening} aria-label="Assessment">\n'
        '<p class="briefing-assessment__label">Assessment</p>\n'
        f'<p class="briefing-assessment__statement">{statement}</p>\n'
        f'<p class="briefing-assessment__words">{words}</p>\n'
        + (f'<p class="briefing-assessment__basis">Basis: {basis}</p>\n' if basis else "")
        + "</aside>"
    )


def test_a_briefing_shows_its_judgements_as_boxes_with_the_words_spelled_out(tradecraft: Path) -> None:
    result = _generate(tradecraft)
    page = result.briefings["briefings/notes.md"]
    first = _box(
        "Russia will try again to enter Derik &lt;b&gt;soon&lt;/b&gt;.",
        "Likelihood: very likely (80–95 %). Confidence: moderate.",
        '<a href="../../incidents/derik-standoff/#sources">the standoff</a>, '
        '<a href="https://www.voanews.com/">VOA</a>, bad',
        "judgement-1",
    )
    second = _box("Turkey takes no part.", "Likelihood: unlikely (20–45 %). Confidence: high.", "", "judgement-2")
    # each box stands alone between blank lines, as a raw HTML block must
    assert page == BRIEFING.split("!!!")[0] + "\n" + first + "\n\n\nBetween the two.\n\n\n" + second + "\n\n"
    assert list(result.briefings) == ["briefings/notes.md"]  # a briefing without judgements is built as written


def test_flat_urls_give_the_basis_links_of_flat_pages(tradecraft: Path) -> None:
    result = generate(make_settings(tradecraft, site={"use_directory_urls": False}))
    page = result.briefings["briefings/notes.md"]
    assert '<a href="../incidents/derik-standoff.html#sources">the standoff</a>' in page


def test_the_assessments_page_lists_every_judgement(tradecraft: Path) -> None:
    page = _page(_generate(tradecraft), "assessments.md")
    briefing_part, incident_part = page.split("## On incidents")
    assert "## In briefings\n\n### [Field notes](briefings/notes.md)\n" in briefing_part
    assert (
        _box(
            "Russia will try again to enter Derik &lt;b&gt;soon&lt;/b&gt;.",
            "Likelihood: very likely (80–95 %). Confidence: moderate.",
            '<a href="../incidents/derik-standoff/#sources">the standoff</a>, <a href="https://www.voanews.com/">VOA</a>, bad',
        )
        + "\n\n[In context](briefings/notes.md#judgement-1)"
    ) in briefing_part
    assert "[In context](briefings/notes.md#judgement-2)" in briefing_part
    assert "### [Standoff near Derik](incidents/derik-standoff.md)" in incident_part
    assert (
        _box(
            "The patrol turned back because of the blocking.",
            "Likelihood: almost certainly (95–99 %). Confidence: moderate.",
            '<a href="../sources/voa/">Voice of America</a>, <a href="../sources/sohr/">Syrian Observatory for Human Rights</a>',
        )
    ) in incident_part


def test_an_incident_page_boxes_its_judgement(tradecraft: Path) -> None:
    page = _page(_generate(tradecraft), "incidents/derik-standoff.md")
    assert (
        _box(
            "The patrol turned back because of the blocking.",
            "Likelihood: almost certainly (95–99 %). Confidence: moderate.",
            '<a href="../../sources/voa/">Voice of America</a>, '
            '<a href="../../sources/sohr/">Syrian Observatory for Human Rights</a>',
            "judgement-1",
        )
    ) in page


def test_the_built_briefing_shows_the_boxes_and_its_links_work(tradecraft_site: Path) -> None:
    html = (tradecraft_site / "briefings" / "notes" / "index.html").read_text(encoding="utf-8")
    assert "!!! judgement" not in html
    assert html.count('<aside class="briefing-assessment"') == 2
    assert '<a href="../../incidents/derik-standoff/#sources">the standoff</a>' in html
    assert (tradecraft_site / "incidents" / "derik-standoff" / "index.html").is_file()
    assert "javascript:" not in html
    text = page_text(tradecraft_site, "assessments/")
    assert "Likelihood: very likely (80–95 %). Confidence: moderate." in text


# --- 8. possible duplicates ------------------------------------------------------------------------


def test_the_duplicates_page_lists_open_pairs_and_marked_ones(tradecraft: Path) -> None:
    copy = (tradecraft / "seeds" / "incidents" / "derik-standoff.yaml").read_text(encoding="utf-8")
    _write(
        tradecraft, "incidents/derik-standoff-copy.yaml", copy.replace("id: derik-standoff", "id: derik-standoff-copy")
    )
    tension = tradecraft / "seeds" / "incidents" / "derik-tension.yaml"
    tension.write_text(
        tension.read_text(encoding="utf-8").replace("relation: context-of", "relation: possibly-same-as"), "utf-8"
    )
    result = generate(make_settings(tradecraft))
    assert [d.message for d in result.diagnostics] == [
        "incident 'derik-standoff-copy' may be the same event as 'derik-standoff' "
        "(seeds/incidents/derik-standoff.yaml): same place, actors and date; almost identical title"
    ]
    page = _page(result, "duplicates.md")
    assert (
        "| [Standoff near Derik](incidents/derik-standoff-copy.md), 4 June 2020 | "
        "[Standoff near Derik](incidents/derik-standoff.md), 4 June 2020 | "
        "same place, actors and date; almost identical title |"
    ) in page
    assert (
        "| [Tension near Derik](incidents/derik-tension.md), June 2020 (approximate) | "
        "[Standoff near Derik](incidents/derik-standoff.md), 4 June 2020 |"
    ) in page.split("## Marked as possibly the same event")[1]


def test_the_example_has_no_open_duplicate_and_lists_its_marked_pair() -> None:
    from conftest import REPO

    result = _generate(REPO)
    assert result.index is not None and result.index.duplicates == []
    page = _page(result, "duplicates.md")
    assert "*None: every pair that looks alike has been answered.*" in page
    assert "[Bomb allegedly targets a patrol near Idlib](incidents/idlib-alleged-bomb-on-patrol.md)" in page


# --- what a reader sees: screenshots at 1280 and 390 px ------------------------------------------


@pytest.mark.parametrize(
    ("site", "path", "name"),
    [
        ("tradecraft", "incidents/ariha-strike/", "conflicting-claims"),
        ("tradecraft", "briefings/notes/", "briefing-judgements"),
        ("tradecraft", "assessments/", "assessments"),
        ("example", "briefings/russian-patrols-syria-2020/", "example-briefing"),
        ("example", "assessments/", "example-assessments"),
        ("example", "incidents/qasir-dib-possible-russian-base/", "example-possible-base"),
    ],
)
def test_screenshots(
    browser: object, tradecraft_site: Path, example_site: Path, site: str, path: str, name: str
) -> None:
    folder = tradecraft_site if site == "tradecraft" else example_site
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    with serve_folder(folder) as url:
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            # nothing of the page sticks out sideways on a phone
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), width
            page.screenshot(path=str(ARTIFACTS / f"tradecraft-{name}-{width}.png"), full_page=True)
            assert errors == []
            context.close()
