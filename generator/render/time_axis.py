"""The time axis shared by the build-time pictures: day scale, bin sizes, ticks and their labels.

Part of the render stage, used by :mod:`generator.render.timeline_svg` and
:mod:`generator.render.tempo_svg`. Ticks are chosen from days, weeks, months, quarters or years as
the width allows, and each label stands at the start of the period it names, to its right. A
second row names the month or year a run of ticks belongs to; at the left edge it is written only
when enough of that period is in view to hold its name, so weekly columns that start on Monday
31 December 2018 are not labelled "2018" when the data begins in 2019.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.render.svg import num

FONT = 11
CHAR_W = 6.4
"""Estimated width of one character of axis text, to keep labels from running into each other."""
PAD_X = 14


@dataclass(frozen=True)
class Scale:
    """Days to x: ``first`` is at ``left``, ``last`` (exclusive) at ``right``."""

    first: dt.date
    last: dt.date
    left: float
    right: float

    def x(self, day: dt.date, fraction: float = 0.0) -> float:
        span = (self.last - self.first).days
        return self.left + ((day - self.first).days + fraction) / span * (self.right - self.left)


@dataclass(frozen=True)
class Unit:
    """A bin size for counting: its name, the bin holding a day, and the bin after a bin."""

    name: str
    key: Callable[[dt.date], dt.date]
    after: Callable[[dt.date], dt.date]
    label: Callable[[dt.date], str]


DAY = Unit(
    "day", lambda d: d, lambda d: d + dt.timedelta(days=1), lambda d: f"{d.day} {calendar.month_name[d.month]} {d.year}"
)
WEEK = Unit(
    "week",
    lambda d: d - dt.timedelta(days=d.weekday()),
    lambda d: d + dt.timedelta(days=7),
    lambda d: f"Week of {d.day} {calendar.month_name[d.month]} {d.year}",
)
MONTH = Unit(
    "month", lambda d: d.replace(day=1), lambda d: next_month(d), lambda d: f"{calendar.month_name[d.month]} {d.year}"
)
YEAR = Unit("year", lambda d: dt.date(d.year, 1, 1), lambda d: dt.date(d.year + 1, 1, 1), lambda d: str(d.year))

MAX_COLUMNS = 160
"""Counting uses days or weeks while they give at most this many columns, then months (up to
20 years), then years: the columns stay wide enough to see and the picture stays small."""


def unit_for(first: dt.date, end: dt.date) -> Unit:
    days = (end - first).days + 1
    if days <= MAX_COLUMNS:
        return DAY
    if days <= MAX_COLUMNS * 7:
        return WEEK
    return MONTH if (end.year - first.year) * 12 + end.month - first.month < 240 else YEAR


def count_axis(step: int, top: int, per_unit: float, axis_y: float, left: float, right: float) -> str:
    """Gridlines and labels of a count scale: every ``step`` up to ``top``, ``per_unit`` units high each."""
    parts = ['<g class="bp-axis" aria-hidden="true">']
    for value in range(step, top + 1, step):
        y = num(axis_y - value * per_unit)
        parts.append(
            f'<line x1="{num(left)}" x2="{num(right)}" y1="{y}" y2="{y}" stroke="currentColor" stroke-opacity=".15"/>'
            f'<text x="{num(left - 4)}" y="{y}" dy=".35em" text-anchor="end" font-size="{FONT}" fill="currentColor">'
            f"{value:,}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def nice_step(tallest: int) -> int:
    """A step of 1, 2 or 5 times a power of ten that gives two to four gridlines."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if tallest / step <= 4:
                return step
        magnitude *= 10


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)


def axis(scale: Scale, top: float, axis_y: float) -> str:
    """Baseline, gridlines, tick labels and a second row naming the larger unit (month or year)."""
    ticks, label, context = _ticks(scale)
    left, right = scale.left, scale.right
    parts = [
        '<g class="bp-axis" aria-hidden="true">',
        f'<line x1="{num(left)}" x2="{num(right)}" y1="{num(axis_y)}" y2="{num(axis_y)}" stroke="currentColor" '
        'stroke-opacity=".6"/>',
    ]
    majors = {day for day, _ in context}
    for day in ticks:
        x = num(scale.x(day))
        strong = ".35" if day in majors else ".12"
        parts.append(
            f'<line x1="{x}" x2="{x}" y1="{num(top)}" y2="{num(axis_y + 5)}" stroke="currentColor" '
            f'stroke-opacity="{strong}"/>'
        )
    parts += _labels([(scale.x(day), label(day)) for day in ticks], right, axis_y + 16)
    parts += _labels([(scale.x(day), text) for day, text in context], right, axis_y + 29, bold=True)
    parts.append("</g>")
    return "".join(parts)


def _labels(placed: list[tuple[float, str]], right: float, y: float, *, bold: bool = False) -> list[str]:
    """Text labels anchored at their tick, skipping any that would overlap the previous one or the edge."""
    out: list[str] = []
    free = float("-inf")
    weight = ' font-weight="600"' if bold else ""
    for x, text in placed:
        width = len(text) * CHAR_W
        if x + 2 < free or x + 2 + width > right + PAD_X:
            continue
        out.append(f'<text x="{num(x + 2)}" y="{num(y)}" font-size="{FONT}" fill="currentColor"{weight}>{text}</text>')
        free = x + 2 + width + 6
    return out


_MONTH_ABBR = [calendar.month_abbr[m] for m in range(13)]
_WEEK_DAYS = {7: (1, 8, 15, 22), 14: (1, 15)}
"""Days of the month that carry a tick at weekly and fortnightly steps (months do not divide into weeks)."""


def _ticks(scale: Scale) -> tuple[list[dt.date], Callable[[dt.date], str], list[tuple[dt.date, str]]]:
    """Choose tick days for the span: days, weeks, months, quarters or years, as space allows.

    Returns the tick days, how to label one, and the second-row labels (the month or year each
    run of ticks belongs to, also at the left edge when the span starts inside one and enough of
    it is in view to hold its name).
    """
    width = scale.right - scale.left
    days = (scale.last - scale.first).days
    months = days / 30.44
    # Estimated tick counts decide the step; only the chosen ticks are then listed.
    candidates: list[tuple[str, int, float, int]] = [("day", 1, days, 7), ("day", 7, months * 4, 7)]
    candidates += [("day", 14, months * 2, 7)] + [("month", s, months / s, 4) for s in (1, 2, 3, 6)]
    candidates += [("year", s, months / 12 / s, 5) for s in (1, 2, 5, 10, 20, 50, 100)]
    unit, step = next(
        ((u, s) for u, s, count, chars in candidates if count <= 1 or width / count >= chars * CHAR_W + 10),
        ("year", 100),
    )
    if unit == "day":
        every = (scale.first + dt.timedelta(days=i) for i in range(days))
        ticks = [d for d in every if step == 1 or d.day in _WEEK_DAYS[step]]
    elif unit == "month":
        ticks = [d for d in _month_starts(scale.first, scale.last) if (d.month - 1) % step == 0]
    else:
        ticks = [dt.date(y, 1, 1) for y in range(scale.first.year, scale.last.year + 1) if y % step == 0]
        ticks = [d for d in ticks if scale.first <= d < scale.last]
    if unit == "day":
        context = [(d, f"{calendar.month_name[d.month]} {d.year}") for d in ticks if d.day == 1]
        _edge(scale, context, f"{calendar.month_name[scale.first.month]} {scale.first.year}")
        return ticks, lambda d: str(d.day), context
    if unit == "month":
        context = [(d, str(d.year)) for d in ticks if d.month == 1]
        _edge(scale, context, str(scale.first.year))
        return ticks, lambda d: _MONTH_ABBR[d.month], context
    return ticks, lambda d: str(d.year), []


def _edge(scale: Scale, context: list[tuple[dt.date, str]], text: str) -> None:
    """Name the period the span starts in at its left edge, if the span starts inside one.

    Only when the part of that period in view is wide enough for its name: otherwise the name
    would stand over the next period (a span of weekly columns from Monday 31 December 2018 would
    read "2018" over January 2019).
    """
    if context and context[0][0] == scale.first:
        return
    room = (scale.x(context[0][0]) if context else scale.right) - scale.left
    if room >= len(text) * CHAR_W + 8:
        context.insert(0, (scale.first, text))


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    out: list[dt.date] = []
    day = first.replace(day=1)
    if day < first:
        day = next_month(day)
    while day < last:
        out.append(day)
        day = next_month(day)
    return out
