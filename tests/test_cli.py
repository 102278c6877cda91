"""The ``briefing`` command as a user runs it: exit codes, messages and what it writes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import run_cli, snapshot

CHECK_USAGE = (
    "usage: briefing check [-h] [--config-file FILE] [--seeds DIR] [--templates DIR] [--docs DIR]\n"
    "                      [--briefings DIR] [--strict]\n"
)
RENDER_USAGE = (
    "usage: briefing render [-h] [--config-file FILE] [--seeds DIR] [--templates DIR] [--docs DIR]\n"
    "                       [--briefings DIR] [--strict] --out DIR [--allow-other-files]\n"
)
NOWHERE = (
    CHECK_USAGE + "briefing check: error: data folder 'nowhere' not found\n  hint: check the path given to --seeds\n"
)


def test_check_passes_on_clean_data(project: Path) -> None:
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("ok: ")


def test_every_problem_is_reported_at_once(project: Path) -> None:
    incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
    incident.write_text(
        incident.read_text(encoding="utf-8")
        .replace("place: derik", "place: derick")
        .replace("source: voa", "source: vao"),
        encoding="utf-8",
    )
    (project / "seeds" / "places" / "syria.yaml").write_text("id: syria\nname: Syria\nkind: contry\n", encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert result.stderr == (
        "seeds/incidents/derik-standoff.yaml:6:8: unknown place 'derick'\n"
        "  hint: did you mean 'derik'? (places are in seeds/places/)\n"
        "seeds/incidents/derik-standoff.yaml:14:13: unknown source 'vao'\n"
        "  hint: did you mean 'voa'? (sources are in seeds/sources/)\n"
        "seeds/places/syria.yaml:3:7: 'contry' is not a known place kind\n"
        "  hint: did you mean 'country'?\n"
        "3 problems found.\n"
    )


def test_warnings_fail_only_strict_runs(project: Path) -> None:
    incident = project / "seeds" / "incidents" / "derik-tension.yaml"
    incident.write_text(
        incident.read_text(encoding="utf-8").replace("citations:\n  - source: voa\n", ""), encoding="utf-8"
    )
    warning = (
        "seeds/incidents/derik-tension.yaml:1:1: warning: incident 'derik-tension' cites no source\n"
        "  hint: add a 'citations:' list so readers can check the claim\n"
    )
    relaxed = run_cli(project, "check")
    assert relaxed.returncode == 0
    assert relaxed.stderr.startswith(warning)
    strict = run_cli(project, "check", "--strict")
    assert strict.returncode == 1
    assert strict.stderr == warning + "1 problem found.\n"


def test_usage_errors_exit_2(project: Path) -> None:
    assert run_cli(project, "render").returncode == 2  # --out is required
    assert run_cli(project, "frobnicate").returncode == 2
    missing = run_cli(project, "check", "--seeds", "nowhere")
    assert missing.returncode == 2
    assert missing.stderr == NOWHERE


def test_render_writes_markdown_and_a_manifest(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(project, "render", "--out", str(out))
    assert result.returncode == 0, result.stderr
    files = snapshot(out)
    assert "incidents/derik-standoff.md" in files
    assert "actors/index.md" in files
    assert ".briefing-manifest.json" in files
    text = files["incidents/derik-standoff.md"].decode()
    assert "[Derik](../places/derik.md)" in text
    assert "[Field notes](../briefings/notes.md)" in files["places/derik.md"].decode()


def test_render_twice_is_byte_identical_and_touches_nothing(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli(project, "render", "--out", str(out)).returncode == 0
    first = snapshot(out)
    old = time.time() - 3600
    for path in out.rglob("*"):
        os.utime(path, (old, old))
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = run_cli(project, "render", "--out", str(out))
    assert again.returncode == 0
    assert again.stderr.startswith("wrote 0, unchanged ")
    assert snapshot(out) == first
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == mtimes


def test_render_into_a_second_folder_gives_identical_bytes(project: Path, tmp_path: Path) -> None:
    assert run_cli(project, "render", "--out", str(tmp_path / "a")).returncode == 0
    assert run_cli(project, "render", "--out", str(tmp_path / "b")).returncode == 0
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_render_rewrites_only_changed_pages_and_removes_only_its_own(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli(project, "render", "--out", str(out)).returncode == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (project / "seeds" / "incidents" / "derik-tension.yaml").unlink()
    incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
    incident.write_text(incident.read_text(encoding="utf-8").replace("turned back", "sent back"), encoding="utf-8")
    result = run_cli(project, "render", "--out", str(out), "--allow-other-files")
    assert result.returncode == 0, result.stderr
    assert not (out / "incidents" / "derik-tension.md").exists()
    assert "sent back" in (out / "incidents" / "derik-standoff.md").read_text(encoding="utf-8")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert "removed 1 " in result.stderr


def test_render_refuses_to_overwrite_a_file_it_did_not_write(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "actors").mkdir(parents=True)
    (out / "actors" / "index.md").write_text("hand-written", encoding="utf-8")
    result = run_cli(project, "render", "--out", str(out))
    assert result.returncode == 2
    assert result.stderr == RENDER_USAGE + (
        f"briefing render: error: {out} holds files this tool did not write where it would write its own: "
        "actors/index.md\n  hint: choose another output folder, or move those files away\n"
    )
    assert snapshot(out) == {"actors/index.md": b"hand-written"}
    allowed = run_cli(project, "render", "--out", str(out), "--allow-other-files")
    assert allowed.returncode == 2
    assert snapshot(out) == {"actors/index.md": b"hand-written"}


def test_render_refuses_a_folder_with_other_files_unless_told(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("my notes", encoding="utf-8")
    refused = run_cli(project, "render", "--out", str(out))
    assert refused.returncode == 2
    assert refused.stderr == RENDER_USAGE + (
        f"briefing render: error: {out} holds files this tool did not write: README.md\n"
        "  hint: render into an empty folder, or pass --allow-other-files to leave them in place\n"
    )
    assert snapshot(out) == {"README.md": b"my notes"}
    allowed = run_cli(project, "render", "--out", str(out), "--allow-other-files")
    assert allowed.returncode == 0, allowed.stderr
    assert (out / "README.md").read_text(encoding="utf-8") == "my notes"
    assert (out / "incidents" / "derik-standoff.md").is_file()


def test_render_with_bad_data_writes_nothing(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli(project, "render", "--out", str(out)).returncode == 0
    before = snapshot(out)
    (project / "seeds" / "actors" / "turkey.yaml").write_text("id: turkey\nkind: state\n", encoding="utf-8")
    result = run_cli(project, "render", "--out", str(out))
    assert result.returncode == 1
    assert result.stderr == (
        "seeds/actors/turkey.yaml:1:1: missing required field 'name'\n"
        "  hint: add 'name:' to this record\n"
        "1 problem found; nothing was written.\n"
    )
    assert snapshot(out) == before


def test_render_reads_the_same_settings_as_the_plugin(project: Path) -> None:
    """``briefing render`` takes site_url, use_directory_urls and the plugin's folders from mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - briefing\n", "  - briefing:\n      seeds: data\n")
    config.write_text(text + "use_directory_urls: false\nsite_url: https://briefing.example/site/\n", encoding="utf-8")
    (project / "seeds").rename(project / "data")
    result = run_cli(project, "render", "--out", "out")
    assert result.returncode == 0, result.stderr
    feed = (project / "out" / "data" / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:base="https://briefing.example/site/data/feed.xml"' in feed
    assert 'href="../incidents/derik-standoff.html"' in feed
    timeline = (project / "out" / "timeline" / "index.md").read_text(encoding="utf-8")
    assert "../incidents/derik-standoff.html" in timeline  # the picture's raw HTML links
    assert "../incidents/derik-standoff/" not in timeline
    flags = run_cli(project, "check", "--seeds", "nowhere")
    assert flags.returncode == 2
    assert flags.stderr == NOWHERE
