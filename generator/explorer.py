"""The incident explorer's data: one compact JSON file that the explorer page filters in the browser.

Part of the render stage. (To be written: see issue 4.)
"""

from __future__ import annotations

from generator.assets import Asset
from generator.index import Index


def data_files(index: Index) -> list[Asset]:
    """The JSON files the explorer page loads."""
    return []
