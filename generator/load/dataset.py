"""Read a data folder into typed records, collecting every problem on the way.

The load and model stages together: find the YAML files under ``seeds/<kind>/``, read each one
safely (``generator.load.yamlsource``), validate it against its model (``generator.model.records``) and
translate validation errors into located diagnostics with hints. Records that fail are left
out; everything that can be reported is reported, so one run shows all problems.
"""

from __future__ import annotations

import functools
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic, Loc, Severity, article, did_you_mean
from generator.load.cache import FileCache
from generator.load.yamlsource import MAX_FILE_BYTES, YamlDocument, decode, parse
from generator.model.records import RECORD_KINDS, Actor, Incident, Place, Record, Source, is_valid_id
from generator.model.references import references_in

R = TypeVar("R", bound=Record)
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Entry(Generic[R]):
    """A validated record with the document it came from (for positions and edit links)."""

    record: R
    doc: YamlDocument
    file: Path

    @functools.cached_property
    def references(self) -> tuple[tuple[Loc, type[Record], str], ...]:
        """Every id the record names (:func:`generator.model.references.references_in`), found
        once: the preview keeps the entries of unchanged files between saves."""
        return tuple(references_in(type(self.record), self.record))


@dataclass
class Dataset:
    """Every valid record of a data folder, by kind and id, plus what was wrong with the rest."""

    root: Path
    incidents: dict[str, Entry[Incident]] = field(default_factory=dict)
    actors: dict[str, Entry[Actor]] = field(default_factory=dict)
    places: dict[str, Entry[Place]] = field(default_factory=dict)
    sources: dict[str, Entry[Source]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: dict[str, set[str]] = field(default_factory=dict)
    """Folder -> names (file stems) of files that failed to load, so references to them are not
    reported a second time as unknown."""

    def entries(self, kind: type[R]) -> dict[str, Entry[R]]:
        """Return the entries of one record kind, by id."""
        table: dict[str, Any] = getattr(self, kind.folder)
        return table


def display_path(path: Path, base: Path) -> str:
    """Path as shown in messages: relative to the project when inside it, with forward slashes."""
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def load_dataset(seeds_dir: Path, base: Path, cache: FileCache | None = None) -> Dataset:
    """Load every record under ``seeds_dir``.

    Args:
        seeds_dir: The data folder, holding ``incidents/``, ``actors/``, ``places/``, ``sources/``.
        base: The project root; message paths are relative to it.
        cache: Results of an earlier run, kept by the caller: files that have not changed since
            are not read again (the preview's rebuilds).

    Returns:
        The dataset; its ``diagnostics`` list every problem found.
    """
    dataset = Dataset(seeds_dir)
    if not seeds_dir.is_dir():
        dataset.diagnostics.append(
            Diagnostic(
                display_path(seeds_dir, base), 0, 0, "data folder not found", "create it or set 'seeds' in mkdocs.yml"
            )
        )
        return dataset
    real_root = seeds_dir.resolve()
    seen: list[Path] = []
    folders_shown: dict[Path, str] = {}
    for kind in RECORD_KINDS:
        folder = seeds_dir / kind.folder
        for file, found in _yaml_files(folder):
            if file.parent not in folders_shown:
                folders_shown[file.parent] = display_path(file.parent, base)
            shown = f"{folders_shown[file.parent]}/{file.name}".removeprefix("./")
            seen.append(file)
            if found.is_symlink() and not file.resolve().is_relative_to(real_root):
                entry, problems = None, [_outside_link(shown)]
            else:
                entry, problems = _load_record(file, shown, kind, cache, found)
            dataset.diagnostics.extend(problems)
            if entry is None:
                dataset.failed.setdefault(kind.folder, set()).add(file.name.rsplit(".", 1)[0])
                continue
            table = dataset.entries(kind)
            other = table.get(entry.record.id)
            if other is not None:
                line, col = entry.doc.position(("id",))
                dataset.diagnostics.append(
                    Diagnostic(
                        shown,
                        line,
                        col,
                        f"{kind.kind_name} id '{entry.record.id}' is already used by {other.doc.path}",
                        "ids must be unique within a kind; rename one of the two",
                    )
                )
                continue
            table[entry.record.id] = entry
    dataset.diagnostics.extend(_stray_files(seeds_dir, base))
    if cache is not None:
        cache.keep_only(seen)
    return dataset


def _outside_link(shown: str) -> Diagnostic:
    return Diagnostic(shown, 0, 0, "symbolic link leads outside the data folder", "copy the file into the data folder")


def _yaml_files(folder: Path) -> list[tuple[Path, os.DirEntry[str]]]:
    """Every YAML file under ``folder``, sorted, with its directory entry; symlinked folders are not followed.

    The entry knows, without asking the system again, whether the file is a symbolic link, and
    keeps its ``stat`` once taken (the walk used to ask for both apart, file by file).
    """
    found: list[tuple[Path, os.DirEntry[str]]] = []

    def walk(path: str) -> None:
        try:
            entries = list(os.scandir(path))
        except OSError:
            return  # a missing or unreadable folder holds no records, as with os.walk
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if not entry.is_symlink():
                    walk(entry.path)
            elif entry.name.endswith(YAML_SUFFIXES):
                found.append((Path(entry.path), entry))

    walk(str(folder))
    return sorted(found, key=lambda item: item[0])


CROSSWALK = "crosswalk.yaml"
"""The importers' crosswalk file (generator/importers/crosswalk.py), which the data folder may hold."""


def _stray_files(seeds_dir: Path, base: Path) -> list[Diagnostic]:
    known = {kind.folder for kind in RECORD_KINDS}
    stray: list[Diagnostic] = []
    for child in sorted(seeds_dir.iterdir()):
        if child.name.startswith(".") or child.name == CROSSWALK:
            continue  # tool state (import records, editor folders) and the importers' crosswalk are not records
        if child.name not in known and (child.is_dir() or child.name.endswith(YAML_SUFFIXES)):
            stray.append(
                Diagnostic(
                    display_path(child, base),
                    0,
                    0,
                    "not in a record folder, so it is ignored",
                    "records go in " + ", ".join(f"{seeds_dir.name}/{name}/" for name in sorted(known)),
                    Severity.WARNING,
                )
            )
    return stray


def _load_record(
    file: Path, shown: str, kind: type[R], cache: FileCache | None = None, found: os.DirEntry[str] | None = None
) -> tuple[Entry[R] | None, list[Diagnostic]]:
    try:
        stat = found.stat() if found is not None else file.stat()
        if stat.st_size > MAX_FILE_BYTES:
            return None, decode(b" " * (MAX_FILE_BYTES + 1), shown)[1]
        if cache is not None:
            loaded: tuple[Entry[R] | None, list[Diagnostic]] = cache.load(
                file, kind.folder, lambda data: _record_from(data, file, shown, kind), stat
            )
            return loaded
        data = file.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(shown, 0, 0, f"cannot read file: {exc.strerror}", "check the file's permissions")]
    return _record_from(data, file, shown, kind)


def _record_from(data: bytes, file: Path, shown: str, kind: type[R]) -> tuple[Entry[R] | None, list[Diagnostic]]:
    """Decode, parse and validate one data file's bytes."""
    text, problems = decode(data, shown)
    if text is None:
        return None, problems
    doc, problems = parse(text, shown)
    if doc is None:
        return None, problems
    if doc.value is None:
        return None, [
            Diagnostic(shown, 1, 1, "file is empty", f"write {article(kind.kind_name)} record here, or delete the file")
        ]
    if not isinstance(doc.value, dict):
        found = "a list" if isinstance(doc.value, list) else "a single value"
        return None, [
            doc.diagnostic(
                (),
                f"file holds {found}, not {article(kind.kind_name)} record",
                "a data file holds one record: a mapping of fields such as 'id: ...' and 'title: ...'",
            )
        ]
    try:
        record = kind.model_validate(doc.value)
    except ValidationError as exc:
        return None, [_translate(doc, kind, error) for error in exc.errors()]
    stem = file.name.rsplit(".", 1)[0]
    if record.id != stem:
        # offer the file's name as the id only when it is a valid id itself ('Bad_Name' is not)
        other = f" or set 'id: {stem}'" if is_valid_id(stem) else ""
        return None, [
            doc.diagnostic(
                ("id",),
                f"id '{record.id}' does not match the file name '{file.name}'",
                f"rename the file to '{record.id}{file.suffix}'{other}",
            )
        ]
    return Entry(record, doc, file), []


_TYPE_NAMES = {
    "string_type": "text",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}
_RANGE_HINTS = {
    "lat": "latitude runs from -90 (south) to 90 (north); check that lat and lon are not swapped",
    "lon": "longitude runs from -180 (west) to 180 (east); check that lat and lon are not swapped",
    "credibility": "credibility is 1 (confirmed) to 6 (cannot be judged) on the Admiralty scale",
}
_TYPE_HINTS = {
    "text": "put the value in quotes if it looks like a number or a date",
    "a list": "write one item per line, each starting with '- '",
    "a mapping of fields": "write the fields indented below the key, one 'name: value' per line",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "nothing"
    return "text"


def _translate(doc: YamlDocument, kind: type[Record], error: Any) -> Diagnostic:
    """Turn one pydantic error into a located diagnostic with a hint."""
    loc: Loc = tuple(error["loc"])
    name = next((str(part) for part in reversed(loc) if isinstance(part, str)), kind.kind_name)
    kind_of_error: str = error["type"]
    ctx = error.get("ctx") or {}
    if kind_of_error == "extra_forbidden":
        allowed = _fields_at(kind, loc[:-1])
        hint = did_you_mean(name, allowed)
        return doc.diagnostic(loc, f"unknown field '{name}'", hint, key=True)
    if kind_of_error == "missing":
        return doc.diagnostic(loc[:-1], f"missing required field '{name}'", f"add '{name}:' to this record")
    if "hint" in ctx:
        return doc.diagnostic(loc, error["msg"], ctx["hint"])
    if kind_of_error in _TYPE_NAMES:
        wanted = _TYPE_NAMES[kind_of_error]
        message = f"'{name}' should be {wanted}, not {_describe(error['input'])}"
        return doc.diagnostic(loc, message, _TYPE_HINTS.get(wanted, ""))
    if kind_of_error in {"greater_than_equal", "less_than_equal", "too_short", "string_too_short"}:
        message = f"'{name}' is out of range: {error['msg'][0].lower()}{error['msg'][1:]}"
        hint = _RANGE_HINTS.get(name, "")
        return doc.diagnostic(loc, message, hint)
    return doc.diagnostic(loc, f"'{name}': {error['msg']}", "")


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Names of the fields allowed at ``loc`` inside ``model`` (for did-you-mean hints)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
