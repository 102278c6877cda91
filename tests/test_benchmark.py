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


def test_a_verdict_says_by_how_much_a_target_is_missed() -> None:
    assert _verdict(1.05, 1.08) == "1.05 (≤ 1.08: met)"
    assert _verdict(1.35, 1.08) == "1.35 (> 1.08: missed by 25%)"
    assert _verdict(None, 1.5) == "not measured"
