"""The README's examples do what it says: its sample error is what its own example gives."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, copy_project, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def _block_after(heading: str, language: str) -> str:
    """The first ```LANGUAGE block after ``heading`` in the README."""
    section = README[README.index(heading) :]
    found = re.search(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert found is not None, f"no {language} block under {heading}"
    return found.group(1)


def test_the_sample_error_is_what_the_example_incident_gives_with_a_typo(tmp_path: Path) -> None:
    example = _block_after("## Adding an incident", "yaml")
    expected = _block_after("## Adding an incident", "text")
    assert example.count("actor: russia") == 1
    project = copy_project(REPO, tmp_path / "project")
    record = project / expected.split(":", 1)[0]  # the file the sample names, where the README says
    assert record.parent == project / "seeds" / "incidents"

    record.write_text(example, encoding="utf-8")
    clean = run_cli(project, "check", "--strict")
    assert clean.returncode == 0, clean.stderr

    record.write_text(example.replace("actor: russia", "actor: rusia"), encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert result.stderr == expected
