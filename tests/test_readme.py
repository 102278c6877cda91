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


def test_copying_the_example_incident_under_a_new_id_is_caught_as_a_possible_duplicate(tmp_path: Path) -> None:
    """The README's example is the seed record's twin: copied with only its id changed, check warns."""
    example = _block_after("## Adding an incident", "yaml")
    project = copy_project(REPO, tmp_path / "project")
    seed = project / "seeds" / "incidents" / "derik-standoff-2020-06-04.yaml"
    assert "id: derik-standoff-2020-06-04\n" in example and seed.is_file()
    copy = project / "seeds" / "incidents" / "derik-standoff-copy.yaml"
    copy.write_text(example.replace("id: derik-standoff-2020-06-04", "id: derik-standoff-copy"), encoding="utf-8")
    before = {p: p.read_bytes() for p in (project / "seeds").rglob("*.yaml")}

    result = run_cli(project, "check")

    assert result.returncode == 0, result.stderr  # a warning, not an error
    assert result.stderr.startswith(
        "seeds/incidents/derik-standoff-copy.yaml:2:5: warning: incident 'derik-standoff-copy' may be the same"
        " event as 'derik-standoff-2020-06-04' (seeds/incidents/derik-standoff-2020-06-04.yaml):"
        " same place, actors and date; almost identical title\n"
        "  hint: if it is, merge the two records; if not (or if unsure), add to one of them"
        " 'related: [{incident: derik-standoff-2020-06-04, relation: not-same-as}]' (or possibly-same-as)\n"
    ), result.stderr
    assert run_cli(project, "check", "--strict").returncode == 1
    assert {p: p.read_bytes() for p in (project / "seeds").rglob("*.yaml")} == before  # check writes nothing
