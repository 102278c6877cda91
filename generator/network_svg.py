"""The actor network picture: relations and co-occurrence in incidents, drawn as SVG at build time.

Part of the render stage. (To be written: see issue 4.)
"""

from __future__ import annotations

from collections.abc import Callable

from generator.index import ActorNode, Index


def network_svg(index: Index, href: Callable[[ActorNode], str], focus: ActorNode | None = None) -> str:
    """Return an inline ``<svg>`` of the actor network, or of ``focus`` and its neighbours."""
    return ""
