"""The benchmark (``scripts/benchmark.py``) runs as the README says and reports every measure.

Speed itself is not asserted here (the standards keep timings out of the tests): only that a
small run measures what the README's Speed table shows and judges the ratios against the targets.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO, quiet_env

sys.path.insert(0, str(REPO / "scripts"))
from benchmark import _verdict


def test_a_small_run_reports_the_floor_the_builds_and_the_ratios(tmp_path: Path) -> None:
    out = tmp_path / "report"
    command = [sys.executable, str(REPO / "scripts" / "benchmark.py"), *("--sizes", "20", "40", "--repeat", "1")]
    command += ["--no-browser", "--out", str(out)]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=quiet_env(),
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    report = (out / "benchmark.md").read_text(encoding="utf-8")
    assert "| Incidents | C-loader parse s | Generation s | Generation / parse (target ≤ 1.5) " in report
    assert "| 20 → 40 | 2.0 |" in report  # the growth table
    sizes = json.loads((out / "benchmark.json").read_text(encoding="utf-8"))["sizes"]
    assert [size["raw"]["incidents"] for size in sizes] == [20, 40]
    for size in sizes:
        summary, raw = size["summary"], size["raw"]
        assert summary["parse_seconds"]["median"] > 0
        assert (
            summary["generation_over_parse"]
            == summary["generation_seconds"]["median"] / summary["parse_seconds"]["median"]
        )
        assert raw["plugin_site"]["pagefind_bytes"] > 0  # the plugin's site has a Pagefind index
        assert summary["search_first_result_seconds"] is None  # --no-browser
        assert summary["serve_seconds"] is None  # no --serve
    assert "not measured" in report


def test_serve_measures_saves_under_the_preview_and_under_mkdocs_alone(tmp_path: Path) -> None:
    """--serve times a save under `briefing serve` and, as the floor, the same page's save under
    `mkdocs serve --dirty` of the plain Markdown; both servers leave nothing behind."""
    out, temporary = tmp_path / "report", tmp_path / "tmp"
    temporary.mkdir()
    command = [sys.executable, str(REPO / "scripts" / "benchmark.py"), *("--sizes", "20", "--repeat", "1")]
    command += ["--no-browser", "--serve", "--out", str(out)]
    result = subprocess.run(
        command, capture_output=True, text=True, env={**quiet_env(), "TMPDIR": str(temporary)}, timeout=900
    )
    assert result.returncode == 0, result.stderr
    (size,) = json.loads((out / "benchmark.json").read_text(encoding="utf-8"))["sizes"]
    saves, plain = size["raw"]["serve"], size["raw"]["plain_serve"]
    assert len(saves["page_seconds"]) == len(saves["search_data_seconds"]) == len(plain) == 3
    assert all(0 < page <= data for page, data in zip(saves["page_seconds"], saves["search_data_seconds"], strict=True))
    assert all(seconds > 0 for seconds in plain)
    report = (out / "benchmark.md").read_text(encoding="utf-8")
    median = size["summary"]["plain_serve_page_seconds"]["median"]
    assert f"| The same, plain Markdown, MkDocs alone, s | {median:.2f} (" in report
    assert sorted(temporary.iterdir()) == []  # each server stopped as Ctrl+C stops it


def test_a_verdict_says_by_how_much_a_target_is_missed() -> None:
    assert _verdict(1.05, 1.08) == "1.05 (≤ 1.08: met)"
    assert _verdict(1.35, 1.08) == "1.35 (> 1.08: missed by 25%)"
    assert _verdict(None, 1.5) == "not measured"
