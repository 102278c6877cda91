"""The synthetic project maker (``scripts/make_synthetic.py``) that benchmarks and scale tests use.

Its output must be the same bytes for the same seed, valid for ``briefing check`` and a real
``mkdocs build --strict`` without a warning, and it must never write into a folder that holds
something.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from conftest import REPO, mkdocs_build, run_cli, snapshot

SCRIPT = REPO / "scripts" / "make_synthetic.py"


def make(out: Path, incidents: int = 200, seed: int = 1) -> subprocess.CompletedProcess[str]:
    """Run the script as a user would."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--incidents", str(incidents), "--out", str(out), "--seed", str(seed)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    first, second, other = tmp_path / "first", tmp_path / "second", tmp_path / "other"
    for folder, seed in ((first, 1), (second, 1), (other, 2)):
        result = make(folder, seed=seed)
        assert result.returncode == 0, result.stderr

    files = snapshot(first)
    assert files == snapshot(second)
    assert files != snapshot(other)
    assert (first / "docs").is_dir()
    counts = {
        kind: sum(1 for name in files if name.startswith(f"seeds/{kind}/"))
        for kind in ("incidents", "actors", "places", "sources")
    }
    assert counts == {"incidents": 200, "actors": 10, "places": 20, "sources": 5}
    sizes = [len(data) for name, data in files.items() if name.startswith("seeds/incidents/")]
    assert 1200 < statistics.mean(sizes) < 2200  # about 1.6 KB of YAML per incident, as in the benchmarks


def test_project_passes_check_and_a_strict_mkdocs_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    made = make(project)
    assert made.returncode == 0, made.stderr

    check = run_cli(project, "check")
    assert check.returncode == 0, check.stderr
    assert check.stderr.strip().startswith("ok: "), check.stderr  # nothing before it: no warning

    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    incidents = sorted((project / "seeds" / "incidents").glob("*.yaml"))
    assert len(incidents) == 200
    missing = [
        path.stem for path in incidents if not (project / "site" / "incidents" / path.stem / "index.html").is_file()
    ]
    assert missing == []


def test_refuses_a_folder_that_holds_something(tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep me\n", encoding="utf-8")

    result = make(busy, incidents=5)

    assert result.returncode == 2
    assert "not an empty folder" in result.stderr
    assert snapshot(busy) == {"notes.txt": b"keep me\n"}
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]

    empty = tmp_path / "empty"
    empty.mkdir()
    assert make(empty, incidents=5).returncode == 0


def test_a_large_project_has_no_possible_duplicates(tmp_path: Path) -> None:
    """At a few thousand incidents, two of one place and kind fall within a day by chance (they
    get the same title); the maker keeps them apart, so a strict build of any size has no warning."""
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from make_synthetic import make_project
    finally:
        sys.path.remove(str(SCRIPT.parent))
    from generator.index.graph import build_index
    from generator.load.dataset import load_dataset

    make_project(tmp_path, 5000)

    dataset = load_dataset(tmp_path / "seeds", tmp_path)
    index = build_index(dataset)
    assert [d.format() for d in dataset.diagnostics + index.diagnostics] == []
    assert index.duplicates == []
