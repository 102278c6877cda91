"""Golden cases: a small project with some files changed, and the exact messages it must give.

Each ``tests/cases/*.yaml`` holds ``files`` to write over the base fixture (``null`` deletes a
file), the expected standard error of ``briefing check`` and its exit code. Every case that
fails the check must also stop ``mkdocs build`` with the same messages and leave no site. Refresh the expected
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
ERRORS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def _literal(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _apply(project: Path, files: dict[str, Any]) -> None:
    """Write a case's files. A value is UTF-8 text, ``null`` (delete), or a mapping:
    ``{latin1: text}`` for exact bytes, ``{symlink: target}``, ``{size: n}`` for n bytes of padding.
    """
    for relative, content in files.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            path.unlink()
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        elif "latin1" in content:
            path.write_bytes(content["latin1"].encode("latin-1"))
        elif "symlink" in content:
            path.symlink_to(content["symlink"])
        else:
            path.write_bytes(b"# padding\n" + b"#" * (content["size"] - 11) + b"\n")


def _describe_file(name: str, content: Any) -> list[str]:
    """How the errors page shows one of a case's files."""
    if isinstance(content, dict):
        if "symlink" in content:
            return [f"`{name}` is a symbolic link to `{content['symlink']}`.\n"]
        if "size" in content:
            return [f"`{name}` is a file of {content['size']:,} bytes.\n"]
        raw = content["latin1"].encode("latin-1")
        return [f"`{name}`, byte for byte:\n", f"```text\n{raw!r}\n```\n"]
    shown = content if content and content.endswith("\n") else (content or "") + "\n"
    label = f"`{name}`:\n"
    if "\t" in shown:
        shown = shown.replace("\t", "→   ")
        label = f"`{name}` (`→` marks a tab):\n"
    return [label, f"```{'yaml' if name.endswith(('.yaml', '.yml')) else 'markdown'}\n{shown}```\n"]


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
    if case["exit"] == 1:
        build = mkdocs_build(project)
        assert build.returncode == 1
        assert "Traceback" not in build.stderr
        for line in case["expected"].splitlines()[:-1]:
            assert line in build.stderr
        assert not (project / "site").exists()


def render_errors_page() -> str:
    """The documentation page "When the build says no", made from the golden cases."""
    cases = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in CASES]
    parts = [
        "# When the build says no\n",
        "Every problem in the data is reported as `path:line:col: message`, followed by a hint that",
        "says what to do, all problems at once. An **error** stops `briefing check` and",
        "`briefing render` with exit code 1 and stops `mkdocs build` before it touches the previous",
        "site; a **warning** is reported but fails only `--strict` runs (the example site is strict).",
        f"This page shows the {len(cases)} cases the test suite checks, each with the exact message it",
        "gives. It is made from `tests/cases/`, so it cannot drift from what the tool says.\n",
    ]
    for path, case in zip(CASES, cases, strict=True):
        parts.append(f"## {case['description'].rstrip('.')}\n")
        for name, content in (case.get("files") or {}).items():
            parts += _describe_file(name, content)
        kind = "The error" if case["exit"] else "The warning" if "warning:" in case["expected"] else "Accepted"
        parts.append(f"{kind} (case `{path.stem}`):\n")
        parts.append(f"```text\n{case['expected']}```\n")
    return "\n".join(parts)


def test_errors_page_lists_every_case() -> None:
    page = render_errors_page()
    if os.environ.get("UPDATE_GOLDEN"):
        ERRORS_PAGE.write_text(page, encoding="utf-8")
    assert ERRORS_PAGE.read_text(encoding="utf-8") == page
    assert page.count("\n## ") == len(CASES)
