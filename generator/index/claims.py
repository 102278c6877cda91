"""What each source claims about an incident, side by side, and where the claims disagree.

Part of the index stage. A citation may state its own fatalities, date, place or perpetrator
(:class:`generator.model.records.Citation`). When it does, the incident's own values are the
analyst's reading of the reports, and a reader needs to see each claim with its source's grade
next to that reading. :func:`claims_of` gathers them for the incident page (and anything else
that shows them); a field is *disputed* when the claims, or a claim and the record, differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.index.graph import CitationLink, IncidentNode

FIELDS: tuple[str, ...] = ("fatalities", "date", "place", "perpetrator")
"""The values a citation may claim, in the order pages show them."""

LABELS: dict[str, str] = {"fatalities": "Fatalities", "date": "Date", "place": "Place", "perpetrator": "Perpetrator"}


@dataclass(frozen=True)
class Claims:
    """The claims of an incident's citations.

    Attributes:
        fields: The fields at least one citation claims, in :data:`FIELDS` order.
        citations: The citations that claim something, in the record's order.
        disputed: The fields on which the claims (or a claim and the record) differ.
    """

    fields: tuple[str, ...]
    citations: tuple[CitationLink, ...]
    disputed: frozenset[str]

    @property
    def disagree(self) -> bool:
        """True when the sources (or the sources and the record) disagree on anything."""
        return bool(self.disputed)


def claims_of(incident: IncidentNode) -> Claims | None:
    """The claims of an incident's citations, or None when no citation claims anything."""
    claiming = tuple(link for link in incident.citations if link.citation.claims)
    if not claiming:
        return None
    fields = tuple(name for name in FIELDS if any(getattr(link.citation, name) is not None for link in claiming))
    disputed = set()
    for name in fields:
        values = {_claimed(link, name) for link in claiming if getattr(link.citation, name) is not None}
        own = _recorded(incident, name)
        if own is not None:
            values.add(own)
        if len(values) > 1:
            disputed.add(name)
    return Claims(fields, claiming, frozenset(disputed))


def _claimed(link: CitationLink, name: str) -> Any:
    """A citation's claim of one field, in a form that compares with the record's."""
    citation = link.citation
    if name == "fatalities" and citation.fatalities is not None:
        return citation.fatalities.figures
    if name == "date" and citation.date is not None:
        return citation.date.start, citation.date.end
    if name == "perpetrator":
        return frozenset({citation.perpetrator})
    return getattr(citation, name)


def _recorded(incident: IncidentNode, name: str) -> Any:
    """The record's own value of a claimable field, or None when the record says nothing of it."""
    record = incident.record
    if name == "fatalities":
        return record.fatalities.figures if record.fatalities is not None else None
    if name == "date":
        return record.date.start, record.date.end
    if name == "place":
        return record.place
    attackers = [p for p in record.participants if p.role == "attacker"]
    return frozenset(p.actor for p in attackers) if attackers else None
