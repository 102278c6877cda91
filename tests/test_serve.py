"""``mkdocs serve`` while editing: one rebuild per edit, no rebuild loop, nothing written to docs/,
every problem shown in the terminal and over the pages on every save, warnings never stopping it."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ARTIFACTS, mkdocs_build, quiet_env, snapshot

PANEL = "#briefing-problems"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Log:
    """Reads a server's log lines on a thread so the test can wait for them with a timeout."""

    def __init__(self, stream: object) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        self.thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self.thread.start()

    def _pump(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self._queue.put(line)

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            self.lines.append(line)
            if text in line:
                return
        raise AssertionError(f"{text!r} not logged within {timeout} s:\n{''.join(self.lines)}")

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                self.lines.append(self._queue.get(timeout=0.2))

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


@contextlib.contextmanager
def _serving(project: Path, *args: str) -> Iterator[tuple[str, _Log]]:
    """``mkdocs serve`` in ``project`` on a free port until the block ends; yields its URL and log."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=quiet_env(),
    )
    log = _Log(server.stdout)
    try:
        log.wait_for("Serving on", timeout=90)
        yield f"http://127.0.0.1:{port}/", log
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.thread.join(timeout=10)  # the pipe reaches its end once the server has exited
        if server.stdout is not None:
            server.stdout.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_editing_yaml_rebuilds_once(project: Path) -> None:
    port = _free_port()
    docs_before = snapshot(project / "docs")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=quiet_env(),
    )
    log = _Log(server.stdout)
    try:
        log.wait_for("Serving on", timeout=60)
        page = f"http://127.0.0.1:{port}/incidents/derik-standoff/"
        assert "Standoff near Derik" in _get(page)
        assert log.count("Building documentation") == 1

        incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
        incident.write_text(
            incident.read_text(encoding="utf-8").replace("Standoff near Derik", "Face-off near Derik"), encoding="utf-8"
        )
        log.wait_for("Detected file changes", timeout=30)
        log.wait_for("Reloading browsers", timeout=60)
        log.drain(6)  # a rebuild loop would show up here as more builds
        assert log.count("Building documentation") == 2, "".join(log.lines)
        assert log.count("Detected file changes") == 1, "".join(log.lines)
        assert "Face-off near Derik" in _get(page)
        assert snapshot(project / "docs") == docs_before
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.thread.join(timeout=10)  # the pipe reaches its end once the server has exited
        if server.stdout is not None:
            server.stdout.close()


LOCATED = "seeds/incidents/derik-standoff.yaml:6:8: unknown place 'derick'"
HINT = "hint: did you mean 'derik'? (places are in seeds/places/)"


PREVIEWS = pytest.mark.parametrize("flags", [(), ("--dirty",)], ids=["serve", "serve-dirty"])
"""Plain ``mkdocs serve``, and ``mkdocs serve --dirty`` as ``briefing serve`` runs it."""


@PREVIEWS
def test_the_same_error_saved_twice_is_shown_both_times_and_over_the_page(
    project: Path, browser: Any, flags: tuple[str, ...]
) -> None:
    incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
    with _serving(project, *flags) as (url, log):
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab.goto(url + "incidents/derik-standoff/")
        assert tab.locator(PANEL).count() == 0
        for attempt in (1, 2):
            _edit(incident, "place: derik", "place: derick")
            log.wait_for("the preview shows the last good pages", timeout=60)
            assert log.count(LOCATED) == attempt, "".join(log.lines)
            assert log.count(HINT) == attempt, "".join(log.lines)
            # MkDocs' live reload brings the panel in: the test never reloads the page itself
            tab.wait_for_selector(PANEL, state="visible", timeout=30_000)
            panel = " ".join(tab.locator(PANEL).inner_text().split())
            assert panel.startswith("1 error in the data")
            assert f"{LOCATED.replace(': unknown', ' error: unknown')} {HINT}" in panel
            assert "Standoff near Derik" in tab.locator("article").inner_text()  # the last good page
            if attempt == 1:
                ARTIFACTS.mkdir(exist_ok=True)
                tab.screenshot(path=str(ARTIFACTS / "serve-problems-1280.png"))
                tab.set_viewport_size({"width": 390, "height": 800})
                tab.screenshot(path=str(ARTIFACTS / "serve-problems-390.png"))
            _edit(incident, "place: derick", "place: derik")
            log.wait_for("Reloading browsers", timeout=60)
            tab.wait_for_selector(PANEL, state="detached", timeout=30_000)
        assert PANEL[1:] not in _get(url + "incidents/derik-standoff/")
        assert "Aborted" not in "".join(log.lines)
        tab.close()


@PREVIEWS
def test_a_warning_does_not_stop_the_preview_under_strict(project: Path, browser: Any, flags: tuple[str, ...]) -> None:
    assert "strict: true" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    incident = project / "seeds" / "incidents" / "derik-tension.yaml"
    _edit(incident, "citations:\n  - source: voa\n", "")
    notes = project / "docs" / "briefings" / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nSee [the annex](annex.md).\n", encoding="utf-8")
    warning = "seeds/incidents/derik-tension.yaml:1:1: incident 'derik-tension' cites no source"
    with _serving(project, *flags) as (url, log):
        page = _get(url + "incidents/derik-tension/")
        assert "Tension near Derik" in page
        assert 'class="briefing-warnings-only"' in page  # folded panel, listing both warnings
        assert "<summary>1 warning in the data; 1 warning from MkDocs</summary>" in page
        assert "incident &#x27;derik-tension&#x27; cites no source" in page
        assert (
            "MkDocs warning:</span> Doc file &#x27;briefings/notes.md&#x27; contains a link &#x27;annex.md&#x27;"
            in page
        )
        assert log.count(warning) == 1
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab.goto(url + "incidents/derik-tension/")
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "serve-warnings-folded-1280.png"))
        tab.locator(f"{PANEL} summary").click()
        assert tab.locator(f"{PANEL} li").count() == 2
        tab.set_viewport_size({"width": 390, "height": 800})
        tab.screenshot(path=str(ARTIFACTS / "serve-warnings-open-390.png"))
        tab.close()
        _edit(incident, "Tension near Derik", "Unease near Derik")
        log.wait_for("Reloading browsers", timeout=60)
        assert "Unease near Derik" in _get(url + "incidents/derik-tension/")
        assert log.count(warning) == 2
        assert "Aborted" not in "".join(log.lines)
    built = mkdocs_build(project)  # the build itself keeps strict
    assert built.returncode == 1
    assert "Aborted with 2 warnings in strict mode!" in built.stdout


def test_a_busy_port_gets_one_sentence_not_a_traceback(project: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            capture_output=True,
            text=True,
            env=quiet_env(),
            timeout=120,
        )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.endswith(
        f"port {port} on 127.0.0.1 is already in use (another preview still running?)\n"
        f"  hint: stop the other server, or choose another port with -a 127.0.0.1:{port + 1}\n"
    )


@PREVIEWS
def test_data_broken_from_the_start_shows_its_problems_then_the_site(
    project: Path, browser: Any, flags: tuple[str, ...]
) -> None:
    """With no good build yet, the preview has no generated pages: its "not found" page carries the panel."""
    incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
    _edit(incident, "place: derik", "place: derick")
    with _serving(project, *flags) as (url, log):
        assert log.count(LOCATED) == 1
        assert "the preview shows no generated pages yet" in "".join(log.lines)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        response = tab.goto(url + "incidents/derik-standoff/")
        assert response is not None and response.status == 404
        panel = " ".join(tab.locator(PANEL).inner_text().split())
        assert f"{LOCATED.replace(': unknown', ' error: unknown')} {HINT}" in panel
        assert "No page has been built without errors yet, so the generated pages are missing." in panel
        ARTIFACTS.mkdir(exist_ok=True)
        for width in (1280, 390):
            tab.set_viewport_size({"width": width, "height": 800})
            tab.screenshot(path=str(ARTIFACTS / f"preview-no-good-build-{width}.png"))
        _edit(incident, "place: derick", "place: derik")
        log.wait_for("Reloading browsers", timeout=60)
        # the "not found" page reloads itself while the data is broken, and so finds the page
        tab.wait_for_selector("h1:has-text('Standoff near Derik')", timeout=30_000)
        assert tab.locator(PANEL).count() == 0
        tab.close()


def test_stopping_briefing_serve_stops_the_server_it_started(project: Path, tmp_path: Path) -> None:
    """`kill` of the briefing process (a shell, a service manager) frees the port, and the preview
    cleans up as after Ctrl+C: nothing is left behind, not even in the temporary folder."""
    port = _free_port()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    briefing = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**quiet_env(), "TMPDIR": str(temporary)},
        start_new_session=True,  # a group of its own, so that the test can clean up after a failure
    )
    log = _Log(briefing.stdout)
    try:
        log.wait_for("Serving on", timeout=90)
        assert "<html" in _get(f"http://127.0.0.1:{port}/").lower()
        # MkDocs' site folder and the search documents' folder, both as large as the site
        assert _wait_until(lambda: _prefixes(temporary) >= {"mkdocs_", "briefing-search-"}, within=60), _prefixes(
            temporary
        )
        briefing.terminate()  # the briefing process alone, as `kill PID` does
        code = briefing.wait(timeout=30)
        assert _port_freed(port, within=20)  # the mkdocs server went with it
        assert code == 128 + 15  # killed by SIGTERM, as a shell reports it
        assert sorted(temporary.iterdir()) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(briefing.pid, signal.SIGKILL)  # whatever is left of the group
        briefing.wait(timeout=30)
        log.thread.join(timeout=10)
        if briefing.stdout is not None:
            briefing.stdout.close()


def _prefixes(folder: Path) -> set[str]:
    """The names in ``folder`` without the 8 random characters ``mkdtemp`` ends them with."""
    return {path.name[:-8] for path in folder.iterdir()}


def _wait_until(check: Any, within: float) -> bool:
    """Whether ``check()`` becomes true before ``within`` seconds pass."""
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _port_freed(port: int, within: float) -> bool:
    """Whether the port can be bound again before ``within`` seconds pass (a server shuts down)."""
    deadline = time.monotonic() + within
    while True:
        with socket.socket() as probe:
            # As a server binds: a closed connection's TIME_WAIT does not count, a listener does.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
                return True
            except OSError:
                if time.monotonic() > deadline:
                    return False
        time.sleep(0.2)
