"""Record histories from the data folder's git log: what changed, when, in one pass."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.load.history import CREATED, DELETED, read_history

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")


def _git(repo: Path, *args: str, date: str = "2024-03-01T10:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Analyst",
        "GIT_AUTHOR_EMAIL": "analyst@example.org",
        "GIT_COMMITTER_NAME": "Analyst",
        "GIT_COMMITTER_EMAIL": "analyst@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def _commit(repo: Path, message: str, date: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project whose data folder ``seeds/`` has three commits: add, edit and rename."""
    _git(tmp_path, "init", "-q")
    incidents = tmp_path / "seeds" / "incidents"
    incidents.mkdir(parents=True)
    (incidents / "derik.yaml").write_text("id: derik\ntitle: Standoff\ndate: 2020-06-04\n", encoding="utf-8")
    (incidents / "qamishli.yaml").write_text("id: qamishli\ntitle: Patrol\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("outside the data folder\n", encoding="utf-8")
    _commit(tmp_path, "Add the June incidents", "2024-03-01T10:00:00+00:00")
    (incidents / "derik.yaml").write_text(
        "id: derik\ntitle: Standoff near Derik\ndate: 2020-06-04\nsummary: Cars backed up.\n", encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("changed too\n", encoding="utf-8")
    _commit(tmp_path, "Derik: title from the article — «standoff»", "2024-03-02T09:30:00+01:00")
    (incidents / "qamishli.yaml").rename(incidents / "qamishli-patrol.yaml")
    _commit(tmp_path, "Rename the patrol", "2024-03-03T08:00:00+00:00")
    return tmp_path


def test_each_record_has_its_changes_newest_first_with_the_fields_they_changed(repo: Path) -> None:
    history = read_history(repo / "seeds")
    assert history.available and history.reason == ""
    derik = history.of("incidents/derik.yaml")
    assert [(c.message, c.fields, c.date.isoformat()) for c in derik] == [
        ("Derik: title from the article — «standoff»", ("summary", "title"), "2024-03-02T09:30:00+01:00"),
        ("Add the June incidents", (CREATED,), "2024-03-01T10:00:00+00:00"),
    ]
    assert history.last_changed("incidents/derik.yaml") == derik[0].date
    assert set(history.changes) == {"incidents/derik.yaml", "incidents/qamishli-patrol.yaml"}


def test_a_renamed_record_keeps_its_history_under_its_new_name(repo: Path) -> None:
    changes = read_history(repo / "seeds").of("incidents/qamishli-patrol.yaml")
    assert [(c.message, c.fields, c.renamed_from) for c in changes] == [
        ("Rename the patrol", (), "incidents/qamishli.yaml"),
        ("Add the June incidents", (CREATED,), None),
    ]


def test_a_deleted_record_says_so_and_uncommitted_edits_are_not_history(repo: Path) -> None:
    (repo / "seeds" / "incidents" / "derik.yaml").unlink()
    _commit(repo, "Drop Derik", "2024-03-04T08:00:00+00:00")
    (repo / "seeds" / "incidents" / "qamishli-patrol.yaml").write_text("id: qamishli-patrol\n", encoding="utf-8")
    history = read_history(repo / "seeds")
    assert history.of("incidents/derik.yaml")[0].fields == (DELETED,)
    assert [c.message for c in history.of("incidents/qamishli-patrol.yaml")] == [
        "Rename the patrol",
        "Add the June incidents",
    ]


def test_the_same_head_is_not_read_twice_and_a_new_commit_is(repo: Path) -> None:
    first = read_history(repo / "seeds")
    assert read_history(repo / "seeds", previous=first) is first
    (repo / "seeds" / "incidents" / "derik.yaml").write_text("id: derik\ntitle: Standoff again\n", encoding="utf-8")
    _commit(repo, "Again", "2024-03-05T08:00:00+00:00")
    again = read_history(repo / "seeds", previous=first)
    assert again is not first
    assert again.of("incidents/derik.yaml")[0].fields == ("date", "summary", "title")


def test_two_git_processes_read_the_whole_history_however_many_records(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    incidents = repo / "seeds" / "incidents"
    for n in range(40):
        (incidents / f"r{n}.yaml").write_text(f"id: r{n}\ntitle: T{n}\n", encoding="utf-8")
    _commit(repo, "Forty", "2024-03-06T08:00:00+00:00")
    for n in range(40):
        (incidents / f"r{n}.yaml").write_text(f"id: r{n}\ntitle: T{n} revised\n", encoding="utf-8")
    _commit(repo, "Forty revised", "2024-03-07T08:00:00+00:00")
    bin_dir = tmp_path_factory.mktemp("bin")
    calls = bin_dir / "calls.log"
    wrapper = bin_dir / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$1" >> "{calls}"\nexec "{GIT}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    history = read_history(repo / "seeds")
    assert all(history.of(f"incidents/r{n}.yaml")[0].fields == ("title",) for n in range(40))
    assert calls.read_text(encoding="utf-8").split() == ["rev-parse", "rev-parse", "log", "cat-file"]


def test_without_a_repository_there_is_no_history_and_it_says_why(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    history = read_history(tmp_path / "seeds")
    assert not history.available
    assert history.reason == "the data folder is not in a git repository"
    assert history.of("incidents/x.yaml") == [] and history.last_changed("incidents/x.yaml") is None
    _git(tmp_path, "init", "-q")
    assert read_history(tmp_path / "seeds").reason == "the repository has no commit yet"
