"""The event-type palette: one colour and one shape per event type, for every picture, map and list.

Part of the render stage, and the only place that says how an event type looks. The build-time
pictures (:mod:`generator.render.timeline_svg`, :mod:`generator.render.tempo_svg`) take colours
and shapes from here; the map and the explorer get the same values through their data files
(:func:`as_data`, written into ``map-data.json`` and ``explorer.json``) and through the generated
stylesheet :func:`stylesheet` (``assets/briefing/palette.css``), which the legends use. A test
compares the colours the pictures, the map and the explorer actually draw.

The colours follow Okabe and Ito's colour-blind-safe set, darkened or lightened so that each has a
contrast of at least 3:1 (WCAG's figure for graphics) against both Material's white and its dark
"slate" background. Six colours cannot all stay apart for every reader, so each type also has a
shape (map marks, legend keys, single-day marks on the timeline) and its name is always written
next to the colour in legends, tooltips and tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model import vocabulary as v
from generator.render.svg import esc, num


@dataclass(frozen=True)
class TypeStyle:
    """How one event type is drawn.

    Attributes:
        colour: A ``#rrggbb`` colour.
        shape: One of :data:`SHAPES`: the mark's outline, a cue besides colour.
    """

    colour: str
    shape: str


SHAPES = ("circle", "triangle", "diamond", "square", "cross", "star")
"""The shapes :func:`shape_path` can draw."""

EVENT_STYLES: dict[str, TypeStyle] = {
    "battles": TypeStyle("#d55e00", "triangle"),
    "explosions-remote-violence": TypeStyle("#b47d00", "star"),
    "violence-against-civilians": TypeStyle("#c0589a", "cross"),
    "protests": TypeStyle("#0a78c2", "circle"),
    "riots": TypeStyle("#00916a", "square"),
    "strategic-developments": TypeStyle("#7d6bc4", "diamond"),
}
"""One style per ACLED event type, in the vocabulary's order (legends and stacks follow it)."""

OTHER = TypeStyle("#858585", "circle")
"""The style of an event type the palette does not know (a project's own vocabulary)."""


def style(event_type: str) -> TypeStyle:
    """The style of ``event_type``; :data:`OTHER` for a type the palette does not know."""
    return EVENT_STYLES.get(event_type, OTHER)


def colour(event_type: str) -> str:
    """The colour of ``event_type``."""
    return style(event_type).colour


def shape_path(shape: str, cx: float, cy: float, r: float) -> str:
    """An SVG path ``d`` for ``shape`` centred on ``(cx, cy)`` and about ``2r`` across.

    The areas are roughly equal, so no type looks bigger than another at the same size.
    """

    def p(x: float, y: float) -> str:
        return f"{num(cx + x * r)} {num(cy + y * r)}"

    points: list[tuple[float, float]]
    if shape == "circle":
        return f"M{p(-1, 0)}a{num(r)} {num(r)} 0 1 0 {num(2 * r)} 0a{num(r)} {num(r)} 0 1 0 {num(-2 * r)} 0z"
    if shape == "triangle":
        points = [(0, -1.2), (1.1, 0.85), (-1.1, 0.85)]
    elif shape == "diamond":
        points = [(0, -1.25), (1.1, 0), (0, 1.25), (-1.1, 0)]
    elif shape == "square":
        points = [(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)]
    elif shape == "cross":
        a, b = 0.35, 1.0
        points = [
            (-a, -b),
            (a, -b),
            (a, -a),
            (b, -a),
            (b, a),
            (a, a),
            (a, b),
            (-a, b),
            (-a, a),
            (-b, a),
            (-b, -a),
            (-a, -a),
        ]
    elif shape == "star":
        a = 0.45
        points = [(0, -1.25), (a, -a), (1.25, 0), (a, a), (0, 1.25), (-a, a), (-1.25, 0), (-a, -a)]
    else:
        raise ValueError(f"unknown shape {shape!r}")
    return "M" + "L".join(p(x, y) for x, y in points) + "Z"


def swatch(event_type: str, size: int = 14) -> str:
    """A legend symbol of ``event_type``: its shape in its colour, hidden from screen readers."""
    s = style(event_type)
    half = size / 2
    return (
        f'<svg class="bp-swatch" viewBox="0 0 {size} {size}" width="{size}" height="{size}" aria-hidden="true">'
        f'<path d="{shape_path(s.shape, half, half, half * 0.75)}" fill="{s.colour}"/></svg>'
    )


def legend_key(event_type: str) -> str:
    """A legend entry of ``event_type``: its swatch and its name (HTML)."""
    return swatch(event_type) + esc(v.EVENT_TYPES.get(event_type, event_type))


def as_data() -> dict[str, Any]:
    """The palette for the browser: ``{"types": {slug: [name, colour, shape]}, "other": [colour, shape]}``.

    Written into the map's and the explorer's data so that their scripts draw what the pictures draw.
    """
    return {
        "types": {slug: [v.EVENT_TYPES[slug], s.colour, s.shape] for slug, s in EVENT_STYLES.items()},
        "other": [OTHER.colour, OTHER.shape],
    }


STYLESHEET = "palette.css"
"""The generated stylesheet's name beside the static ones (``assets/briefing/palette.css``)."""


def stylesheet() -> str:
    """CSS giving each type's colour as a custom property and as ``.bp-type--<slug>`` classes.

    Legends and table cells made in the browser use the classes; nothing repeats a colour by hand.
    """
    lines = [
        "/* Generated from generator/render/palette.py: the event-type colours, defined once. */",
        ":root {",
        *(f"  --bp-type-{slug}: {s.colour};" for slug, s in EVENT_STYLES.items()),
        f"  --bp-type-other: {OTHER.colour};",
        "}",
    ]
    for slug, s in [*EVENT_STYLES.items(), ("other", OTHER)]:
        lines.append(f".bp-type--{slug} {{ --bp-type: {s.colour}; }}")
    return "\n".join(lines) + "\n"
