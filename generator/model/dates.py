"""Dates as analysts know them: a day, a month, a year or a range, possibly approximate.

Part of the model stage. A :class:`FuzzyDate` keeps the precision the source gave and no more,
sorts by its earliest possible day, and describes itself honestly ("1-6 June 2020,
approximate").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A date that cannot be read, with the message to show and, when it knows better than the
    general one, a hint of its own."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A span of days with the precision it was written with.

    Attributes:
        start: First possible day.
        end: Last possible day (equal to ``start`` for an exact day).
        precision: ``day``, ``month``, ``year`` or ``range``.
        approximate: The source itself was vague about the date.
    """

    start: dt.date
    end: dt.date
    precision: str
    approximate: bool = False

    @property
    def iso(self) -> str:
        """The date written back as in the YAML: ``2020``, ``2020-06``, ``2020-06-04`` or ``a/b``."""
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.precision == "day":
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    @property
    def month_key(self) -> str:
        """``YYYY-MM`` of the earliest possible day, for grouping on a timeline."""
        return f"{self.start.year:04d}-{self.start.month:02d}"

    def describe(self) -> str:
        """Describe the date for a reader, keeping its precision visible."""
        text = _describe_span(self.start, self.end, self.precision)
        return f"{text} (approximate)" if self.approximate else text


def _day(d: dt.date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _describe_span(start: dt.date, end: dt.date, precision: str) -> str:
    if precision == "year":
        return str(start.year)
    if precision == "month":
        return f"{calendar.month_name[start.month]} {start.year}"
    if precision == "day":
        return _day(start)
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months:
        if start.year == end.year:
            return f"{calendar.month_name[start.month]} – {calendar.month_name[end.month]} {end.year}"
        return f"{calendar.month_name[start.month]} {start.year} – {calendar.month_name[end.month]} {end.year}"
    if (end - start).days == 6:
        return f"week of {_day(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {calendar.month_name[start.month]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {calendar.month_name[start.month]} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def parse_point(value: Any) -> tuple[dt.date, dt.date, str]:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into its first day, last day and precision.

    Raises:
        DateError: The text is not one of those forms, or names a day that does not exist.
    """
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str):
        raise DateError(f"a date should be written as YYYY-MM-DD, YYYY-MM or YYYY, not {type(value).__name__}")
    match = _PATTERN.match(text.strip())
    if not match:
        raise DateError(f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), "month"
        return dt.date(year, month, day), dt.date(year, month, day), "day"
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise DateError(f"'{text}' is not a real date ({exc})") from exc


def parse_fuzzy_date(value: Any) -> FuzzyDate:
    """Read a date field: a point (see :func:`parse_point`) or a mapping.

    The mapping form is ``{on: <point>, approximate: true}`` or
    ``{start: <point>, end: <point>, approximate: true}``.

    Raises:
        DateError: With a message that says what to write instead.
    """
    if isinstance(value, FuzzyDate):
        return value
    if not isinstance(value, dict):
        start, end, precision = parse_point(value)
        return FuzzyDate(start, end, precision)
    unknown = sorted(set(value) - {"on", "start", "end", "approximate"})
    if unknown:
        raise DateError(f"unknown date field '{unknown[0]}'; use on, start, end and approximate")
    approximate = value.get("approximate", False)
    if not isinstance(approximate, bool):
        raise DateError("'approximate' should be true or false")
    if "on" in value:
        if "start" in value or "end" in value:
            raise DateError("give either 'on' or 'start' and 'end', not both")
        start, end, precision = parse_point(value["on"])
        return FuzzyDate(start, end, precision, approximate)
    if "start" not in value or "end" not in value:
        raise DateError("a date range needs both 'start' and 'end'")
    start, _, _ = parse_point(value["start"])
    _, end, _ = parse_point(value["end"])
    if end < start:
        raise DateError(
            f"the range ends ({value['end']}) before it starts ({value['start']})",
            f"swap them: {{start: {value['end']}, end: {value['start']}}}",
        )
    return FuzzyDate(start, end, "range", approximate)
