"""Coarsen the records' coordinates for a public build, before anything is made from them.

Part of the load stage, applied between loading and indexing when the ``coarsen`` setting is on
(:class:`generator.settings.Coarsening`). Changing the records themselves, once, is what makes
the rule hold everywhere: the pages, the map's data, the search index (made from the pages) and
every export read the same coarsened values, so no output can leak a finer point than the
setting allows.

Which records: every incident and place, or only the incidents with the setting's tag and the
places they happen at (a place's coordinates would otherwise show where a sensitive incident
was). How: rounding each latitude and longitude to a multiple of ``precision`` degrees, and/or
``to: parent``, which drops a record's own point so that the map draws it at its enclosing
place's (an incident at its place's point, a place at the nearest enclosing place with one); a
place with no enclosing place keeps its point (rounded, when a precision is set).
"""

from __future__ import annotations

import dataclasses

from generator.load.dataset import Dataset
from generator.model.records import Coordinates
from generator.settings import Coarsening


def coarsen(dataset: Dataset, rule: Coarsening) -> frozenset[str]:
    """Coarsen the coordinates of a dataset's records in place.

    Args:
        dataset: The loaded records.
        rule: What to coarsen and how.

    Returns:
        The pages of the records whose coordinates were coarsened (``incidents/x.md``,
        ``places/y.md``), for pages to say so.
    """
    changed: set[str] = set()
    chosen = [entry for entry in dataset.incidents.values() if rule.tagged is None or rule.tagged in entry.record.tags]
    places = set(dataset.places) if rule.tagged is None else {entry.record.place for entry in chosen}
    for entry in chosen:
        point = entry.record.coordinates
        if point is None:
            continue
        new = None if rule.to_parent else _rounded(point, rule)
        record = entry.record.model_copy(update={"coordinates": new})
        dataset.incidents[record.id] = dataclasses.replace(entry, record=record)
        changed.add(f"{record.folder}/{record.id}.md")
    for place_id in sorted(places):
        place = dataset.places.get(place_id)
        if place is None or place.record.coordinates is None:
            continue
        if rule.to_parent and place.record.parent is not None:
            new = None
        elif rule.precision is not None:
            new = _rounded(place.record.coordinates, rule)
        else:
            continue
        moved = place.record.model_copy(update={"coordinates": new})
        dataset.places[place_id] = dataclasses.replace(place, record=moved)
        changed.add(f"{moved.folder}/{moved.id}.md")
    return frozenset(changed)


def _rounded(point: Coordinates, rule: Coarsening) -> Coordinates:
    """The point rounded to the rule's precision (kept when it has none), inside the globe's bounds."""
    if rule.precision is None:
        return point
    return Coordinates(
        lat=_to_step(point.lat, rule.precision, rule.decimals, 90.0),
        lon=_to_step(point.lon, rule.precision, rule.decimals, 180.0),
    )


def _to_step(value: float, step: float, decimals: int, bound: float) -> float:
    # round() after the multiplication: 372 * 0.1 is 37.2000000000000003 in binary floating point
    stepped = round(round(value / step) * step, decimals)
    return max(-bound, min(bound, stepped)) + 0.0  # + 0.0 turns -0.0 into 0.0
