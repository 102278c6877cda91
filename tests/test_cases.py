"""Golden cases: a small project with some files changed, and the exact messages it must give.

Each ``tests/cases/*.yaml`` holds ``files`` to write over the base fixture (``null`` deletes a
file), the expected standard error of ``briefing check`` and its exit code. Cases marked
``mkdocs: true`` must also stop ``mkdocs build`` with the same messages. Refresh the expected
text after a deliberate change with ``UPDATE_GOLDEN=1 pytest tests/test_cases.py`` and review
the diff.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import mkdocs_build, run_cli, snapshot

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def _literal(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _apply(project: Path, files: dict[str, Any]) -> None:
    for relative, content in files.items():
        path = project / relative
        if content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case(case_file: Path, project: Path) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    _apply(project, case.get("files") or {})
    before = snapshot(project)
    result = run_cli(project, "check")
    assert "Traceback" not in result.stderr
    if os.environ.get("UPDATE_GOLDEN"):
        case["expected"], case["exit"] = result.stderr, result.returncode
        dumper = type("Dumper", (yaml.SafeDumper,), {})
        dumper.add_representer(str, _literal)
        case_file.write_text(
            yaml.dump(case, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
    assert result.stderr == case["expected"]
    assert result.returncode == case["exit"]
    assert snapshot(project) == before, "check must not write into the project"
    if case.get("mkdocs"):
        build = mkdocs_build(project)
        assert build.returncode == 1
        assert "Traceback" not in build.stderr
        for line in case["expected"].splitlines()[:-1]:
            assert line in build.stderr
        assert not (project / "site").exists()
