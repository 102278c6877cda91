"""``mkdocs serve`` while editing: one rebuild per edit, no rebuild loop, nothing written to docs/."""

from __future__ import annotations

import contextlib
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from conftest import quiet_env, snapshot


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
