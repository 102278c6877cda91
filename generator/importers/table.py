"""Read a dataset's CSV file into rows keyed by column name, whatever its header looks like.

The first step of an import. Column names are compared after folding case and turning spaces
and hyphens into underscores (``EVENT_ID_CNTY``, ``event id cnty`` and ``Event-Id-Cnty`` are one
column), so header variants need no code; a file without a header row is read with the column
order its layout documents for that number of columns. Every row keeps the line of the file it
starts on (quoted cells may span lines), so problems can be reported where an editor shows them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.formats import spreadsheet
from generator.importers.common import ImportFailed


def columns(names: str) -> tuple[str, ...]:
    """Column names written as one space-separated string, in order."""
    return tuple(names.split())


def column_name(header: str) -> str:
    """Normalise a header cell: ``"SOURCE SCALE"`` -> ``source_scale``, ``"\\ufeffid"`` -> ``id``."""
    return re.sub(r"[\s\-_]+", "_", header.replace("\ufeff", "").strip().lower()).strip("_")


@dataclass(frozen=True)
class Row:
    """One data row.

    Attributes:
        line: 1-based line of the file where the row starts.
        number: 1-based number of the row among the data rows (the header is not counted).
        values: Cell text by normalised column name; columns the row lacks are absent.
    """

    line: int
    number: int
    values: Mapping[str, str]

    def get(self, column: str) -> str:
        """The cell of ``column`` with surrounding whitespace removed, or ``""``."""
        return self.values.get(column, "").strip()

    def raw(self, column: str) -> str:
        """The cell of ``column`` exactly as written, or ``""``."""
        return self.values.get(column, "")


@dataclass(frozen=True)
class Layout:
    """What a dataset's files look like.

    Attributes:
        known: Every column name the importer reads; a first row holding several of them is a header.
        required: Columns without which no row can be imported.
        aliases: Older names of columns, mapped to the names the importer reads.
        headerless: Column orders of header-less files, by number of columns.
    """

    known: frozenset[str]
    required: tuple[str, ...]
    aliases: Mapping[str, str]
    headerless: Mapping[int, Sequence[str]]


@dataclass
class Table:
    """A CSV file read against a layout.

    Attributes:
        columns: The normalised column names, in file order.
        rows: The data rows.
        has_header: False when the column names come from the layout's documented order.
        problems: ``(line, row number, reason)`` of rows that could not be read as rows.
    """

    columns: list[str]
    rows: list[Row]
    has_header: bool
    problems: list[tuple[int, int, str]]


def _records(lines: Iterable[str], shown: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(start line, cells)`` for each non-blank CSV record."""
    reader = csv.reader(lines, strict=False)
    previous_end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFailed(
                f"{shown}:{reader.line_num}: the file cannot be read as CSV: {exc}",
                "check the quotes on this line and the ones before it",
            ) from None
        start, previous_end = previous_end + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells


def _is_header(cells: list[str], layout: Layout) -> bool:
    names = {layout.aliases.get(column_name(c), column_name(c)) for c in cells}
    return len(names & layout.known) >= min(3, len(layout.known))


def read_table(path: Path, shown: str, layout: Layout) -> Table:
    """Read a CSV file (UTF-8, a byte-order mark is fine) against ``layout``.

    Args:
        path: The file.
        shown: The file's path as messages show it.
        layout: The dataset's columns.

    Raises:
        ImportFailed: The file cannot be read, is not UTF-8 or CSV, has no header row and a
            column count no known layout has, or lacks a required column.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{shown}: cannot read the file: {exc.strerror}", "check the path and permissions") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFailed(
            f"{shown}:{line}: the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "export it again as UTF-8 CSV, or convert it (e.g. with iconv)",
        ) from None
    if "\x00" in text:
        raise ImportFailed(f"{shown}: the file holds NUL bytes; it is not a CSV text file", "export it again as CSV")
    if text.lstrip()[:1] in ("{", "["):
        raise ImportFailed(
            f"{shown}: the file is JSON, not CSV",
            f"a briefing site's data/data.json is imported with: briefing import briefing {shown}",
        )
    # newline="" splits lines as csv expects (\n, \r\n, \r) and leaves other breaks in the cells
    records = _records(io.StringIO(text, newline=""), shown)
    first = next(records, None)
    if first is None:
        raise ImportFailed(f"{shown}: the file holds no rows", "")
    has_header = _is_header(first[1], layout)
    if has_header:
        columns = [layout.aliases.get(column_name(c), column_name(c)) for c in first[1]]
        body: Iterator[tuple[int, list[str]]] = records
    else:
        order = layout.headerless.get(len(first[1]))
        if order is None:
            counts = " or ".join(str(n) for n in sorted(layout.headerless))
            raise ImportFailed(
                f"{shown}:{first[0]}: the first row is not a header row and has {len(first[1])} columns",
                f"a file without a header row must have {counts} columns in the documented order; add the header row"
                if counts
                else "this dataset's exports start with a header row: add it, or check that this is the right file",
            )
        columns = list(order)
        body = _chain(first, records)
    missing = [c for c in layout.required if c not in columns]
    if missing:
        raise ImportFailed(
            f"{shown}:1: missing column{'s' if len(missing) > 1 else ''} " + ", ".join(f"'{c}'" for c in missing),
            "is this the right kind of file? columns found: "
            + ", ".join(columns[:12])
            + ("…" if len(columns) > 12 else ""),
        )
    rows: list[Row] = []
    problems: list[tuple[int, int, str]] = []
    for number, (line, cells) in enumerate(body, 1):
        if len(cells) > len(columns):
            problems.append((line, number, f"row has {len(cells)} cells but the header has {len(columns)}"))
            continue
        values: dict[str, str] = {}
        for name, cell in zip(columns, cells, strict=False):
            # a repeated column name: the first one counts; a cell this project's exports made
            # safe for spreadsheets ('=...) reads back as the text that was exported
            values.setdefault(name, spreadsheet.unescape(cell))
        rows.append(Row(line, number, values))
    return Table(columns, rows, has_header, problems)


def _chain(first: tuple[int, list[str]], rest: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    yield first
    yield from rest
