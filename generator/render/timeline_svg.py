"""The timeline picture: incidents along a time axis, drawn as SVG at build time.

Part of the render stage. :func:`timeline_svg` turns a list of incidents into a raw HTML block
(a ``<figure>`` holding an inline ``<svg>`` and an HTML legend) that Python-Markdown passes
through untouched, so the picture shows without JavaScript and prints. Each incident is a mark
linking to its page: a dot for an exact day, a bar from start to end for a month, a year or a
range, faded with a dashed outline when the source calls the date approximate. Marks that
overlap in time are stacked in lanes. When there are too many to draw one by one (more than
:data:`MAX_MARKS`, or more lanes than :data:`MAX_LANES`), the picture counts incidents per day,
week, month or year instead (whichever gives a readable number of columns), each column linking
to its month on the timeline's year pages, so its size stays bounded however large the dataset
grows. Escaping, the figure wrapper and legend symbols come from :mod:`generator.render.svg`. Output depends only on the input: same incidents, same bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.index.graph import IncidentNode
from generator.model import vocabulary as v
from generator.render.svg import esc, figure, num, swatch

Href = Callable[[IncidentNode | str], str]
"""Relative URL, from the page being rendered, of an incident or of a docs-relative ``.md`` path."""

WIDTH = 720
"""Width of the drawing in SVG user units; the picture scales to the column width."""

MAX_MARKS = 200
"""Above this many incidents the picture counts them per period instead of drawing each."""

MAX_LANES = 16
"""Above this many stacked lanes the picture counts incidents per period instead."""

EVENT_COLOURS: dict[str, str] = {
    "battles": "#e5433d",
    "explosions-remote-violence": "#bd6a06",
    "violence-against-civilians": "#aa59dd",
    "protests": "#1781d9",
    "riots": "#d446a1",
    "strategic-developments": "#099068",
}
"""One colour per ACLED event type. Each has a relative luminance near 0.21, which gives a
contrast of about 4:1 against both Material's white and its dark slate background."""

_PAD_X = 14
_DOT_R = 5
_BAR_H = 10
_LANE_H = 14
_MIN_BAR = 6.0
_GAP = 2.0
_PLOT_TOP = 8
_BIN_H = 140
_Y_LABELS = 34
_FONT = 11
_CHAR_W = 6.4
"""Estimated width of one character of axis text, to keep labels from running into each other."""


@dataclass(frozen=True)
class _Scale:
    """Days to x: ``first`` is at ``left``, ``last`` (exclusive) at ``right``."""

    first: dt.date
    last: dt.date
    left: float
    right: float

    def x(self, day: dt.date, fraction: float = 0.0) -> float:
        span = (self.last - self.first).days
        return self.left + ((day - self.first).days + fraction) / span * (self.right - self.left)


@dataclass(frozen=True)
class _Mark:
    incident: IncidentNode
    x0: float
    x1: float
    dot: bool


def timeline_svg(incidents: Sequence[IncidentNode], href: Href) -> str:
    """Draw ``incidents`` on a time axis, as a raw HTML block holding an inline SVG.

    Args:
        incidents: The incidents to draw, in any order; duplicates are drawn once.
        href: Gives the relative URL of an incident's page, or of a docs-relative ``.md`` path
            (the timeline's year pages, which the columns of counts link to).

    Returns:
        A ``<figure>`` block, or ``""`` when there is no incident.
    """
    unique = {node.id: node for node in incidents}
    ordered = sorted(unique.values(), key=lambda n: (n.record.date.start, n.record.date.end, n.id))
    if not ordered:
        return ""
    if len(ordered) <= MAX_MARKS:
        drawing = _marks(ordered, href)
        if drawing is not None:
            return drawing
    return _bins(ordered, href)


# --- one mark per incident --------------------------------------------------------------------


def _marks(incidents: list[IncidentNode], href: Href) -> str | None:
    """The picture with one mark per incident, or ``None`` when they need too many lanes."""
    first = min(n.record.date.start for n in incidents).replace(day=1)
    last = _next_month(max(n.record.date.end for n in incidents))
    scale = _Scale(first, last, _PAD_X, WIDTH - _PAD_X)
    marks = [_mark(node, scale) for node in incidents]
    lanes = _lanes(marks)
    if lanes is None:
        return None
    count = max(lanes) + 1
    axis_y = _PLOT_TOP + count * _LANE_H + 4
    height = axis_y + 34
    parts = [
        f'<svg class="bp-svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" '
        f'aria-label="{esc(_summary(len(incidents), first, last - dt.timedelta(days=1)))}">',
        _axis(scale, _PLOT_TOP - 4, axis_y),
    ]
    for mark, lane in zip(marks, lanes, strict=True):
        parts.append(_draw_mark(mark, axis_y - 4 - _LANE_H / 2 - lane * _LANE_H, href))
    parts.append("</svg>")
    return figure("timeline", "\n".join(parts), _marks_legend(incidents))


def _mark(node: IncidentNode, scale: _Scale) -> _Mark:
    date = node.record.date
    if date.precision == "day":
        x = scale.x(date.start, 0.5)
        return _Mark(node, x - _DOT_R, x + _DOT_R, dot=True)
    x0 = scale.x(date.start)
    x1 = max(scale.x(date.end, 1.0), x0 + _MIN_BAR)
    return _Mark(node, x0, x1, dot=False)


def _lanes(marks: list[_Mark]) -> list[int] | None:
    """Each mark's lane, first fit in start order (optimal for intervals); ``None`` beyond :data:`MAX_LANES`."""
    ends: list[float] = []
    lanes = [0] * len(marks)
    for i in sorted(range(len(marks)), key=lambda i: (marks[i].x0, marks[i].x1, marks[i].incident.id)):
        mark = marks[i]
        lane = next((n for n, end in enumerate(ends) if end + _GAP <= mark.x0), len(ends))
        if lane == MAX_LANES:
            return None
        if lane == len(ends):
            ends.append(mark.x1)
        else:
            ends[lane] = mark.x1
        lanes[i] = lane
    return lanes


def _draw_mark(mark: _Mark, y: float, href: Href) -> str:
    record = mark.incident.record
    colour = EVENT_COLOURS.get(record.event_type, "#808080")
    kind = v.EVENT_TYPES.get(record.event_type, record.event_type)
    when = record.date.describe()
    if record.date.approximate:
        paint = f'class="bp-a" fill="{colour}" fill-opacity=".35" stroke="{colour}" stroke-dasharray="3 2"'
    else:
        paint = f'class="bp-m" fill="{colour}" stroke="#fff"'
    if mark.dot:
        shape = f'<circle cx="{num((mark.x0 + mark.x1) / 2)}" cy="{num(y)}" r="{_DOT_R}" {paint}/>'
    else:
        shape = (
            f'<rect x="{num(mark.x0)}" y="{num(y - _BAR_H / 2)}" width="{num(mark.x1 - mark.x0)}" '
            f'height="{_BAR_H}" rx="2" {paint}/>'
        )
    # The <title> is both the tooltip and the link's accessible name (SVG-AAM), so no aria-label.
    return (
        f'<a href="{esc(href(mark.incident))}"><title>{esc(mark.incident.title)} — {esc(when)}, {esc(kind)}</title>'
        f"{shape}</a>"
    )


def _marks_legend(incidents: list[IncidentNode]) -> list[str]:
    dates = [n.record.date for n in incidents]
    items = _type_keys(n.record.event_type for n in incidents)
    if any(d.precision == "day" for d in dates):
        items.append(swatch("dot") + "a day")
    if any(d.precision != "day" for d in dates):
        items.append(swatch("bar") + "a month, a year or a range")
    if any(d.approximate for d in dates):
        items.append(swatch("bar", approximate=True) + "faded, dashed outline: approximate date")
    return items


# --- counts per period ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """A bin size for counting: its name, the bin holding a day, and the bin after a bin."""

    name: str
    key: Callable[[dt.date], dt.date]
    after: Callable[[dt.date], dt.date]
    label: Callable[[dt.date], str]


_DAY = _Unit(
    "day", lambda d: d, lambda d: d + dt.timedelta(days=1), lambda d: f"{d.day} {calendar.month_name[d.month]} {d.year}"
)
_WEEK = _Unit(
    "week",
    lambda d: d - dt.timedelta(days=d.weekday()),
    lambda d: d + dt.timedelta(days=7),
    lambda d: f"Week of {d.day} {calendar.month_name[d.month]} {d.year}",
)
_MONTH = _Unit(
    "month", lambda d: d.replace(day=1), lambda d: _next_month(d), lambda d: f"{calendar.month_name[d.month]} {d.year}"
)
_YEAR = _Unit("year", lambda d: dt.date(d.year, 1, 1), lambda d: dt.date(d.year + 1, 1, 1), lambda d: str(d.year))

MAX_COLUMNS = 160
"""Counting uses days or weeks while they give at most this many columns, then months (up to
20 years), then years: the columns stay wide enough to see and the picture stays small."""


def _unit_for(first: dt.date, end: dt.date) -> _Unit:
    days = (end - first).days + 1
    if days <= MAX_COLUMNS:
        return _DAY
    if days <= MAX_COLUMNS * 7:
        return _WEEK
    return _MONTH if (end.year - first.year) * 12 + end.month - first.month < 240 else _YEAR


def _bins(incidents: list[IncidentNode], href: Href) -> str:
    """The picture with a stacked column per day, week, month or year, by event type."""
    dates = [n.record.date for n in incidents]
    unit = _unit_for(dates[0].start, max(d.start for d in dates))
    bins: dict[dt.date, Counter[tuple[str, bool]]] = {}
    earliest: dict[dt.date, dt.date] = {}
    for node, date in zip(incidents, dates, strict=True):
        key = unit.key(date.start)
        bins.setdefault(key, Counter())[(node.record.event_type, date.approximate)] += 1
        earliest.setdefault(key, date.start)  # incidents come in date order
    first, last = min(bins), unit.after(max(bins))
    tallest = max(sum(c.values()) for c in bins.values())
    step = _nice_step(tallest)
    top = -(-tallest // step) * step
    scale = _Scale(first, last, _Y_LABELS, WIDTH - _PAD_X)
    axis_y = _PLOT_TOP + _BIN_H
    per_unit = _BIN_H / top
    parts = [
        f'<svg class="bp-svg" viewBox="0 0 {WIDTH} {axis_y + 34}" width="100%" role="group" '
        f'aria-label="{esc(_summary(len(incidents), dates[0].start, max(d.start for d in dates)))}, '
        f'counted by {unit.name}">',
        _axis(scale, _PLOT_TOP, axis_y),
        _count_axis(step, top, per_unit, axis_y),
    ]
    paths: dict[tuple[str, bool], list[str]] = {}
    links: list[str] = []
    order = [(t, approximate) for t in [*v.EVENT_TYPES, *_unknown_types(incidents)] for approximate in (False, True)]
    for key in sorted(bins):
        counts = bins[key]
        x0 = scale.x(key) + 0.5
        width = max(scale.x(unit.after(key)) - 0.5 - x0, 1.0)
        y = float(axis_y)
        for stack in order:
            if counts[stack]:
                h = counts[stack] * per_unit
                y -= h
                paths.setdefault(stack, []).append(f"M{num(x0)} {num(y)}h{num(width)}v{num(h)}h-{num(width)}z")
        text = esc(f"{unit.label(key)}: {_tally(counts)}")
        target = _month_on_timeline(earliest[key], href, whole_year=unit is _YEAR)
        links.append(
            f'<a class="bp-bin" href="{esc(target)}"><title>{text}</title>'
            f'<rect x="{num(x0)}" y="{_PLOT_TOP}" width="{num(width)}" height="{axis_y - _PLOT_TOP}"/></a>'
        )
    for (event_type, approximate), subpaths in sorted(paths.items(), key=lambda item: order.index(item[0])):
        colour = EVENT_COLOURS.get(event_type, "#808080")
        faded = ' fill-opacity=".4"' if approximate else ""
        parts.append(f'<path fill="{colour}"{faded} aria-hidden="true" d="{"".join(subpaths)}"/>')
    # The links are invisible columns over the bars, painted (so that they catch the pointer) but
    # transparent until hovered or focused.
    parts += ['<g class="bp-hits" fill="currentColor" fill-opacity="0">', *links, "</g>", "</svg>"]
    legend = _type_keys(n.record.event_type for n in incidents)
    if any(d.approximate for d in dates):
        legend.append(swatch("square", fill="#808080", approximate=True) + "faded: approximate date")
    opens = "that year" if unit is _YEAR else "the month of its first incident"
    legend.append(
        f"{len(incidents):,} incidents, too many to draw one by one: each column counts the incidents of one "
        f"{unit.name}, by their earliest possible date, and opens {opens} on the timeline."
    )
    return figure("timeline", "\n".join(parts), legend)


def _tally(counts: Counter[tuple[str, bool]]) -> str:
    """``12 incidents (5 Battles, ...; 2 approximate)``."""
    total = sum(counts.values())
    by_type: Counter[str] = Counter()
    for (event_type, _), n in counts.items():
        by_type[event_type] += n
    detail = ", ".join(
        f"{by_type[t]} {v.EVENT_TYPES.get(t, t)}" for t in sorted(by_type, key=lambda t: (-by_type[t], t))
    )
    approximate = sum(n for (_, a), n in counts.items() if a)
    if approximate:
        detail += f"; {approximate} approximate"
    return f"{total} incident{'s' if total != 1 else ''} ({detail})"


def _month_on_timeline(day: dt.date, href: Href, *, whole_year: bool = False) -> str:
    """The timeline's year page of ``day``, at its month: a page that exists, since ``day`` is an incident's."""
    page = href(f"timeline/{day.year}.md")
    # The year pages head each month with "## June 2020", which the toc extension anchors as june-2020.
    return page if whole_year else f"{page}#{calendar.month_name[day.month].lower()}-{day.year}"


def _count_axis(step: int, top: int, per_unit: float, axis_y: int) -> str:
    parts = ['<g class="bp-axis" aria-hidden="true">']
    for value in range(step, top + 1, step):
        y = num(axis_y - value * per_unit)
        parts.append(
            f'<line x1="{_Y_LABELS}" x2="{WIDTH - _PAD_X}" y1="{y}" y2="{y}" stroke="currentColor" stroke-opacity=".15"/>'
            f'<text x="{_Y_LABELS - 4}" y="{y}" dy=".35em" text-anchor="end" font-size="{_FONT}" fill="currentColor">'
            f"{value:,}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def _nice_step(tallest: int) -> int:
    """A step of 1, 2 or 5 times a power of ten that gives two to four gridlines."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if tallest / step <= 4:
                return step
        magnitude *= 10


def _unknown_types(incidents: list[IncidentNode]) -> list[str]:
    return sorted({n.record.event_type for n in incidents} - set(v.EVENT_TYPES))


# --- shared pieces ----------------------------------------------------------------------------


def _type_keys(event_types: Iterable[str]) -> list[str]:
    present = set(event_types)
    return [
        swatch("square", fill=colour) + esc(v.EVENT_TYPES[t]) for t, colour in EVENT_COLOURS.items() if t in present
    ]


def _summary(count: int, first: dt.date, end: dt.date) -> str:
    """The picture's accessible name: how many incidents, between which months (inclusive)."""
    incidents = f"{count:,} incident{'s' if count != 1 else ''}"
    if (first.year, first.month) == (end.year, end.month):
        return f"Timeline of {incidents} in {calendar.month_name[first.month]} {first.year}"
    return (
        f"Timeline of {incidents}, {calendar.month_name[first.month]} {first.year} "
        f"to {calendar.month_name[end.month]} {end.year}"
    )


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)


def _axis(scale: _Scale, top: float, axis_y: float) -> str:
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
        width = len(text) * _CHAR_W
        if x + 2 < free or x + 2 + width > right + _PAD_X:
            continue
        out.append(f'<text x="{num(x + 2)}" y="{num(y)}" font-size="{_FONT}" fill="currentColor"{weight}>{text}</text>')
        free = x + 2 + width + 6
    return out


_MONTH_ABBR = [calendar.month_abbr[m] for m in range(13)]
_WEEK_DAYS = {7: (1, 8, 15, 22), 14: (1, 15)}
"""Days of the month that carry a tick at weekly and fortnightly steps (months do not divide into weeks)."""


def _ticks(scale: _Scale) -> tuple[list[dt.date], Callable[[dt.date], str], list[tuple[dt.date, str]]]:
    """Choose tick days for the span: days, weeks, months, quarters or years, as space allows.

    Returns the tick days, how to label one, and the second-row labels (the month or year each
    run of ticks belongs to, also at the left edge when the span starts inside one).
    """
    width = scale.right - scale.left
    days = (scale.last - scale.first).days
    months = days / 30.44
    # Estimated tick counts decide the step; only the chosen ticks are then listed.
    candidates: list[tuple[str, int, float, int]] = [("day", 1, days, 7), ("day", 7, months * 4, 7)]
    candidates += [("day", 14, months * 2, 7)] + [("month", s, months / s, 4) for s in (1, 2, 3, 6)]
    candidates += [("year", s, months / 12 / s, 5) for s in (1, 2, 5, 10, 20, 50, 100)]
    unit, step = next(
        ((u, s) for u, s, count, chars in candidates if count <= 1 or width / count >= chars * _CHAR_W + 10),
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
        if not context or context[0][0] != scale.first:
            context.insert(0, (scale.first, f"{calendar.month_name[scale.first.month]} {scale.first.year}"))
        return ticks, lambda d: str(d.day), context
    if unit == "month":
        context = [(d, str(d.year)) for d in ticks if d.month == 1]
        if not context or context[0][0] != scale.first:
            context.insert(0, (scale.first, str(scale.first.year)))
        return ticks, lambda d: _MONTH_ABBR[d.month], context
    return ticks, lambda d: str(d.year), []


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    out: list[dt.date] = []
    day = first.replace(day=1)
    if day < first:
        day = _next_month(day)
    while day < last:
        out.append(day)
        day = _next_month(day)
    return out
