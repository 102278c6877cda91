"""The map's data: places and incidents as GeoJSON-like JSON for the offline Leaflet map.

Part of the render stage. (To be written: see issue 4.)
"""

from __future__ import annotations

from generator.assets import Asset
from generator.index import Index


def data_files(index: Index) -> list[Asset]:
    """The JSON files the map pages load."""
    return []
