"""Each data file's load result, kept while the file stays the same: the preview re-reads only what changed.

Part of the load stage, used by :func:`generator.load.dataset.load_dataset` when the caller keeps
a :class:`FileCache` between runs (the MkDocs plugin under ``mkdocs serve``). A file is known by
its path, size and modification time; when those match what was cached, its earlier result is
used without opening it. When they do not, the file is read and its SHA-256 compared: the same
content (an editor that saved without changing anything, a ``touch``) keeps the earlier result,
other content is parsed again. A file whose modification time was within :data:`RACY_SECONDS`
of the moment it was read may have been written again within the clock's resolution without
its size changing, so for such a file the content is always compared.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RACY_SECONDS = 2.0
"""How close to the read a file's modification time must be for size and time not to be trusted
(file systems keep times to 2 s at worst)."""


@dataclass
class _Cached:
    size: int
    mtime_ns: int
    read_at: float
    digest: bytes
    result: Any


class FileCache:
    """Load results by file, with what identifies the file's content.

    Attributes:
        parsed: Paths parsed (not taken from the cache) by the last run, for tests and logs.
    """

    def __init__(self) -> None:
        self._files: dict[tuple[Path, str], _Cached] = {}
        self.parsed: list[Path] = []

    def load(self, file: Path, kind: str, loader: Callable[[bytes], Any], stat: os.stat_result | None = None) -> Any:
        """The result of ``loader(content)`` for ``file``, from the cache while the file is unchanged.

        Args:
            file: The data file.
            kind: What the file is read as (a record kind's folder); part of the key.
            loader: Turns the file's bytes into the result.
            stat: The file's status when the caller has just taken it (else it is taken here).

        Raises:
            OSError: The file cannot be read (it is forgotten).
        """
        key = (file, kind)
        try:
            stat = stat if stat is not None else file.stat()
        except OSError:
            self._files.pop(key, None)
            raise
        cached = self._files.get(key)
        if (
            cached is not None
            and cached.size == stat.st_size
            and cached.mtime_ns == stat.st_mtime_ns
            and cached.read_at - stat.st_mtime_ns / 1e9 > RACY_SECONDS
        ):
            return cached.result
        read_at = time.time()
        try:
            data = file.read_bytes()
        except OSError:
            self._files.pop(key, None)
            raise
        digest = hashlib.sha256(data).digest()
        if cached is not None and cached.digest == digest:
            cached.size, cached.mtime_ns, cached.read_at = len(data), stat.st_mtime_ns, read_at
            return cached.result
        result = loader(data)
        self.parsed.append(file)
        self._files[key] = _Cached(len(data), stat.st_mtime_ns, read_at, digest, result)
        return result

    def start(self) -> None:
        """Begin a run: forget which files the last one parsed."""
        self.parsed = []

    def keep_only(self, files: Iterable[Path]) -> None:
        """Forget the files that are gone (deleted or renamed) since the cache last saw them."""
        present = set(files)
        for key in [key for key in self._files if key[0] not in present]:
            del self._files[key]
