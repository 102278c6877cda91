"""The code's own checks run with the tests: ruff (lint and format) and mypy (strict)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_lint() -> None:
    result = _run("ruff", "check", "generator", "tests", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run("ruff", "format", "--check", "generator", "tests", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_generator() -> None:
    result = _run("mypy", "generator")
    assert result.returncode == 0, result.stdout + result.stderr
