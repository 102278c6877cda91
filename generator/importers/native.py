"""Another briefing site's ``data/data.json`` read as whole records: the lossless way between sites.

The dataset adapter of ``briefing import briefing data.json``. The CSV datasets name their
actors and places, which ``resolve`` matches to records; this file holds whole records with
their ids, so nothing is matched by name and nothing is lost: every field of every kind comes
across (dates with their precision, fatality ranges, grades, aliases, relations). ``run`` then
creates the records whose ids are new and merges the others like any re-import, so the
analyst's edits win and are reported when the file changed them too.

A record the model refuses, a second record with the same id, and a record that refers to one
that is neither in the file (valid) nor in the data folder are rejected with the reason; the
rest is imported. A file that is not JSON, or not one this project wrote (``generator`` and
``schema_version``, see :mod:`generator.exports.json_dump`), is refused whole.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.exports.json_dump import SCHEMA_VERSION, record_values
from generator.importers.common import ImportFailed, shorten
from generator.model.records import KIND_BY_FOLDER
from generator.model.references import DEPENDENCY_ORDER, references_in

DATASET = "briefing"
LABEL = "briefing data"
GENERATOR = "briefing-generator"
ORDER = tuple(kind.folder for kind in DEPENDENCY_ORDER)
"""Kinds in the order they are read: a record's references are to kinds read before it."""
_MODELS = KIND_BY_FOLDER


@dataclass
class Rejected:
    """A record that is not imported.

    Attributes:
        where: Which record, as messages name it (``incident 3 ('acled-smp0003')``).
        reason: Why, naming the field.
    """

    where: str
    reason: str


@dataclass
class Batch:
    """The records of a data.json file, checked.

    Attributes:
        records: Folder -> id -> the record's fields; fields at their default are left out (data.json
            writes every field), so a YAML file holds what the record says and no more.
        rejected: The records that are not imported, in the file's order.
        count: Records in the file, rejected ones included.
    """

    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {f: {} for f in ORDER})
    rejected: list[Rejected] = field(default_factory=list)
    count: int = 0
    rejected_ids: dict[str, set[str]] = field(default_factory=lambda: {f: set() for f in ORDER})
    """Folder -> ids of the rejected records that had an id, so those referring to them can say why."""

    def reject(self, folder: str, record_id: str | None, where: str, reason: str) -> None:
        """Leave a record out, with the reason."""
        self.rejected.append(Rejected(where, reason))
        if record_id is not None:
            self.rejected_ids[folder].add(record_id)
            self.records[folder].pop(record_id, None)


def read_batch(path: Path, shown: str, local: Mapping[str, set[str]]) -> Batch:
    """Read and check a data.json file.

    Args:
        path: The file.
        shown: The file as messages name it.
        local: Folder -> ids the data folder already has (references to them are fine).

    Raises:
        ImportFailed: The file cannot be read, is not JSON, or is not a briefing site's data.json.
    """
    data = _load_json(path, shown)
    batch = Batch()
    for folder in ORDER:
        items = data.get(folder, [])
        if not isinstance(items, list):
            raise ImportFailed(f"{shown}: '{folder}' should be a list of records, not {type(items).__name__}")
        model = _MODELS[folder]
        for number, item in enumerate(items, 1):
            batch.count += 1
            where = f"{model.kind_name} {number}"
            if not isinstance(item, dict):
                batch.reject(folder, None, where, f"should be an object of fields, not {type(item).__name__}")
                continue
            item_id = item.get("id") if isinstance(item.get("id"), str) else None
            if item_id is not None:
                where += f" ('{shorten(item_id, 60)}')"
            try:
                record = model.model_validate(item)
            except ValidationError as exc:
                first = exc.errors()[0]
                reason = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
                batch.reject(folder, None if first["loc"] == ("id",) else item_id, where, reason)
                continue
            if record.id in batch.records[folder]:
                # the first record with the id is imported; only this one is left out
                batch.rejected.append(Rejected(where, f"a second {model.kind_name} with the id '{record.id}'"))
                continue
            batch.records[folder][record.id] = record_values(record, defaults=False)
    _reject_dangling(batch, local)
    return batch


def _load_json(path: Path, shown: str) -> dict[str, Any]:
    hint = "import the data/data.json file of a site this project built"
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{shown}: not UTF-8 text (byte {exc.start})", hint) from None
    except OSError as exc:
        raise ImportFailed(f"{shown}: cannot be read ({exc.strerror})") from None
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{shown}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}", hint) from None
    except ValueError as exc:
        raise ImportFailed(f"{shown}: {exc}", hint) from None
    generator = data.get("generator") if isinstance(data, dict) else None
    if not isinstance(generator, str) or not generator.startswith(GENERATOR):
        raise ImportFailed(f"{shown}: not a briefing site's data.json (no 'generator': '{GENERATOR} ...')", hint)
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        newer = isinstance(version, int) and version > SCHEMA_VERSION
        raise ImportFailed(
            f"{shown}: schema_version {version!r} is not {SCHEMA_VERSION}, the layout this version reads",
            "upgrade this project to import it" if newer else hint,
        )
    assert isinstance(data, dict)
    return data


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key '{shorten(key, 40)}' appears twice in one object")
        found[key] = value
    return found


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"'{name}' is not a number JSON allows")


def _reject_dangling(batch: Batch, local: Mapping[str, set[str]]) -> None:
    """Reject records that refer to a record that is nowhere, until none is left.

    Repeated because rejecting one record (a place) can leave others (its incidents) dangling.
    """
    changed = True
    while changed:
        changed = False
        for folder in ORDER:
            kind_name = _MODELS[folder].kind_name
            for record_id, fields in list(batch.records[folder].items()):
                for loc, target_model, target in references_in(_MODELS[folder], fields):
                    target_folder, name = target_model.folder, loc[0]
                    if target in batch.records[target_folder] or target in local.get(target_folder, set()):
                        continue
                    target_kind = target_model.kind_name
                    why = (
                        "which was rejected"
                        if target in batch.rejected_ids[target_folder]
                        else "which is neither in the file nor in the data folder"
                    )
                    reason = f"{name}: refers to {target_kind} '{target}', {why}"
                    batch.reject(folder, record_id, f"{kind_name} '{record_id}'", reason)
                    changed = True
                    break
