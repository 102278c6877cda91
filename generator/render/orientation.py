"""The map's orientation layers: governorate boundaries, rivers and towns around the site's data.

Part of the render stage. The package keeps compact world files in ``generator/render/basemap/``
(made by ``scripts/make_basemap.py``; see the README there for where each comes from and its
licence): Natural Earth's first-order administrative boundaries and rivers, and GeoNames' places
of 15,000 people or more. A site needs only the region of its own data, so :func:`data_files`
cuts them to the box around every place and incident with coordinates (and a margin) and writes
``assets/briefing/orientation.json``, which ``generator/render/static/map.js`` draws quietly
under the data. Lines stay in the basemap's encoding, ``[x0, y0, dx1, dy1, ...]`` in hundredths
of a degree. The same data gives the same bytes.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.index.graph import Index
from generator.model.records import Coordinates
from generator.render.assets import SITE_FOLDER, Asset

BASEMAP = Path(__file__).parent / "basemap"
DATA_FILE = f"{SITE_FOLDER}/orientation.json"
"""Where the cut layers are published, relative to the site root."""

MARGIN = 1.5
"""Degrees added around the data on each side, so that the edges of the view have context."""

DETAILED_SPAN = 30.0
"""Above this many degrees across, boundaries would be a thicket at any zoom that shows the
whole region: they are left out, and only the largest towns are kept."""

TOWN_LIMIT = 600
"""At most this many towns, the most populous first."""

Box = tuple[float, float, float, float]
"""West, south, east, north, in degrees."""


def region(points: Iterable[Coordinates]) -> Box | None:
    """The box around ``points`` and :data:`MARGIN`, or ``None`` without any point."""
    found = list(points)
    if not found:
        return None
    return (
        max(-180.0, min(p.lon for p in found) - MARGIN),
        max(-90.0, min(p.lat for p in found) - MARGIN),
        min(180.0, max(p.lon for p in found) + MARGIN),
        min(90.0, max(p.lat for p in found) + MARGIN),
    )


@functools.cache
def _lines(name: str) -> tuple[tuple[int, ...], ...]:
    data = json.loads((BASEMAP / name).read_text(encoding="utf-8"))
    return tuple(tuple(line) for line in data)


@functools.cache
def _towns() -> tuple[tuple[str, float, float, int], ...]:
    rows = (BASEMAP / "towns.tsv").read_text(encoding="utf-8").splitlines()[1:]
    found = []
    for row in rows:
        name, lat, lon, population = row.split("\t")
        found.append((name, float(lat), float(lon), int(population)))
    return tuple(found)


def cut_lines(lines: Iterable[tuple[int, ...]], box: Box) -> list[list[int]]:
    """The parts of delta-encoded ``lines`` inside ``box``, each run of points inside it kept
    with one point either side so that a line reaches the edge; encoded the same way."""
    west, south, east, north = (round(v * 100) for v in box)
    out = []
    for line in lines:
        x, y = line[0], line[1]
        points = [(x, y)]
        for i in range(2, len(line), 2):
            x, y = x + line[i], y + line[i + 1]
            points.append((x, y))
        inside = [west <= px <= east and south <= py <= north for px, py in points]
        run: list[tuple[int, int]] = []
        for k, point in enumerate(points):
            near = inside[k] or (k > 0 and inside[k - 1]) or (k + 1 < len(points) and inside[k + 1])
            if near:
                run.append(point)
            elif run:
                out.append(_encode(run))
                run = []
        if len(run) > 1:
            out.append(_encode(run))
    return [line for line in out if len(line) >= 4]


def _encode(points: list[tuple[int, int]]) -> list[int]:
    flat = [points[0][0], points[0][1]]
    for (a, b), (c, d) in itertools.pairwise(points):
        flat += [c - a, d - b]
    return flat


def layers(box: Box | None) -> dict[str, list[Any]]:
    """The boundaries, rivers and towns of ``box`` (none without a box)."""
    if box is None:
        return {"admin1": [], "rivers": [], "towns": []}
    west, south, east, north = box
    detailed = east - west <= DETAILED_SPAN and north - south <= DETAILED_SPAN
    towns = [t for t in _towns() if west <= t[2] <= east and south <= t[1] <= north]
    towns.sort(key=lambda t: (-t[3], t[0]))
    return {
        "admin1": cut_lines(_lines("admin1.json"), box) if detailed else [],
        "rivers": cut_lines(_lines("rivers.json"), box),
        "towns": [[name, lat, lon, population] for name, lat, lon, population in towns[:TOWN_LIMIT]],
    }


def data_files(index: Index) -> list[Asset]:
    """``assets/briefing/orientation.json``: the layers around the places and incidents with coordinates."""
    points = [p.record.coordinates for p in index.places if p.record.coordinates is not None]
    points += [i.record.coordinates for i in index.incidents if i.record.coordinates is not None]
    return [Asset(DATA_FILE, _layers_file(region(points)))]


@functools.lru_cache(maxsize=1)
def _layers_file(box: Box | None) -> bytes:
    """The file of ``box``'s layers. The last one is kept: the preview's saves seldom move the box,
    and cutting the lines again took a tenth of a second at 10,000 incidents."""
    text = json.dumps(layers(box), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # names come from data files: keep markup characters inert, as the map's own data does
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")
