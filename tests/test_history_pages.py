"""What changed, on the pages: a record's short history and the site's "What's new" page.

The project is a git repository whose data folder has a few commits, as an analyst makes them;
without git (a project that is no repository) both are left out and the build says so once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ARTIFACTS, BASE_FIXTURE, copy_project, mkdocs_build, page_text, run_cli, serve_folder
from generator.pipeline import Result, generate
from generator.settings import make_settings

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HOSTILE = "Fix <script>alert(1)</script> [x](javascript:alert(2)) *per SOHR*"


def _commit(repo: Path, message: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Analyst",
        "GIT_AUTHOR_EMAIL": "analyst@example.org",
        "GIT_COMMITTER_NAME": "Analyst",
        "GIT_COMMITTER_EMAIL": "analyst@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def _history_project(root: Path) -> Path:
    """The base fixture as a repository: added, then the standoff revised twice, then a source dropped."""
    project = copy_project(BASE_FIXTURE, root / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    extra = project / "seeds" / "sources" / "sana.yaml"
    extra.write_text("id: sana\nname: SANA\nkind: news-agency\nreliability: D\n", encoding="utf-8")
    _commit(project, "Add the Derik incidents", "2024-03-01T10:00:00+00:00")
    standoff = project / "seeds" / "incidents" / "derik-standoff.yaml"
    text = standoff.read_text(encoding="utf-8")
    standoff.write_text(text.replace("A patrol was turned back.", "A Russian patrol was turned back."), "utf-8")
    _commit(project, "Standoff: the patrol was Russian, per VOA", "2024-03-02T09:30:00+01:00")
    standoff.write_text(standoff.read_text(encoding="utf-8") + "status: confirmed\n", encoding="utf-8")
    extra.unlink()
    _commit(project, HOSTILE, "2024-03-05T08:00:00+00:00")
    return project


def _generate(project: Path) -> Result:
    result = generate(make_settings(project))
    assert result.ok, [d.format() for d in result.diagnostics]
    return result


def _page(result: Result, uri: str) -> str:
    return next(p.markdown for p in result.pages if p.uri == uri)


def test_a_record_page_says_when_it_changed_what_changed_and_why(tmp_path: Path) -> None:
    result = _generate(_history_project(tmp_path))
    assert result.notes == []
    page = _page(result, "incidents/derik-standoff.md")
    assert (
        "## History\n\n"
        "- 5 March 2024: changed `status` — *Fix &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(2)) "
        "\\*per SOHR\\**\n"
        "- 2 March 2024: changed `summary` — *Standoff: the patrol was Russian, per VOA*\n"
        "- 1 March 2024: created — *Add the Derik incidents*\n"
    ) in page
    assert "- 1 March 2024: created — *Add the Derik incidents*\n" in _page(result, "actors/russia.md")
    assert "## History" in _page(result, "places/derik.md") and "## History" in _page(result, "sources/voa.md")


def test_whats_new_lists_the_newest_commits_with_their_records(tmp_path: Path) -> None:
    page = _page(_generate(_history_project(tmp_path)), "whats-new.md")
    newest, rest = page.split("## 2 March 2024", 1)
    assert "## 5 March 2024: Fix &lt;script&gt;alert(1)&lt;/script&gt;" in newest
    assert "- `sources/sana.yaml`: deleted\n" in newest
    assert "- [Standoff near Derik](incidents/derik-standoff.md): changed `status`\n" in newest
    assert rest.startswith(
        ": Standoff: the patrol was Russian, per VOA\n\n- [Standoff near Derik](incidents/derik-standoff.md): changed `summary`\n"
    )
    assert "## 1 March 2024: Add the Derik incidents" in rest
    assert "- [Russia](actors/russia.md): created" in rest


def test_the_history_is_read_again_only_when_head_moves(tmp_path: Path) -> None:
    project = _history_project(tmp_path)
    first = generate(make_settings(project))
    again = generate(make_settings(project), history=first.history)
    assert again.history is first.history
    (project / "seeds" / "places" / "derik.yaml").write_text(
        (project / "seeds" / "places" / "derik.yaml").read_text(encoding="utf-8") + "description: A town.\n", "utf-8"
    )
    _commit(project, "Describe Derik", "2024-03-06T08:00:00+00:00")
    moved = generate(make_settings(project), history=first.history)
    assert moved.history is not first.history
    assert "- 6 March 2024: changed `description` — *Describe Derik*" in _page(moved, "places/derik.md")


def test_without_git_history_both_are_left_out_and_the_build_says_so_once(tmp_path: Path) -> None:
    project = copy_project(BASE_FIXTURE, tmp_path / "project")  # a folder that is no repository
    result = _generate(project)
    assert [note for note in result.notes if "history" in note] == [
        'no record history and no "What\'s new" page: the data folder is not in a git repository'
    ]
    assert "whats-new.md" not in {p.uri for p in result.pages}
    assert not [p.uri for p in result.pages if "## History" in p.markdown]
    assert "what's new" not in _page(result, "index.md")
    rendered = run_cli(project, "render", "--out", str(tmp_path / "out"))
    assert rendered.returncode == 0
    assert rendered.stderr.count("no record history") == 1
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    assert built.stderr.count('no record history and no "What\'s new" page') == 1


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _history_project(tmp_path_factory.mktemp("history"))
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    return project / "site"


def test_the_built_pages_show_the_history_and_link_whats_new(history_site: Path) -> None:
    text = page_text(history_site, "incidents/derik-standoff/")
    assert "History 5 March 2024: changed status — Fix" in text
    html = (history_site / "incidents" / "derik-standoff" / "index.html").read_text(encoding="utf-8")
    assert "<em>Fix &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2)) *per SOHR*</em>" in html
    assert "what's new" in page_text(history_site, "")
    assert "Standoff: the patrol was Russian, per VOA" in page_text(history_site, "whats-new/")


def test_screenshots_of_a_records_history(browser: object, history_site: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with serve_folder(history_site) as url:
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
            page = context.new_page()
            page.goto(url + "incidents/derik-standoff/")
            history = page.locator("#history")
            history.scroll_into_view_if_needed()
            assert history.is_visible()
            assert page.evaluate("window.__pwned") is None
            page.evaluate("window.scrollTo(0, 0)")  # a full-page picture from the top, header at the top
            page.screenshot(path=str(ARTIFACTS / f"tradecraft-history-{width}.png"), full_page=True)
            page.goto(url + "whats-new/")
            page.screenshot(path=str(ARTIFACTS / f"tradecraft-whats-new-{width}.png"), full_page=True)
            context.close()
