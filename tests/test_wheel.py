"""The package as a user installs it: ``scripts/check_wheel.py`` builds the wheel, installs it in a
fresh environment outside the repository and follows the README's recipe with it.

Slow (a wheel, an environment, a site) and needs the package index or pip's cache for the
dependencies; ``.ci/run`` runs the script itself first, with its log, and leaves this test out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from check_wheel import recipe


def test_the_readme_recipe_is_install_new_import_serve() -> None:
    steps = recipe((REPO / "README.md").read_text(encoding="utf-8"))
    assert steps == [
        "python3 -m venv ~/briefing-env",
        "source ~/briefing-env/bin/activate",
        "pip install /path/to/this/repository",
        "briefing new my-briefing",
        "cd my-briefing",
        "briefing import ucdp ged-syria.csv",
        "briefing serve",
    ]


def test_the_wheel_installs_and_builds_a_new_project(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "check_wheel.py"), "--keep", str(tmp_path / "check")],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    log = result.stdout
    for line in (
        "== 1. the wheel, built from",
        "    the wheel holds all ",
        "    vendored: leaflet, supercluster, topojson-client, world-atlas (4 licence files)",
        "$ briefing new my-briefing",
        "$ briefing import ucdp ged-syria.csv   (the file: tests/fixtures/imports/ucdp-ged-syria-sample.csv)",
        "    records: 338 created (192 incidents, 7 actors, 113 places, 26 sources)",
        "and lists the imported incidents",
        "$ mkdocs build --strict",
        "check_wheel: passed",
    ):
        assert line in log, line
