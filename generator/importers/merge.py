"""Three-way merge of imported values with the analyst's edits, and the state that makes it possible.

The merge step of an import (read -> map -> resolve -> **merge** -> write). For each record an
import made, ``seeds/.import-<dataset>.json`` keeps the field values it last wrote (the *base*).
On the next import each top-level field is decided on its own:

* the file still holds the base value: the analyst did not touch it, take the new value;
* the file already holds the new value: nothing to do;
* the analyst edited it and the dataset did not change it: keep the analyst's value;
* the analyst edited it and the dataset changed it too: keep the analyst's value and report a
  conflict (once: the base then holds the dataset's new value).

Without a base (the state file was deleted, or the analyst wrote the record) every difference
is a conflict, so an import never overwrites what it cannot prove it wrote. The state file sits
directly in the data folder under a dot-name, which the data loader does not read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.importers.common import ImportFailed
from generator.model.records import RECORD_KINDS

STATE_PREFIX = ".import-"
STATE_SUFFIX = ".json"
STATE_FORMAT = 1
KINDS = tuple(kind.folder for kind in RECORD_KINDS)


def state_path(seeds_dir: Path, dataset: str) -> Path:
    """Where the state of ``dataset``'s import is kept."""
    return seeds_dir / f"{STATE_PREFIX}{dataset}{STATE_SUFFIX}"


@dataclass
class State:
    """What one dataset's import last wrote.

    Attributes:
        dataset: The dataset's key, e.g. ``ucdp-ged``.
        records: Folder -> key -> fields. Incidents are keyed by the dataset's event id (so a
            record the analyst renamed is still found); the other kinds by record id.
    """

    dataset: str
    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {k: {} for k in KINDS})
    changed: dict[str, dict[str, str]] = field(default_factory=dict)
    """Folder -> record id -> when this import last wrote the record's file (UTC, ISO 8601): the
    records' last-change dates for data folders that are not git repositories."""

    def to_bytes(self) -> bytes:
        """The state file's content, byte-for-byte stable for equal states.

        JSON with one record per line: quick to write, and a re-import shows in ``git diff`` as
        the lines of the records that changed.
        """

        def dumps(value: Any) -> str:
            return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

        parts = [f'{{"format": {STATE_FORMAT},\n"dataset": {dumps(self.dataset)}']
        for kind in KINDS:
            lines = [f"{dumps(key)}: {dumps(self.records[kind][key])}" for key in sorted(self.records[kind])]
            parts.append(f"{dumps(kind)}: {{" + ("\n" + ",\n".join(lines) + "\n" if lines else "") + "}")
        if any(self.changed.values()):
            table = {folder: dict(sorted(ids.items())) for folder, ids in sorted(self.changed.items()) if ids}
            parts.append(f'"changed": {dumps(table)}')
        return (",\n".join(parts) + "}\n").encode("utf-8")


def load_state(path: Path, dataset: str) -> State:
    """Read a state file; a missing file is an empty state.

    Raises:
        ImportFailed: The file exists but cannot be read as a state.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return State(dataset)
    except (OSError, ValueError) as exc:
        raise ImportFailed(
            f"{path.name}: the import state cannot be read ({exc})",
            "restore it from version control, or delete it: the next import then treats every "
            "difference from the dataset as your edit",
        ) from None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        raise ImportFailed(f"{path.name}: not an import state of format {STATE_FORMAT}", "restore or delete it")
    state = State(str(data.get("dataset", dataset)))
    for kind in KINDS:
        table = data.get(kind, {})
        if isinstance(table, dict):
            state.records[kind] = {str(k): v for k, v in table.items() if isinstance(v, dict)}
    changed = data.get("changed", {})
    if isinstance(changed, dict):
        for folder, ids in changed.items():
            if isinstance(ids, dict):
                state.changed[str(folder)] = {str(k): str(v) for k, v in ids.items()}
    return state


def load_states(seeds_dir: Path) -> dict[str, State]:
    """Every dataset's state in the data folder, by dataset key."""
    states: dict[str, State] = {}
    if seeds_dir.is_dir():
        for path in sorted(seeds_dir.glob(f"{STATE_PREFIX}*{STATE_SUFFIX}")):
            dataset = path.name[len(STATE_PREFIX) : -len(STATE_SUFFIX)]
            states[dataset] = load_state(path, dataset)
    return states


def _norm(value: Any) -> Any:
    """Absent, empty text, empty list and empty mapping all mean "no value"."""
    return None if value in (None, "", [], {}) else value


@dataclass
class Merged:
    """The outcome of merging one record.

    Attributes:
        fields: The record to write: the file's fields with the new values taken in.
        taken: Fields whose new value was taken (the file changes).
        conflicts: Fields the analyst edited that the dataset changed too (the file keeps them).
    """

    fields: dict[str, Any]
    taken: list[str]
    conflicts: list[str]


def merge(current: Mapping[str, Any], base: Mapping[str, Any] | None, new: Mapping[str, Any]) -> Merged:
    """Merge the fields of ``new`` into ``current`` (the file), given what the import last wrote.

    Args:
        current: The record as it is in its file.
        base: The fields the import last wrote for it, or ``None`` when unknown.
        new: The fields the import proposes now; a ``None`` value proposes removing the field.

    Returns:
        The merged fields; fields of ``current`` that ``new`` does not name are kept as they are.
    """
    fields = dict(current)
    taken: list[str] = []
    conflicts: list[str] = []
    for name, value in new.items():
        mine, theirs = _norm(current.get(name)), _norm(value)
        if mine == theirs:
            continue
        last = _norm(base.get(name)) if base is not None else None
        if base is not None and mine == last:
            taken.append(name)
            if theirs is None:
                fields.pop(name, None)
            else:
                fields[name] = value
        elif base is None or theirs != last:
            conflicts.append(name)
        # else: the analyst edited the field and the dataset did not change it: keep the edit
    return Merged(fields, taken, conflicts)
