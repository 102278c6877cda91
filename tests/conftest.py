"""Shared helpers: small projects in temporary folders, the CLI and MkDocs as subprocesses.

Tests meet the tool the way users do: a project folder with ``mkdocs.yml``, ``seeds/`` and
``docs/``, the ``briefing`` command and a real ``mkdocs build``.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.load.dataset import Dataset, load_dataset
from generator.pipeline import generate
from generator.settings import make_settings

REPO = Path(__file__).resolve().parents[1]
BASE_FIXTURE = REPO / "tests" / "fixtures" / "base"
ARTIFACTS = REPO / "test-artifacts"

IMPORT_TIME = "1767225600"
"""2026-01-01T00:00:00Z: the time every import in the tests records (``SOURCE_DATE_EPOCH``), so that
two imports of the same data write the same import state whatever the clock says."""
os.environ.setdefault("SOURCE_DATE_EPOCH", IMPORT_TIME)


def quiet_env() -> dict[str, str]:
    """The environment for subprocesses, without mkdocs-material's end-of-life banner.

    ``COLUMNS`` fixes the width that help and usage text wrap to, whatever the terminal.
    """
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "100"}


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``briefing ARGS`` in ``project`` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=quiet_env(),
        timeout=300,
    )


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict ARGS`` in ``project``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=quiet_env(),
        timeout=600,
    )


def copy_project(source: Path, target: Path) -> Path:
    """Copy the parts of a project that a build reads (not a previous ``site/``)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "seeds", "templates"):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        elif path.is_file():
            shutil.copy2(path, target / name)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def exports(project: Path) -> dict[str, bytes]:
    """The export files (``data/...``) of a project's data, made in-process, by site path."""
    result = generate(make_settings(project))
    assert result.ok, result.diagnostics
    return {asset.uri: asset.data for asset in result.assets if asset.uri.startswith("data/")}


def records(project: Path) -> Dataset:
    """A project's data folder, loaded; fails the test on any problem in it."""
    dataset = load_dataset(project / "seeds", project)
    assert not dataset.diagnostics, [d.format() for d in dataset.diagnostics]
    return dataset


def grade_sources(project: Path, letter: str = "C") -> list[str]:
    """Grade every source that has no reliability yet, as an analyst does after an import.

    Imported sources start ungraded, which is a warning (so ``--strict`` fails) until graded.
    Returns the ids of the sources graded.
    """
    graded = []
    for file in sorted((project / "seeds" / "sources").glob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        if not re.search(r"^reliability:", text, re.MULTILINE):
            file.write_text(text.rstrip("\n") + f"\nreliability: {letter}\n", encoding="utf-8")
            graded.append(file.stem)
    return graded


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small valid project (tests/fixtures/base) in a temporary folder."""
    return copy_project(BASE_FIXTURE, tmp_path / "project")


@pytest.fixture(scope="session")
def example_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own example project, copied and built once with ``mkdocs build --strict``."""
    target = copy_project(REPO, tmp_path_factory.mktemp("example") / "project")
    result = mkdocs_build(target)
    assert result.returncode == 0, result.stderr
    (target / "build.log").write_text(result.stderr, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def example_site(example_project: Path) -> Iterator[Path]:
    """The built example site folder."""
    yield example_project / "site"


class _Links(HTMLParser):
    """Collects ``(text, href)`` of the links inside a page's article (not the nav or header)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if tag == "a" and self.depth:
            self._href, self._text = dict(attrs).get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def page_links(site: Path, page: str) -> set[tuple[str, str]]:
    """Links in the article of a built page, as ``(text, site-relative target)``.

    Args:
        site: The built site folder.
        page: The page's folder in the site, e.g. ``incidents/derik-standoff/``.
    """
    parser = _Links()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    found = set()
    for text, href in parser.links:
        if href.startswith(("#", "http://", "https://")):
            continue
        target = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
        found.add((text, target.rstrip("/") + "/" if not target.endswith(".txt") else target))
    return found


def search_index(site: Path) -> list[dict[str, Any]]:
    """The pages in a built site's search index, as Pagefind stores them (one fragment per page).

    Each has ``url`` (site-absolute, e.g. ``/places/derik/``), ``meta["title"]`` and
    ``content`` (the indexed text).
    """
    pages = []
    # A large site's index is split into shards (pagefind/ and pagefind/shard-N/), each with fragments.
    for path in sorted((site / "pagefind").glob("**/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        pages.append(json.loads(data[data.index(b"{") :]))
    return pages


def page_text(site: Path, page: str) -> str:
    """The visible text of a built page's article, whitespace collapsed."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    start, end = html.index("<article"), html.index("</article>")
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(html[start:end])).split())


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright; never a downloaded browser.

    Without Chromium the browser tests are skipped with a loud reason, except under CI
    (``CI=true``), where they fail.
    """
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package to run browser tests"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        print(f"\n*** {message} ***", file=sys.stderr)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a built site over HTTP on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()


@pytest.fixture(scope="session")
def synthetic_1000_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,000-incident synthetic project, made and built once with ``mkdocs build --strict``; its site folder."""
    project = tmp_path_factory.mktemp("synthetic") / "synthetic"
    made = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_synthetic.py"), "--incidents", "1000", "--out", str(project)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    return project / "site"


@pytest.fixture(scope="session")
def synthetic_5000_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 5,000-incident synthetic project, made and built once with ``mkdocs build --strict``; its site folder."""
    project = tmp_path_factory.mktemp("synthetic-5000") / "synthetic"
    made = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_synthetic.py"), "--incidents", "5000", "--out", str(project)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env=quiet_env(),
        timeout=900,
    )
    assert built.returncode == 0, built.stderr
    return project / "site"
