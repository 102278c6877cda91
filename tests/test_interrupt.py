"""A render killed half-way leaves the previous output complete; the next run finishes the job."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import quiet_env, run_cli, snapshot

INCIDENTS = 3000


def _many_incidents(project: Path, title: str) -> None:
    folder = project / "seeds" / "incidents"
    for i in range(INCIDENTS):
        (folder / f"patrol-{i:05d}.yaml").write_text(
            f"id: patrol-{i:05d}\ntitle: {title} {i}\ndate: 2020-06-{i % 28 + 1:02d}\n"
            "event_type: strategic-developments\nplace: derik\ncitations:\n  - source: voa\n",
            encoding="utf-8",
        )


def _visible(out: Path) -> dict[str, bytes]:
    return {path: data for path, data in snapshot(out).items() if not path.rsplit("/", 1)[-1].startswith(".briefing-")}


def test_killed_render_leaves_previous_output_intact(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _many_incidents(project, "Patrol")
    assert run_cli(project, "render", "--out", str(out)).returncode == 0
    previous = _visible(out)

    _many_incidents(project, "Convoy")  # every incident page changes
    render = subprocess.Popen(
        [sys.executable, "-m", "generator", "render", "--out", str(out)],
        cwd=project,
        env=quiet_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    incidents = out / "incidents"
    deadline = time.monotonic() + 120
    # Kill as soon as the render has started writing its new files.
    while not any(p.name.startswith(".briefing-") for p in incidents.iterdir()):
        assert render.poll() is None, "the render finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    render.send_signal(signal.SIGKILL)
    assert render.wait(timeout=30) == -signal.SIGKILL

    assert _visible(out) == previous
    assert any(p.name.startswith(".briefing-") for p in incidents.iterdir()), "killed mid-write, temporary files remain"

    finished = run_cli(project, "render", "--out", str(out))
    assert finished.returncode == 0, finished.stderr
    assert not [p for p in out.rglob(".briefing-*.tmp")], "the next run removes what the killed one left"
    assert "Convoy 7" in (out / "incidents" / "patrol-00007.md").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    assert run_cli(project, "render", "--out", str(fresh)).returncode == 0
    assert snapshot(out) == snapshot(fresh)
