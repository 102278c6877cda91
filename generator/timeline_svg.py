"""The timeline picture: incidents along a time axis, drawn as SVG at build time.

Part of the render stage. (To be written: see issue 4.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.index import IncidentNode


def timeline_svg(incidents: Sequence[IncidentNode], href: Callable[[IncidentNode], str]) -> str:
    """Return an inline ``<svg>`` of ``incidents``; ``href`` gives each incident's relative URL."""
    return ""
