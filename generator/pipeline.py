"""Run the whole pipeline: load, model, index, render, and compose the site's outputs.

The one entry point both adapters call, with the :class:`~generator.settings.Settings` each
builds. :func:`generate` never prints and never raises for bad data or templates: it returns the
pages, the other files and the diagnostics, and the caller decides what to do.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator import exports
from generator.background import Background
from generator.diagnostics import Diagnostic, Severity, did_you_mean, errors
from generator.incremental import Changes, Session, SiteParts, templates_fingerprint
from generator.index import checks
from generator.index.graph import Index, build_index
from generator.load.briefings import Briefing, read_briefing, read_hand_written
from generator.load.changes import LastChanges, read_changes
from generator.load.coarsen import coarsen
from generator.load.dataset import display_path, load_dataset
from generator.load.history import History, read_history
from generator.model.records import RECORD_KINDS
from generator.render import explorer, mapdata, orientation
from generator.render.assets import Asset, static_assets
from generator.render.kept_pictures import KeptPictures
from generator.render.pages import Page, make_environment, render_briefings, render_pages
from generator.render.search import SearchDocument, search_documents
from generator.settings import Settings

ENTITY_FOLDERS = tuple(kind.folder for kind in RECORD_KINDS)

RENDER_HELPER_SHARE = 0.3
"""The fraction of the pages a forked helper renders while this process renders the rest
(:func:`generator.render.pages.render_pages`). The data files' child shares the second core
with it, so this process keeps the larger part; measured with ``scripts/benchmark.py``."""


@dataclass
class Result:
    """What a run produced.

    Attributes:
        pages: Generated pages; empty when any error was found.
        assets: Generated stylesheets, scripts and data files; empty when any error was found.
        search: The search document of each record page; empty when any error was found.
        briefings: The Markdown to build instead of a hand-written briefing that holds
            ``!!! judgement`` blocks (each shown as a boxed assessment), by docs-relative uri.
        history: The data folder's git history (read again only when ``HEAD`` moved).
        diagnostics: Every problem found, errors and warnings.
        index: The resolved graph, when the data could be indexed.
        notes: What the run left out and why, for the log (not problems in the data).
        changes: What changed since the session's last good run (only with a session, and only
            when nothing stops the build).
        exports: When the session makes the exports later (``Session.later_exports``), the
            function that makes them (:func:`generator.exports.data_files` with its data given:
            the caller may pass ``memo`` and ``build``); they are then not among ``assets``.
    """

    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    search: list[SearchDocument] = field(default_factory=list)
    briefings: dict[str, str] = field(default_factory=dict)
    history: History | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    index: Index | None = None
    notes: list[str] = field(default_factory=list)
    changes: Changes | None = None
    exports: Callable[..., list[Asset]] | None = None

    def __repr__(self) -> str:
        # The default repr would print the whole index: minutes and megabytes for a large dataset.
        return f"<Result: {len(self.pages)} pages, {len(self.assets)} assets, {len(self.diagnostics)} diagnostics>"

    @property
    def ok(self) -> bool:
        """True when nothing stops the build."""
        return not errors(self.diagnostics)


def generate(settings: Settings, *, history: History | None = None, session: Session | None = None) -> Result:
    """Load, validate, index and render a project's data, and compose every file of its site.

    Args:
        settings: Where the project's parts are and how its site is addressed.
        history: The history a previous run read (the preview's rebuilds): read again only when
            the repository's ``HEAD`` has moved.
        session: What the last runs kept (the preview's rebuilds): only the data files that
            changed are read and only the pages the changes reach are rendered
            (:mod:`generator.incremental`); ``Result.changes`` says what changed.
    """
    base = settings.base
    if session is not None:
        session.start()
    dataset = load_dataset(settings.seeds, base, session.files if session is not None else None)
    coarsened = coarsen(dataset, settings.coarsen) if settings.coarsen is not None else frozenset()
    texts, hand_written = read_hand_written(settings.docs, settings.briefings)
    parsed = [read_briefing(uri, text) for uri, text in sorted(texts.items())]
    index = build_index(dataset, parsed, seeds_name=display_path(settings.seeds, base))
    result = Result(diagnostics=dataset.diagnostics + index.diagnostics, index=index)
    docs_shown = display_path(settings.docs, base)
    result.diagnostics += _unknown_mentions(parsed, index, dataset.failed, docs_shown)
    for briefing in parsed:
        result.diagnostics += checks.briefing_warnings(briefing, f"{docs_shown}/{briefing.uri}")
    if not result.ok:
        return result
    result.history = read_history(settings.seeds, history)
    if not result.history.available:
        result.notes.append(f'no record history and no "What\'s new" page: {result.history.reason}')
    history_now = result.history

    def environment() -> jinja2.Environment:
        return make_environment(
            settings.templates,
            directory_urls=settings.directory_urls,
            site_name=settings.site_name,
            site_description=settings.site_description,
            coarsening=settings.coarsen,
            coarsened=coarsened,
            history=history_now,
            seeds=settings.seeds,
            kept=KeptPictures() if session is not None else None,
        )

    # What besides the records every page depends on. The template environment is made from the
    # same, so a session keeps it, and its compiled templates, while these stay the same.
    inputs = (
        settings,
        templates_fingerprint(settings.templates) if session is not None else (),
        coarsened,
        (history_now.available, history_now.head, history_now.reason),
    )
    try:
        env = environment() if session is None else session.environment(inputs, environment)
    except jinja2.TemplateError as exc:
        result.diagnostics.append(_template_error(exc, base))
        return result
    changes = read_changes(settings.seeds, result.history)
    # (The records found without a date travel back with the data files, for the note.)
    if session is None:
        # The data files only read the index, as the pages do: made on the second core meanwhile.
        assets = Background(lambda: (data_files(index, settings, changes), changes.missing))
    else:
        # A session makes the map's and the explorer's data from the parts it keeps: in this
        # process (a child's parts would be lost), after session.render has noted what changed.
        kept = session
        if session.later_exports:
            # The preview makes the exports later, on a thread of its own (Result.exports).
            assets = Background(lambda: (site_files(index, kept.site_parts()), changes.missing), fork=False)
        else:
            assets = Background(
                lambda: (data_files(index, settings, changes, kept.site_parts()), changes.missing), fork=False
            )
    try:
        if session is None:
            pages, documents = render_pages(index, env, helper_share=RENDER_HELPER_SHARE), list(search_documents(index))
        else:
            pages, documents = session.render(index, env, (*inputs, tuple(sorted(texts.items()))))
        briefings = render_briefings(index, env, texts)
    except jinja2.TemplateError as exc:
        assets.discard()
        result.diagnostics.append(_template_error(exc, base))
        return result
    result.diagnostics += _collisions(pages, set(hand_written), docs_shown, base)
    if not result.ok:
        assets.discard()
        return result
    result.pages = pages
    result.assets, changes.missing = assets.result()
    result.search = documents
    result.briefings = briefings
    if changes.note:
        result.notes.append(changes.note)
    if session is not None:
        if session.later_exports:
            result.exports = functools.partial(exports.data_files, index, settings, changes)
        session.emit(result.assets)
        result.changes = session.commit()
    return result


def data_files(
    index: Index, settings: Settings, changes: LastChanges | None = None, kept: SiteParts | None = None
) -> list[Asset]:
    """Every file of the site besides the pages, in a stable order.

    The static stylesheets and scripts, the map's data and orientation layers, the explorer's
    data (from the parts ``kept`` by a session, see :func:`site_files`), and the exports (dated
    by ``changes``, the records' last changes).
    """
    return [*site_files(index, kept), *exports.data_files(index, settings, changes)]


def site_files(index: Index, kept: SiteParts | None = None) -> list[Asset]:
    """The files of the site besides the pages and the exports: stylesheets, scripts, the map's
    data and orientation layers, and the explorer's data.

    ``kept``: the parts of the map's and the explorer's data a session keeps between runs
    (:meth:`generator.incremental.Session.site_parts`): only those the run's changes reach are
    made again. Without, every part is made; the bytes are the same.
    """
    map_memo, explorer_memo, build = (kept.map, kept.explorer, kept.build) if kept is not None else (None, None, 0)
    return [
        *static_assets(),
        *mapdata.data_files(index, map_memo, build),
        *orientation.data_files(index),
        *explorer.data_files(index, explorer_memo, build),
    ]


def _unknown_mentions(
    briefings: list[Briefing], index: Index, failed: dict[str, set[str]], docs_shown: str
) -> list[Diagnostic]:
    """Warn about briefing links to entity pages that no record produces.

    Links to records whose file failed to load are left alone: that file's error says enough.
    """
    known = {node.uri for nodes in (index.incidents, index.actors, index.places, index.sources) for node in nodes}
    found: list[Diagnostic] = []
    for briefing in briefings:
        for mention in briefing.mentions:
            folder, _, name = mention.target.partition("/")
            if folder not in ENTITY_FOLDERS or "/" in name or mention.target in known or name == "index.md":
                continue
            if name.removesuffix(".md") in failed.get(folder, set()):
                continue
            ids = [uri.split("/", 1)[1][:-3] for uri in known if uri.startswith(folder + "/")]
            found.append(
                Diagnostic(
                    f"{docs_shown}/{briefing.uri}",
                    mention.line,
                    mention.col,
                    f"link to {folder[:-1]} '{name[:-3]}', which has no record",
                    did_you_mean(name[:-3], ids, where=f"{folder} are in seeds/{folder}/"),
                    Severity.WARNING,
                )
            )
    return found


def _collisions(pages: list[Page], hand_written: set[str], docs_shown: str, base: Path) -> list[Diagnostic]:
    """A generated page must not replace a hand-written one of the same path."""
    return [
        Diagnostic(
            f"{docs_shown}/{page.uri}",
            0,
            0,
            "hand-written page has the same path as a generated page"
            + (f" (made from {display_path(page.origin, base)})" if page.origin else ""),
            "rename or move the hand-written page, or change the record's id",
        )
        for page in pages
        if page.uri in hand_written
    ]


def _template_error(exc: jinja2.TemplateError, base: Path) -> Diagnostic:
    """Locate a template error in the template file, not in Python."""
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None) or 0
    if filename is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2"):
                filename, line = frame.filename, frame.lineno or 0
                break
    shown = display_path(Path(filename), base) if filename else "templates"
    return Diagnostic(
        shown,
        line,
        0,
        f"template error: {exc.message or exc}",
        "fix the template; data fields are listed in the README",
    )
