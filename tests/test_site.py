"""The built site: every page kind exists and every kind of cross-link works, in real HTML.

Two sites are built with a real ``mkdocs build --strict``: the repository's example and the small
base fixture (which has actor parents and children, which the article gives no reason for).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import mkdocs_build, page_links, page_text, search_index


@pytest.fixture(scope="module")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import BASE_FIXTURE, copy_project

    project = copy_project(BASE_FIXTURE, tmp_path_factory.mktemp("base") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_example_builds_strict_without_warnings(example_project: Path) -> None:
    log = (example_project / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log
    assert "briefing: generated" in log


def test_every_page_kind_exists(example_site: Path) -> None:
    for page in (
        "",
        "timeline/",
        "timeline/2019/",
        "timeline/2020/",
        "actors/",
        "places/",
        "sources/",
        "tags/",
        "vocabulary/",
        "briefings/russian-patrols-syria-2020/",
        "incidents/derik-standoff-2020-06-04/",
        "actors/russia/",
        "places/derik/",
        "sources/voa/",
    ):
        assert (example_site / page / "index.html").is_file(), page
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    for folder in ("incidents", "actors", "places", "sources"):
        for record in (seeds / folder).glob("*.yaml"):
            assert (example_site / folder / record.stem / "index.html").is_file(), record


def test_incident_links_to_actors_with_roles_place_sources_and_related(example_site: Path) -> None:
    page = "incidents/derik-standoff-2020-06-04/"
    links = page_links(example_site, page)
    assert ("United States", "actors/united-states/") in links
    assert ("Russia", "actors/russia/") in links
    assert ("Derik", "places/derik/") in links
    assert ("Eastern Syria", "places/eastern-syria/") in links
    assert any(target == "sources/the-article/" for _, target in links)
    assert any(target == "incidents/derik-patrol-tensions-2020-06-02/" for _, target in links)
    text = page_text(example_site, page)
    assert "United States Blocking" in text
    assert "Russia Patrolling" in text
    assert "Follow-up of: Tensions" in text


def test_related_incidents_show_in_both_directions(example_site: Path) -> None:
    earlier = page_text(example_site, "incidents/derik-patrol-tensions-2020-06-02/")
    assert "Followed up by: US and Russian soldiers square off near Derik" in earlier
    bomb = page_links(example_site, "incidents/idlib-alleged-bomb-on-patrol/")
    assert any(target == "incidents/m4-explosion-joint-convoy/" for _, target in bomb)
    explosion = page_links(example_site, "incidents/m4-explosion-joint-convoy/")
    assert any(target == "incidents/idlib-alleged-bomb-on-patrol/" for _, target in explosion)


def test_actor_lists_incidents_with_role_and_relations_both_ways(example_site: Path) -> None:
    russia = page_links(example_site, "actors/russia/")
    assert any(target == "incidents/derik-standoff-2020-06-04/" for _, target in russia)
    text = page_text(example_site, "actors/russia/")
    assert re.search(
        r"US and Russian soldiers square off near Derik Single source Derik Strategic developments Patrolling", text
    )
    assert "backs Syrian regime" in text
    regime = page_text(example_site, "actors/syrian-regime/")
    assert "is backed by Russia" in regime
    assert ("Russia", "actors/russia/") in page_links(example_site, "actors/syrian-regime/")


def test_actor_parent_and_children(base_site: Path) -> None:
    assert ("Russia", "actors/russia/") in page_links(base_site, "actors/russian-forces/")
    assert ("Russian forces", "actors/russian-forces/") in page_links(base_site, "actors/russia/")
    assert "Part of: Russia" in page_text(base_site, "actors/russian-forces/")
    assert "Includes: Russian forces" in page_text(base_site, "actors/russia/")


def test_place_lists_incidents_inside_it_and_its_parent_and_children(example_site: Path) -> None:
    eastern = page_links(example_site, "places/eastern-syria/")
    # Incidents in Derik and Qasir Dib are inside eastern Syria.
    assert any(target == "incidents/derik-standoff-2020-06-04/" for _, target in eastern)
    assert any(target == "incidents/qasir-dib-possible-russian-base/" for _, target in eastern)
    assert ("Derik", "places/derik/") in eastern
    assert ("Syria", "places/syria/") in eastern
    syria = page_links(example_site, "places/syria/")
    assert any(target == "incidents/m4-explosion-joint-convoy/" for _, target in syria)
    assert ("Eastern Syria", "places/eastern-syria/") in syria
    assert ("Syria", "places/syria/") in page_links(example_site, "places/derik/")


def test_source_lists_the_incidents_that_cite_it(example_site: Path) -> None:
    north = page_links(example_site, "sources/north-press/")
    assert any(target == "incidents/m4-explosion-joint-convoy/" for _, target in north)
    voa = page_links(example_site, "sources/voa/")
    assert any(target == "incidents/qasir-dib-possible-russian-base/" for _, target in voa)


def test_briefing_links_to_entities_and_entities_link_back(example_site: Path) -> None:
    briefing = "briefings/russian-patrols-syria-2020/"
    links = page_links(example_site, briefing)
    for target in ("places/derik/", "actors/russia/", "sources/voa/", "incidents/derik-standoff-2020-06-04/"):
        assert any(t == target for _, t in links), target
        assert any(t == briefing for _, t in page_links(example_site, target)), f"no backlink on {target}"
    assert "Mentioned in briefings" in page_text(example_site, "places/derik/")


def test_tags_index_lists_tagged_incidents(example_site: Path) -> None:
    tags = page_links(example_site, "tags/")
    assert any(target == "incidents/derik-standoff-2020-06-04/" for _, target in tags)
    html = (example_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert 'id="tag:standoff"' in html


def test_search_finds_a_place_by_any_alias(example_site: Path) -> None:
    index = search_index(example_site)
    for alias in ("al-Malikiyah", "Dêrik", "المالكية"):
        hits = {page["url"] for page in index if alias in page["content"] or alias in page["meta"]["title"]}
        assert hits == {"/places/derik/"}, alias


def test_list_pages_stay_out_of_the_search_index(example_site: Path) -> None:
    locations = {page["url"] for page in search_index(example_site)}
    assert "/timeline/2020/" not in locations
    assert "/actors/" not in locations
    assert "/incidents/derik-standoff-2020-06-04/" in locations


def test_navigation_holds_index_pages_only(example_site: Path) -> None:
    html = (example_site / "incidents" / "derik-standoff-2020-06-04" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') : html.index('<div class="md-content"')]
    targets = set(re.findall(r'href="([^"#]+)"', nav))
    assert "../../actors/" in targets
    assert not [t for t in targets if re.search(r"/(incidents|actors|places|sources)/[a-z0-9-]+/$", t)]


def test_edit_link_of_a_generated_page_points_at_its_yaml(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "repo_url: https://example.org/team/briefing\nedit_uri: edit/main/docs/\n",
        encoding="utf-8",
    )
    assert mkdocs_build(project).returncode == 0
    html = (project / "site" / "incidents" / "derik-standoff" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/team/briefing/edit/main/seeds/incidents/derik-standoff.yaml"' in html


def test_site_loads_nothing_from_other_hosts(example_site: Path) -> None:
    external = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
    css_import = re.compile(r"""@import\s+url\(\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.IGNORECASE)
    for path in example_site.rglob("*"):
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            for match in external.finditer(html):
                tag_start = html.rfind("<", 0, match.start())
                tag = html[tag_start : match.start()]
                # Ordinary links (<a href>) and canonical/alternate <link>s are navigation, not loads.
                assert tag.startswith("<a ") or 'rel="canonical"' in tag, f"{path}: {tag}"
        elif path.suffix == ".css":
            assert not css_import.search(path.read_text(encoding="utf-8")), path
