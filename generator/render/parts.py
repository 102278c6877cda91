"""Per-record parts of the site's data files, kept between the preview's rebuilds so that a save makes few again.

Part of the render stage, used by the exports (``generator.exports``, whose memo the MkDocs plugin
keeps under ``mkdocs serve --dirty``) and by the map's and the explorer's data
(:mod:`generator.render.mapdata`, :mod:`generator.render.explorer`, whose memos the pipeline's
:class:`generator.incremental.Session` keeps). Each file is made of one part per record (a CSV
row, a JSON object, a STIX object and its relationships, a map item, already serialised) joined
in the file's order, so the file is byte for byte what the whole file made at once would be
(:func:`json_object` joins the members of a JSON object dumped with sorted keys). A
:class:`Memo` keeps each part with what it read while it was made
(:class:`generator.index.reads.Reads`: the records it shows and the index's lists it went
through), and a save makes again only the parts of the records the save changed and the parts
that read a changed record or an altered list: the rule by which the preview renders a record's
page again (:class:`generator.incremental.Changes`). What else a part depends on (options, the
positions of records in lookup tables) is the key a run begins with (:meth:`Memo.begin`).

:data:`DIRECT` makes every part (a build, or a file made once).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.index.graph import Node
from generator.index.reads import Reads

T = TypeVar("T")
N = TypeVar("N", bound=Node[Any])


class Parts:
    """Makes the parts of one run of a file: each with ``make()``, no part kept."""

    def part(self, kind: str, node: N, make: Callable[[N], T]) -> T:
        """The part ``kind`` (the file's uri) of ``node``'s record, made by ``make(node)``."""
        return make(node)


DIRECT = Parts()
"""Parts made every time."""


@dataclass
class _Changed:
    build: int
    everything: bool
    records: set[str]
    lists: set[str]


@dataclass
class _Kept:
    value: Any
    reads: Reads


@dataclass
class Memo(Parts):
    """The parts of the last run, and the changes since (see the module's description).

    The preview notes each rebuild's changes (:meth:`note`, on the rebuild's thread) and makes
    the files of a rebuild, there or on a thread of its own (:meth:`begin`, then :meth:`part` for
    each part); a rebuild's changes count from the rebuild before it, so every rebuild that
    succeeds must be noted, in order.
    """

    _kept: dict[tuple[str, str], _Kept] = field(default_factory=dict)
    _changes: list[_Changed] = field(default_factory=list)
    _key: Hashable = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    made: int = 0
    """How many parts the last run made (the others were kept): for the log and tests."""

    def __repr__(self) -> str:
        # The default would print every part: megabytes for a large dataset.
        return f"<Memo: {len(self._kept)} parts kept, {self.made} made by the last run>"

    def note(self, build: int, *, everything: bool, records: set[str], lists: set[str]) -> None:
        """Rebuild ``build`` changed the pages of ``records`` and the lists of ``lists``
        (``everything``: its settings, templates or history changed, so every part may have)."""
        with self._lock:
            self._changes.append(_Changed(build, everything, set(records), set(lists)))

    def begin(self, build: int, key: Hashable) -> Memo:
        """Start making the files of rebuild ``build``'s index, with ``key`` (what besides the
        records the parts depend on: settings, record dates, lookup tables); drops every part that
        the changes up to that rebuild reach, and every part when the key differs from the last
        run's. Returns itself."""
        with self._lock:
            taken = [change for change in self._changes if change.build <= build]
            self._changes = [change for change in self._changes if change.build > build]
        self.made = 0
        if key != self._key or any(change.everything for change in taken):
            self._kept.clear()
            self._key = key
            return self
        records: set[str] = set().union(*(change.records for change in taken))
        lists: set[str] = set().union(*(change.lists for change in taken))
        if not records and not lists:
            return self
        stale = [
            name
            for name, kept in self._kept.items()
            if name[1] in records
            or not kept.reads.records.isdisjoint(records)
            or not kept.reads.lists.isdisjoint(lists)
        ]
        for name in stale:
            del self._kept[name]
        return self

    def part(self, kind: str, node: N, make: Callable[[N], T]) -> T:
        name = (kind, node.uri)
        kept = self._kept.get(name)
        if kept is None:
            with Reads() as reads:
                value = make(node)
            kept = self._kept[name] = _Kept(value, reads)
            self.made += 1
        return kept.value  # type: ignore[no-any-return]


def json_object(members: Mapping[str, str], dump: Callable[[Any], str]) -> str:
    """The JSON text of an object whose members' values are JSON texts already, byte for byte as
    ``dump`` (a ``json.dumps`` with ``sort_keys`` and compact separators) writes the whole object:
    ``{`` and the members in key order, each ``dump(name):value``, joined by ``,``, and ``}``.

    Only the parts are dumped, never spliced into a text: data strings can hold any character."""
    return "{" + ",".join(f"{dump(name)}:{text}" for name, text in sorted(members.items())) + "}"
