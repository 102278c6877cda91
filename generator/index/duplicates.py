"""Find incidents that may be the same event recorded twice.

Part of the index stage. Two records of one event slip in easily: a record copied from another
and barely changed, two imports that report one clash, two analysts coding the same article.
A pair is a possible duplicate when the two incidents' dates lie within a day of each other
(both their first and their last possible day) and either they share their place and the set
of identified actors, or their titles are almost identical and one's place is the other's or
lies inside it (one record coded at a village, the other at its district). A title alone is not
enough: a recurring event ("Joint patrol near Idlib") keeps its title from week to week, and
datasets such as UCDP's give the events of one report, at different villages, the report's
headline.

Two incidents that carry different ids in the same dataset (``external_ids``, e.g. two UCDP GED
events) are not compared: that dataset's coders already kept them apart, and a daily battle in one
town between the same two sides would otherwise fill an import with warnings.

An analyst answers the question with a relation between the two (``same-as``,
``possibly-same-as`` or ``not-same-as``, see :data:`generator.model.vocabulary.SAME_EVENT_RELATIONS`),
which silences the warning. Incidents are compared only with those that start within a day of
them, in date order, so the work grows with the number of incidents per day, not its square.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.index.graph import IncidentNode
from generator.model import vocabulary as v

TITLE_SIMILARITY = 0.9
"""How alike two titles must be (difflib's ratio, 0 to 1) to count as almost identical."""

_DAY = dt.timedelta(days=1)
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class PossibleDuplicate:
    """Two incidents that may be one event.

    Attributes:
        first: The incident with the smaller id.
        second: The other one.
        reasons: Why they look alike, e.g. ``("same place, actors and date",)``.
    """

    first: IncidentNode
    second: IncidentNode
    reasons: tuple[str, ...]


def possible_duplicates(incidents: Iterable[IncidentNode]) -> list[PossibleDuplicate]:
    """Every pair of incidents that may be one event and that no relation answers, sorted by ids."""
    ordered = sorted(incidents, key=lambda n: (n.record.date.start, n.id))
    keys = [_Key(node) for node in ordered]
    found: list[PossibleDuplicate] = []
    for i, first in enumerate(keys):
        for second in keys[i + 1 :]:
            if second.start - first.start > _DAY:
                break
            if abs(second.end - first.end) > _DAY or _kept_apart(first, second):
                continue
            reasons = []
            if first.place == second.place and first.actors == second.actors:
                reasons.append("same place, actors and date")
            if _nested(first, second) and _alike(first.title, second.title):
                reasons.append("almost identical title")
            if reasons and not _answered(first.node, second.node):
                a, b = sorted((first.node, second.node), key=lambda n: n.id)
                found.append(PossibleDuplicate(a, b, tuple(reasons)))
    return sorted(found, key=lambda d: (d.first.id, d.second.id))


class _Key:
    """What the comparison reads of an incident, computed once."""

    __slots__ = ("actors", "chain", "end", "external", "node", "place", "start", "title")

    def __init__(self, node: IncidentNode) -> None:
        self.node = node
        self.start = node.record.date.start
        self.end = node.record.date.end
        self.place = node.record.place
        self.chain = frozenset(p.id for p in node.place.ancestors) if node.place is not None else frozenset()
        self.external = node.record.external_ids
        self.actors = frozenset(p.actor for p in node.record.participants if p.actor is not None)
        self.title = " ".join(_NOT_WORD.sub(" ", node.record.title.casefold()).split())


def _kept_apart(a: _Key, b: _Key) -> bool:
    """True when a dataset both incidents come from gives them different ids."""
    return any(b.external.get(dataset, value) != value for dataset, value in a.external.items())


def _nested(a: _Key, b: _Key) -> bool:
    """True when the two incidents' places are one, or one lies inside the other."""
    return a.place == b.place or a.place in b.chain or b.place in a.chain


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < TITLE_SIMILARITY * max(len(a), len(b)):
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= TITLE_SIMILARITY and matcher.ratio() >= TITLE_SIMILARITY


def _answered(a: IncidentNode, b: IncidentNode) -> bool:
    """True when either record relates the two as the same event, possibly the same, or not."""
    return any(link.incident is b and link.relation.relation in v.SAME_EVENT_RELATIONS for link in a.related)
