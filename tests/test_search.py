"""Search: Pagefind behind the theme's search box, indexing what a reader searches for.

The documents (generator/render/search.py) are checked as data, the index as the built site
holds it, and the search box in Chromium: typed queries, keyboard, hostile text, offline, and
what a first query downloads.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

from conftest import (
    ARTIFACTS,
    BASE_FIXTURE,
    copy_project,
    mkdocs_build,
    quiet_env,
    search_index,
    serve_folder,
    snapshot,
)
from generator.emit.pagefind import SearchBundle, SearchIndexError, prune, shard_count, shard_of
from generator.pipeline import generate
from generator.render.search import SearchDocument, plain, search_documents
from generator.settings import make_settings

# --- the documents ------------------------------------------------------------------------------


def _documents(project: Path) -> dict[str, SearchDocument]:
    result = generate(make_settings(project))
    assert result.ok and result.index is not None
    return {document.uri: document for document in search_documents(result.index)}


def test_an_incident_is_found_by_title_date_place_type_actors_and_summary(example_project: Path) -> None:
    document = _documents(example_project)["incidents/derik-standoff-2020-06-04.md"]
    assert document.title == "US and Russian soldiers square off near Derik"
    facts = " / ".join(document.lines)
    assert facts.startswith("Incident, 4 June 2020, Derik, ")  # then the places around Derik
    assert "Syria" in facts and "Strategic developments" in facts
    assert "United States" in facts and "Russia" in facts
    assert "civilian cars" in document.text


def test_a_place_and_an_actor_are_found_by_their_aliases(example_project: Path) -> None:
    documents = _documents(example_project)
    assert "al-Malikiyah" in documents["places/derik.md"].lines[0]
    assert any(
        "ISIS" in line or "Daesh" in line
        for doc in documents.values()
        for line in doc.lines
        if doc.uri.startswith("actors/")
    )


def test_documents_leave_out_links_tables_and_the_map(example_project: Path) -> None:
    for document in _documents(example_project).values():
        page = document.html("en")
        assert "](" not in page and "|" not in page, document.uri
        assert "map needs JavaScript" not in page and "<script" not in page, document.uri


def test_document_html_escapes_every_value() -> None:
    document = SearchDocument("incidents/x.md", "<script>alert(1)</script>", ("a & b",), "<img src=x onerror=alert(2)>")
    page = document.html('en"><script>')
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "a &amp; b" in page
    assert 'lang="en&quot;&gt;&lt;script&gt;"' in page


def test_markdown_becomes_plain_text() -> None:
    assert plain("Seen *near* [Derik](https://example.org/d) by `US` forces\n\n# Later") == (
        "Seen near Derik by US forces Later"
    )


# --- the index files ----------------------------------------------------------------------------


def _page(title: str, words: str) -> bytes:
    return f'<html lang="en"><body><h1>{title}</h1><p>{words}</p></body></html>'.encode()


def test_an_index_updated_in_place_equals_one_built_afresh(tmp_path: Path) -> None:
    documents = {f"incidents/i-{i}/": _page(f"Incident {i}", f"convoy shelling number{i}") for i in range(30)}
    bundle = SearchBundle()
    try:
        bundle.update(documents)
        bundle.build(tmp_path / "kept")
        changed = dict(documents)
        changed["incidents/i-3/"] = _page("Renamed incident", "drone strike")
        del changed["incidents/i-4/"]
        changed["incidents/i-99/"] = _page("New incident", "protest")
        assert bundle.update(changed) == 3
        bundle.build(tmp_path / "kept")
    finally:
        bundle.close()
    _fresh_build(SearchBundle(), changed, tmp_path / "fresh")
    assert snapshot(tmp_path / "kept" / "pagefind") == snapshot(tmp_path / "fresh" / "pagefind")
    urls = {page["url"] for page in search_index(tmp_path / "kept")}
    assert "/incidents/i-4/" not in urls and "/incidents/i-99/" in urls and len(urls) == 30


def _fresh_build(bundle: SearchBundle, documents: dict[str, bytes], site: Path) -> None:
    """Index ``documents`` into ``site`` with a bundle that has indexed nothing before."""
    try:
        bundle.update(documents)
        bundle.build(site)
    finally:
        bundle.close()


def test_pagefind_runs_again_only_when_a_document_or_the_index_changed(tmp_path: Path) -> None:
    """The preview starts Pagefind on a thread and makes its exports meanwhile; a save that changed
    no search document leaves the index alone, unless the index is not the one last made."""
    documents = {f"incidents/i-{i}/": _page(f"Incident {i}", f"convoy shelling number{i}") for i in range(30)}
    index = tmp_path / "site" / "pagefind"
    bundle = SearchBundle()
    try:
        bundle.update(documents)
        bundle.start(tmp_path / "site")
        assert bundle.wait() == index
        made = snapshot(index)
        entry = index / "pagefind-entry.json"
        stamp = entry.stat().st_mtime_ns
        assert bundle.update(dict(documents)) == 0
        bundle.build(tmp_path / "site")
        assert entry.stat().st_mtime_ns == stamp, "Pagefind ran again for the same documents"
        shutil.rmtree(index)  # as a full rebuild cleans the site
        assert bundle.update(dict(documents)) == 0
        bundle.build(tmp_path / "site")
        assert snapshot(index) == made
        changed = {**documents, "incidents/i-3/": _page("Renamed incident", "drone strike")}
        bundle.update(changed)
        bundle.build(tmp_path / "site")
        renamed = [
            page["url"] for page in search_index(tmp_path / "site") if page["meta"]["title"] == "Renamed incident"
        ]
        assert renamed == ["/incidents/i-3/"]
        with pytest.raises(SearchIndexError, match="no search index is being built"):
            bundle.wait()
    finally:
        bundle.close()


def test_pages_are_split_into_shards_that_a_rebuild_keeps_equal_to_a_fresh_build(tmp_path: Path) -> None:
    assert [shard_count(n, 8) for n in (0, 8, 9, 16, 17, 33)] == [1, 1, 2, 2, 4, 8]
    documents = {f"incidents/i-{i}/": _page(f"Incident {i}", f"convoy shelling number{i}") for i in range(30)}
    bundle = SearchBundle(shard_pages=8)
    try:
        bundle.update(documents)
        index = bundle.build(tmp_path / "kept")
        assert json.loads((index / "shards.json").read_text(encoding="utf-8")) == {
            "shards": ["shard-1", "shard-2", "shard-3"]
        }
        # Merged shards carry only their index: the program and its WebAssembly come from the first.
        assert (index / "pagefind.js").is_file() and not (index / "shard-1" / "pagefind.js").exists()
        assert not list((index / "shard-1").glob("wasm.*"))
        by_shard = {shard: {u for u in documents if shard_of(u, 4) == shard} for shard in range(4)}
        for shard, urls in by_shard.items():
            folder = index / ("" if shard == 0 else f"shard-{shard}")
            held = {page["url"].strip("/") + "/" for page in search_index_of(folder)}
            assert held == urls, shard
        changed = dict(documents)
        changed["incidents/i-3/"] = _page("Renamed incident", "drone strike")
        del changed["incidents/i-4/"]
        assert bundle.update(changed) == 2
        untouched = sorted(set(range(4)) - {shard_of("incidents/i-3/", 4), shard_of("incidents/i-4/", 4)})
        assert untouched
        entries = [index / ("" if shard == 0 else f"shard-{shard}") / "pagefind-entry.json" for shard in untouched]
        stamps = [entry.stat().st_mtime_ns for entry in entries]
        bundle.build(tmp_path / "kept")
        assert [entry.stat().st_mtime_ns for entry in entries] == stamps, "Pagefind ran for a shard that did not change"
        # Shrinking to one shard removes the others; growing again splits anew.
        few = {url: data for url, data in list(changed.items())[:5]}
        bundle.update(few)
        bundle.build(tmp_path / "few")
        assert not list((tmp_path / "few" / "pagefind").glob("shard-*"))
        assert json.loads((tmp_path / "few" / "pagefind" / "shards.json").read_text()) == {"shards": []}
        bundle.update(changed)
        bundle.build(tmp_path / "few")
    finally:
        bundle.close()
    _fresh_build(SearchBundle(shard_pages=8), changed, tmp_path / "fresh")
    assert snapshot(tmp_path / "kept" / "pagefind") == snapshot(tmp_path / "fresh" / "pagefind")
    assert snapshot(tmp_path / "few" / "pagefind") == snapshot(tmp_path / "fresh" / "pagefind")
    urls = {page["url"] for page in search_index(tmp_path / "kept")}
    assert "/incidents/i-4/" not in urls and "/incidents/i-3/" in urls and len(urls) == 29


def search_index_of(folder: Path) -> list[dict[str, Any]]:
    """The pages one shard's own fragments hold (not those of shards nested below it)."""
    pages = []
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        pages.append(json.loads(data[data.index(b"{") :]))
    return pages


def test_prune_leaves_an_index_it_cannot_read_alone(tmp_path: Path) -> None:
    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "en_0123456.pf_fragment").write_bytes(b"x")
    assert prune(tmp_path) == []
    (tmp_path / "pagefind-entry.json").write_text('{"languages": {"en": {"hash": "en_0a"}}}', encoding="utf-8")
    (tmp_path / "pagefind.en_0a.pf_meta").write_bytes(b"not gzip")
    assert prune(tmp_path) == []
    assert (tmp_path / "fragment" / "en_0123456.pf_fragment").exists()


# --- the built site -----------------------------------------------------------------------------


def test_every_record_page_and_briefing_is_indexed_once_and_list_pages_are_not(example_site: Path) -> None:
    urls = [page["url"] for page in search_index(example_site)]
    assert len(urls) == len(set(urls))
    for folder in ("incidents", "actors", "places", "sources"):
        built = {f"/{folder}/{p.parent.name}/" for p in (example_site / folder).glob("*/index.html")}
        assert built and built <= set(urls), folder
    assert "/briefings/russian-patrols-syria-2020/" in urls
    for listing in ("/", "/timeline/", "/timeline/2020/", "/actors/", "/places/", "/sources/", "/tags/", "/explorer/"):
        assert listing not in urls, listing
    for page in search_index(example_site):
        assert "needs JavaScript" not in page["content"], page["url"]
        assert "¶" not in page["content"], page["url"]


def test_the_theme_index_stays_empty_and_every_page_names_the_pagefind_worker(example_site: Path) -> None:
    theme_index = (example_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"docs":[]' in theme_index.replace(" ", "")
    pages = sorted(example_site.rglob("*.html"))
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "__config" in html:
            assert re.search(r'"search":\s*"[^"]*assets/briefing/search-worker\.js"', html), path
            assert "assets/briefing/search.js" in html, path
    assert (example_site / "pagefind" / "pagefind.js").is_file()


def test_a_page_that_excludes_itself_stays_out_of_search(project: Path) -> None:
    (project / "docs" / "private.md").write_text(
        "---\nsearch:\n  exclude: true\n---\n\n# Internal notes\n\nzanzibarword\n", encoding="utf-8"
    )
    (project / "docs" / "public.md").write_text("# Public notes\n\nquokkaword\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    contents = " ".join(page["content"] for page in search_index(project / "site"))
    assert "quokkaword" in contents and "zanzibarword" not in contents


def test_without_the_theme_search_there_is_no_index(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"\n\s*- search\n", "\n", config.read_text(encoding="utf-8")), encoding="utf-8")
    assert "- search" not in config.read_text(encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "pagefind").exists()
    assert "search-worker.js" not in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_missing_pagefind_stops_the_build_with_a_hint(project: Path, tmp_path: Path) -> None:
    # An installation without the Pagefind program: its package cannot be imported and no
    # 'pagefind' is on the PATH.
    shadow = tmp_path / "shadow" / "pagefind_bin"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    env = {
        **quiet_env(),
        "PYTHONPATH": os.pathsep.join([str(shadow.parent), os.environ.get("PYTHONPATH", "")]),
        "PATH": str(Path(sys.executable).parent),
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True, env=env
    )
    assert result.returncode == 1
    assert "the search index needs Pagefind, which is not installed" in result.stderr
    assert "hint: pip install pagefind-bin" in result.stderr


# --- in the browser -----------------------------------------------------------------------------


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _search(tab: Any, query: str) -> list[str]:
    tab.locator(".md-search__input").click()
    tab.keyboard.type(query)
    tab.locator(".md-search-result__item").first.wait_for(timeout=15000)
    return [
        urlparse(h).path for h in tab.locator(".md-search-result__item > a").evaluate_all("e => e.map(a => a.href)")
    ]


def test_keyboard_only_search_opens_the_first_result(tab: Any, example_site: Path) -> None:
    with serve_folder(example_site) as url:
        tab.goto(url + "timeline/")
        tab.keyboard.press("/")  # the theme's shortcut focuses the search box
        tab.keyboard.type("Daesh")
        tab.locator(".md-search-result__item").first.wait_for(timeout=15000)
        dialog = tab.locator(".md-search[role=dialog]")
        assert dialog.get_attribute("aria-label") == "Search"
        assert tab.locator(".md-search-result__list").get_attribute("role") == "list"
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "search-daesh-keyboard.png"))
        tab.keyboard.press("ArrowDown")
        focused = tab.evaluate("document.activeElement.getAttribute('href')")
        assert focused and "actors/" in focused
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/actors/**")
        assert "Islamic State" in tab.locator("h1").inner_text()
        host = urlparse(url).netloc
        assert [r for r in tab.requests if urlparse(r).netloc not in (host, "")] == []
        assert tab.errors == []


def test_a_briefing_is_found_by_its_text(tab: Any, example_site: Path) -> None:
    with serve_folder(example_site) as url:
        tab.goto(url)
        found = _search(tab, "pandemic Washington")  # words of the briefing's text, not of its title
        assert found == ["/briefings/russian-patrols-syria-2020/"], found


def test_hostile_text_in_results_stays_text(tab: Any, tmp_path: Path) -> None:
    project = copy_project(BASE_FIXTURE, tmp_path / "project")
    incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
    payload = '<img src=x onerror="window.__pwned=1">'
    record = yaml.safe_load(incident.read_text(encoding="utf-8"))
    record.update(title=f"Standoff {payload}", summary=f"marmotword {payload} marmotword")
    incident.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serve_folder(project / "site") as url:
        tab.goto(url)
        _search(tab, "marmotword")
        tab.wait_for_timeout(500)
        shown = tab.locator(".md-search-result__item").first.inner_text()
        assert shown.count(payload) == 2, shown  # in the title and in the excerpt, as text
        assert tab.evaluate("window.__pwned") is None
        assert tab.locator(".md-search-result img").count() == 0


def test_a_first_query_on_1000_incidents_downloads_little_and_counts_every_match(
    tab: Any, synthetic_1000_site: Path
) -> None:
    sizes: dict[str, int] = {}

    def measured(response: Any) -> None:
        body = response.body() if response.ok else b""
        sizes[response.url] = len(body)

    tab.on("response", measured)
    with serve_folder(synthetic_1000_site) as url:
        tab.goto(url + "places/")
        tab.wait_for_load_state("networkidle")
        sizes.clear()
        found = _search(tab, "syria")
        tab.wait_for_function(
            "document.querySelector('.md-search-result__meta').textContent.includes('shown')", timeout=10000
        )
        meta = tab.locator(".md-search-result__meta").inner_text()
        count = int(meta.split(" ")[0].replace(",", ""))
        # Every incident page holds the word; the index is in two shards, merged in the browser.
        assert json.loads((synthetic_1000_site / "pagefind" / "shards.json").read_text()) == {"shards": ["shard-1"]}
        assert count >= 1000 and meta.endswith("(10 shown)"), meta
        assert len(found) == 10
        fragments = [u for u in sizes if "/fragment/" in u]
        assert len(fragments) == 10, fragments  # a fragment only for each result shown
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "search-1000-syria.png"))
    fetched = sum(sizes.values())
    assert fetched < 1_000_000, sizes
    assert any("/pagefind/" in u for u in sizes)
