"""Write generated pages into a folder without losing anybody's files.

The emit stage for the command line (the MkDocs plugin hands pages to MkDocs in memory
instead). A manifest in the output folder lists the files this tool wrote; only those are ever
replaced or removed. A file is rewritten only when its content changed, through a temporary
file and an atomic rename, so an interrupted run leaves every file either old or new, never
half-written, and an unchanged run changes no timestamp.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.render import Page

MANIFEST = ".briefing-manifest.json"


class OutputConflict(Exception):
    """The output folder holds files this tool did not write where it would write its own."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


@dataclass
class WriteReport:
    """What :func:`write_pages` did, by docs-relative path."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def read_manifest(out_dir: Path) -> set[str]:
    """Return the paths the previous run wrote, or an empty set when there was none."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(p) for p in data.get("files", [])} if isinstance(data, dict) else set()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_pages(out_dir: Path, pages: Iterable[Page]) -> WriteReport:
    """Write pages under ``out_dir``, touching only files this tool owns.

    Raises:
        OutputConflict: A page would replace a file the tool did not write; nothing is written.
    """
    pages = sorted(pages, key=lambda p: p.uri)
    owned = read_manifest(out_dir)
    conflicts = [p.uri for p in pages if p.uri not in owned and (out_dir / p.uri).exists()]
    if conflicts:
        raise OutputConflict(conflicts)
    report = WriteReport()
    for page in pages:
        target = out_dir / page.uri
        data = page.markdown.encode("utf-8")
        try:
            if target.read_bytes() == data:
                report.unchanged.append(page.uri)
                continue
        except OSError:
            pass
        write_atomic(target, data)
        report.written.append(page.uri)
    current = {p.uri for p in pages}
    for stale in sorted(owned - current):
        path = out_dir / stale
        if path.is_file():
            path.unlink()
            report.removed.append(stale)
    manifest = json.dumps({"generator": "briefing", "files": sorted(current)}, indent=1).encode() + b"\n"
    if owned != current or not (out_dir / MANIFEST).exists():
        write_atomic(out_dir / MANIFEST, manifest)
    return report
