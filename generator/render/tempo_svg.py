"""The tempo chart: incidents and fatalities per week, month or year, stacked by event type.

Part of the render stage, drawn as SVG at build time like the timeline (:mod:`generator.render.timeline_svg`):
:func:`tempo_svg` returns a raw HTML block, a ``<figure>`` with two panels over one time axis
(incidents above, fatalities below), a legend of the event types present, and the same numbers as
a table in a ``<details>`` element for screen readers and for copying. Each column is a link to
the explorer filtered to its period (and to the page's actor or place), so a reader goes from
"that week was bad" to the incidents of that week. The period is a week while the span holds at
most :data:`MAX_WEEKS` of them, else a month (up to 20 years), else a year, so the picture's size
is bounded by the span, not by the number of incidents. An incident counts in the period of its
earliest possible day, with its best fatality estimate; incidents that give none count as
incidents only, and the table says how many did not report fatalities. Colours and shapes come
from :mod:`generator.render.palette`, the axis from :mod:`generator.render.time_axis`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.index.graph import IncidentNode
from generator.model import vocabulary as v
from generator.render import palette
from generator.render.kept_pictures import Keep
from generator.render.svg import esc, figure, num
from generator.render.time_axis import FONT, MONTH, PAD_X, WEEK, YEAR, Scale, Unit, axis, count_axis, nice_step

WIDTH = 720
"""Width of the drawing in SVG user units; the picture scales to the column width."""

MAX_WEEKS = 80
"""Spans of up to this many weeks are counted per week; longer ones per month, then per year."""

MIN_INCIDENTS = 10
"""Actor and place pages show the chart from this many incidents on (the home page always does)."""

_LEFT = 44
_TOP = 20
_PANEL_H = 96
_PANEL_GAP = 30


@dataclass
class _Period:
    """The tallies of one column: incidents and fatalities by event type."""

    incidents: Counter[str] = field(default_factory=Counter)
    fatalities: Counter[str] = field(default_factory=Counter)
    unreported: int = 0


def _unit(first: dt.date, last: dt.date) -> Unit:
    if (last - first).days < MAX_WEEKS * 7:
        return WEEK
    return MONTH if (last.year - first.year) * 12 + last.month - first.month < 240 else YEAR


@dataclass(frozen=True, slots=True)
class Counted:
    """All the tempo chart shows of one incident (it is drawn from these alone, and kept by them)."""

    start: dt.date
    event_type: str
    fatalities: int | None
    """The best estimate, ``None`` when no figure is reported."""


def tempo_svg(
    incidents: Sequence[IncidentNode], href: Callable[[str], str], query: str = "", keep: Keep | None = None
) -> str:
    """Draw incidents and fatalities per period, stacked by event type, as a raw HTML block.

    Args:
        incidents: The incidents to count, in any order; duplicates count once.
        href: Gives the relative URL of a docs-relative ``.md`` path (the explorer page).
        query: The explorer filter of the page the chart is on, e.g. ``actor=russia``; each
            column adds its period to it.
        keep: Keeps the chart between the preview's runs (:mod:`generator.render.kept_pictures`).

    Returns:
        A ``<figure>`` block, or ``""`` when there is no incident.
    """
    unique = {node.id: node for node in incidents}
    if not unique:
        return ""
    counted = tuple(
        Counted(
            node.record.date.start,
            node.record.event_type,
            node.record.fatalities.best if node.record.fatalities is not None else None,
        )
        for node in unique.values()
    )
    if keep is None:
        return _chart(counted, href, query)
    return keep((query, counted), lambda: _chart(counted, href, query))


def _chart(incidents: tuple[Counted, ...], href: Callable[[str], str], query: str) -> str:
    """The chart of :func:`tempo_svg`, from what it shows of each incident."""
    starts = [counted.start for counted in incidents]
    unit = _unit(min(starts), max(starts))
    periods: dict[dt.date, _Period] = {}
    for counted in incidents:
        period = periods.setdefault(unit.key(counted.start), _Period())
        period.incidents[counted.event_type] += 1
        if counted.fatalities is None:
            period.unreported += 1
        else:
            period.fatalities[counted.event_type] += counted.fatalities
    keys = sorted(periods)
    scale = Scale(keys[0], unit.after(keys[-1]), _LEFT, WIDTH - PAD_X)
    order = [*palette.EVENT_STYLES, *sorted({c.event_type for c in incidents} - set(palette.EVENT_STYLES))]
    total_incidents = len(incidents)
    total_fatalities = sum(sum(p.fatalities.values()) for p in periods.values())
    explorer = href("explorer.md")
    prefix = f"{query}&" if query else ""

    incident_top = _TOP
    fatality_top = _TOP + _PANEL_H + _PANEL_GAP
    axis_y = fatality_top + _PANEL_H
    height = axis_y + 34
    first_day, last_day = keys[0], unit.after(keys[-1]) - dt.timedelta(days=1)
    label = (
        f"Incidents and fatalities per {unit.name}, {_month(first_day)} to {_month(last_day)}: "
        f"{total_incidents:,} incident{'s' if total_incidents != 1 else ''}, {total_fatalities:,} reported fatalities"
    )
    parts = [
        f'<svg class="bp-svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" aria-label="{esc(label)}">',
        axis(scale, incident_top, axis_y),
    ]
    for top, tally, title in (
        (incident_top, lambda p: p.incidents, f"Incidents per {unit.name}"),
        (fatality_top, lambda p: p.fatalities, f"Fatalities per {unit.name} (best estimates)"),
    ):
        parts.append(_panel(scale, unit, keys, periods, tally, order, top, title))
    links = []
    for key in keys:
        period = periods[key]
        x0 = scale.x(key) + 0.5
        width = max(scale.x(unit.after(key)) - 0.5 - x0, 1.0)
        end = unit.after(key) - dt.timedelta(days=1)
        target = f"{explorer}?{prefix}from={key.isoformat()}&to={end.isoformat()}"
        links.append(
            f'<a class="bp-bin" href="{esc(target)}"><title>{esc(_describe(unit, key, period))}</title>'
            f'<rect x="{num(x0)}" y="{incident_top}" width="{num(width)}" height="{axis_y - incident_top}"/></a>'
        )
    parts += ['<g class="bp-hits" fill="currentColor" fill-opacity="0">', *links, "</g>", "</svg>"]
    present = {t for p in periods.values() for t in p.incidents}
    legend = [palette.legend_key(t) for t in order if t in present]
    legend.append(f"Each column is one {unit.name}; select it to list its incidents in the explorer.")
    return figure("tempo", "\n".join(parts), legend, after=_table(unit, keys, periods, order, present))


def _panel(
    scale: Scale,
    unit: Unit,
    keys: list[dt.date],
    periods: dict[dt.date, _Period],
    tally: Callable[[_Period], Counter[str]],
    order: list[str],
    top: int,
    title: str,
) -> str:
    """One panel: stacked columns of ``tally`` per period, its count scale and its title."""
    tallest = max((sum(tally(periods[k]).values()) for k in keys), default=0)
    parts = [
        f'<text x="{_LEFT}" y="{top - 6}" font-size="{FONT + 1}" font-weight="600" fill="currentColor">{esc(title)}</text>'
    ]
    if tallest == 0:
        parts.append(
            f'<text x="{_LEFT}" y="{top + _PANEL_H / 2}" font-size="{FONT}" fill="currentColor">None reported</text>'
        )
        return "".join(parts)
    step = nice_step(tallest)
    ceiling = -(-tallest // step) * step
    per_unit = _PANEL_H / ceiling
    bottom = top + _PANEL_H
    parts.append(count_axis(step, ceiling, per_unit, bottom, _LEFT, WIDTH - PAD_X))
    parts.append(
        f'<line x1="{_LEFT}" x2="{WIDTH - PAD_X}" y1="{bottom}" y2="{bottom}" stroke="currentColor" stroke-opacity=".6"/>'
    )
    paths: dict[str, list[str]] = {}
    for key in keys:
        counts = tally(periods[key])
        x0 = scale.x(key) + 0.5
        width = max(scale.x(unit.after(key)) - 0.5 - x0, 1.0)
        y = float(bottom)
        for event_type in order:
            if counts[event_type]:
                h = counts[event_type] * per_unit
                y -= h
                paths.setdefault(event_type, []).append(f"M{num(x0)} {num(y)}h{num(width)}v{num(h)}h-{num(width)}z")
    for event_type in order:
        if event_type in paths:
            parts.append(
                f'<path fill="{palette.colour(event_type)}" aria-hidden="true" d="{"".join(paths[event_type])}"/>'
            )
    return "".join(parts)


def _describe(unit: Unit, key: dt.date, period: _Period) -> str:
    """``Week of 6 January 2020: 12 incidents (5 Battles, ...), 34 fatalities``."""
    count = sum(period.incidents.values())
    by_type = ", ".join(
        f"{n} {v.EVENT_TYPES.get(t, t)}"
        for t, n in sorted(period.incidents.items(), key=lambda item: (-item[1], item[0]))
    )
    deaths = sum(period.fatalities.values())
    text = f"{unit.label(key)}: {count} incident{'s' if count != 1 else ''} ({by_type}), {deaths:,} fatalities"
    if period.unreported:
        text += f" ({period.unreported} without a figure)"
    return text


def _table(
    unit: Unit, keys: list[dt.date], periods: dict[dt.date, _Period], order: list[str], present: set[str]
) -> str:
    """The chart's numbers as an HTML table in a ``<details>`` element, one row per period with incidents."""
    types = [t for t in order if t in present]
    head = "".join(f'<th scope="col">{esc(v.EVENT_TYPES.get(t, t))}</th>' for t in types)
    rows = []
    for key in keys:
        period = periods[key]
        cells = "".join(f"<td>{period.incidents[t] or ''}</td>" for t in types)
        deaths = sum(period.fatalities.values())
        rows.append(
            f'<tr><th scope="row">{esc(unit.label(key))}</th><td>{sum(period.incidents.values())}</td>{cells}'
            f"<td>{deaths:,}</td><td>{period.unreported or ''}</td></tr>"
        )
    return (
        '<details class="bp-numbers">'
        f"<summary>The numbers per {unit.name}, as a table</summary>"
        f'<div class="bp-numbers__scroll"><table><caption>Incidents and fatalities per {unit.name}</caption>'
        f'<thead><tr><th scope="col">{unit.name.capitalize()}</th><th scope="col">Incidents</th>{head}'
        '<th scope="col">Fatalities</th><th scope="col">Incidents without a fatality figure</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></details>"
    )


def _month(day: dt.date) -> str:
    return MONTH.label(day)
