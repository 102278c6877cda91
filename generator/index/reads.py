"""Which records a page reads while it is rendered: the page -> inputs map of the incremental build.

Part of the index stage. While a :class:`Reads` is active (``with Reads() as reads:``), every
node of the graph notes its page's uri when something reads what its record says (its record,
id or title, or a link to its page: :func:`note`; reading the ``uri`` field itself notes
nothing, so code that only tells records apart should use it), and every list the index
computed (an actor's incidents, a place's children, a source's citations..., and the index's own
lists of every incident, actor, place, source, briefing and possible duplicate) notes its owner
when it is iterated, measured or indexed (:class:`TrackedList`, which :func:`track_lists` and
:func:`track_index` install).

The preview keeps both sets for each page it renders: when a record changes, a page is rendered
again only when it read that record, or read a list that the change alters (a list whose items,
compared by ``list_key`` in :mod:`generator.incremental`, differ from the last run's). Outside a
recording nothing is noted and the lists are plain lists, so a full build pays nothing for this:
a node's record, id and title are plain attributes then, and only while a recording is active
does the node class carry the descriptors that note their reads (:func:`noted_attributes`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any, SupportsIndex, TypeVar, overload

T = TypeVar("T")


class _Recordings(threading.local):
    """The recordings in progress on one thread, innermost last (a stack, so that one can nest
    inside another). One stack per thread: the preview records the exports' reads on a thread of
    its own while the next rebuild records its pages' reads."""

    def __init__(self) -> None:
        self.stack: list[Reads] = []


_ACTIVE = _Recordings()


class Reads:
    """What one page read: the records it shows and the index's lists it went through.

    Attributes:
        records: Uris of the pages of the records whose content the page read.
        lists: Uris of the pages of the records whose computed lists the page read.
    """

    def __init__(self) -> None:
        self.records: set[str] = set()
        self.lists: set[str] = set()

    def __enter__(self) -> Reads:
        with _RECORDING:
            if not _RECORDING.count:
                _install(True)
            _RECORDING.count += 1
        _ACTIVE.stack.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _ACTIVE.stack.remove(self)
        with _RECORDING:
            _RECORDING.count -= 1
            if not _RECORDING.count:
                _install(False)


class _Count:
    """How many recordings are in progress on all threads, with the lock that guards the count."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    def __enter__(self) -> None:
        self.lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


_RECORDING = _Count()
"""The noting descriptors are on the node classes while any thread records (each notes only its own reads)."""


_NOTED: list[tuple[type, tuple[str, ...]]] = []
"""The classes whose instances note the reads of some of their attributes, and those attributes."""


class _Noted:
    """A data descriptor that notes its owner's uri on each read of one attribute, kept in the
    instance's ``__dict__``; a data descriptor of the class comes before the instance's own value."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        note(instance.uri)
        return instance.__dict__[self.name]

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.name] = value


def noted_attributes(*names: str) -> Any:
    """Class decorator: the instances (which have a ``uri``) note the reads of ``names`` during a recording.

    Outside a recording the attributes are the instance's own, read at the cost of any attribute.
    """

    def decorate(cls: type[T]) -> type[T]:
        with _RECORDING:
            _NOTED.append((cls, names))
            if _RECORDING.count:
                _install(True)
        return cls

    return decorate


def _install(active: bool) -> None:
    """Put the noting descriptors on the classes (a recording starts) or take them off (the last ended)."""
    for cls, names in _NOTED:
        for name in names:
            if active and not isinstance(cls.__dict__.get(name), _Noted):
                setattr(cls, name, _Noted(name))
            elif not active and isinstance(cls.__dict__.get(name), _Noted):
                delattr(cls, name)


def note(uri: str) -> None:
    """Note that the record of the page ``uri`` was read (nothing when no recording is active)."""
    stack = _ACTIVE.stack
    if stack:
        stack[-1].records.add(uri)


def _note_list(uri: str) -> None:
    stack = _ACTIVE.stack
    if stack:
        stack[-1].lists.add(uri)


class TrackedList(list[T]):
    """A list of the index that notes its owner's uri whenever it is read during a recording."""

    __slots__ = ("owner",)

    def __init__(self, items: Iterable[T], owner: str) -> None:
        super().__init__(items)
        self.owner = owner

    def __iter__(self) -> Iterator[T]:
        _note_list(self.owner)
        return super().__iter__()

    def __len__(self) -> int:
        _note_list(self.owner)
        return super().__len__()

    def __bool__(self) -> bool:
        _note_list(self.owner)
        return super().__len__() > 0

    def __contains__(self, item: object) -> bool:
        _note_list(self.owner)
        return super().__contains__(item)

    def __reversed__(self) -> Iterator[T]:
        _note_list(self.owner)
        return super().__reversed__()

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: Any) -> Any:
        _note_list(self.owner)
        return super().__getitem__(index)


LIST_FIELDS = (
    "participants",
    "citations",
    "related",
    "judgements",
    "children",
    "incidents",
    "incidents_within",
    "relations",
    "briefings",
)
"""The node attributes that hold lists the index computed (the graph's classes define them)."""


def track_lists(nodes: Iterable[Any]) -> None:
    """Make the computed lists of ``nodes`` note their reads (for an index that will be recorded)."""
    for node in nodes:
        for name in LIST_FIELDS:
            value = getattr(node, name, None)
            if type(value) is list:
                setattr(node, name, TrackedList(value, node.uri))


INDEX_LISTS = ("incidents", "actors", "places", "sources", "briefings", "duplicates")
"""The index's own lists (attributes of :class:`generator.index.graph.Index`) that pages read."""


def index_owner(name: str) -> str:
    """The owner noted when a page reads the index's list ``name``: never a page's uri."""
    return f"index:{name}"


def track_index(index: Any) -> None:
    """Make the index's own lists (:data:`INDEX_LISTS`) note their reads."""
    for name in INDEX_LISTS:
        value = getattr(index, name)
        if type(value) is list:
            setattr(index, name, TrackedList(value, index_owner(name)))
