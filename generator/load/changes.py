"""When each record last changed: from the data folder's git history, else from the import state.

Part of the load stage, read by the exports (STIX ``created``/``modified``, Atom ``updated``, the
ACLED layout's ``timestamp`` for records made by hand). The git history
(:mod:`generator.load.history`, one pass over the log) says which commit changed which top-level
fields, so an export can date an object by the changes to the fields it is made of and leave it
byte-identical when only other fields changed. Without a repository, the import state files
(``seeds/.import-*.json``) say when an import last wrote each record it made. A record neither
knows has no date, and :attr:`LastChanges.note` says so once. Nothing here reads the clock: the
same repository and data folder give the same dates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.load.history import CREATED, History, read_history

STATE_GLOB = ".import-*.json"
"""The import state files (see :mod:`generator.importers.merge`), whose ``changed`` map dates records."""


@dataclass
class LastChanges:
    """The dates of the records of one data folder.

    Attributes:
        seeds: The data folder.
        history: Its git history (possibly empty, with the reason).
        imported: Record path relative to the data folder (``incidents/x.yaml``) -> when an import
            last wrote it, for data folders without a history.
    """

    seeds: Path
    history: History = field(default_factory=History)
    imported: dict[str, dt.datetime] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    """Records asked about that have no date at all."""
    _keys: dict[Path, str] = field(default_factory=dict, repr=False, compare=False)
    """Each file's key as first worked out: resolving a path costs a system call per folder, and
    the exports ask about every record several times."""
    _root: Path | None = field(default=None, repr=False, compare=False)

    def _key(self, file: Path) -> str:
        key = self._keys.get(file)
        if key is None:
            if self._root is None:
                self._root = self.seeds.resolve()
            try:
                key = file.resolve().relative_to(self._root).as_posix()
            except ValueError:
                key = file.as_posix()
            self._keys[file] = key
        return key

    def last(self, file: Path, fields: Iterable[str] | None = None) -> dt.datetime | None:
        """When the record in ``file`` last changed, in UTC.

        Args:
            file: The record's file.
            fields: Only changes to these top-level fields count (and the record's creation);
                ``None`` counts every change of the record's content.
        """
        key = self._key(file)
        wanted = None if fields is None else {*fields, CREATED}
        if self.history.available:
            for change in self.history.of(key):  # newest first
                if change.fields and (wanted is None or wanted & set(change.fields)):
                    return change.date.astimezone(dt.UTC)
        found = self.imported.get(key)
        if found is None:
            self.missing.add(key)
        return found

    def first(self, file: Path) -> dt.datetime | None:
        """When the record in ``file`` was created (its oldest change), in UTC."""
        changes = self.history.of(self._key(file)) if self.history.available else []
        if changes:
            return changes[-1].date.astimezone(dt.UTC)
        return self.imported.get(self._key(file))

    @property
    def note(self) -> str:
        """One sentence on the records without a date, or ``""``."""
        if not self.missing:
            return ""
        why = self.history.reason or "their files were never committed"
        count = len(self.missing)
        return (
            f"{count} record{'s have' if count != 1 else ' has'} no last-change date ({why}, and no import "
            "recorded one): STIX 'modified' falls back to 1970-01-01, Atom 'updated' to the incident's first "
            "day, and the ACLED layout's 'timestamp' is left empty"
        )


def read_changes(seeds: Path, previous: History | None = None) -> LastChanges:
    """The dates of a data folder's records: its git history, else its import states."""
    history = read_history(seeds, previous)
    changes = LastChanges(seeds, history)
    if not history.available and seeds.is_dir():
        for state in sorted(seeds.glob(STATE_GLOB)):
            changes.imported.update(_imported(state))
    return changes


def _imported(path: Path) -> dict[str, dt.datetime]:
    """The ``changed`` map of one import state: ``{"incidents": {"x": "2026-01-02T03:04:05Z"}}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, dt.datetime] = {}
    table = data.get("changed") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return found
    for folder, records in table.items():
        if not isinstance(records, dict):
            continue
        for record_id, when in records.items():
            try:
                found[f"{folder}/{record_id}.yaml"] = dt.datetime.fromisoformat(str(when)).astimezone(dt.UTC)
            except ValueError:
                continue
    return found
