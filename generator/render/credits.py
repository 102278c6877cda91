"""What the site owes and tells first: the data credits and the headline numbers.

Part of the render stage. A dataset's licence can require a credit on every page that shows its
data (UCDP's CC BY 4.0 does): :func:`dataset_credits` finds the sources of kind ``dataset`` and
the licence their description names, the home page lists them in full, and :func:`footer_html`
makes the one line the MkDocs plugin adds to every page's footer. The map's own layers are
credited here too (:data:`MAP_CREDITS`), so the home page and the footer say the same as the map.
:func:`headline` gives the home page's numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.index.graph import Index, SourceNode
from generator.render.svg import esc

MAP_CREDITS: tuple[tuple[str, str], ...] = (("Natural Earth", "public domain"), ("GeoNames", "CC BY 4.0"))
"""The map's orientation layers and their licences: (name, licence), as the vendored files say."""

_LICENCE = re.compile(
    r"\b(CC BY(?:-(?:SA|NC|ND))*(?: \d\.\d)?|CC0(?: 1\.0)?|ODbL(?: 1\.0)?|Open Government Licence|public domain)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Credit:
    """A dataset the site's records come from, and what its licence asks.

    Attributes:
        source: The source record of kind ``dataset``.
        licence: The licence its description names (e.g. ``CC BY 4.0``), or ``None``: then the
            reader is pointed at the description, which says what the terms are.
    """

    source: SourceNode
    licence: str | None


def dataset_credits(index: Index) -> list[Credit]:
    """The sources of kind ``dataset`` that some incident cites, by name."""
    found = []
    for source in index.sources:
        if source.record.kind != "dataset" or not source.citations:
            continue
        match = _LICENCE.search(source.record.description)
        found.append(Credit(source, match.group(1) if match else None))
    return found


def footer_html(index: Index) -> str:
    """One line of HTML (text only, escaped) crediting the datasets and the map's layers."""
    data = [f"{c.source.title} ({c.licence or 'see its terms of use'})" for c in dataset_credits(index)]
    parts = []
    if data:
        parts.append("Data: " + "; ".join(data) + ".")
    parts.append("Map: " + "; ".join(f"{name} ({licence})" for name, licence in MAP_CREDITS) + ".")
    return f'<div class="bp-credits">{esc(" ".join(parts))}</div>'


def headline(index: Index) -> dict[str, Any]:
    """The home page's numbers: counts, reported fatalities and the span of dates."""
    incidents = index.incidents
    reported = [i.record.fatalities.best for i in incidents if i.record.fatalities is not None]
    return {
        "incidents": len(incidents),
        "fatalities": sum(reported),
        "reporting": len(reported),
        "actors": len(index.actors),
        "places": len(index.places),
        "sources": len(index.sources),
        "first": incidents[0].record.date.describe() if incidents else "",
        "last": incidents[-1].record.date.describe() if incidents else "",
    }
