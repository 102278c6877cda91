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
from generator.render import palette
from generator.render.kept_pictures import Keep
from generator.render.svg import esc, figure, num, swatch
from generator.render.time_axis import (
    PAD_X,
    YEAR,
    Scale,
    axis,
    count_axis,
    next_month,
    nice_step,
    unit_for,
)

Href = Callable[[IncidentNode | str], str]
"""Relative URL, from the page being rendered, of an incident or of a docs-relative ``.md`` path."""

WIDTH = 720
"""Width of the drawing in SVG user units; the picture scales to the column width."""

MAX_MARKS = 200
"""Above this many incidents the picture counts them per period instead of drawing each."""

MAX_LANES = 16
"""Above this many stacked lanes the picture counts incidents per period instead."""

_DOT_R = 5
_BAR_H = 10
_LANE_H = 14
_MIN_BAR = 6.0
_GAP = 2.0
_PLOT_TOP = 8
_BIN_H = 140
_Y_LABELS = 34


@dataclass(frozen=True)
class _Mark:
    incident: IncidentNode
    x0: float
    x1: float
    dot: bool


def timeline_svg(incidents: Sequence[IncidentNode], href: Href, keep: Keep | None = None) -> str:
    """Draw ``incidents`` on a time axis, as a raw HTML block holding an inline SVG.

    Args:
        incidents: The incidents to draw, in any order; duplicates are drawn once.
        href: Gives the relative URL of an incident's page, or of a docs-relative ``.md`` path
            (the timeline's year pages, which the columns of counts link to).
        keep: Keeps the column chart between the preview's runs (:mod:`generator.render.kept_pictures`).

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
    counted = tuple(Counted(n.record.date.start, n.record.date.approximate, n.record.event_type) for n in ordered)
    if keep is None:
        return _bins(counted, href)
    return keep(counted, lambda: _bins(counted, href))


# --- one mark per incident --------------------------------------------------------------------


def _marks(incidents: list[IncidentNode], href: Href) -> str | None:
    """The picture with one mark per incident, or ``None`` when they need too many lanes."""
    first = min(n.record.date.start for n in incidents).replace(day=1)
    last = next_month(max(n.record.date.end for n in incidents))
    scale = Scale(first, last, PAD_X, WIDTH - PAD_X)
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
        axis(scale, _PLOT_TOP - 4, axis_y),
    ]
    for mark, lane in zip(marks, lanes, strict=True):
        parts.append(_draw_mark(mark, axis_y - 4 - _LANE_H / 2 - lane * _LANE_H, href))
    parts.append("</svg>")
    return figure("timeline", "\n".join(parts), _marks_legend(incidents))


def _mark(node: IncidentNode, scale: Scale) -> _Mark:
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
    colour = palette.colour(record.event_type)
    kind = v.EVENT_TYPES.get(record.event_type, record.event_type)
    when = record.date.describe()
    if record.date.approximate:
        paint = f'class="bp-a" fill="{colour}" fill-opacity=".35" stroke="{colour}" stroke-dasharray="3 2"'
    else:
        paint = f'class="bp-m" fill="{colour}" stroke="#fff"'
    if mark.dot:
        # A day is the type's shape, so the type can be told without its colour.
        outline = palette.shape_path(palette.style(record.event_type).shape, 0, 0, _DOT_R)
        centre = f"{num((mark.x0 + mark.x1) / 2)} {num(y)}"
        shape = f'<path transform="translate({centre})" d="{outline}" {paint}/>'
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
        items.append(swatch("dot") + "a day (drawn as its type's shape)")
    if any(d.precision != "day" for d in dates):
        items.append(swatch("bar") + "a month, a year or a range")
    if any(d.approximate for d in dates):
        items.append(swatch("bar", approximate=True) + "faded, dashed outline: approximate date")
    return items


# --- counts per period ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counted:
    """All the column chart shows of one incident (it is drawn from these alone, and kept by them)."""

    start: dt.date
    approximate: bool
    event_type: str


def _bins(incidents: tuple[Counted, ...], href: Href) -> str:
    """The picture with a stacked column per day, week, month or year, by event type."""
    unit = unit_for(incidents[0].start, max(c.start for c in incidents))
    bins: dict[dt.date, Counter[tuple[str, bool]]] = {}
    earliest: dict[dt.date, dt.date] = {}
    for counted in incidents:
        key = unit.key(counted.start)
        bins.setdefault(key, Counter())[(counted.event_type, counted.approximate)] += 1
        earliest.setdefault(key, counted.start)  # incidents come in date order
    first, last = min(bins), unit.after(max(bins))
    tallest = max(sum(c.values()) for c in bins.values())
    step = nice_step(tallest)
    top = -(-tallest // step) * step
    scale = Scale(first, last, _Y_LABELS, WIDTH - PAD_X)
    axis_y = _PLOT_TOP + _BIN_H
    per_unit = _BIN_H / top
    parts = [
        f'<svg class="bp-svg" viewBox="0 0 {WIDTH} {axis_y + 34}" width="100%" role="group" '
        f'aria-label="{esc(_summary(len(incidents), incidents[0].start, max(c.start for c in incidents)))}, '
        f'counted by {unit.name}">',
        axis(scale, _PLOT_TOP, axis_y),
        count_axis(step, top, per_unit, axis_y, _Y_LABELS, WIDTH - PAD_X),
    ]
    paths: dict[tuple[str, bool], list[str]] = {}
    links: list[str] = []
    unknown = _unknown_types(c.event_type for c in incidents)
    order = [(t, approximate) for t in [*v.EVENT_TYPES, *unknown] for approximate in (False, True)]
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
        target = _month_on_timeline(earliest[key], href, whole_year=unit is YEAR)
        links.append(
            f'<a class="bp-bin" href="{esc(target)}"><title>{text}</title>'
            f'<rect x="{num(x0)}" y="{_PLOT_TOP}" width="{num(width)}" height="{axis_y - _PLOT_TOP}"/></a>'
        )
    for (event_type, approximate), subpaths in sorted(paths.items(), key=lambda item: order.index(item[0])):
        colour = palette.colour(event_type)
        faded = ' fill-opacity=".4"' if approximate else ""
        parts.append(f'<path fill="{colour}"{faded} aria-hidden="true" d="{"".join(subpaths)}"/>')
    # The links are invisible columns over the bars, painted (so that they catch the pointer) but
    # transparent until hovered or focused.
    parts += ['<g class="bp-hits" fill="currentColor" fill-opacity="0">', *links, "</g>", "</svg>"]
    legend = _type_keys(c.event_type for c in incidents)
    if any(c.approximate for c in incidents):
        legend.append(swatch("square", fill="#808080", approximate=True) + "faded: approximate date")
    opens = "that year" if unit is YEAR else "the month of its first incident"
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


def _unknown_types(event_types: Iterable[str]) -> list[str]:
    return sorted(set(event_types) - set(v.EVENT_TYPES))


# --- shared pieces ----------------------------------------------------------------------------


def _type_keys(event_types: Iterable[str]) -> list[str]:
    present = set(event_types)
    return [palette.legend_key(t) for t in palette.EVENT_STYLES if t in present]


def _summary(count: int, first: dt.date, end: dt.date) -> str:
    """The picture's accessible name: how many incidents, between which months (inclusive)."""
    incidents = f"{count:,} incident{'s' if count != 1 else ''}"
    if (first.year, first.month) == (end.year, end.month):
        return f"Timeline of {incidents} in {calendar.month_name[first.month]} {first.year}"
    return (
        f"Timeline of {incidents}, {calendar.month_name[first.month]} {first.year} "
        f"to {calendar.month_name[end.month]} {end.year}"
    )
