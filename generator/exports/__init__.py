"""Exports: the data in formats other tools read, published in the built site under ``data/``.

Part of the render stage. (To be written: see issue 5.)
"""

from __future__ import annotations

from generator.assets import Asset
from generator.index import Index


def data_files(index: Index) -> list[Asset]:
    """Every export file, in a stable order."""
    return []
