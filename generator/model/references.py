"""Which fields of a record name another record: the one table of references.

Part of the model stage. Records refer to each other by id; :data:`REFERENCES` says, once, which
field of which record kind holds an id of which kind. The index resolves exactly these
references (and reports unknown ids where they were written), the importers check them before
anything is written, and whatever needs to know which records depend on which reads them here.
A new field that names a record is one more line in the table.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.diagnostics import Loc
from generator.model.records import RECORD_KINDS, Actor, Incident, Place, Record, Source

EACH = "*"
"""In a reference's path: every item of a list."""


@dataclass(frozen=True)
class Reference:
    """A field of one record kind that holds the id of a record of another (or the same) kind.

    Attributes:
        holder: The record kind that has the field.
        path: Field names from the top of the record; :data:`EACH` steps into every item of a
            list, e.g. ``("participants", "*", "actor")``.
        target: The kind of record the id names.
    """

    holder: type[Record]
    path: tuple[str, ...]
    target: type[Record]

    @property
    def field(self) -> str:
        """The record's top-level field that holds the reference, e.g. ``participants``."""
        return self.path[0]


REFERENCES: tuple[Reference, ...] = (
    Reference(Incident, ("place",), Place),
    Reference(Incident, ("participants", EACH, "actor"), Actor),
    Reference(Incident, ("citations", EACH, "source"), Source),
    Reference(Incident, ("citations", EACH, "via"), Source),
    Reference(Incident, ("citations", EACH, "origin", EACH), Source),
    Reference(Incident, ("citations", EACH, "place"), Place),
    Reference(Incident, ("citations", EACH, "perpetrator"), Actor),
    Reference(Incident, ("related", EACH, "incident"), Incident),
    Reference(Incident, ("status_by",), Actor),
    Reference(Incident, ("judgements", EACH, "basis", EACH), Source),
    Reference(Actor, ("parent",), Actor),
    Reference(Actor, ("relations", EACH, "actor"), Actor),
    Reference(Actor, ("relations", EACH, "citation", "source"), Source),
    Reference(Actor, ("relations", EACH, "citation", "via"), Source),
    Reference(Actor, ("relations", EACH, "citation", "origin", EACH), Source),
    Reference(Place, ("parent",), Place),
)
"""Every reference between records, in the order messages report them within a record."""


def _dependency_order() -> tuple[type[Record], ...]:
    """Record kinds ordered so that each comes after the other kinds it refers to.

    Kinds that are ready at the same time come in the reverse of :data:`RECORD_KINDS`' order:
    sources, places, actors, then incidents, the order importers have always read them in.
    """
    ordered: list[type[Record]] = []
    waiting = list(reversed(RECORD_KINDS))
    while waiting:
        ready = [
            kind
            for kind in waiting
            if all(r.target in ordered or r.target is kind for r in REFERENCES if r.holder is kind)
        ]
        if not ready:
            raise ValueError("references between record kinds form a cycle")
        ordered += ready
        waiting = [kind for kind in waiting if kind not in ready]
    return tuple(ordered)


DEPENDENCY_ORDER: tuple[type[Record], ...] = _dependency_order()
"""Record kinds in an order in which every reference is to a kind already seen (or the same kind):
the order to read or write records so that what they name is there first."""


def references_in(kind: type[Record], value: Record | Mapping[str, Any]) -> Iterator[tuple[Loc, type[Record], str]]:
    """Every id a record names: where it is written, the kind it names, and the id.

    Args:
        kind: The record's kind.
        value: The record, validated or as plain fields (e.g. read from another site's JSON);
            missing and empty fields name nothing.

    Yields:
        ``(location, target kind, id)``, e.g. ``(("participants", 2, "actor"), Actor, "russia")``,
        in the order of :data:`REFERENCES` and then of the record's lists.
    """
    for reference in REFERENCES:
        if reference.holder is kind:
            for loc, found in _walk(value, reference.path, ()):
                yield loc, reference.target, found


def _walk(value: Any, path: tuple[str, ...], loc: Loc) -> Iterator[tuple[Loc, str]]:
    if not path:
        if isinstance(value, str) and value:
            yield loc, value
        return
    head, rest = path[0], path[1:]
    if head == EACH:
        if isinstance(value, list | tuple):
            for i, item in enumerate(value):
                yield from _walk(item, rest, (*loc, i))
        return
    child = value.get(head) if isinstance(value, Mapping) else getattr(value, head, None)
    if child is not None:
        yield from _walk(child, rest, (*loc, head))
