"""The pipeline's memory between the preview's rebuilds: re-read, re-render and re-emit only what changed.

:func:`generator.pipeline.generate` takes a :class:`Session` when its caller keeps one (the MkDocs
plugin under ``mkdocs serve``). The session holds, from the last good run:

- the load results of every data file (:class:`generator.load.cache.FileCache`), so a save
  re-reads only the files whose size, time or content changed;
- the index, and for each record page what it read while it was rendered (the records it shows
  and the index's lists it went through, :mod:`generator.index.reads`): the page -> inputs map;
- every page's Markdown, search document and data file, so that the caller is told which of
  them changed;
- each incident's part of the map's and the explorer's data (:class:`SiteParts`), so that a save
  makes again only the parts it reaches (:mod:`generator.render.parts`).

A run indexes everything again (cheap), works out which records changed (added, removed, or a
different record or file) and which computed lists that alters (the lists of the records the
changed ones refer to before and after the change, of the places around those, of the changed
records themselves, and the index's own lists, each compared item by item with the last run's),
and renders again every page that read a changed record or an altered list, or whose plan (what
:func:`generator.render.pages.plan_pages` gives its template, compared the same way) changed.
Anything that could change every page (settings, the project's templates, the briefings, the
data's history, the coarsened coordinates' pages) makes it render everything. The pages it does
not render are the last run's, unchanged by construction. The state moves on only when a run
succeeds (:meth:`Session.commit`), so after a run with errors the next one is compared with the
last pages that were built.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.index.graph import ActorNode, IncidentNode, Index, Node, PlaceNode, SourceNode, record_uri
from generator.index.reads import INDEX_LISTS, LIST_FIELDS, Reads, index_owner, track_index, track_lists
from generator.load.cache import FileCache
from generator.render import search
from generator.render.assets import Asset
from generator.render.pages import Page, PagePlan, plan_pages, render_page
from generator.render.parts import Memo
from generator.render.search import SearchDocument

_DOCUMENTS: tuple[tuple[type[Node[Any]], Callable[[Any], SearchDocument]], ...] = (
    (IncidentNode, search.incident_document),
    (ActorNode, search.actor_document),
    (PlaceNode, search.place_document),
    (SourceNode, search.source_document),
)


@dataclass
class Changes:
    """What a run changed in the site, by docs-relative uri.

    Attributes:
        everything: True when every page was rendered again (first run, settings or templates
            changed...); the sets below still say which outputs differ.
        pages: Pages that are new or whose Markdown differs from the last run's.
        assets: Data files, scripts and stylesheets that are new or whose bytes differ.
        removed: Pages and files the last run had and this one does not.
        rendered: Pages rendered by this run (the others are the last run's).
        reparsed: Data files parsed by this run (the others came from the cache).
        records: Record pages whose record changed (added, removed or edited).
        lists: Owners of the computed lists whose items the changes alter (record pages, and
            ``index:...`` for the index's own lists, :mod:`generator.index.reads`): anything that
            read neither these lists nor the changed records is as the last run made it (the
            preview's exports keep their per-record parts by the same rule).
    """

    everything: bool
    pages: set[str] = field(default_factory=set)
    assets: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    rendered: list[str] = field(default_factory=list)
    reparsed: list[Path] = field(default_factory=list)
    records: set[str] = field(default_factory=set)
    lists: set[str] = field(default_factory=set)


@dataclass
class _State:
    index: Index
    fingerprint: tuple[Any, ...]
    pages: dict[str, Page]
    reads: dict[str, Reads]
    plans: dict[str, Any]
    """Each page's plan as :func:`list_key` sees it."""
    documents: dict[str, SearchDocument]
    assets: dict[str, Asset] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteParts:
    """The parts of the map's and the explorer's data that a session keeps, for one run.

    Attributes:
        map: The items of ``map-data.json`` (:func:`generator.render.mapdata.data_files`).
        explorer: The rows of ``explorer.json`` (:func:`generator.render.explorer.data_files`).
        build: The run whose index the files are made from (:meth:`generator.render.parts.Memo.begin`).
    """

    map: Memo
    explorer: Memo
    build: int


class Session:
    """What the preview keeps between rebuilds; see the module's description.

    Attributes:
        files: The data files' load results.
        later_exports: Whether runs leave the exports to be made later (``Result.exports``).
    """

    def __init__(self, *, later_exports: bool = False) -> None:
        self.files = FileCache()
        self.later_exports = later_exports
        self._state: _State | None = None
        self._pending: _State | None = None
        self._changes: Changes | None = None
        self._environment: tuple[tuple[Any, ...], jinja2.Environment] | None = None
        self._site = SiteParts(Memo(), Memo(), 0)
        self._site_unsettled = False
        """Whether the data files' parts were made for a run that has not been committed."""

    def environment(self, inputs: tuple[Any, ...], make: Callable[[], jinja2.Environment]) -> jinja2.Environment:
        """The template environment of the last run when it was made from the same ``inputs``
        (its templates are compiled already), else a new one from ``make``."""
        if self._environment is None or self._environment[0] != inputs:
            self._environment = (inputs, make())
        return self._environment[1]

    def start(self) -> None:
        """Begin a run."""
        self.files.start()
        self._pending = None
        self._changes = None
        if self._site_unsettled:
            # The last run made parts from data it did not commit; the next is compared with the
            # last committed run, which those parts may not show: make them all again.
            for memo in (self._site.map, self._site.explorer):
                memo.note(self._site.build, everything=True, records=set(), lists=set())
            self._site_unsettled = False

    def site_parts(self) -> SiteParts:
        """The kept parts of the map's and the explorer's data, for the files of the run in
        progress (after :meth:`render`, which notes what the run changed): until the run is
        committed, the next run makes every part again."""
        self._site_unsettled = True
        return self._site

    @property
    def kept_parts(self) -> SiteParts:
        """The kept parts of the map's and the explorer's data, to look at (for the log and tests)."""
        return self._site

    def render(
        self, index: Index, env: jinja2.Environment, fingerprint: tuple[Any, ...]
    ) -> tuple[list[Page], list[SearchDocument]]:
        """The site's pages and record search documents, rendering only what the changes reach.

        Args:
            index: This run's index.
            env: The template environment.
            fingerprint: Everything besides the records that pages depend on (settings, templates,
                briefings, history...): when it differs from the last run's, every page is rendered.

        Returns:
            Every page, in the order of :func:`generator.render.pages.render_pages`, and the search
            document of every record page, in the order of :func:`generator.render.search.search_documents`.
        """
        track_lists(_nodes(index).values())
        track_index(index)
        plans = plan_pages(index, env)
        last = self._state
        everything = last is None or last.fingerprint != fingerprint
        changed: set[str] = set()
        altered: set[str] = set()
        if last is not None and not everything:
            changed, altered = _record_changes(last.index, index)
        # The data files' parts are dropped by the same changes (counted from the last committed
        # run: a run that fails after this notes a change the next run notes again, no harm).
        self._site = site = SiteParts(self._site.map, self._site.explorer, self._site.build + 1)
        for memo in (site.map, site.explorer):
            memo.note(site.build, everything=everything, records=changed, lists=altered)
        pages: dict[str, Page] = {}
        reads: dict[str, Reads] = {}
        keys: dict[str, Any] = {}
        documents: dict[str, SearchDocument] = {}
        report = Changes(everything, reparsed=list(self.files.parsed), records=changed, lists=altered)
        for plan in plans:
            keys[plan.uri] = key = list_key(plan.values)
            kept = None if everything or last is None else last.pages.get(plan.uri)
            if kept is not None and last is not None and not _reaches(plan.uri, key, last, changed, altered):
                pages[plan.uri] = kept
                reads[plan.uri] = last.reads[plan.uri]
                if plan.node is not None:
                    documents[plan.uri] = last.documents[plan.uri]
                continue
            pages[plan.uri] = self._render(plan, index, env, reads, documents)
            report.rendered.append(plan.uri)
            if kept is None or kept.markdown != pages[plan.uri].markdown:
                report.pages.add(plan.uri)
        if last is not None:
            report.removed = set(last.pages) - set(pages)
        self._pending = _State(index, fingerprint, pages, reads, keys, documents)
        self._changes = report
        order = [document for node in _record_nodes(index) if (document := documents.get(node.uri)) is not None]
        return list(pages.values()), order

    def _render(
        self,
        plan: PagePlan,
        index: Index,
        env: jinja2.Environment,
        reads: dict[str, Reads],
        documents: dict[str, SearchDocument],
    ) -> Page:
        """Render one page, noting what it reads; for a record's page, make its search document."""
        with Reads() as read:
            page = render_page(plan, index, env)
            if plan.node is not None:
                documents[plan.uri] = _document(plan.node)
        reads[plan.uri] = read
        return page

    def emit(self, assets: list[Asset]) -> None:
        """Note this run's data files, to tell which of them changed."""
        assert self._pending is not None and self._changes is not None
        self._pending.assets = {asset.uri: asset for asset in assets}
        last = self._state.assets if self._state is not None else {}
        for asset in assets:
            old = last.get(asset.uri)
            if old is None or old.data != asset.data:
                self._changes.assets.add(asset.uri)
        self._changes.removed |= set(last) - set(self._pending.assets)

    def commit(self) -> Changes:
        """Make the run's pages the ones the next run compares with, and say what it changed."""
        assert self._pending is not None and self._changes is not None
        self._state, self._pending = self._pending, None
        self._site_unsettled = False
        return self._changes


def _document(node: Node[Any]) -> SearchDocument:
    for kind, make in _DOCUMENTS:
        if isinstance(node, kind):
            return make(node)
    raise TypeError(f"no search document for {type(node).__name__}")


def _record_nodes(index: Index) -> Iterable[Node[Any]]:
    """The record nodes in the order of :func:`generator.render.search.search_documents`."""
    yield from index.incidents
    yield from index.actors
    yield from index.places
    yield from index.sources


def _nodes(index: Index) -> dict[str, Node[Any]]:
    return {node.uri: node for node in _record_nodes(index)}


def _same(old: Node[Any] | None, new: Node[Any] | None) -> bool:
    """Whether a record is the same in two runs: the same file and an equal record."""
    if old is None or new is None:
        return False
    if old.entry is new.entry:
        return True
    return old.entry.file == new.entry.file and old.entry.record == new.entry.record


def _record_changes(old: Index, new: Index) -> tuple[set[str], set[str]]:
    """The pages of the records that changed, and the owners of the computed lists the change alters.

    A record's lists (an actor's incidents, a place's children and the incidents within it, a
    source's citations, an incident's related incidents...) hold the records that refer to it, so
    a change can alter the lists of every record the changed one refers to, before and after it,
    and of the places that enclose those (a place's incidents include those of the places inside
    it); the changed records' own lists too, and the index's lists of every record. Of those, the
    lists whose items differ from the last run's (:func:`list_key`) are altered.
    """
    before, after = _nodes(old), _nodes(new)
    changed = {uri for uri in before.keys() | after.keys() if not _same(before.get(uri), after.get(uri))}
    owners: set[str] = set()
    for uri in changed:
        for nodes in (before, after):
            node = nodes.get(uri)
            if node is None:
                continue
            targets = {uri} | {record_uri(kind.folder, wanted) for _, kind, wanted in node.entry.references}
            for target in targets:
                owners.add(target)
                for version in (before, after):
                    place = version.get(target)
                    if isinstance(place, PlaceNode):
                        owners.update(ancestor.uri for ancestor in place.ancestors)
    altered = {uri for uri in owners if _lists(before.get(uri)) != _lists(after.get(uri))}
    if changed:
        altered.update(
            index_owner(name) for name in INDEX_LISTS if list_key(getattr(old, name)) != list_key(getattr(new, name))
        )
    return changed, altered


def _lists(node: Node[Any] | None) -> Any:
    """A node's computed lists as :func:`list_key` sees them (``None`` for no node)."""
    if node is None:
        return None
    return tuple(list_key(getattr(node, name, None)) for name in LIST_FIELDS)


def list_key(value: Any) -> Any:
    """What a page reading ``value`` (a computed list, or a page's plan) can see in it besides the
    content of the records it holds.

    Nodes count by their page (a page that reads a node's record notes that record itself);
    links and other dataclasses by their fields, taken the same way; lists, tuples and dicts by
    their items; everything else (the records' parts a link holds, strings, numbers) by value.
    Two runs' lists with equal keys look the same to every page that reads them.
    """
    if isinstance(value, Node):
        return value.uri
    if isinstance(value, list | tuple):
        return tuple(list_key(item) for item in value)
    if isinstance(value, dict):
        return tuple((name, list_key(item)) for name, item in value.items())
    names = _field_names(type(value))
    if names is not None:
        return (type(value).__name__, *(list_key(getattr(value, name)) for name in names))
    return value


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass type, else ``None`` (asked once per type: asking a pydantic model
    type whether it is a dataclass costs a failed attribute lookup, 0.2 ms, each time)."""
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    return _FIELD_NAMES[kind]


def _reaches(uri: str, plan: Any, last: _State, changed: set[str], altered: set[str]) -> bool:
    """Whether a change reaches a page: its plan changed, or it read a changed record or an altered list."""
    if last.plans.get(uri) != plan:
        return True
    read = last.reads[uri]
    return not read.records.isdisjoint(changed) or not read.lists.isdisjoint(altered)


def templates_fingerprint(folder: Path | None) -> tuple[tuple[str, int, int], ...]:
    """The project's template files by path, size and modification time (any change renders everything)."""
    if folder is None or not folder.is_dir():
        return ()
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath, name)
            try:
                stat = path.stat()
            except OSError:
                continue
            found.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)
