"""The pipeline as one function, and the plugin around it in real builds."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, mkdocs_build, records, snapshot
from generator.load.history import read_history
from generator.pipeline import generate
from generator.settings import make_settings


def _generate(project: Path) -> dict[str, str]:
    result = generate(make_settings(project))
    assert result.ok, result.diagnostics
    return {page.uri: page.markdown for page in result.pages}


def test_the_example_renders_byte_identical_markdown_twice() -> None:
    first, second = _generate(REPO), _generate(REPO)
    assert first == second
    assert list(first) == list(second)  # and in the same order
    # What's new is made only where the data has a git history (a checkout has one, a copy may not)
    assert len(first) == 47 + read_history(REPO / "seeds").available


def test_a_project_template_shadows_the_builtin_and_can_extend_it(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "source.md.j2").write_text('{% extends "builtin/source.md.j2" %}\n', encoding="utf-8")
    (project / "templates" / "actor.md.j2").write_text(
        "# {{ node.record.name | md }}\n\nCustom actor page.\n", encoding="utf-8"
    )
    pages = _generate(project)
    assert pages["actors/turkey.md"] == "# Turkey\n\nCustom actor page.\n"
    assert pages["sources/voa.md"].startswith('---\ntitle: "Voice of America"\n---\n\n# Voice of America\n')


def test_a_template_error_is_located_in_the_template(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "actor.md.j2").write_text("# {{ node.record.nmae }}\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "templates/actor.md.j2:1: template error: " in result.stderr
    assert "has no attribute 'nmae'" in result.stderr


def test_bad_data_leaves_the_previous_site_in_place(project: Path) -> None:
    assert mkdocs_build(project).returncode == 0
    site_before = snapshot(project / "site")
    (project / "seeds" / "actors" / "turkey.yaml").write_text(
        "id: turkey\nname: Turkey\nkind: stat\n", encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "seeds/actors/turkey.yaml:3:7: 'stat' is not a known actor kind" in result.stderr
    assert snapshot(project / "site") == site_before


def test_a_generated_page_may_not_replace_a_hand_written_one(project: Path) -> None:
    (project / "docs" / "actors").mkdir()
    (project / "docs" / "actors" / "turkey.md").write_text("# Turkey by hand\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert (
        "docs/actors/turkey.md: hand-written page has the same path as a generated page (made from seeds/actors/turkey.yaml)\n"
        "  hint: rename or move the hand-written page, or change the record's id"
    ) in result.stderr


def test_the_plugin_never_writes_into_docs(project: Path) -> None:
    before = snapshot(project / "docs")
    assert mkdocs_build(project).returncode == 0
    assert snapshot(project / "docs") == before


def test_briefing_build_replaces_the_site_only_when_the_build_succeeds(project: Path) -> None:
    from conftest import run_cli

    assert run_cli(project, "build").returncode == 0
    good = snapshot(project / "site")
    briefing = project / "docs" / "briefings" / "notes.md"
    briefing.write_text(briefing.read_text(encoding="utf-8") + "\nSee [nowhere](missing.md).\n", encoding="utf-8")
    failed = run_cli(project, "build")  # a broken link fails the strict build after MkDocs began writing
    assert failed.returncode == 1
    assert "briefing: the build failed; site is unchanged" in failed.stderr
    assert snapshot(project / "site") == good
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    briefing.write_text("# Field notes\n\nRewritten.\n", encoding="utf-8")
    assert run_cli(project, "build").returncode == 0
    assert "Rewritten." in (project / "site" / "briefings" / "notes" / "index.html").read_text(encoding="utf-8")


def test_an_actor_on_both_sides_of_one_incident_lists_it_once_with_its_roles(project: Path) -> None:
    """A group fighting itself (ACLED's actor1 = actor2) is one incident on its page, counted once."""
    (project / "seeds" / "incidents" / "infighting.yaml").write_text(
        "id: infighting\ntitle: Clashes within the force\ndate: 2020-06-07\nevent_type: battles\nplace: derik\n"
        "participants:\n  - {actor: russian-forces, role: combatant, side: a}\n"
        "  - {actor: russian-forces, role: targeted, side: b}\n"
        "citations:\n  - source: voa\n",
        encoding="utf-8",
    )
    result = generate(make_settings(project))
    assert result.ok, [d.format() for d in result.diagnostics]
    page = next(p.markdown for p in result.pages if p.uri == "actors/russian-forces.md")
    rows = [line for line in page.splitlines() if "Clashes within the force" in line and line.startswith("|")]
    assert len(rows) == 1 and "Combatant, Targeted" in rows[0], rows
    actors = next(p.markdown for p in result.pages if p.uri == "actors/index.md")
    listed = next(line for line in actors.splitlines() if "russian-forces" in line)
    involved = [
        i
        for i in records(project).incidents.values()
        if any(p.actor == "russian-forces" for p in i.record.participants)
    ]
    assert len(involved) > 1 and listed.endswith(f": {len(involved)} incidents"), listed
