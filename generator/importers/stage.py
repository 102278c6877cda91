"""Put an import's files in place all together, or not at all.

The end of the import pipeline (read -> map -> resolve -> merge -> write -> **commit**). Each new
file is first written beside its target under a temporary dot-name that the data loader never
reads; only when every one is on disk are they renamed into place, one quick rename each. If
anything fails on the way, the files already replaced are restored from hard links taken
before (a copy where links are not possible), new files are removed and the temporary files
deleted, so the data folder is as it was. The same pattern as ``generator.emit.files``, with the
rollback an import needs because it replaces the analyst's files.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

TEMP_PREFIX = ".briefing-import-"
TEMP_SUFFIXES = (".tmp", ".bak")


def remove_leftovers(folders: list[Path]) -> None:
    """Delete temporary files a killed import left behind (their names mark them as ours)."""
    for folder in folders:
        if folder.is_dir():
            for path in folder.iterdir():
                if path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIXES) and path.is_file():
                    path.unlink()


def _temporary(target: Path, suffix: str, data: bytes | None = None) -> Path:
    """A new file beside ``target`` with a name marking it as ours, holding ``data`` if given.

    Created with ``os.open`` and mode 0o666, so the user's umask applies as to any file they
    save (``tempfile.mkstemp`` would make it readable by its owner only).
    """
    while True:
        path = target.with_name(f"{TEMP_PREFIX}{target.name}.{secrets.token_hex(4)}{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as handle:
                if data is not None:
                    handle.write(data)
            if target.exists():
                os.chmod(path, stat.S_IMODE(target.stat().st_mode))
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path


@dataclass
class Staging:
    """Files to write, staged on disk, committed in one go.

    Attributes:
        staged: ``(temporary file, target)`` in the order they will be renamed.
    """

    staged: list[tuple[Path, Path]] = field(default_factory=list)
    _made_dirs: list[Path] = field(default_factory=list)

    def add(self, target: Path, data: bytes) -> None:
        """Write ``data`` to a temporary file beside ``target``."""
        self._mkdir(target.parent)
        self.staged.append((_temporary(target, ".tmp", data), target))

    def _mkdir(self, folder: Path) -> None:
        missing: list[Path] = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            path.mkdir()
            self._made_dirs.append(path)

    def discard(self) -> None:
        """Remove every staged file and the folders made for them."""
        for temporary, _ in self.staged:
            temporary.unlink(missing_ok=True)
        self.staged.clear()
        for folder in reversed(self._made_dirs):
            with contextlib.suppress(OSError):  # not empty: something else was put there meanwhile
                folder.rmdir()
        self._made_dirs.clear()

    def commit(self) -> None:
        """Rename every staged file into place; on any failure put every target back as it was."""
        done: list[tuple[Path, Path | None]] = []
        try:
            for temporary, target in self.staged:
                backup = None
                if target.exists():
                    backup = _temporary(target, ".bak")
                    backup.unlink()
                    try:
                        os.link(target, backup)
                    except OSError:
                        shutil.copy2(target, backup)
                # listed before the rename: restoring an untouched target from its link is harmless
                done.append((target, backup))
                os.replace(temporary, target)
        except BaseException:
            for target, backup in reversed(done):
                if backup is None:
                    target.unlink(missing_ok=True)
                else:
                    os.replace(backup, target)
            for _, backup in done:
                if backup is not None:
                    backup.unlink(missing_ok=True)
            self.discard()
            raise
        for _, backup in done:
            if backup is not None:
                backup.unlink()
        self.staged.clear()
        self._made_dirs.clear()
