"""The actor network picture: relations and co-occurrence in incidents, drawn as SVG at build time.

Part of the render stage. Nodes are actors, linking to their pages; edges are the typed relations
of the actor records (backs, allied-with, opposes, part-of, cooperates-with, plus each actor's
``parent`` as part-of), one per pair and type, with an arrow when the type has a direction, and
thin grey lines between actors that appear in the same incidents, thicker with more shared
incidents. The whole network (the network page) is laid out by a force simulation started from
a circle in id order, so the layout is the same on every build; it shows at most
:data:`MAX_NODES` actors, those with the most incidents. Around one actor (its page) the actor
sits in the middle and its direct neighbours on an ellipse. Either layout is then stretched to
the whole drawing and nodes are pushed apart until no two labels overlap. Labels are the full
names, wrapped between words, at the size of the page's body text (the drawing is never shown
narrower than :data:`WIDTH` CSS pixels: a narrow screen scrolls it, with a cue), drawn over
the edges on a plate of the page's background colour, so no edge runs through a name. The
result is a raw HTML block built with the helpers of :mod:`generator.render.svg`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.index.graph import ActorNode, Index
from generator.model import vocabulary as v
from generator.render.svg import esc, figure, num

WIDTH = 640
"""Width of the drawing in SVG user units. The content column of a laptop is about this many CSS
pixels wide, so a unit is about a pixel and :data:`FONT` is the body text's size; pictures.css
keeps the drawing at least this wide."""

MAX_NODES = 40
"""The network page shows at most this many actors: those in the most incidents."""

MAX_TOGETHER = 40
"""The network page draws at most this many co-occurrence lines: the pairs with most shared incidents."""

MAX_NEIGHBOURS = 16
"""An actor's picture shows at most this many neighbours: related actors first, then co-occurring ones."""

TOGETHER = "together"
"""The edge kind of two actors that appear in the same incidents."""

RELATION_STYLES: dict[str, tuple[str, str, bool]] = {
    "backs": ("#099068", "", True),
    "allied-with": ("#1781d9", "", False),
    "opposes": ("#e5433d", "7 4", True),
    "part-of": ("#aa59dd", "2 3", True),
    "cooperates-with": ("#bd6a06", "9 3 2 3", False),
}
"""Relation type -> (colour, dash pattern, directed). Colours have about 4:1 contrast on light and
dark backgrounds; dashes tell the types apart without colour."""

_NODE_FILL = "#64748b"
_FOCUS_FILL = "#1781d9"
FONT = 16
"""Label size in user units: Material's body text (0.8rem of its 20 px root) at one unit a pixel."""

_LINE = 19
_LINE_CHARS = 16
_GRAVITY = 0.6
_MAX_DETOUR = 50.0
_PLATE = 3.0
"""Padding of the background plate around a label."""


def _lines(name: str) -> list[str]:
    """A full name wrapped between words into lines of about :data:`_LINE_CHARS` characters.

    A single word longer than a line stays whole on its own line (names are never cut).
    """
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= _LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [name]


def _text_width(text: str) -> float:
    # A generous average advance for sans-serif text, so that the boxes the layout reserves hold
    # the rendered labels (a browser test measures them).
    return len(text) * FONT * 0.58


def _label_size(name: str) -> tuple[float, float]:
    """Width and height of a wrapped label, plate included."""
    lines = _lines(name)
    return max(_text_width(line) for line in lines) + 2 * _PLATE, len(lines) * _LINE + 2 * _PLATE


# The index keeps relations as phrases read from each side ("backs" / "is backed by"); the
# vocabulary maps them back to a type and a direction. Symmetric types read the same both ways.


@dataclass(frozen=True)
class _Edge:
    source: ActorNode
    target: ActorNode
    kind: str
    weight: int = 1
    note: str = ""

    @property
    def directed(self) -> bool:
        return self.kind in RELATION_STYLES and RELATION_STYLES[self.kind][2]

    def describe(self) -> str:
        if self.kind == TOGETHER:
            s = "s" if self.weight != 1 else ""
            return f"{self.source.title} and {self.target.title}: together in {self.weight} incident{s}"
        text = f"{self.source.title} {v.ACTOR_RELATIONS.get(self.kind, self.kind)} {self.target.title}"
        return f"{text} ({self.note})" if self.note else text


def network_svg(index: Index, href: Callable[[ActorNode], str], focus: ActorNode | None = None) -> str:
    """Draw the actor network, or ``focus`` and its direct neighbours, as a raw HTML block.

    Args:
        index: The resolved records.
        href: Gives the relative URL of an actor's page from the page being rendered.
        focus: The actor whose neighbourhood to draw; the whole network when ``None``.

    Returns:
        A ``<figure>`` block, or ``""`` when there is nothing to connect.
    """
    if focus is None:
        return _whole(index, href)
    return _around(focus, href)


# --- edges ------------------------------------------------------------------------------------


def _relations_of(actors: Iterable[ActorNode]) -> list[_Edge]:
    """Every typed relation touching ``actors``, once per pair and type, parents included."""
    found: dict[tuple[str, str, str], _Edge] = {}

    def add(source: ActorNode, target: ActorNode, kind: str, note: str) -> None:
        if source is target:
            return
        if not RELATION_STYLES.get(kind, ("", "", True))[2] and target.id < source.id:
            source, target = target, source
        key = (kind, source.id, target.id)
        if key not in found or (note and not found[key].note):
            found[key] = _Edge(source, target, kind, 1, note)

    for actor in actors:
        for link in actor.relations:
            if link.forward:
                add(actor, link.actor, link.relation.type, link.note)
            else:
                add(link.actor, actor, link.relation.type, link.note)
        if actor.parent is not None:
            add(actor, actor.parent, "part-of", "")
        for child in actor.children:
            add(child, actor, "part-of", "")
    return [found[key] for key in sorted(found)]


def _incident_count(actor: ActorNode) -> int:
    return len(actor.involvements)


# --- the whole network ------------------------------------------------------------------------


def _shown(index: Index) -> tuple[list[ActorNode], dict[str, int]]:
    """The actors the network page draws (id order) and every actor's number of incidents."""
    counts = {actor.id: _incident_count(actor) for actor in index.actors}
    ranked = sorted(index.actors, key=lambda a: (-counts[a.id], a.title.casefold(), a.id))
    return sorted(ranked[:MAX_NODES], key=lambda a: a.id), counts


def _pairs(index: Index, shown: list[ActorNode]) -> Counter[tuple[str, str]]:
    """How many incidents each pair of ``shown`` actors (ids in order) appears in together."""
    ids = {actor.id for actor in shown}
    pairs: Counter[tuple[str, str]] = Counter()
    for incident in index.incidents:
        present = sorted({p.actor.id for p in incident.participants if p.actor is not None and p.actor.id in ids})
        for i, first in enumerate(present):
            for second in present[i + 1 :]:
                pairs[(first, second)] += 1
    return pairs


def together(index: Index) -> list[tuple[ActorNode, ActorNode, int]]:
    """The co-occurrence lines the network page draws, as a list: ``(actor, actor, incidents)``,
    the pairs in the most incidents together first (then by name).

    The network page lists them under the picture, so what the grey lines say can be read
    without the picture.
    """
    shown, _ = _shown(index)
    by_id = {actor.id: actor for actor in shown}
    strongest = sorted(_pairs(index, shown).items(), key=lambda item: (-item[1], item[0]))[:MAX_TOGETHER]
    rows = [(by_id[a], by_id[b], n) for (a, b), n in strongest]
    return sorted(rows, key=lambda r: (-r[2], r[0].title.casefold(), r[1].title.casefold()))


def _whole(index: Index, href: Callable[[ActorNode], str]) -> str:
    shown, counts = _shown(index)
    ids = {actor.id for actor in shown}
    relations = [e for e in _relations_of(shown) if e.source.id in ids and e.target.id in ids]
    pairs = _pairs(index, shown)
    by_id = {actor.id: actor for actor in shown}
    strongest = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:MAX_TOGETHER]
    joint = [_Edge(by_id[a], by_id[b], TOGETHER, n) for (a, b), n in sorted(strongest)]
    edges = joint + relations
    if not edges:
        return ""

    height = _height(len(shown))
    layout_edges = [
        (e.source.id, e.target.id, 1.0 if e.kind != TOGETHER else 0.2 + 0.5 * e.weight / _max(joint)) for e in edges
    ]
    positions = _force_layout([a.id for a in shown], layout_edges)
    radius = _radii(shown, counts)
    boxes = {a.id: _box(a, radius[a.id]) for a in shown}
    points = _spread(positions, boxes, WIDTH, height)
    labels = {
        actor.id: f"{actor.title}, {counts[actor.id]} incident{'s' if counts[actor.id] != 1 else ''}" for actor in shown
    }
    svg = _svg(height, f"Actor network of {len(shown)} actors", edges, points, radius, shown, labels, href, None)
    legend = _legend(edges, counts=True)
    notes: list[str] = []
    if len(index.actors) > len(shown):
        notes.append(f"the {len(shown)} actors in the most incidents, of {len(index.actors):,}")
    if len(pairs) > len(joint):
        notes.append(f"the {len(joint)} pairs of them with the most incidents together, of {len(pairs):,}")
    if notes:
        legend.append("Showing " + " and ".join(notes) + ".")
    return figure("network", svg, legend)


def _height(nodes: int) -> int:
    """Height of the drawing: room for the wrapped labels of ``nodes`` actors without crowding."""
    return max(300, min(1400, 120 + 42 * nodes))


def _box(actor: ActorNode, r: float) -> tuple[float, float, float]:
    """Half width, room above and room below the centre of a node with its label under it."""
    width, height = _label_size(actor.title)
    return max(r, width / 2), r, r + 4 + height


def _max(edges: list[_Edge]) -> int:
    return max((e.weight for e in edges), default=1)


def _radii(actors: list[ActorNode], counts: dict[str, int]) -> dict[str, float]:
    most = max([counts[a.id] for a in actors] + [1])
    return {a.id: 6 + 8 * math.sqrt(counts[a.id] / most) for a in actors}


def _force_layout(ids: list[str], edges: list[tuple[str, str, float]]) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a circle in id order: deterministic, O(n²) per step, n <= MAX_NODES.

    Positions come out around the origin, in no particular unit; :func:`_spread` fits them to the
    drawing.
    """
    n = len(ids)
    index = {key: i for i, key in enumerate(ids)}
    xs = [math.cos(2 * math.pi * i / n) for i in range(n)]
    ys = [math.sin(2 * math.pi * i / n) for i in range(n)]
    links = [(index[a], index[b], w) for a, b, w in edges if a in index and b in index and a != b]
    k = 2.0 / math.sqrt(max(n, 1))
    steps = 300
    for step in range(steps):
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, n):
                ddx, ddy = xi - xs[j], yi - ys[j]
                force = k * k / (ddx * ddx + ddy * ddy + 1e-6)
                dx[i] += ddx * force
                dy[i] += ddy * force
                dx[j] -= ddx * force
                dy[j] -= ddy * force
        for i, j, weight in links:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            force = math.sqrt(ddx * ddx + ddy * ddy) / k * weight
            dx[i] -= ddx * force
            dy[i] -= ddy * force
            dx[j] += ddx * force
            dy[j] += ddy * force
        heat = 0.2 * (1 - step / steps) + 0.005
        for i in range(n):
            # Gravity keeps actors without edges near the others.
            gx, gy = dx[i] - xs[i] * _GRAVITY, dy[i] - ys[i] * _GRAVITY
            length = math.sqrt(gx * gx + gy * gy) + 1e-9
            move = min(length, heat)
            xs[i] += gx / length * move
            ys[i] += gy / length * move
    return {key: (xs[i], ys[i]) for i, key in enumerate(ids)}


def _spread(
    positions: dict[str, tuple[float, float]],
    boxes: dict[str, tuple[float, float, float]],
    width: float,
    height: float,
) -> dict[str, tuple[float, float]]:
    """Fit a layout to the drawing, then push apart nodes whose labels would overlap.

    ``boxes`` gives each node's half width (its label's), and the space it needs above and below
    its centre. Overlapping pairs move apart along the axis where they overlap least; a fixed
    number of rounds keeps it deterministic and fast.
    """
    keys = sorted(positions)
    xs0 = [positions[k][0] for k in keys]
    ys0 = [positions[k][1] for k in keys]
    lo_x, hi_x, lo_y, hi_y = min(xs0), max(xs0), min(ys0), max(ys0)
    margin = 8.0
    left = [margin + boxes[k][0] for k in keys]
    right = [width - margin - boxes[k][0] for k in keys]
    top = [margin + boxes[k][1] for k in keys]
    bottom = [height - margin - boxes[k][2] for k in keys]

    def fit(value: float, low: float, high: float, a: float, b: float) -> float:
        return (a + b) / 2 if high - low < 1e-9 else a + (value - low) / (high - low) * (b - a)

    xs = [min(max(fit(x, lo_x, hi_x, min(left), max(right)), left[i]), right[i]) for i, x in enumerate(xs0)]
    ys = [min(max(fit(y, lo_y, hi_y, max(top), min(bottom)), top[i]), bottom[i]) for i, y in enumerate(ys0)]
    n = len(keys)
    for _ in range(400):
        moved = False
        for i in range(n):
            wi, ai, bi = boxes[keys[i]]
            for j in range(i + 1, n):
                wj, aj, bj = boxes[keys[j]]
                overlap_x = wi + wj + 6 - abs(xs[i] - xs[j])
                if overlap_x <= 0:
                    continue
                # Node i spans [y - a, y + b] vertically.
                overlap_y = min(ys[i] + bi, ys[j] + bj) - max(ys[i] - ai, ys[j] - aj) + 2
                if overlap_y <= 0:
                    continue
                moved = True
                if overlap_y <= overlap_x:
                    shift = overlap_y / 2 + 0.5
                    sign = -1.0 if ys[i] < ys[j] or (ys[i] == ys[j] and i < j) else 1.0
                    ys[i] += sign * shift
                    ys[j] -= sign * shift
                else:
                    shift = overlap_x / 2 + 0.5
                    sign = -1.0 if xs[i] < xs[j] or (xs[i] == xs[j] and i < j) else 1.0
                    xs[i] += sign * shift
                    xs[j] -= sign * shift
                xs[i], xs[j] = min(max(xs[i], left[i]), right[i]), min(max(xs[j], left[j]), right[j])
                ys[i], ys[j] = min(max(ys[i], top[i]), bottom[i]), min(max(ys[j], top[j]), bottom[j])
        if not moved:
            break
    return {key: (xs[i], ys[i]) for i, key in enumerate(keys)}


# --- one actor and its neighbours -------------------------------------------------------------


def _around(focus: ActorNode, href: Callable[[ActorNode], str]) -> str:
    edges = [e for e in _relations_of([focus]) if focus in (e.source, e.target)]
    shared: Counter[str] = Counter()
    others: dict[str, ActorNode] = {}
    for incident in sorted({p.incident.id: p.incident for p in focus.incidents}.values(), key=lambda i: i.id):
        for actor in {p.actor.id: p.actor for p in incident.participants if p.actor is not None}.values():
            if actor is not focus:
                shared[actor.id] += 1
                others[actor.id] = actor
    neighbours: dict[str, ActorNode] = {}
    kinds = list(RELATION_STYLES)
    for edge in sorted(edges, key=lambda e: (kinds.index(e.kind), _other(e, focus).title.casefold(), e.kind)):
        neighbours.setdefault(_other(edge, focus).id, _other(edge, focus))
    for actor_id, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
        neighbours.setdefault(actor_id, others[actor_id])
    if not neighbours:
        return ""
    hidden = len(neighbours) > MAX_NEIGHBOURS
    shown = list(neighbours.values())[:MAX_NEIGHBOURS]
    shown_ids = {a.id for a in shown}
    edges = [e for e in edges if _other(e, focus).id in shown_ids]
    edges += [_Edge(focus, others[i], TOGETHER, n) for i, n in sorted(shared.items()) if i in shown_ids]

    n = len(shown)
    height = _height(n + 1)
    start = {focus.id: (0.0, 0.0)}
    for i, actor in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        start[actor.id] = (math.cos(angle), 0.8 * math.sin(angle))
    radius = {a.id: 7.0 for a in shown} | {focus.id: 11.0}
    points = _spread(start, {a.id: _box(a, radius[a.id]) for a in [focus, *shown]}, WIDTH, height)
    labels: dict[str, str] = {}
    for actor in shown:
        facts = [_from_focus(e, focus) for e in edges if _other(e, focus) is actor]
        labels[actor.id] = f"{actor.title} — " + "; ".join(facts)
    labels[focus.id] = focus.title
    svg = _svg(height, f"Actors related to {focus.title}", edges, points, radius, [focus, *shown], labels, href, focus)
    legend = _legend(edges, counts=False)
    if hidden:
        legend.append(
            f"Showing {len(shown)} of the {len(neighbours)} actors linked to {esc(focus.title)}: related ones first, "
            "then those in the most incidents with it."
        )
    return figure("network", svg, legend)


def _from_focus(edge: _Edge, focus: ActorNode) -> str:
    """What a neighbour's link says about its tie to the focus actor."""
    if edge.kind == TOGETHER:
        return f"in {edge.weight} incident{'s' if edge.weight != 1 else ''} with {focus.title}"
    return edge.describe()


def _other(edge: _Edge, focus: ActorNode) -> ActorNode:
    return edge.target if edge.source is focus else edge.source


# --- drawing ----------------------------------------------------------------------------------


def _svg(
    height: int,
    name: str,
    edges: list[_Edge],
    points: dict[str, tuple[float, float]],
    radius: dict[str, float],
    actors: list[ActorNode],
    labels: dict[str, str],
    href: Callable[[ActorNode], str],
    focus: ActorNode | None,
) -> str:
    kinds = [k for k in RELATION_STYLES if any(e.kind == k and e.directed for e in edges)]
    parts = [
        f'<svg class="bp-svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" aria-label="{esc(name)}">',
    ]
    if kinds:
        parts.append("<defs>" + "".join(_marker(k) for k in kinds) + "</defs>")
    parts.append('<g aria-hidden="true">')
    strongest = _max([e for e in edges if e.kind == TOGETHER])
    by_pair: dict[tuple[str, str], list[_Edge]] = {}
    for edge in edges:
        a, b = edge.source.id, edge.target.id
        by_pair.setdefault((a, b) if a < b else (b, a), []).append(edge)
    order = [TOGETHER, *RELATION_STYLES]
    for pair in sorted(by_pair):
        group = sorted(by_pair[pair], key=lambda e: (order.index(e.kind) if e.kind in order else 99, e.source.id))
        detour = _detour(pair, points, radius)
        for i, edge in enumerate(group):
            bend = detour + (i - (len(group) - 1) / 2) * 26.0
            parts.append(_edge(edge, pair, points, radius, bend, strongest))
    parts.append("</g>")
    for actor in actors:
        parts.append(_node(actor, points[actor.id], radius[actor.id], labels[actor.id], href, is_focus=actor is focus))
    parts.append("</svg>")
    return "\n".join(parts)


def _detour(pair: tuple[str, str], points: dict[str, tuple[float, float]], radius: dict[str, float]) -> float:
    """How far to bend the edges of ``pair`` so that they pass beside the nodes in their way.

    The edges are quadratic curves whose control point lies ``bend`` off the midpoint along the
    pair's normal; at ``t`` along the line a curve then lies ``2t(1-t)·bend`` off it.
    """
    (x1, y1), (x2, y2) = points[pair[0]], points[pair[1]]
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:
        return 0.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    best = 0.0
    for key in sorted(points):
        if key in pair:
            continue
        px, py = points[key][0] - x1, points[key][1] - y1
        t = (px * ux + py * uy) / length
        side = -px * uy + py * ux  # signed distance along the normal (-uy, ux)
        room = radius[key] + 6
        if not 0.1 < t < 0.9 or abs(side) >= room:
            continue
        needed = (side - room if side >= 0 else side + room) / (2 * t * (1 - t))
        # A wide swerve through a crowded middle confuses more than a line behind a node.
        if abs(needed) > abs(best) and abs(needed) <= _MAX_DETOUR:
            best = needed
    return best


def _marker(kind: str) -> str:
    colour = RELATION_STYLES[kind][0]
    return (
        f'<marker id="bp-arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
        f'markerUnits="userSpaceOnUse" orient="auto"><path d="M0 1L10 5L0 9z" fill="{colour}"/></marker>'
    )


def _edge(
    edge: _Edge,
    pair: tuple[str, str],
    points: dict[str, tuple[float, float]],
    radius: dict[str, float],
    bend: float,
    strongest: int,
) -> str:
    (x1, y1), (x2, y2) = points[pair[0]], points[pair[1]]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    # The control point sits off the midpoint, perpendicular to the pair's line (taken in id
    # order, whatever the edge's direction), so that several edges between two actors stay apart.
    mx, my = (x1 + x2) / 2 - (y2 - y1) / length * bend, (y1 + y2) / 2 + (x2 - x1) / length * bend
    (x1, y1), (x2, y2) = points[edge.source.id], points[edge.target.id]
    sx, sy = _towards(x1, y1, mx, my, radius[edge.source.id] + 1)
    tx, ty = _towards(x2, y2, mx, my, radius[edge.target.id] + 2)
    path = f"M{num(sx)} {num(sy)}Q{num(mx)} {num(my)} {num(tx)} {num(ty)}"
    if edge.kind == TOGETHER:
        width = 1 + 3 * edge.weight / strongest
        paint = f'stroke="currentColor" stroke-opacity=".3" stroke-width="{num(width)}"'
    else:
        colour, dash, directed = RELATION_STYLES[edge.kind]
        paint = f'stroke="{colour}" stroke-width="2"'
        paint += f' stroke-dasharray="{dash}"' if dash else ""
        paint += f' marker-end="url(#bp-arrow-{edge.kind})"' if directed else ""
    return f'<path class="bp-edge" d="{path}" fill="none" {paint}><title>{esc(edge.describe())}</title></path>'


def _towards(x: float, y: float, tx: float, ty: float, distance: float) -> tuple[float, float]:
    length = math.hypot(tx - x, ty - y) or 1.0
    return x + (tx - x) / length * distance, y + (ty - y) / length * distance


def _node(
    actor: ActorNode,
    point: tuple[float, float],
    r: float,
    label: str,
    href: Callable[[ActorNode], str],
    *,
    is_focus: bool,
) -> str:
    """A node linking to the actor's page, its full name wrapped under it on a plate of the
    page's background colour. The focus actor of an actor page is no link (it is that page)."""
    x, y = point
    lines = _lines(actor.title)
    width, height = _label_size(actor.title)
    top = y + r + 4
    circle = (
        f'<circle class="bp-node" cx="{num(x)}" cy="{num(y)}" r="{num(r)}" '
        f'fill="{_FOCUS_FILL if is_focus else _NODE_FILL}" stroke="#fff" stroke-width="1.5"/>'
    )
    plate = (
        f'<rect class="bp-plate" x="{num(x - width / 2)}" y="{num(top)}" width="{num(width)}" '
        f'height="{num(height)}" rx="3"/>'
    )
    # The first line's baseline sits a line minus the descent below the plate's top.
    spans = "".join(
        f'<tspan x="{num(x)}" y="{num(top + _PLATE + (k + 1) * _LINE - 5)}">{esc(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    weight = ' font-weight="700"' if is_focus else ""
    text = f'<text class="bp-label" text-anchor="middle" font-size="{FONT}"{weight} fill="currentColor"'
    if is_focus:
        # The page's own actor: named, but no link to the page the reader is on.
        return f'<g class="bp-focus"><title>{esc(label)}</title>{circle}{plate}{text}>{spans}</text></g>'
    # The <title> names the link (and is its tooltip); the label repeats the name, hidden from screen readers.
    return f'<a href="{esc(href(actor))}"><title>{esc(label)}</title>{circle}{plate}{text} aria-hidden="true">{spans}</text></a>'


def _legend(edges: list[_Edge], *, counts: bool) -> list[str]:
    items: list[str] = []
    for kind, (colour, dash, directed) in RELATION_STYLES.items():
        if any(e.kind == kind for e in edges):
            items.append(_line_swatch(colour, dash, directed) + esc(v.ACTOR_RELATIONS[kind]))
    if any(e.kind == TOGETHER for e in edges):
        items.append(_line_swatch("currentColor", "", False, opacity=".45") + "in the same incidents (thicker: more)")
    if counts:
        items.append("circle size: number of incidents")
    return items


def _line_swatch(colour: str, dash: str, arrow: bool, opacity: str = "1") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    head = f'<path d="M19 1.5L28 6L19 10.5z" fill="{colour}"/>' if arrow else ""
    return (
        f'<svg class="bp-swatch" viewBox="0 0 28 12" width="28" height="12" aria-hidden="true">'
        f'<line x1="1" y1="6" x2="{21 if arrow else 27}" y2="6" stroke="{colour}" stroke-opacity="{opacity}" '
        f'stroke-width="2.5"{dashes}/>{head}</svg>'
    )
