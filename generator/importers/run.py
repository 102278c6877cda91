"""Import one dataset file into a data folder: the whole import pipeline, run in order.

read (``table``) -> map each row (``ucdp`` / ``acled``) -> resolve names to records
(``resolve``) -> merge with the analyst's edits (``merge``) -> validate every record with the
model and every reference with the index -> write YAML (``yamlout``) -> commit all files at once
(``stage``). Another briefing site's data.json (``native``) skips the map and resolve steps:
its records arrive whole, with their ids. Nothing is printed: :func:`import_file` returns an
:class:`ImportReport` (created, updated, unchanged, conflicts, rejected rows) and calls
``progress`` as rows are mapped; the command line shows both. A file that cannot be imported at
all raises :class:`ImportFailed` before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.diagnostics import Diagnostic, Severity, errors
from generator.importers import acled, native, ucdp
from generator.importers.common import Event, ImportFailed, RowError, SourceRef, name_key, shorten
from generator.importers.crosswalk import FILE_NAME as CROSSWALK
from generator.importers.crosswalk import read_crosswalk
from generator.importers.merge import KINDS, State, load_states, merge, state_path
from generator.importers.resolve import FOLDERS, Directory
from generator.importers.stage import Staging, remove_leftovers
from generator.importers.table import Layout, Row, read_table
from generator.importers.yamlout import dump_record, has_comments
from generator.index.graph import build_index
from generator.load.dataset import Dataset, Entry, display_path, load_dataset
from generator.load.yamlsource import YamlDocument
from generator.model.records import KIND_BY_FOLDER, RECORD_KINDS, Incident
from generator.model.references import DEPENDENCY_ORDER

Progress = Callable[[int, int], None]
"""Called as ``progress(rows done, rows in the file)`` while rows are mapped."""


@dataclass(frozen=True)
class Importer:
    """One dataset's adapter.

    Attributes:
        key: The dataset's key in ``external_ids`` and in the state file's name (``ucdp-ged``).
        label: How messages name the dataset (``UCDP GED``).
    """

    key: str
    label: str
    layout: Layout
    map_row: Callable[[Row], Event]
    source: SourceRef


IMPORTERS: dict[str, Importer] = {
    "ucdp": Importer(ucdp.DATASET, ucdp.LABEL, ucdp.LAYOUT, ucdp.map_row, ucdp.SOURCE),
    "acled": Importer(acled.DATASET, acled.LABEL, acled.LAYOUT, acled.map_row, acled.SOURCE),
}
"""The importers by the name the command line uses."""

_MODELS = KIND_BY_FOLDER


@dataclass
class ImportReport:
    """What an import did.

    Attributes:
        dataset: The dataset's label.
        file: The imported file, as messages show it.
        rows: Data rows (or records, for a data.json) in the file.
        created: Record files written for the first time (paths relative to the project).
        updated: Record files changed.
        unchanged: Record files the import would write as they are.
        kept_deleted: Incidents the import made earlier and the analyst deleted; not recreated.
        conflicts: Fields the analyst edited that the dataset changed too, at their place in the
            YAML file; the analyst's value was kept.
        rejected: Rows that were not imported, at their line in the CSV file, with the reason.
        warnings: Rows imported with a caveat (e.g. inconsistent fatality bounds left out).
        repeated: Warnings about rows that are as they were at the last import, which reported
            them then; the command line counts them instead of listing them again.
        unit: What the file holds, as the summary counts it: ``row`` or ``record``.
    """

    dataset: str
    file: str
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_deleted: list[str] = field(default_factory=list)
    conflicts: list[Diagnostic] = field(default_factory=list)
    rejected: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    repeated: list[Diagnostic] = field(default_factory=list)
    unit: str = "row"

    def diagnostics(self) -> list[Diagnostic]:
        """Rejected rows, conflicts and warnings, sorted by file and line."""
        return sorted([*self.rejected, *self.conflicts, *self.warnings])

    def summary(self) -> str:
        """Two lines for the end of the command's output: what the file held, what became of the records.

        Rows and records are counted apart: one row of UCDP GED or ACLED makes an incident and
        may make actors, places and sources as well.
        """
        unit = self.unit  # "row" or "record"
        taken = self.rows - len(self.rejected)
        read = (
            f"{self.dataset}: {_count(self.rows, unit)} in {self.file}: {taken} imported, {len(self.rejected)} rejected"
        )
        records = (
            f"records: {len(self.created)} created{_by_kind(self.created)}, "
            f"{len(self.updated)} updated{_by_kind(self.updated)}, {len(self.unchanged)} unchanged, "
            f"{_count(len(self.conflicts), 'conflict')}"
        )
        if self.kept_deleted:
            records += f", {len(self.kept_deleted)} deleted by hand and not recreated"
        return f"{read}\n{records}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _by_kind(paths: list[str]) -> str:
    """`` (3 incidents, 1 actor)`` for record files by their folder; empty for none."""
    folders = [Path(path).parent.name for path in paths]
    parts = [_count(folders.count(kind.folder), kind.kind_name) for kind in RECORD_KINDS if kind.folder in folders]
    return f" ({', '.join(parts)})" if parts else ""


def import_file(
    kind: str,
    path: Path,
    seeds_dir: Path,
    base: Path,
    progress: Progress | None = None,
    *,
    shown: str | None = None,
    now: dt.datetime | None = None,
) -> ImportReport:
    """Import a UCDP GED or ACLED CSV file, or another briefing site's data.json, into a data folder.

    Args:
        kind: ``ucdp``, ``acled`` or ``briefing`` (a data.json this project wrote).
        path: The file.
        seeds_dir: The data folder (created when missing).
        base: The project root; paths in the report are relative to it.
        progress: Called with ``(rows done, rows in the file)`` while rows are mapped.
        shown: How messages name the file (as the user typed it); by default its path relative
            to ``base``.
        now: When the import runs (default: ``SOURCE_DATE_EPOCH``, else the clock), recorded in the import state as the
            last change of each record it writes, for data folders outside git.

    Returns:
        The report; rows (records) that could not be imported are in ``rejected``, the rest
        was written.

    Raises:
        ImportFailed: The file cannot be read as that dataset, the import state is damaged, or
            the result would not be valid data; nothing was written.
        ValueError: ``kind`` is none of those.
    """
    shown = shown if shown is not None else display_path(path, base)
    if kind == native.DATASET:
        report = ImportReport(native.LABEL, shown, unit="record")
        run = _Run(native.DATASET, native.LABEL, seeds_dir, base, report)
        run.take_records(path, shown, progress)
    else:
        importer = IMPORTERS.get(kind)
        if importer is None:
            known = ", ".join(sorted([*IMPORTERS, native.DATASET]))
            raise ValueError(f"unknown dataset '{kind}'; expected one of: {known}")
        table = read_table(path, shown, importer.layout)
        report = ImportReport(importer.label, shown, rows=len(table.rows) + len(table.problems))
        for line, number, reason in table.problems:
            report.rejected.append(Diagnostic(shown, line, 0, f"row {number} rejected: {reason}"))
        run = _Run(importer.key, importer.label, seeds_dir, base, report)
        run.map_rows(importer.map_row, table.rows, shown, progress)
        run.merge_incidents()
        run.merge_entities()
        run.add_spellings()
    run.check()
    run.write(now or _now())
    return report


def _now() -> dt.datetime:
    """The time of the import: ``SOURCE_DATE_EPOCH`` when set (reproducible runs), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)


def _schema_path(file: Path, seeds_dir: Path, kind_name: str) -> str | None:
    """The record's schema relative to its file, for the editor line; None when the project has none.

    A line pointing at a file that does not exist would silently give no completion at all.
    """
    schema = seeds_dir.parent / "schemas" / f"{kind_name}.schema.json"
    return Path(os.path.relpath(schema, file.parent)).as_posix() if schema.is_file() else None


def _preview(value: Any) -> str:
    return (
        "no value"
        if value in (None, "", [], {})
        else shorten(repr(value) if not isinstance(value, str) else value, 120)
    )


class _Run:
    """The state of one import between its steps."""

    def __init__(self, key: str, label: str, seeds_dir: Path, base: Path, report: ImportReport) -> None:
        self.key = key
        self.label = label
        self.seeds_dir = seeds_dir
        self.base = base
        self.report = report
        self.data = load_dataset(seeds_dir, base) if seeds_dir.is_dir() else Dataset(seeds_dir)
        states = load_states(seeds_dir)
        self.own = states.get(key, State(key))
        self.state = State(
            key, {k: dict(v) for k, v in self.own.records.items()}, {f: dict(v) for f, v in self.own.changed.items()}
        )
        bases: dict[str, dict[str, dict[str, Any]]] = {f: {} for f in FOLDERS}
        for _, other in sorted(states.items(), key=lambda kv: kv[0] == key):
            for folder in FOLDERS:
                bases[folder].update(other.records[folder])
        self.records: dict[str, dict[str, dict[str, Any]]] = {
            kind.folder: {i: e.doc.value for i, e in self.data.entries(kind).items()} for kind in RECORD_KINDS
        }
        taken = {f: set(self.records[f]) | self.data.failed.get(f, set()) for f in FOLDERS}
        owned = {f: set(self.own.records[f]) for f in FOLDERS}
        self.directory = Directory.build(self.records, taken, bases, owned)
        self.directory.crosswalk = read_crosswalk(seeds_dir, display_path(seeds_dir / CROSSWALK, base))
        self.by_external: dict[str, list[str]] = {}
        for record_id, entry in sorted(self.data.incidents.items()):
            external = entry.record.external_ids.get(key)
            if external is not None:
                self.by_external.setdefault(external, []).append(record_id)
        self.events: list[tuple[Event, Row, dict[str, Any]]] = []
        self.notes: dict[str, list[Diagnostic]] = {}
        """Event key -> the warnings about its row, reported once the merge tells whether the row changed."""
        self.final: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in KINDS}
        """Folder -> id -> fields of every record this import creates or changes."""
        self.files: dict[tuple[str, str], Path] = {}

    # --- rows -> proposed incidents -------------------------------------------------------

    def map_rows(self, map_row: Callable[[Row], Event], rows: list[Row], shown: str, progress: Progress | None) -> None:
        seen: dict[str, int] = {}
        ids: dict[str, str] = {}
        for done, row in enumerate(rows, 1):
            try:
                event = map_row(row)
                if event.key in seen:
                    raise RowError(
                        f"event '{event.key}' is also on line {seen[event.key]}", "remove one of the two rows"
                    )
                if ids.get(event.incident_id, event.key) != event.key:
                    raise RowError(f"id '{event.incident_id}' is also made from event '{ids[event.incident_id]}'")
                fields = _incident_fields(event, self.directory)
                Incident.model_validate(fields)
            except RowError as exc:
                self.report.rejected.append(
                    Diagnostic(shown, row.line, 0, f"row {row.number} rejected: {exc.message}", exc.hint)
                )
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                self.report.rejected.append(
                    Diagnostic(shown, row.line, 0, f"row {row.number} rejected: {where}: {first['msg']}")
                )
            else:
                seen[event.key] = row.line
                ids[event.incident_id] = event.key
                self.events.append((event, row, fields))
                self.notes[event.key] = [
                    Diagnostic(shown, row.line, 0, f"row {row.number}: {note}", severity=Severity.WARNING)
                    for note in event.notes
                ]
            if progress is not None:
                progress(done, len(rows))
        for section, target, where in self.directory.crosswalk.targets:
            if not self.directory.knows(section, target):
                path, line, col = where.rsplit(":", 2)
                self.report.warnings.append(
                    Diagnostic(
                        path,
                        int(line),
                        int(col),
                        f"the crosswalk names {section[:-1]} '{target}', which is not in the data folder; ignored",
                        f"check the id against {display_path(self.seeds_dir / section, self.base)}/",
                        Severity.WARNING,
                    )
                )
        for doubt in self.directory.uncertain:
            self.report.warnings.append(
                Diagnostic(
                    shown,
                    0,
                    0,
                    f"{doubt.folder[:-1]} '{shorten(doubt.spelling, 60)}' may be the {doubt.folder[:-1]} "
                    f"'{doubt.candidate}' ({shorten(doubt.candidate_name, 60)}, {doubt.why}); kept apart",
                    f"if they are one, add to {display_path(self.seeds_dir / CROSSWALK, self.base)}: "
                    f"'{doubt.folder}: [{{name: {doubt.spelling}, same_as: {doubt.candidate}}}]' "
                    f"(or 'not: {doubt.candidate}' to keep them apart without this message), and import again",
                    Severity.WARNING,
                )
            )
        for record_id, name, ranked in self.directory.settle_kinds():
            counts = ", ".join(f"'{kind}' {rows} row{'s' if rows != 1 else ''}" for kind, rows in ranked)
            self.report.warnings.append(
                Diagnostic(
                    shown,
                    0,
                    0,
                    f"actor '{record_id}' ({shorten(name, 60)}) is coded as more than one kind: {counts}; "
                    f"'{ranked[0][0]}' kept",
                    f"to choose another kind, edit seeds/actors/{record_id}.yaml: the import keeps your edit",
                    Severity.WARNING,
                )
            )

    # --- merge ------------------------------------------------------------------------------

    def merge_incidents(self) -> None:
        existing = self.data.incidents
        for event, _, fields in self.events:
            base = self.own.records["incidents"].get(event.key)
            present = _present(fields)
            # the same row as at the last import gives the same warnings, which that import showed
            notes = self.notes.get(event.key, [])
            (self.report.repeated if base == present else self.report.warnings).extend(notes)
            self.state.records["incidents"][event.key] = present
            matches = self.by_external.get(event.key, [])
            target = fields["id"] if fields["id"] in matches else (matches[0] if matches else None)
            if target is None and fields["id"] in existing:
                target = fields["id"]
            if target is None:
                planned = self._planned_file("incidents", fields["id"])
                if fields["id"] in self.data.failed.get("incidents", set()):
                    self._unreadable(planned)
                elif base is not None:
                    self.report.kept_deleted.append(display_path(planned, self.base))
                else:
                    self._create("incidents", fields["id"], fields)
                continue
            self._merge("incidents", target, base, {k: v for k, v in fields.items() if k != "id"})

    def merge_entities(self) -> None:
        for folder in FOLDERS:
            proposals = self.directory.proposals[folder]
            for record_id, fields in sorted(proposals.items()):
                if record_id in self.directory.created[folder]:
                    self._create(folder, record_id, fields)
                else:
                    self._merge(folder, record_id, self.own.records[folder].get(record_id), fields)
                self.state.records[folder][record_id] = _present(fields)
            # forget records this import made that are gone and no longer needed
            present = set(self.records[folder]) | self.data.failed.get(folder, set())
            for record_id in list(self.state.records[folder]):
                if record_id not in proposals and record_id not in present:
                    del self.state.records[folder][record_id]

    def add_spellings(self) -> None:
        """Add each new spelling a row matched to a record made by an import as an alias of it.

        Records the analyst wrote are not changed: they match the dataset's spelling folded,
        import after import, without it.
        """
        for folder, found in self.directory.aliases.items():
            for record_id, spellings in sorted(found.items()):
                if record_id in self.final[folder]:
                    fields = self.final[folder][record_id]
                elif record_id in self.records[folder] and self.directory.is_managed(folder, record_id):
                    fields = dict(self.records[folder][record_id])
                else:
                    continue
                current = [a for a in fields.get("aliases") or [] if isinstance(a, str)]
                names = {name_key(str(fields.get("name", ""))), *(name_key(a) for a in current)}
                new = [s for s in sorted(spellings) if name_key(s) not in names]
                if not new:
                    continue
                fields["aliases"] = current + new
                if record_id not in self.final[folder]:
                    entry: Entry[Any] = self.data.entries(_MODELS[folder])[record_id]
                    self.final[folder][record_id] = fields
                    self.files[(folder, record_id)] = entry.file
                    shown = display_path(entry.file, self.base)
                    if shown in self.report.unchanged:
                        self.report.unchanged.remove(shown)
                    self.report.updated.append(shown)

    # --- whole records (another site's data.json) -------------------------------------------

    def take_records(self, path: Path, shown: str, progress: Progress | None) -> None:
        """Create the records whose ids are new and merge the others, every field of each.

        Every field of the model is proposed, an absent one as ``None``, so a value the other
        site removed is removed here too unless the analyst edited it.
        """
        local = {folder: set(self.records[folder]) | self.data.failed.get(folder, set()) for folder in KINDS}
        batch = native.read_batch(path, shown, local)
        self.report.rows = batch.count
        for rejected in batch.rejected:
            self.report.rejected.append(Diagnostic(shown, 0, 0, f"{rejected.where} rejected: {rejected.reason}"))
        done = 0
        for folder in native.ORDER:
            names = [name for name in _MODELS[folder].model_fields if name != "id"]
            for record_id, fields in sorted(batch.records[folder].items()):
                base = self.own.records[folder].get(record_id)
                self.state.records[folder][record_id] = _present(fields)
                if record_id in self.records[folder]:
                    self._merge(folder, record_id, base, {name: fields.get(name) for name in names})
                elif record_id in self.data.failed.get(folder, set()):
                    self._unreadable(self._planned_file(folder, record_id))
                elif folder == "incidents" and base is not None:
                    self.report.kept_deleted.append(display_path(self._planned_file(folder, record_id), self.base))
                else:
                    self._create(folder, record_id, fields)
                done += 1
                if progress is not None:
                    progress(done + len(batch.rejected), batch.count)

    def _planned_file(self, folder: str, record_id: str) -> Path:
        return self.seeds_dir / folder / f"{record_id}.yaml"

    def _unreadable(self, file: Path) -> None:
        self.report.conflicts.append(
            Diagnostic(
                display_path(file, self.base),
                0,
                0,
                f"not updated from {self.label}: the file cannot be read",
                "fix the problem 'briefing check' reports in it, then import again",
                Severity.WARNING,
            )
        )

    def _create(self, folder: str, record_id: str, fields: dict[str, Any]) -> None:
        record = {"id": record_id, **_present({k: v for k, v in fields.items() if k != "id"})}
        self.final[folder][record_id] = record
        file = self._planned_file(folder, record_id)
        self.files[(folder, record_id)] = file
        self.report.created.append(display_path(file, self.base))

    def _merge(self, folder: str, record_id: str, base: dict[str, Any] | None, new: dict[str, Any]) -> None:
        entry: Entry[Any] = self.data.entries(_MODELS[folder])[record_id]
        shown = display_path(entry.file, self.base)
        merged = merge(entry.doc.value, base, new)
        if merged.taken:
            try:
                _MODELS[folder].model_validate(merged.fields)
            except ValidationError as exc:
                # The new values do not fit the analyst's edits (e.g. a sub-type of another event
                # type): leave the whole record as the analyst has it.
                line, col = entry.doc.position(())
                self.report.conflicts.append(
                    Diagnostic(
                        shown,
                        line,
                        col,
                        f"not updated from {self.label}: its new values do not fit your edits "
                        f"({exc.errors()[0]['msg']})",
                        "fields it would change: " + ", ".join(merged.taken),
                        Severity.WARNING,
                    )
                )
                self.report.unchanged.append(shown)
                return
            self.final[folder][record_id] = merged.fields
            self.files[(folder, record_id)] = entry.file
            self.report.updated.append(shown)
        else:
            self.report.unchanged.append(shown)
        for name in merged.conflicts:
            line, col = entry.doc.position((name,))
            self.report.conflicts.append(
                Diagnostic(
                    shown,
                    line,
                    col,
                    f"'{name}' was edited by hand and {self.label} now has another value; kept yours",
                    f"{self.label} now has: {_preview(new.get(name))}",
                    Severity.WARNING,
                )
            )

    # --- check and write --------------------------------------------------------------------

    def _dataset(self, final: bool) -> Dataset:
        combined = Dataset(self.seeds_dir, failed=self.data.failed)
        for kind in RECORD_KINDS:
            table = combined.entries(kind)
            table.update(self.data.entries(kind))
            if not final:
                continue
            for record_id, fields in self.final[kind.folder].items():
                file = self.files[(kind.folder, record_id)]
                doc = YamlDocument(display_path(file, self.base), fields)
                table[record_id] = Entry(kind.model_validate(fields), doc, file)
        return combined

    def check(self) -> None:
        """Validate every record written and every reference; refuse to write new errors."""
        problems: list[str] = []
        for folder, records in self.final.items():
            for record_id, fields in records.items():
                try:
                    _MODELS[folder].model_validate(fields)
                except ValidationError as exc:
                    problems.append(f"{folder}/{record_id}: {exc.errors()[0]['msg']}")
        if not problems:
            before = {(d.path, d.message) for d in errors(build_index(self._dataset(final=False)).diagnostics)}
            after = errors(build_index(self._dataset(final=True)).diagnostics)
            problems = [d.format() for d in after if (d.path, d.message) not in before]
        if problems:
            raise ImportFailed(
                "the import would leave invalid data, so nothing was written: " + "; ".join(problems[:5]),
                "this is a bug in the importer or a problem in the data folder; please report it",
            )

    def write(self, now: dt.datetime) -> None:
        when = now.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        for folder, written in self.final.items():
            for record_id in written:
                self.state.changed.setdefault(folder, {})[record_id] = when
        remove_leftovers([self.seeds_dir, *(self.seeds_dir / kind for kind in KINDS)])
        staging = Staging()
        try:
            for folder in (kind.folder for kind in DEPENDENCY_ORDER):
                model = _MODELS[folder]
                order = list(model.model_fields)
                for record_id, fields in sorted(self.final[folder].items()):
                    file = self.files[(folder, record_id)]
                    text = dump_record(fields, schema=_schema_path(file, self.seeds_dir, model.kind_name), order=order)
                    if file.exists():
                        old = file.read_text(encoding="utf-8-sig", errors="replace")
                        if has_comments(old):
                            self.report.warnings.append(
                                Diagnostic(
                                    display_path(file, self.base),
                                    0,
                                    0,
                                    f"updated from {self.label}; the comments in this file were not kept",
                                    "keep notes in fields (summary, description, note) rather than comments",
                                    Severity.WARNING,
                                )
                            )
                    staging.add(file, text.encode("utf-8"))
            state_file = state_path(self.seeds_dir, self.key)
            data = self.state.to_bytes()
            if not state_file.is_file() or state_file.read_bytes() != data:
                staging.add(state_file, data)
        except BaseException:
            staging.discard()
            raise
        staging.commit()


def _incident_fields(event: Event, directory: Directory) -> dict[str, Any]:
    """The incident record an event proposes, with every name resolved to a record id."""
    participants: list[dict[str, Any]] = []
    seen: set[tuple[str | None, str, str | None, str]] = set()
    for participant in event.participants:
        actor = directory.actor(participant.actor) if participant.actor is not None else None
        # the side is part of the key: a group fighting itself is on both sides
        key = (actor, participant.role, participant.side, participant.note if actor is None else "")
        if key in seen:
            continue
        seen.add(key)
        item: dict[str, Any] = {}
        if actor is not None:
            item["actor"] = actor
        item["role"] = participant.role
        if participant.side is not None:
            item["side"] = participant.side
        if participant.note:
            item["note"] = participant.note
        participants.append(item)
    citations: list[dict[str, Any]] = []
    for citation in event.citations:
        item = {"source": directory.source(citation.source)}
        origin = list(dict.fromkeys(directory.source(ref) for ref in citation.origin))
        origin = [o for o in origin if o != item["source"]]
        if origin:
            item["origin"] = origin
        if citation.title:
            item["title"] = citation.title
        if citation.published:
            item["published"] = citation.published
        if item not in citations:
            citations.append(item)
    fields: dict[str, Any] = {
        "id": event.incident_id,
        "title": event.title,
        "date": event.date,
        "event_type": event.event_type,
        "sub_type": event.sub_type,
        "place": directory.place(event.places),
        "coordinates": None
        if event.coordinates is None
        else {"lat": event.coordinates[0], "lon": event.coordinates[1]},
        "location_precision": event.location_precision,
        "participants": participants,
        "summary": event.summary,
        "citations": citations,
        "fatalities": event.fatalities,
        "external_ids": event.external_ids,
        "dataset": event.dataset,
    }
    return fields


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields that have a value (a record omits the others)."""
    return {k: v for k, v in fields.items() if v not in (None, "", [], {})}
