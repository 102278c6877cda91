"""``briefing new``: a project that builds strict as made, checks itself before commits and publishes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from conftest import ARTIFACTS, REPO, mkdocs_build, page_text, quiet_env, run_cli, serve_folder, snapshot
from generator import __version__
from generator.model.schema import schema_files

FILES = [
    ".github/workflows/publish.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "docs/briefings/first-briefing.md",
    "mkdocs.yml",
    "requirements.txt",
    "schemas/actor.schema.json",
    "schemas/incident.schema.json",
    "schemas/place.schema.json",
    "schemas/source.schema.json",
    "seeds/actors/example-residents-committee.yaml",
    "seeds/incidents/example-protest-2024-03-08.yaml",
    "seeds/places/example-town.yaml",
    "seeds/sources/example-monitor.yaml",
]


def _new(tmp_path: Path, name: str = "my-briefing") -> Path:
    result = run_cli(tmp_path, "new", name)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"created a briefing project in {name}: {len(FILES)} files\n"
        + "".join(f"  {file}\n" for file in FILES)
        + f"next: cd {name} && briefing serve   (then open http://127.0.0.1:8000/)\n"
    )
    return tmp_path / name


def test_a_new_project_builds_strict_as_made(tmp_path: Path, browser: Any) -> None:
    project = _new(tmp_path)
    assert sorted(snapshot(project)) == FILES
    check = run_cli(project, "check", "--strict")
    assert check.returncode == 0, check.stderr
    assert check.stderr == "ok: 17 pages from seeds\n"
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    # the generated pages its nav leaves out (What's new, Possible duplicates) are no notice each build
    assert "not included in the" not in built.stderr, built.stderr
    site = project / "site"
    assert (site / "duplicates" / "index.html").is_file()
    for page in (
        "incidents/example-protest-2024-03-08",
        "actors/example-residents-committee",
        "places/example-town",
        "sources/example-monitor",
        "briefings/first-briefing",
    ):
        assert (site / page / "index.html").is_file(), page
    briefing = (site / "briefings" / "first-briefing" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../incidents/example-protest-2024-03-08/"' in briefing
    place = (site / "places" / "example-town" / "index.html").read_text(encoding="utf-8")
    assert "Your first briefing" in place  # the backlink from the briefing that mentions it
    home = page_text(site, "")
    assert "1 incident from 8 March 2024" in home  # one of each, counted in the singular
    assert "1 actor, 1 place and 1 source, 1 briefing." in home
    with serve_folder(site) as url:
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        ARTIFACTS.mkdir(exist_ok=True)
        for width in (1280, 390):
            tab.set_viewport_size({"width": width, "height": 900})
            tab.goto(url)
            assert "My briefing" in tab.title()
            tab.screenshot(path=str(ARTIFACTS / f"new-project-home-{width}.png"), full_page=True)
            tab.goto(url + "briefings/first-briefing/")
            tab.screenshot(path=str(ARTIFACTS / f"new-project-briefing-{width}.png"), full_page=True)
        tab.close()


def test_the_settings_name_the_site_and_keep_it_offline_and_strict(tmp_path: Path) -> None:
    project = _new(tmp_path, "aleppo_watch")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Aleppo watch"
    assert config["site_description"]
    assert config["strict"] is True
    assert config["theme"]["name"] == "material" and config["theme"]["font"] is False
    assert config["plugins"][:2] == ["search", {"tags": {"export": False}}]  # no tags.json, which nothing reads
    assert config["plugins"][2] == {"briefing": {"seeds": "seeds", "templates": "templates", "briefings": "briefings"}}
    assert {"Home": "index.md"} in config["nav"]
    assert {"Briefings": ["briefings/first-briefing.md"]} in config["nav"]
    assert (project / "README.md").read_text(encoding="utf-8").startswith("# Aleppo watch\n")
    assert "mkdocs gh-deploy" in (project / "README.md").read_text(encoding="utf-8")
    ignored = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/site/" in ignored and "/.site.building/" in ignored


def test_the_schemas_are_those_of_briefing_schema_and_every_record_points_at_one(tmp_path: Path) -> None:
    project = _new(tmp_path)
    assert {f"schemas/{name}": text.encode() for name, text in schema_files().items()} == {
        name: data for name, data in snapshot(project).items() if name.startswith("schemas/")
    }
    for record in (project / "seeds").rglob("*.yaml"):
        first = record.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (record.parent / first.split("=", 1)[1]).resolve().is_file(), record


def test_the_example_records_are_not_the_example_sites(tmp_path: Path) -> None:
    project = _new(tmp_path)
    ours = {p.relative_to(project / "seeds").as_posix() for p in (project / "seeds").rglob("*.yaml")}
    example = {p.relative_to(REPO / "seeds").as_posix() for p in (REPO / "seeds").rglob("*.yaml")}
    assert len(ours) == 4 and not ours & example
    texts = {p.read_text(encoding="utf-8") for p in (REPO / "seeds").rglob("*.yaml")}
    assert not any(p.read_text(encoding="utf-8") in texts for p in (project / "seeds").rglob("*.yaml"))


def test_a_new_project_can_be_made_in_an_empty_folder_and_never_over_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run_cli(tmp_path, "new", "empty").returncode == 0
    assert sorted(snapshot(tmp_path / "empty")) == FILES
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run_cli(tmp_path, "new", "busy")
    assert refused.returncode == 2
    assert snapshot(tmp_path / "busy") == {"notes.txt": b"mine"}


def _pre_commit(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = quiet_env()
    env["PRE_COMMIT_HOME"] = str(project.parent / "pre-commit-home")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # where `briefing` is
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=project, capture_output=True, text=True, env=env, timeout=300
    )


def test_pre_commit_runs_briefing_check_and_stops_a_commit_of_bad_data(tmp_path: Path) -> None:
    project = _new(tmp_path)
    if shutil.which("git") is None:  # pragma: no cover - git is on every machine this runs on
        raise AssertionError("git is needed to run pre-commit")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    assert _pre_commit(project, "validate-config", ".pre-commit-config.yaml").returncode == 0
    passed = _pre_commit(project, "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "briefing check" in passed.stdout and "Passed" in passed.stdout

    incident = project / "seeds" / "incidents" / "example-protest-2024-03-08.yaml"
    incident.write_text(
        incident.read_text(encoding="utf-8").replace("place: example-town", "place: example-twon"), encoding="utf-8"
    )
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    failed = _pre_commit(project, "run", "--all-files")
    assert failed.returncode == 1
    assert "briefing check" in failed.stdout and "Failed" in failed.stdout
    assert (
        "seeds/incidents/example-protest-2024-03-08.yaml:8:8: unknown place 'example-twon'\n"
        "  hint: did you mean 'example-town'? (places are in seeds/places/)\n"
    ) in failed.stdout


def test_the_repository_offers_the_same_hook_to_pre_commit(tmp_path: Path) -> None:
    manifest = REPO / ".pre-commit-hooks.yaml"
    valid = _pre_commit(REPO, "validate-manifest", str(manifest))
    assert valid.returncode == 0, valid.stdout + valid.stderr
    (hook,) = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    project = _new(tmp_path)
    (local,) = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    (configured,) = local["hooks"]
    assert hook["id"] == configured["id"] == "briefing-check"
    assert hook["entry"] == configured["entry"] == "briefing check"
    assert hook["files"] == configured["files"]
    assert hook["pass_filenames"] is configured["pass_filenames"] is False


def test_the_publish_workflow_checks_builds_and_deploys_to_pages(tmp_path: Path) -> None:
    project = _new(tmp_path)
    workflow = yaml.safe_load((project / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run") for step in steps]
    assert runs.index("pip install -r requirements.txt") < runs.index("briefing check") < runs.index("briefing build")
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    requirements = (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert requirements[-1] == f"briefing-generator=={__version__}"
