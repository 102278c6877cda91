"""Write generated pages into a folder without losing anybody's files.

The emit stage for the command line (the MkDocs plugin hands pages to MkDocs in memory
instead). A manifest in the output folder lists the files this tool wrote; only those are ever
replaced or removed, and a folder holding other files is refused unless the caller allows it.
Only files whose content changed are written, in two phases: every new file is first written
beside its target under a temporary name, and only when all of them are on disk are they
renamed into place. A run killed while writing leaves the previous output as it was (plus
temporary files that the next run removes); an unchanged run changes no timestamp.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


class Output(Protocol):
    """Anything to write: a page or an asset."""

    @property
    def uri(self) -> str: ...

    @property
    def data(self) -> bytes: ...


MANIFEST = ".briefing-manifest.json"
TEMP_PREFIX = ".briefing-"
TEMP_SUFFIX = ".tmp"


class OutputConflict(Exception):
    """The output folder holds files this tool did not write.

    Attributes:
        paths: Those files, relative to the folder.
        replaced: True when the tool would overwrite them (never allowed); False when they are
            merely present (allowed on request).
    """

    def __init__(self, paths: list[str], *, replaced: bool) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths
        self.replaced = replaced


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


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX)
    try:
        # mkstemp makes the file private (0600); published files get the usual permissions.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one."""
    os.replace(_stage(path, data), path)


def _is_temporary(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _present(out_dir: Path) -> set[str]:
    """Every file under ``out_dir`` except the manifest and temporary files, by relative path."""
    if not out_dir.is_dir():
        return set()
    found = set()
    for dirpath, _, filenames in os.walk(out_dir):
        for name in filenames:
            if not _is_temporary(name):
                found.add(Path(dirpath, name).relative_to(out_dir).as_posix())
    found.discard(MANIFEST)
    return found


def _remove_leftovers(out_dir: Path) -> None:
    """Delete temporary files a killed run left behind (their names mark them as ours)."""
    for dirpath, _, filenames in os.walk(out_dir):
        for name in filenames:
            if _is_temporary(name):
                Path(dirpath, name).unlink()


def _write_manifest(out_dir: Path, files: set[str]) -> None:
    data = json.dumps({"generator": "briefing", "files": sorted(files)}, indent=1).encode() + b"\n"
    write_atomic(out_dir / MANIFEST, data)


def write_pages(out_dir: Path, pages: Iterable[Output], *, allow_other_files: bool = False) -> WriteReport:
    """Write pages under ``out_dir``, touching only files this tool owns.

    Args:
        out_dir: The output folder; created when missing.
        pages: The pages and assets to write.
        allow_other_files: Write even when the folder holds files the tool did not write
            (they are left alone; overwriting one is never allowed).

    Raises:
        OutputConflict: The folder holds files the tool did not write; nothing is written.
    """
    pages = sorted(pages, key=lambda p: p.uri)
    owned = read_manifest(out_dir)
    present = _present(out_dir)
    others = sorted(present - owned)
    replaced = [p.uri for p in pages if p.uri in others]
    if replaced:
        raise OutputConflict(replaced, replaced=True)
    if others and not allow_other_files:
        raise OutputConflict(others, replaced=False)
    _remove_leftovers(out_dir)
    report = WriteReport()
    staged: list[tuple[Path, Path]] = []
    try:
        for page in pages:
            target = out_dir / page.uri
            data = page.data
            if page.uri in present and target.read_bytes() == data:
                report.unchanged.append(page.uri)
                continue
            staged.append((_stage(target, data), target))
            report.written.append(page.uri)
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    current = {p.uri for p in pages}
    # Claim the new files in the manifest before they appear, so that a run killed while
    # renaming still knows them as its own next time.
    claimed = owned | current
    if claimed != owned or not (out_dir / MANIFEST).exists():
        _write_manifest(out_dir, claimed)
    # Every new file is on disk: now move them into place, one quick rename each.
    for temporary, target in staged:
        os.replace(temporary, target)
    for stale in sorted(owned - current):
        path = out_dir / stale
        if path.is_file():
            path.unlink()
            report.removed.append(stale)
    if claimed != current:
        _write_manifest(out_dir, current)
    return report
