"""What the ``briefing`` command says, word for word: help, version, usage errors, import reports.

Golden texts: a change to a message shows up here as a diff to review.
"""

from __future__ import annotations

import csv
import importlib.metadata
import os
import platform
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, quiet_env, run_cli, snapshot
from generator import __version__

UCDP = REPO / "tests" / "fixtures" / "imports" / "ucdp-ged-syria-sample.csv"
COMMANDS = ["new", "check", "render", "build", "serve", "import", "schema"]


def test_version_names_the_tool_mkdocs_material_and_python(project: Path) -> None:
    result = run_cli(project, "--version")
    assert result.returncode == 0
    assert result.stdout == (
        f"briefing {__version__} (MkDocs {importlib.metadata.version('mkdocs')}, "
        f"mkdocs-material {importlib.metadata.version('mkdocs-material')}, Python {platform.python_version()})\n"
    )


def test_the_main_help_lists_every_command_with_examples(project: Path) -> None:
    result = run_cli(project, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: briefing [-h] [--version] COMMAND ...\n\nTurn YAML records of incidents")
    for command in COMMANDS:
        assert f"\n    {command} " in result.stdout, command
    assert "examples:\n  briefing new my-briefing          start a project in a new folder\n" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_describes_it_and_gives_examples(project: Path, command: str) -> None:
    result = run_cli(project, command, "--help")
    assert result.returncode == 0
    usage, description, *_ = result.stdout.split("\n\n")
    assert usage.startswith(f"usage: briefing {command} [-h]")
    assert len(description.split()) >= 12, description  # a paragraph, not a label
    examples = result.stdout[result.stdout.index("\nexamples:\n") :]
    assert f"\n  briefing {command}" in examples


def _usage_error(project: Path, *args: str) -> str:
    result = run_cli(project, *args)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_missing_config_file_is_a_usage_error_of_the_command(project: Path) -> None:
    assert _usage_error(project, "build", "-f", "nope.yml") == (
        "usage: briefing build [-h] [--config-file FILE] [--site-dir DIR]\n"
        "briefing build: error: config file 'nope.yml' not found\n"
        "  hint: run briefing in the project folder (the one with mkdocs.yml), or give the file with -f\n"
    )
    assert not (project / "site").exists()
    assert _usage_error(project, "check", "-f", "docs").endswith(
        "briefing check: error: 'docs' is a folder, not a file\n  hint: give the path of the mkdocs.yml inside it\n"
    )


def test_a_folder_given_as_the_file_to_import(project: Path) -> None:
    before = snapshot(project)
    assert _usage_error(project, "import", "ucdp", "seeds") == (
        "usage: briefing import [-h] [--config-file FILE] [--seeds DIR] [--all-warnings]\n"
        "                       {acled,briefing,ucdp} file\n"
        "briefing import: error: 'seeds' is a folder, not a file\n"
        "  hint: give the path of the file to import: a CSV file, or a site's data/data.json\n"
    )
    assert _usage_error(project, "import", "ucdp", "ged.csv").endswith(
        "briefing import: error: file 'ged.csv' not found\n  hint: check the path; it is relative to the current folder\n"
    )
    assert snapshot(project) == before


def test_new_refuses_a_folder_that_is_not_empty(project: Path) -> None:
    before = snapshot(project)
    assert _usage_error(project, "new", ".") == (
        "usage: briefing new [-h] DIR\n"
        "briefing new: error: '.' is not empty (it holds docs)\n"
        "  hint: give the name of a new folder, or an empty one\n"
    )
    assert snapshot(project) == before


def test_argument_errors_show_the_commands_usage(project: Path) -> None:
    assert _usage_error(project, "serve", "-a", "nonsense") == (
        "usage: briefing serve [-h] [--config-file FILE] [--dev-addr HOST:PORT]\n"
        "briefing serve: error: 'nonsense' is not an address of the form HOST:PORT\n"
        "  hint: e.g. -a 127.0.0.1:8000\n"
    )
    wrong = _usage_error(project, "import", "ucdb", "x.csv")  # argparse's words, which vary by Python
    assert wrong.startswith("usage: briefing import [-h]")
    assert "\nbriefing import: error: argument dataset: invalid choice: 'ucdb' (choose from " in wrong


def test_serve_on_a_busy_port_says_so_in_one_sentence(project: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        assert _usage_error(project, "serve", "-a", f"127.0.0.1:{port}") == (
            "usage: briefing serve [-h] [--config-file FILE] [--dev-addr HOST:PORT]\n"
            f"briefing serve: error: port {port} on 127.0.0.1 is already in use (another preview still running?)\n"
            f"  hint: stop the other server, or choose another port with -a 127.0.0.1:{port + 1}\n"
        )


def test_import_names_the_file_as_typed_and_counts_rows_and_records_apart(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    typed = str(UCDP)  # an absolute path stays one, not ../../../..
    first = run_cli(project, "import", "ucdp", typed)
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert lines[-2:] == [
        f"UCDP GED: 192 rows in {typed}: 192 imported, 0 rejected",
        "records: 338 created (192 incidents, 7 actors, 113 places, 26 sources), 0 updated, 0 unchanged, 0 conflicts",
    ]
    warnings = lines[:-2]
    assert len(warnings) == 13
    assert warnings[0] == f"{typed}:23: warning: row 22: 'high' 3 is below 'best' 4; the high estimate was left out"

    relative = os.path.relpath(UCDP, project)
    again = run_cli(project, "import", "ucdp", relative)
    assert again.returncode == 0, again.stderr
    assert again.stderr == (
        f"UCDP GED: 192 rows in {relative}: 192 imported, 0 rejected\n"
        "records: 0 created, 0 updated, 338 unchanged, 0 conflicts\n"
        "13 warnings about rows unchanged since the last import were not listed again (--all-warnings lists them)\n"
    )
    listed = run_cli(project, "import", "ucdp", relative, "--all-warnings")
    assert listed.stderr.splitlines()[:13] == [line.replace(typed, relative) for line in warnings]
    assert "not listed again" not in listed.stderr


def test_a_changed_row_warns_again(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    file = tmp_path / "ged.csv"
    shutil.copy2(UCDP, file)
    assert run_cli(project, "import", "ucdp", str(file)).returncode == 0
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = rows[21]  # row 22, which has a fatalities warning: a newer file rewords its headline
    for column in ("source_article", "source_headline"):
        row[column] = row[column].replace("Turkish Forces control a town", "Turkish forces take a town")
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    again = run_cli(project, "import", "ucdp", "../ged.csv")
    assert again.stderr.splitlines()[0] == (
        "../ged.csv:23: warning: row 22: 'high' 3 is below 'best' 4; the high estimate was left out"
    )
    assert "records: 0 created, 1 updated (1 incident), 337 unchanged, 0 conflicts" in again.stderr
    assert "12 warnings about rows unchanged since the last import were not listed again" in again.stderr


def test_build_and_serve_print_no_end_of_life_banner(tmp_path: Path) -> None:
    """mkdocs-material prints an eight-line notice on every plain MkDocs run; our commands do not."""
    project = tmp_path / "project"
    env = {key: value for key, value in quiet_env().items() if key != "NO_MKDOCS_2_WARNING"}
    made = subprocess.run(
        [sys.executable, "-m", "generator", "new", str(project)], capture_output=True, text=True, env=env, timeout=60
    )
    assert made.returncode == 0, made.stderr
    built = subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True, text=True, env=env, timeout=300
    )
    assert built.returncode == 0, built.stderr
    assert "end of life" not in built.stdout + built.stderr
    assert built.stderr.endswith("built site\n")


def test_a_misspelled_command_gets_a_did_you_mean(project: Path) -> None:
    assert _usage_error(project, "imprt", "ucdp", "x.csv") == (
        "usage: briefing [-h] [--version] COMMAND ...\n"
        "briefing: error: unknown command 'imprt'\n"
        "  hint: did you mean 'import'? ('briefing --help' lists the commands)\n"
    )
