"""Measure how long the briefing pipeline and MkDocs take on synthetic projects of several sizes.

``python scripts/benchmark.py --sizes 1000 10000 50000 --repeat 3 --repeat-large 1 [--out bench-results]``

For each size a synthetic project is made once (``scripts/make_synthetic.py``) in a temporary
folder, then each repetition measures, in this order and each in a fresh subprocess:

parse
    The floor: every YAML data file read and parsed with PyYAML's C loader
    (``yaml.load(..., Loader=yaml.CSafeLoader)``) and nothing else, timed inside the subprocess
    (start-up and imports excluded).
generation
    ``generator.pipeline.generate()`` on the project's data: load + model, index and render,
    timed with ``time.perf_counter`` inside the subprocess around that one call (interpreter
    start-up and imports are excluded and reported apart). Nothing is written to disk.
plugin build
    ``python -m mkdocs build -q`` in the project, with the ``briefing`` plugin generating the
    pages in memory: the wall time of the whole subprocess.
plain build
    The same pages written once as Markdown files (``briefing render --out <plain>/docs``) and
    built with a copy of ``mkdocs.yml`` that has no ``briefing`` plugin and the same nav
    (``search`` and ``tags`` still run). The entity pages are marked ``not_in_nav`` as the
    plugin marks them, so both builds do the same work apart from the plugin. This is the time
    MkDocs takes for the same pages written as plain Markdown.

After the repetitions, the plugin's site is served over HTTP and opened in headless Chromium
(Playwright, ``/usr/bin/chromium`` or ``--chromium``): in a fresh browser context each time
(nothing cached), the time from the first keystroke of a query in the search box to its first
result shown, and the bytes the browser fetched for it (the search index's chunks, Pagefind's
program and the worker). ``--no-browser`` skips it.

Save → page served and save → search and data correct under ``briefing serve`` (``mkdocs
serve``) are columns of the report too, filled with ``--serve`` by :func:`measure_serve`: it
saves an edited incident and polls, over HTTP, the page and the incremental preview's status
file; a preview without that file (code from before it) leaves them "not measured".

The code measured is a copy of the repository's ``generator/`` taken when the
benchmark starts, from the working tree or with ``--ref COMMIT`` from git (subprocesses import
it through ``PYTHONPATH``), so edits made while it runs do not change what is measured halfway.
Bytecode is cached in a temporary ``PYTHONPYCACHEPREFIX`` (even when ``PYTHONDONTWRITEBYTECODE``
is set), as a user's installation would have it. The previous ``site/`` is deleted before each
build, outside the timed span. Sizes run one after the other with nothing in parallel.

The report gives medians with min and max, throughput, the ratios the README's targets are
about (generation / parse, plugin build / plain build, growth from size to size), CPU time and
peak memory of each subprocess (the largest resident size of the process or of any child it
waited for; CPU time suffers less than wall time when other work shares the machine), the size
of the search index and of the whole site, and facts about the machine. It is printed as
Markdown and written to ``--out`` as ``benchmark.md`` and ``benchmark.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import io
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_synthetic import NAV_PAGES, make_project

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CODE_FOLDERS = ("generator",)
STAGES = ("load", "index", "render", "assets")
"""Stages of ``generate()`` timed apart: load + model, index, render of the pages, data files."""

# Runs in a fresh interpreter inside the project folder and prints one JSON object. The pipeline
# stages are wrapped where ``generator.pipeline`` looks them up, so one run gives the total and
# the split; the wrappers cost a few microseconds.
_GENERATE = """
import json, time
started = time.perf_counter()
from pathlib import Path
import generator.pipeline as pipeline
imported = time.perf_counter() - started
stages = {}
def timed(name, function):
    def wrapper(*args, **kwargs):
        begin = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            stages[name] = stages.get(name, 0.0) + time.perf_counter() - begin
    return wrapper
for stage, function in (("load", "load_dataset"), ("index", "build_index"), ("render", "render_pages"),
                        ("assets", "render_assets"), ("assets", "data_files")):
    if hasattr(pipeline, function):
        setattr(pipeline, function, timed(stage, getattr(pipeline, function)))
cpu = time.process_time()
begin = time.perf_counter()
try:
    from generator.settings import make_settings
except ImportError:  # a commit from before the settings value
    result = pipeline.generate(Path("seeds").resolve(), base=Path.cwd(), docs_dir=Path("docs").resolve())
else:
    result = pipeline.generate(make_settings(Path.cwd()))
code = str(Path(pipeline.__file__).resolve().parent.parent)
wall = time.perf_counter() - begin
cpu = time.process_time() - cpu
print(json.dumps({
    "seconds": wall, "cpu_seconds": cpu, "import_seconds": imported, "stages": stages,
    "pages": len(result.pages), "diagnostics": len(result.diagnostics),
    "errors": sum(1 for d in result.diagnostics if d.severity.name == "ERROR"),
    "markdown_bytes": sum(len(page.markdown.encode()) for page in result.pages), "code": code,
}))
"""

# The floor generation is compared with: read and parse every data file with the C loader.
_PARSE = """
import json, time
started = time.perf_counter()
from pathlib import Path
import yaml
imported = time.perf_counter() - started
cpu = time.process_time()
begin = time.perf_counter()
files = sorted(p for p in Path("seeds").rglob("*") if p.suffix in (".yaml", ".yml"))
values = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in files]
wall = time.perf_counter() - begin
cpu = time.process_time() - cpu
print(json.dumps({"seconds": wall, "cpu_seconds": cpu, "import_seconds": imported, "files": len(values)}))
"""

_CLI = "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))"


@dataclass
class Run:
    """One measured subprocess."""

    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class SizeResult:
    """Everything measured for one number of incidents."""

    incidents: int
    actors: int
    places: int
    sources: int
    pages: int
    yaml_bytes: int
    markdown_bytes: int
    synthetic_seconds: float
    render_cli_seconds: float
    parse: list[Run] = field(default_factory=list)
    generation: list[Run] = field(default_factory=list)
    plugin_build: list[Run] = field(default_factory=list)
    plain_build: list[Run] = field(default_factory=list)
    plugin_site: dict[str, int] = field(default_factory=dict)
    plain_site: dict[str, int] = field(default_factory=dict)
    search: list[dict[str, float]] = field(default_factory=list)
    """Each query in Chromium: ``seconds`` from the first keystroke to the first result, ``bytes`` fetched."""
    serve: dict[str, list[float]] | None = None
    """Filled by :func:`measure_serve`: ``page_seconds`` and ``search_data_seconds`` of each save."""
    plain_serve: list[float] | None = None
    """Filled by :func:`measure_plain_serve`: save to page served of each save, MkDocs alone."""


class BenchmarkError(Exception):
    """A measured command failed."""


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, check=True).stdout.decode()


def snapshot_code(target: Path, ref: str | None = None) -> str:
    """Copy the generator's code and templates into ``target``; returns a digest of the copy.

    Args:
        target: An empty or missing folder.
        ref: A git commit to take the code from (read with ``git archive``, which changes
            nothing in the repository); the working tree as it is now when ``None``.
    """
    digest = hashlib.sha256()
    if ref is None:
        for name in CODE_FOLDERS:
            shutil.copytree(PROJECT_ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", ref, *CODE_FOLDERS], cwd=PROJECT_ROOT, capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    for path in sorted(target.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(target).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def subprocess_env(code: Path, pycache: Path) -> dict[str, str]:
    """Environment of the measured commands: the snapshot first on the path, bytecode cached."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH", "")]))
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run_measured(command: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[Run, str]:
    """Run a command, returning its wall time, CPU time and peak memory, and its output.

    ``os.wait4`` gives the resource use of this one child, not of every child so far.

    Raises:
        BenchmarkError: The command exited with a non-zero code.
    """
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        begin = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - begin
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise BenchmarkError(f"{' '.join(command)} exited with {process.returncode} in {cwd}:\n{stderr[-4000:]}")
    run = Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, {"load_average_before": load})
    return run, stdout


def folder_bytes(folder: Path) -> int:
    """Total size of the files under ``folder``."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def site_facts(site: Path) -> dict[str, int]:
    """Sizes of a built site: the search index, everything, and the number of HTML pages."""
    theme_index = site / "search" / "search_index.json"
    pagefind = site / "pagefind"
    return {
        "search_index_bytes": theme_index.stat().st_size if theme_index.exists() else 0,
        "pagefind_bytes": folder_bytes(pagefind) if pagefind.is_dir() else 0,
        "site_bytes": folder_bytes(site),
        "html_pages": sum(1 for _ in site.rglob("*.html")),
    }


def plain_config(config_text: str) -> str:
    """The project's ``mkdocs.yml`` without the ``briefing`` plugin, entity pages not in the nav."""
    config = yaml.safe_load(config_text)
    config["plugins"] = [
        p for p in config["plugins"] if not (p == "briefing" or (isinstance(p, dict) and "briefing" in p))
    ]
    listed = [uri for _, uri in NAV_PAGES] + ["vocabulary.md"]
    config["not_in_nav"] = "\n".join(["*.md", *(f"!/{uri}" for uri in listed)]) + "\n"
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def build(folder: Path, env: dict[str, str]) -> Run:
    """Time ``mkdocs build -q`` in ``folder`` after deleting its previous site."""
    shutil.rmtree(folder / "site", ignore_errors=True)
    run, _ = run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], folder, env)
    return run


def generation(project: Path, env: dict[str, str]) -> Run:
    """Time ``generate()`` on the project's data in a fresh interpreter."""
    run, stdout = run_measured([sys.executable, "-c", _GENERATE], project, env)
    data = json.loads(stdout)
    if data.get("errors", data["diagnostics"]):
        raise BenchmarkError(f"the synthetic data has {data['diagnostics']} diagnostics; run 'briefing check' in it")
    if not env["PYTHONPATH"].startswith(data["code"]):
        raise BenchmarkError(f"generate() ran the code in {data['code']}, not the snapshot")
    return Run(data.pop("seconds"), data.pop("cpu_seconds"), run.max_rss_mb, {**run.extra, **data})


def parse_floor(project: Path, env: dict[str, str]) -> Run:
    """Time reading and parsing every data file with PyYAML's C loader, in a fresh interpreter."""
    run, stdout = run_measured([sys.executable, "-c", _PARSE], project, env)
    data = json.loads(stdout)
    return Run(data.pop("seconds"), data.pop("cpu_seconds"), run.max_rss_mb, {**run.extra, **data})


SEARCH_QUERY = "syria"
"""The query typed in the search box: a word of every incident, the most a first query can match."""


SEARCH_TIMEOUT = 60
"""Seconds a query may take to show a result; a slower one is recorded as this many seconds."""


def measure_search(site: Path, repeat: int, chromium: str) -> list[dict[str, float]]:
    """Serve ``site`` over HTTP and time the first result of a query in headless Chromium.

    Each measurement opens the places page in a fresh browser context (an empty cache), waits
    until the page is idle, then types :data:`SEARCH_QUERY` into the search box and waits for the
    first result. Returns, for each, the seconds from the first keystroke to the first result
    and the bytes of every response received meanwhile.
    """
    import functools
    import http.server
    import threading

    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    found: list[dict[str, float]] = []
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.server_address[1]}/places/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium)
                for _ in range(repeat):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    tab = context.new_page()
                    sizes: dict[str, int] = {}

                    def measured(response: Any, sizes: dict[str, int] = sizes) -> None:
                        try:
                            sizes[response.url] = len(response.body()) if response.ok else 0
                        except Exception:  # a response the browser dropped has no body
                            sizes[response.url] = 0

                    tab.goto(url)
                    tab.wait_for_load_state("networkidle")
                    tab.locator(".md-search__input").click()
                    tab.on("response", measured)
                    begin = time.perf_counter()
                    tab.keyboard.type(SEARCH_QUERY)
                    try:
                        tab.locator(".md-search-result__item").first.wait_for(timeout=SEARCH_TIMEOUT * 1000)
                    except PlaywrightTimeout:
                        # No result in time: recorded as the timeout (a lower bound), not lost.
                        found.append({"seconds": float(SEARCH_TIMEOUT), "bytes": float(sum(sizes.values()))})
                        context.close()
                        continue
                    seconds = time.perf_counter() - begin
                    tab.wait_for_load_state("networkidle")
                    found.append({"seconds": seconds, "bytes": float(sum(sizes.values()))})
                    context.close()
                browser.close()
        finally:
            server.shutdown()
    return found


PREVIEW_STATUS = ".briefing-preview.json"
"""The incremental preview's status file (README, "Previewing"): ``build`` counts the rebuilds
whose pages are served, ``search`` and ``exports`` the rebuilds the search index and the exports
are from."""


def _get(url: str) -> bytes | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # our own local server
            data: bytes = response.read()
            return data
    except (urllib.error.URLError, OSError):
        return None


def _status(base: str) -> dict[str, Any] | None:
    data = _get(base + PREVIEW_STATUS)
    try:
        found = json.loads(data) if data else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _wait(check: Callable[[], bool], timeout: float, step: float = 0.02) -> float:
    """Seconds until ``check()`` holds, polling; raises BenchmarkError after ``timeout``."""
    begin = time.perf_counter()
    while not check():
        if time.perf_counter() - begin > timeout:
            raise BenchmarkError(f"the preview did not show the change within {timeout:.0f} s")
        time.sleep(step)
    return time.perf_counter() - begin


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def _server(command: Sequence[str], cwd: Path, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """A preview server running ``command`` in ``cwd`` until the block ends, then stopped as
    Ctrl+C stops it (so it removes its temporary folders)."""
    import signal

    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=log, start_new_session=True)
        try:
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _edited_title(text: str, title: str) -> str:
    """``text`` (a YAML record, or a page's front matter) with its first ``title:`` line set to ``title``."""
    import re

    return re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.MULTILINE)


def _middle(folder: Path, pattern: str) -> Path:
    """The file in the middle of ``folder``'s files matching ``pattern``, by name: the incident
    the serve measures edit (the same one in the project and in its plain Markdown)."""
    files = sorted(folder.glob(pattern))
    return files[len(files) // 2]


def measure_serve(project: Path, env: dict[str, str], saves: int = 3) -> dict[str, list[float]] | None:
    """HOOK for the incremental preview (issue 11, item 1): time saves under ``briefing serve``.

    Serves the project, then ``saves`` times changes the title of one incident in its YAML file
    and measures, over HTTP, the seconds from the save to the incident's page being served with
    the new title (``page_seconds``), and to the search index and the exports being from that
    rebuild with ``data/data.json`` holding the new title (``search_data_seconds``), as the
    preview's status file (:data:`PREVIEW_STATUS`) says. The file is restored afterwards.

    Returns ``None`` (the report says "not measured") when the preview writes no status file:
    the code measured predates the incremental preview.
    """
    import uuid

    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    record = _middle(project / "seeds" / "incidents", "*.yaml")
    original = record.read_text(encoding="utf-8")
    page = f"{base}incidents/{record.stem}/"
    try:
        with _server([sys.executable, "-c", _CLI, "serve", "-a", f"127.0.0.1:{port}"], project, env) as process:
            _wait(lambda: _get(page) is not None or process.poll() is not None, 3600, 0.5)
            if process.poll() is not None or _status(base) is None:
                return None
            found: dict[str, list[float]] = {"page_seconds": [], "search_data_seconds": []}
            for number in range(saves):
                before = int((_status(base) or {}).get("build", 0))
                title = f"Benchmark edit {number} {uuid.uuid4().hex[:8]}"
                record.write_text(_edited_title(original, title), encoding="utf-8")
                begin = time.perf_counter()
                builds: list[int] = []

                def served(title: str = title, before: int = before, builds: list[int] = builds) -> bool:
                    status = _status(base) or {}
                    if int(status.get("build", 0)) <= before or title.encode() not in (_get(page) or b""):
                        return False
                    builds.append(int(status["build"]))
                    return True

                def complete(title: str = title, builds: list[int] = builds) -> bool:
                    status = _status(base) or {}
                    built = builds[0]
                    if int(status.get("search", 0)) < built or int(status.get("exports", 0)) < built:
                        return False
                    return title.encode() in (_get(base + "data/data.json") or b"")

                _wait(served, 600)
                found["page_seconds"].append(time.perf_counter() - begin)
                _wait(complete, 600)
                found["search_data_seconds"].append(time.perf_counter() - begin)
                time.sleep(1)  # let the preview settle before the next save
            return found
    finally:
        record.write_text(original, encoding="utf-8")


PLAIN_SERVE_CONFIG = "mkdocs-serve.yml"
"""The plain Markdown project's configuration for :func:`measure_plain_serve`."""


def plain_serve_config(config_text: str) -> str:
    """The plain project's ``mkdocs.yml`` for ``mkdocs serve --dirty``: not strict (MkDocs warns
    at every dirty build) and without the theme's search plugin, whose index of every page the
    briefing site leaves empty (Pagefind answers its search box)."""
    config = yaml.safe_load(config_text)
    config["strict"] = False
    config["plugins"] = [p for p in config["plugins"] if not (p == "search" or (isinstance(p, dict) and "search" in p))]
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def measure_plain_serve(plain: Path, env: dict[str, str], saves: int = 3) -> list[float]:
    """The floor under :func:`measure_serve`: MkDocs alone, serving the same pages as plain
    Markdown with ``mkdocs serve --dirty``, from a save of the same incident's page (a new title
    in its front matter) to that page served with it, in seconds. The page is restored afterwards.

    MkDocs' own pass over every page at each rebuild (files, navigation, pages, the tags
    plugin) is in this time and in the briefing preview's alike; the difference is the plugin's.
    """
    import uuid

    (plain / PLAIN_SERVE_CONFIG).write_text(
        plain_serve_config((plain / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    port = _free_port()
    source = _middle(plain / "docs" / "incidents", "*.md")
    original = source.read_text(encoding="utf-8")
    page = f"http://127.0.0.1:{port}/incidents/{source.stem}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", PLAIN_SERVE_CONFIG, "-a", f"127.0.0.1:{port}"]
    try:
        with _server(command, plain, env) as process:
            _wait(lambda: _get(page) is not None or process.poll() is not None, 3600, 0.5)
            if process.poll() is not None:
                raise BenchmarkError(f"mkdocs serve of the plain Markdown ended with code {process.returncode}")
            found: list[float] = []
            for number in range(saves):
                title = f"Plain edit {number} {uuid.uuid4().hex[:8]}"
                source.write_text(_edited_title(original, title), encoding="utf-8")
                begin = time.perf_counter()

                def served(title: str = title) -> bool:
                    return title.encode() in (_get(page) or b"")

                _wait(served, 600)
                found.append(time.perf_counter() - begin)
                time.sleep(1)
            return found
    finally:
        source.write_text(original, encoding="utf-8")


def measure_size(
    incidents: int,
    repeat: int,
    seed: int,
    work: Path,
    env: dict[str, str],
    progress: Callable[[str], None],
    *,
    chromium: str | None = None,
    serve: bool = False,
    plain_build: bool = True,
) -> SizeResult:
    """Make a project of ``incidents`` incidents under ``work`` and measure it ``repeat`` times."""
    project, plain = work / "project", work / "plain"
    begin = time.perf_counter()
    summary = make_project(project, incidents, seed)
    synthetic_seconds = time.perf_counter() - begin
    progress(f"{incidents}: synthetic project made in {synthetic_seconds:.1f} s ({summary.bytes:,} bytes)")

    plain.mkdir()
    render = Run(0.0, 0.0, 0.0)
    if plain_build:
        render, _ = run_measured([sys.executable, "-c", _CLI, "render", "--out", str(plain / "docs")], project, env)
        (plain / "mkdocs.yml").write_text(
            plain_config((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
        )
        progress(f"{incidents}: plain Markdown written by 'briefing render' in {render.seconds:.1f} s")

    yaml_bytes = folder_bytes(project / "seeds")
    result = SizeResult(
        incidents, summary.actors, summary.places, summary.sources, 0, yaml_bytes, 0, synthetic_seconds, render.seconds
    )
    for i in range(1, repeat + 1):
        floor = parse_floor(project, env)
        result.parse.append(floor)
        progress(f"{incidents}: run {i}/{repeat}: C-loader parse {floor.seconds:.2f} s")
        gen = generation(project, env)
        result.generation.append(gen)
        result.pages, result.markdown_bytes = gen.extra["pages"], gen.extra["markdown_bytes"]
        progress(f"{incidents}: run {i}/{repeat}: generation {gen.seconds:.2f} s")
        result.plugin_build.append(build(project, env))
        progress(f"{incidents}: run {i}/{repeat}: plugin build {result.plugin_build[-1].seconds:.2f} s")
        if plain_build:
            result.plain_build.append(build(plain, env))
            progress(f"{incidents}: run {i}/{repeat}: plain build {result.plain_build[-1].seconds:.2f} s")
    result.plugin_site = site_facts(project / "site")
    result.plain_site = site_facts(plain / "site") if plain_build else {}
    if chromium:
        result.search = measure_search(project / "site", max(repeat, 3), chromium)
        times = ", ".join(f"{q['seconds']:.2f}" for q in result.search)
        progress(f"{incidents}: first search result in Chromium: {times} s")
    if serve:
        result.serve = measure_serve(project, env)
        progress(f"{incidents}: save -> page served under briefing serve: {result.serve}")
        if plain_build:
            result.plain_serve = measure_plain_serve(plain, env)
            progress(
                f"{incidents}: save -> page served, plain Markdown under mkdocs serve --dirty: {result.plain_serve}"
            )
    return result


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def code_version(ref: str | None) -> str:
    """The commit measured, and whether the working tree's generator or templates differ from it."""
    try:
        if ref is not None:
            return _git("rev-parse", "--short", ref).strip() + f" (--ref {ref})"
        dirty = _git("status", "--porcelain", "--", *CODE_FOLDERS).strip()
        return _git("rev-parse", "--short", "HEAD").strip() + (" (generator or templates modified)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine_facts(commit: str, code_digest: str) -> dict[str, Any]:
    """What the numbers depend on: CPUs, load, Python and package versions, the code's commit."""
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu_model or platform.processor(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs-material": _version("mkdocs-material"),
        "pydantic": _version("pydantic"),
        "jinja2": _version("Jinja2"),
        "pyyaml": _version("PyYAML")
        + (" with libyaml" if getattr(yaml, "__with_libyaml__", False) else " without libyaml"),
        "commit": commit,
        "code_snapshot_sha256": code_digest,
        "load_average_at_start": list(os.getloadavg()),
    }


def _stats(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def summarise(result: SizeResult) -> dict[str, Any]:
    """Medians, ranges, throughput and ratios of one size."""
    gen = _stats([r.seconds for r in result.generation])
    plugin = _stats([r.seconds for r in result.plugin_build])
    plain = _stats([r.seconds for r in result.plain_build]) if result.plain_build else None
    stages = {name: statistics.median(r.extra["stages"].get(name, 0.0) for r in result.generation) for name in STAGES}
    stages["other"] = statistics.median(
        r.seconds - sum(r.extra["stages"].get(name, 0.0) for name in STAGES) for r in result.generation
    )
    parse = _stats([r.seconds for r in result.parse])
    search = _stats([q["seconds"] for q in result.search]) if result.search else None
    serve = {key: _stats(values) for key, values in result.serve.items()} if result.serve else None
    plain_serve = _stats(result.plain_serve) if result.plain_serve else None
    return {
        "parse_seconds": parse,
        "parse_cpu_seconds": statistics.median(r.cpu_seconds for r in result.parse),
        "generation_over_parse": gen["median"] / parse["median"],
        "search_first_result_seconds": search,
        "search_first_query_bytes": statistics.median(q["bytes"] for q in result.search) if result.search else None,
        "search_index_bytes_per_incident": result.plugin_site.get("pagefind_bytes", 0) / result.incidents,
        "serve_seconds": serve,
        "plain_serve_page_seconds": plain_serve,
        "generation_seconds": gen,
        "generation_cpu_seconds": statistics.median(r.cpu_seconds for r in result.generation),
        "generation_max_rss_mb": max(r.max_rss_mb for r in result.generation),
        "generation_stages_seconds": stages,
        "import_seconds": statistics.median(r.extra["import_seconds"] for r in result.generation),
        "incidents_per_second": result.incidents / gen["median"],
        "plugin_build_seconds": plugin,
        "plugin_build_cpu_seconds": statistics.median(r.cpu_seconds for r in result.plugin_build),
        "plugin_build_max_rss_mb": max(r.max_rss_mb for r in result.plugin_build),
        "plugin_pages_per_second": result.pages / plugin["median"],
        "plain_build_seconds": plain,
        "plain_build_cpu_seconds": statistics.median(r.cpu_seconds for r in result.plain_build) if plain else None,
        "plain_build_max_rss_mb": max(r.max_rss_mb for r in result.plain_build) if plain else None,
        "plain_pages_per_second": result.pages / plain["median"] if plain else None,
        "plugin_over_plain": plugin["median"] / plain["median"] if plain else None,
        "generation_share_of_plugin_build": gen["median"] / plugin["median"],
    }


def _range(stats: dict[str, float] | None) -> str:
    if stats is None:
        return "not measured"
    if stats["min"] == stats["max"]:
        return f"{stats['median']:.2f}"
    return f"{stats['median']:.2f} ({stats['min']:.2f}–{stats['max']:.2f})"


TARGETS = {
    "generation_over_parse": 1.5,
    "plugin_over_plain": 1.08,
    "search_10k_seconds": 0.5,
    "search_50k_seconds": 1.0,
    "save_page_seconds": 1.0,
    "save_search_data_seconds": 2.0,
}
"""The targets of issue 11 (and the README's Speed section), for the report's verdicts."""


def _verdict(value: float | None, target: float) -> str:
    """``0.91 (met)`` or ``1.20 (missed by 11 %)``."""
    if value is None:
        return "not measured"
    if value <= target:
        return f"{value:.2f} (≤ {target:g}: met)"
    return f"{value:.2f} (> {target:g}: missed by {value / target - 1:.0%})"


def _search_target(incidents: int) -> float | None:
    if incidents >= 50000:
        return TARGETS["search_50k_seconds"]
    if incidents >= 10000:
        return TARGETS["search_10k_seconds"]
    return None


def _ratio(later: dict[str, float] | None, earlier: dict[str, float] | None) -> str:
    if later is None or earlier is None:
        return "not measured"
    return f"{later['median'] / earlier['median']:.1f}"


def _number(value: float | None, form: str) -> str:
    return "not measured" if value is None else format(value, form)


def targets_table(results: list[SizeResult], summaries: list[dict[str, Any]]) -> list[str]:
    """The table the README shows: each measure against its target, with the ratios."""
    lines = [
        "| Incidents | C-loader parse s | Generation s | Generation / parse (target ≤ 1.5) "
        "| Build from YAML s | Plain build s | YAML / plain (target ≤ 1.08) | Peak memory MB "
        "| Site MB | Search index B / incident | First query kB | First search result s "
        "| Save → page served s | Save → search and data s |",
        "| ---: | ---: | ---: | :--- | ---: | ---: | :--- | ---: | ---: | ---: | ---: | :--- | :--- | :--- |",
    ]
    for r, s in zip(results, summaries, strict=True):
        search = s["search_first_result_seconds"]
        target = _search_target(r.incidents)
        if search is None:
            search_text = "not measured"
        elif target is None:
            search_text = _range(search)
        else:
            search_text = f"{_range(search)}: {_verdict(search['median'], target)}"
        serve = s["serve_seconds"] or {}
        query = s["search_first_query_bytes"]
        peak = max(s["plugin_build_max_rss_mb"], s["generation_max_rss_mb"])
        lines.append(
            f"| {r.incidents:,} | {_range(s['parse_seconds'])} | {_range(s['generation_seconds'])} "
            f"| {_verdict(s['generation_over_parse'], TARGETS['generation_over_parse'])} "
            f"| {_range(s['plugin_build_seconds'])} | {_range(s['plain_build_seconds'])} "
            f"| {_verdict(s['plugin_over_plain'], TARGETS['plugin_over_plain'])} | {peak:,.0f} "
            f"| {r.plugin_site['site_bytes'] / 1e6:,.1f} | {s['search_index_bytes_per_incident']:,.0f} "
            f"| {'not measured' if query is None else f'{query / 1000:,.0f}'} | {search_text} "
            f"| {_range(serve.get('page_seconds'))} | {_range(serve.get('search_data_seconds'))} |"
        )
    return lines


def readme_table(results: list[SizeResult], summaries: list[dict[str, Any]]) -> list[str]:
    """The README's Speed table: one row per measure, one column per size, then the target."""
    pairs = list(zip(results, summaries, strict=True))

    def peak(s: dict[str, Any]) -> float:
        return float(max(s["plugin_build_max_rss_mb"], s["generation_max_rss_mb"]))

    def search(r: SizeResult, s: dict[str, Any]) -> str:
        stats, target = s["search_first_result_seconds"], _search_target(r.incidents)
        if stats is None or target is None:
            return _range(stats)
        verdict = "met" if stats["median"] <= target else f"missed by {stats['median'] / target - 1:.0%}"
        return f"{_range(stats)}, {verdict}"

    def ratio(value: float | None, target: float) -> str:
        if value is None:
            return "not measured"
        return f"{value:.2f}, " + ("met" if value <= target else f"missed by {value / target - 1:.0%}")

    def serve(s: dict[str, Any], key: str) -> str:
        return _range((s["serve_seconds"] or {}).get(key))

    rows: list[tuple[str, Callable[[SizeResult, dict[str, Any]], str], str]] = [
        ("C-loader parse, s", lambda r, s: _range(s["parse_seconds"]), ""),
        ("Generation, s", lambda r, s: _range(s["generation_seconds"]), ""),
        (
            "Generation / parse",
            lambda r, s: ratio(s["generation_over_parse"], TARGETS["generation_over_parse"]),
            "≤ 1.5",
        ),
        ("Build from YAML, s", lambda r, s: _range(s["plugin_build_seconds"]), ""),
        ("Build from plain Markdown, s", lambda r, s: _range(s["plain_build_seconds"]), ""),
        (
            "YAML / plain",
            lambda r, s: ratio(s["plugin_over_plain"], TARGETS["plugin_over_plain"]),
            "≤ 1.08 at 1k and 10k",
        ),
        ("Peak memory, MB", lambda r, s: f"{peak(s):,.0f}", "within the machine"),
        ("Site, MB", lambda r, s: f"{r.plugin_site['site_bytes'] / 1e6:,.0f}", ""),
        ("Search index per incident, bytes", lambda r, s: f"{s['search_index_bytes_per_incident']:,.0f}", ""),
        (
            "First query fetches, kB",
            lambda r, s: _number(
                None if s["search_first_query_bytes"] is None else s["search_first_query_bytes"] / 1000, ",.0f"
            ),
            "≤ 1,000 at 10k",
        ),
        ("First search result after a keystroke, s", search, "≤ 0.5 at 10k, ≤ 1 at 50k"),
        ("Save → page served, s", lambda r, s: serve(s, "page_seconds"), "≤ 1 at 10k"),
        (
            "The same, plain Markdown, MkDocs alone, s",
            lambda r, s: _range(s.get("plain_serve_page_seconds")),
            "(the floor)",
        ),
        ("Save → search and data correct, s", lambda r, s: serve(s, "search_data_seconds"), "≤ 2 at 10k"),
    ]
    lines = [
        "| Incidents | " + " | ".join(f"{r.incidents:,}" for r in results) + " | Target |",
        "| :--- | " + " | ".join("---:" for _ in results) + " | :--- |",
    ]
    for name, value, target in rows:
        lines.append(f"| {name} | " + " | ".join(value(r, s) for r, s in pairs) + f" | {target} |")
    return lines


def growth_table(results: list[SizeResult], summaries: list[dict[str, Any]]) -> list[str]:
    """How each measure grows from one size to the next, against the growth of the incidents
    (a ratio at most the incidents' ratio is at most linear)."""
    lines = [
        "| From → to | Incidents x | Generation x | Build from YAML x | Plain build x | Peak memory x | Site size x |",
        "| :--- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    pairs = list(zip(results, summaries, strict=True))
    for (r1, s1), (r2, s2) in itertools.pairwise(pairs):
        peak1 = max(s1["plugin_build_max_rss_mb"], s1["generation_max_rss_mb"])
        peak2 = max(s2["plugin_build_max_rss_mb"], s2["generation_max_rss_mb"])
        lines.append(
            f"| {r1.incidents:,} → {r2.incidents:,} | {r2.incidents / r1.incidents:.1f} "
            f"| {s2['generation_seconds']['median'] / s1['generation_seconds']['median']:.1f} "
            f"| {s2['plugin_build_seconds']['median'] / s1['plugin_build_seconds']['median']:.1f} "
            f"| {_ratio(s2['plain_build_seconds'], s1['plain_build_seconds'])} "
            f"| {peak2 / peak1:.1f} | {r2.plugin_site['site_bytes'] / r1.plugin_site['site_bytes']:.1f} |"
        )
    return lines


def markdown_report(
    results: list[SizeResult], summaries: list[dict[str, Any]], facts: dict[str, Any], repeat: int
) -> str:
    """The report as Markdown tables."""
    runs = ", ".join(f"{len(r.generation)} at {r.incidents:,}" for r in results)
    lines = [
        "# Benchmark: briefing generator and MkDocs",
        "",
        f"Medians (min–max) of the runs ({runs} incidents), wall seconds. First search result: in headless",
        f"Chromium, from the first keystroke of '{SEARCH_QUERY}' to the first result, each in a fresh browser",
        "context; first query kB = bytes fetched meanwhile. Peak memory = the larger of generation's and the",
        "build's peak resident size. Save → page / search and data: under `briefing serve`, over HTTP, with",
        "`--serve` (`measure_serve`, through the incremental preview's status file), else 'not measured'.",
        "",
        *targets_table(results, summaries),
        "",
        "The same, as the README's Speed section shows it:",
        "",
        *readme_table(results, summaries),
        "",
        "Growth from size to size (at most the incidents' ratio = at most linear):",
        "",
        *growth_table(results, summaries),
        "",
        f"Details. Median of {repeat} runs, (min–max), wall seconds. Generation = `generate()` (load + index + render + data",
        "files) in a fresh process, without start-up and imports. Plugin build = `mkdocs build -q` with the briefing",
        "plugin. Plain build = `mkdocs build -q` of the same pages written as Markdown by `briefing render` (search and",
        "tags plugins still run). Stages (Other = the rest of `generate()`) and CPU are medians too; peak memory is the",
        "largest of the runs. The code measured is a snapshot of `generator/` taken at the start (see",
        "the commit and digest below). Wall times suffer when other work shares the machine; compare CPU times then.",
        "",
        "| Incidents | Pages | Generation s | Incidents/s | Plugin build s | Pages/s | Plain build s | Pages/s "
        "| Plugin / plain | Generation share |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r, s in zip(results, summaries, strict=True):
        lines.append(
            f"| {r.incidents:,} | {r.pages:,} | {_range(s['generation_seconds'])} | {s['incidents_per_second']:,.0f} "
            f"| {_range(s['plugin_build_seconds'])} | {s['plugin_pages_per_second']:,.0f} "
            f"| {_range(s['plain_build_seconds'])} | {_number(s['plain_pages_per_second'], ',.0f')} "
            f"| {_number(s['plugin_over_plain'], '.2f')} | {s['generation_share_of_plugin_build']:.0%} |"
        )
    lines += [
        "",
        "| Incidents | Load s | Index s | Render s | Assets s | Other s | Import s | Gen CPU s | Plugin CPU s "
        "| Plain CPU s | Gen peak MB | Plugin peak MB | Plain peak MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r, s in zip(results, summaries, strict=True):
        st = s["generation_stages_seconds"]
        lines.append(
            f"| {r.incidents:,} | {st['load']:.2f} | {st['index']:.2f} | {st['render']:.2f} | {st['assets']:.2f} "
            f"| {st['other']:.2f} | {s['import_seconds']:.2f} "
            f"| {s['generation_cpu_seconds']:.2f} | {s['plugin_build_cpu_seconds']:.2f} | {_number(s['plain_build_cpu_seconds'], '.2f')} "
            f"| {s['generation_max_rss_mb']:,.0f} | {s['plugin_build_max_rss_mb']:,.0f} "
            f"| {_number(s['plain_build_max_rss_mb'], ',.0f')} |"
        )
    lines += [
        "",
        "| Incidents | Actors | Places | Sources | YAML bytes | Markdown bytes | Search index bytes | Per incident "
        "| Site bytes | HTML files | Plain search index | Plain site bytes |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        # The site's search index is Pagefind's (the theme's own is left empty); the plain build's is the theme's.
        index_bytes = r.plugin_site.get("pagefind_bytes", 0) or r.plugin_site["search_index_bytes"]
        lines.append(
            f"| {r.incidents:,} | {r.actors:,} | {r.places:,} | {r.sources:,} | {r.yaml_bytes:,} | {r.markdown_bytes:,} "
            f"| {index_bytes:,} | {index_bytes / r.incidents:,.0f} | {r.plugin_site['site_bytes']:,} "
            f"| {r.plugin_site['html_pages']:,} | {_number(r.plain_site.get('search_index_bytes'), ',')} "
            f"| {_number(r.plain_site.get('site_bytes'), ',')} |"
        )
    lines += ["", "Machine:", ""]
    lines += [f"- {key}: {value}" for key, value in facts.items()]
    return "\n".join(lines) + "\n"


def write_report(results: list[SizeResult], facts: dict[str, Any], args: argparse.Namespace) -> str:
    """Write the report of the sizes measured so far to ``args.out``; returns its Markdown."""
    facts["load_average_at_end"] = list(os.getloadavg())
    summaries = [summarise(r) for r in results]
    report = markdown_report(results, summaries, facts, args.repeat)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "benchmark.md").write_text(report, encoding="utf-8")
    raw = {
        "machine": facts,
        "repeat": args.repeat,
        "seed": args.seed,
        "sizes": [{"raw": asdict(r), "summary": s} for r, s in zip(results, summaries, strict=True)],
    }
    (args.out / "benchmark.json").write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(description="Benchmark generation and MkDocs builds on synthetic projects.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000], help="numbers of incidents")
    parser.add_argument("--repeat", type=int, default=3, help="measurements per size (default: 3)")
    parser.add_argument(
        "--repeat-large", type=int, help="measurements per size of 50,000 incidents or more (default: --repeat)"
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium for the search timing")
    parser.add_argument("--no-browser", action="store_true", help="do not time the search in Chromium")
    parser.add_argument(
        "--plain-up-to",
        type=int,
        help="build the plain Markdown only up to this many incidents (the build ratio's target is at 1k and 10k)",
    )
    parser.add_argument("--serve", action="store_true", help="measure saves under mkdocs serve (measure_serve)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data (default: 1)")
    parser.add_argument(
        "--out", type=Path, default=Path("bench-results"), help="report folder (default: bench-results)"
    )
    parser.add_argument("--ref", help="measure the generator of this git commit (default: the working tree)")
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(size < 1 for size in args.sizes):
        parser.error("--repeat and --sizes must be at least 1")

    def progress(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    results: list[SizeResult] = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-code-") as code_dir:
        code = Path(code_dir) / "code"
        try:
            digest = snapshot_code(code, args.ref)
        except subprocess.CalledProcessError as exc:
            print(
                f"benchmark: error: cannot read {args.ref!r} from git: {exc.stderr.decode().strip()}", file=sys.stderr
            )
            return 2
        facts = machine_facts(code_version(args.ref), digest)
        env = subprocess_env(code, Path(code_dir) / "pycache")
        progress(f"measuring the code as of {facts['commit']}, snapshot {facts['code_snapshot_sha256']}")
        try:
            for size in args.sizes:
                with tempfile.TemporaryDirectory(prefix=f"briefing-bench-{size}-") as work:
                    repeat = args.repeat_large if args.repeat_large and size >= 50000 else args.repeat
                    results.append(
                        measure_size(
                            size,
                            repeat,
                            args.seed,
                            Path(work),
                            env,
                            progress,
                            chromium=None if args.no_browser else args.chromium,
                            serve=args.serve,
                            plain_build=args.plain_up_to is None or size <= args.plain_up_to,
                        )
                    )
                write_report(results, facts, args)  # what is measured so far survives a later failure
        except BenchmarkError as exc:
            print(f"benchmark: error: {exc}", file=sys.stderr)
            if results:
                progress(f"the sizes measured before the error are in {args.out / 'benchmark.md'}")
            return 1
    report = write_report(results, facts, args)
    print(report)
    progress(f"report written to {args.out / 'benchmark.md'} and {args.out / 'benchmark.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
