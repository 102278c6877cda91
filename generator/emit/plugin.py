"""The MkDocs plugin: generated pages join the build in memory.

The only module that imports MkDocs. ``on_pre_build`` runs the pipeline (before MkDocs cleans the
site folder, so bad data leaves the last good site in place) and ``on_files`` adds each page with
``File.generated`` (never writing into ``docs/``, which would make ``mkdocs serve`` rebuild in a
loop); errors in the data stop the build with a ``PluginError`` that lists them all, warnings go
to the plugin logger so ``mkdocs build --strict`` fails on them. ``on_serve`` watches the data
and template folders so editing a YAML file rebuilds the site.

Under ``mkdocs serve`` the data's problems must reach the analyst on every save. A failed MkDocs
build would leave the server answering no request until a good one, and MkDocs' command line
prints an identical error only once, so there errors do not stop the build: each is logged on
every rebuild, the last good pages are built again, and every page carries the problems panel
(``overlay``); warnings never stop the preview, whatever ``strict`` says (``mkdocs build`` still
applies it). The serving methods are marked below.

Search: when the theme's search plugin is on, its search box is answered from a Pagefind index
(``generator/emit/pagefind.py``) that ``on_post_build`` builds from each record page's lean
document (``generator/render/search.py``) and from the article of every other page, and each
page's configuration points the theme at ``assets/briefing/search-worker.js``. The theme's own
index is left empty (every page is marked ``search: exclude`` for it), which also saves the
time it would spend on it; a page's own ``search: exclude: true`` still keeps it out of Pagefind.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import logging
import os
import re
import threading
from pathlib import Path
from typing import Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler, clean_directory

from generator.diagnostics import Diagnostic, errors, format_all, warnings
from generator.emit import overlay, serving
from generator.emit.compiled import KeptTemplates
from generator.emit.files import write_atomic
from generator.emit.later import Later, Task, WrittenFiles
from generator.emit.memory import QuietCollector
from generator.emit.pagefind import SearchBundle, SearchIndexError
from generator.emit.stopping import GracefulStop
from generator.incremental import Session
from generator.load.history import History
from generator.pipeline import Result, generate
from generator.render import credits
from generator.render.assets import SITE_FOLDER, Asset, static_assets, stylesheets
from generator.render.pages import Page
from generator.render.parts import Memo
from generator.render.search import SearchDocument
from generator.render.urls import page_url
from generator.settings import PLUGIN_DEFAULTS, SITE_DEFAULTS, Settings, SettingsError, make_settings

log = get_plugin_logger("briefing")
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
COPYRIGHT = '<div class="md-copyright">'
REPOSITORY_FACTS = ' data-md-component="source"'
"""Marks the theme's repository link (shown with ``repo_url``) for its script, which then asks
the repository host's API for the stars and forks and the latest release: a request to another
host from every page. Without the mark the link stays, as a plain link."""
THEME_TAGS = "material/tags"
"""The theme's tags plugin, whose index of tags a dirty build must give every page's tags."""
TAGS_LISTING = "<!-- material/tags"
THEME_SEARCH = "material/search"
"""The theme's search plugin: it draws the search box, which the plugin answers with Pagefind."""
SEARCH_SCRIPT = f"{SITE_FOLDER}/search.js"
SEARCH_WORKER = f"{SITE_FOLDER}/search-worker.js"
SEARCH_STARTED = "search index started"
"""The :class:`Later` task that starts Pagefind (the task ``search`` waits for it)."""
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\r?\n.*?^(?:-{3}|\.{3})[ \t]*\r?\n", re.DOTALL | re.MULTILINE)
_TITLE = re.compile(r"^(?:title:|# )[ \t]*(.*)$", re.MULTILINE)
_THEME_WORKER = re.compile(r'("search":\s*"[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')


PREVIEW_STATUS = ".briefing-preview.json"
"""Under ``mkdocs serve``, the file at the site's root that says which rebuild the site
shows and which pages that rebuild built (see :meth:`BriefingPlugin._write_status`)."""
_DIRTY_WARNING = "A 'dirty' build is being performed"


class _GeneratedFile(File):
    """A generated page or file that tells MkDocs' ``--dirty`` build whether it changed.

    MkDocs counts every in-memory file as modified; the plugin knows which pages' Markdown and
    which files' bytes differ from the build before, and says so, so only those are built again.
    """

    modified = True

    def is_modified(self) -> bool:
        return self.modified


@functools.lru_cache(maxsize=1 << 16)
def _edit_uri(origin: Path, docs_dir: str) -> str:
    """A record's YAML file relative to ``docs_dir`` (kept: each save asks it of every record)."""
    return Path(os.path.relpath(origin, docs_dir)).as_posix()


def _detached(mapping: Any) -> Any:
    """A copy of the tags plugin's entry of a page that holds its tags but not the page (which
    belongs to a finished build)."""
    kept = copy.copy(mapping)
    kept.item, kept.tags = None, set(mapping.tags)
    return kept


class _QuietDirty(logging.Filter):
    """Drops MkDocs' warning that a dirty build may be inaccurate: the plugin keeps it accurate."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


class BriefingConfig(Config):
    """Options under ``plugins: - briefing:`` in ``mkdocs.yml``; paths relative to that file.

    Their meaning and defaults are :data:`generator.settings.PLUGIN_DEFAULTS`.
    """

    seeds = c.Type(str, default=PLUGIN_DEFAULTS["seeds"])
    templates = c.Type(str, default=PLUGIN_DEFAULTS["templates"])
    briefings = c.Type(str, default=PLUGIN_DEFAULTS["briefings"])
    acled_inter = c.Choice(("labels", "numeric"), default=PLUGIN_DEFAULTS["acled_inter"])
    id_namespace = c.Type(str, default=PLUGIN_DEFAULTS["id_namespace"])
    tlp = c.Choice(("", "white", "green", "amber", "red"), default=PLUGIN_DEFAULTS["tlp"])
    licence = c.Type(str, default=PLUGIN_DEFAULTS["licence"])
    coarsen = c.Optional(c.Type(dict))
    """Coarsen coordinates for a public build: :data:`generator.settings.COARSEN_OPTION`."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Adds the incident, actor, place and source pages and their index pages to the site."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.assets: list[Asset] = []
        self.credits = ""
        self.serving = False
        self.problems: list[Diagnostic] = []
        self.mkdocs_warnings = serving.WarningLog(skip=(log.logger.name, "mkdocs.livereload"))
        self.search = False
        self.search_documents: dict[str, SearchDocument] = {}
        """Lean search documents of the record pages, by page uri."""
        self.document_html: dict[str, tuple[SearchDocument, str, bytes]] = {}
        """The HTML Pagefind reads of each of those documents (with the document and language it is of)."""
        self.articles: dict[str, bytes] = {}
        """Search documents of the other pages (their article's HTML), by site URL."""
        self.excluded: set[str] = set()
        """Pages whose own front matter says ``search: exclude: true``, by uri."""
        self.bundle: SearchBundle | None = None
        self.history: History | None = None
        """The data folder's history as last read; a rebuild reads it again only when HEAD moved."""
        self.briefings: dict[str, str] = {}
        """Briefings whose judgement blocks are shown as boxed assessments: the Markdown to build, by uri."""
        self.dirty = False
        """``mkdocs serve --dirty``: rebuild only the pages that changed (the plugin keeps that correct)."""
        self.session: Session | None = None
        """What the pipeline keeps between the preview's rebuilds."""
        self.memory: QuietCollector | None = None
        """Under ``mkdocs serve``: collects the preview's garbage between rebuilds, not during them."""
        self.stop = GracefulStop()
        """Under ``mkdocs serve``: ``kill`` stops the preview as Ctrl+C does, so it cleans up."""
        self.compiled = KeptTemplates()
        """Under ``mkdocs serve``: the theme's templates as the last build compiled them."""
        self.result: Result | None = None
        self.rebuild_all = True
        """Whether the next dirty build must build every page (first build, changed mkdocs.yml or
        hand-written pages, a failed build...)."""
        self.inputs: tuple[Any, ...] | None = None
        """What besides the data every page shows: mkdocs.yml, the hand-written pages, the footer's
        credits and the problems panel, as of the last build."""
        self.outputs: set[str] = set()
        """The generated pages and files of the last build, by docs-relative uri."""
        self.had_notices = False
        """Whether MkDocs logged warnings in the last build (only a full build logs them all again)."""
        self.build_count = 0
        self.built: list[str] = []
        """Pages MkDocs built in the current build, by docs-relative uri."""
        self.page_urls: set[str] = set()
        self.later: Later | None = None
        """Under ``--dirty``: makes the exports and the search index a moment after each rebuild."""
        self.exports = WrittenFiles()
        """Under ``--dirty``: the exports as the site holds them."""
        self.export_parts = Memo()
        """Under ``--dirty``: the exports' per-record parts, so a save makes again only those it reaches."""
        self.exports_written: list[str] = []
        self.indexing = 0
        """How many pages the Pagefind run going on the :class:`Later` thread indexes."""
        self.caught_up = {"exports": 0, "search": 0}
        """The rebuild whose exports, and whose search index, the site holds."""
        self.everything = True
        """Whether this build builds every page."""
        self.site_dir: Path | None = None
        self.status_lock = threading.Lock()
        self.status: dict[str, Any] = {}
        """What the preview's status file says of the last finished build."""
        self.tag_mappings: dict[str, Any] = {}
        """The theme's tags plugin's entry of each tagged page as the last dirty build left it, by
        URL (without the page: :func:`_detached`)."""
        self.known_pages: dict[str, tuple[dict[str, Any], str | None]] = {}
        """Each page's front matter and title as last read, by docs-relative uri: a dirty build
        does not read the pages that did not change, whose titles other pages still show."""

    def _settings(self, config: MkDocsConfig) -> Settings:
        base = Path(config.config_file_path or ".").resolve().parent
        try:
            return make_settings(base, dict(self.config), {key: config[key] for key in SITE_DEFAULTS})
        except SettingsError as exc:
            raise PluginError(f"{exc.message}\n  hint: {exc.hint}") from None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is a preview, and a dirty one; defining this hook also keeps the
        plugin across rebuilds."""
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        if self.serving:
            self.session = Session(later_exports=self.dirty)
            self.memory = QuietCollector()
            self.stop.install()
        if self.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())

    def on_shutdown(self) -> None:
        """Remove the search documents' folder, and let the exports' worker end."""
        self.stop.uninstall()
        if self.later is not None:
            self.later.stop()
        if self.memory is not None:
            self.memory.stop()
        if self.bundle is not None:
            self.bundle.close()
            self.bundle = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the plugin's stylesheets to the site, and its search script when the theme has search;
        in a preview, keep warnings from stopping it."""
        config.extra_css.extend(stylesheets(static_assets()))
        theme_search = config.plugins.get(THEME_SEARCH)
        self.search = theme_search is not None and bool(theme_search.config.get("enabled", True))
        if self.search:
            config.extra_javascript.append(SEARCH_SCRIPT)
        if not self.dirty:
            self.articles = {}
            self.excluded = set()
        if self.serving:
            self._preview_ignores_strict()
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Generate every page from the data, before MkDocs cleans the site folder.

        Running here rather than in ``on_files`` means bad data stops the build while the
        previous site is still intact.
        """
        self.build_count += 1
        self.built = []
        if self.memory is not None:
            self.memory.busy()
        result = generate(self._settings(config), history=self.history, session=self.session)
        self.result = result
        self.history = result.history or self.history
        self.problems = result.diagnostics
        for note in result.notes:
            log.info(note)
        for warning in warnings(result.diagnostics):
            log.warning(warning.format(severity=False))
        found = errors(result.diagnostics)
        if found and self.serving:
            self._preview_keeps_last_pages(found)
            return
        if found:
            count = len(found)
            raise PluginError(
                f"{format_all(found)}\n{count} error{'s' if count != 1 else ''} in the data; nothing was built."
            )
        if self.dirty and result.changes is not None:
            changes = result.changes
            self.export_parts.note(
                self.build_count, everything=changes.everything, records=changes.records, lists=changes.lists
            )
        self.pages = result.pages
        self.assets = result.assets
        self.credits = credits.footer_html(result.index) if result.index is not None else ""
        self.search_documents = {document.uri: document for document in result.search}
        self.briefings = result.briefings

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages to the build, in memory; in a dirty preview, mark which changed."""
        changes = self.result.changes if self.result is not None else None
        everything = not self.dirty or self._rebuild_everything(config, files) or changes is None
        self.everything = everything
        if self.dirty and everything:
            self._later().supersede(self.build_count)  # this build does the work itself
            if self.bundle is not None:
                self.bundle.settle()  # a Pagefind run of an overtaken job must not write into the cleaned site
            clean_directory(config.site_dir)  # as MkDocs does before a clean build
            self.articles, self.excluded = {}, set()
        outputs: set[str] = set()
        for uri, data, modified in self._exports(everything):
            file = cast(_GeneratedFile, _GeneratedFile.generated(config, uri, content=data))
            file.modified = modified
            files.append(file)
            outputs.add(uri)
        in_nav = _nav_pages(config.nav)
        for page in self.pages:
            # A listed page the site's own `nav` leaves out (What's new, Possible duplicates) is
            # built and linked but not announced on every build as "not included in the nav".
            listed = page.listed and (in_nav is None or page.uri in in_nav)
            inclusion = InclusionLevel.INCLUDED if listed else InclusionLevel.NOT_IN_NAV
            file = cast(
                _GeneratedFile, _GeneratedFile.generated(config, page.uri, content=page.markdown, inclusion=inclusion)
            )
            # A page that lists tags shows every page's tags and titles: it is built every time.
            file.modified = everything or changes is None or page.uri in changes.pages or TAGS_LISTING in page.markdown
            if page.origin is not None:
                # "Edit this page" opens the record's YAML, not a Markdown file that does not exist.
                file.edit_uri = _edit_uri(page.origin, config.docs_dir)
            files.append(file)
            outputs.add(page.uri)
        for asset in self.assets:
            file = cast(_GeneratedFile, _GeneratedFile.generated(config, asset.uri, content=asset.data))
            file.modified = everything or changes is None or asset.uri in changes.assets
            files.append(file)
            outputs.add(asset.uri)
        if self.dirty and not everything:
            self._remove_outputs(config, self.outputs - outputs)
        self.outputs = outputs
        self.page_urls = {file.url for file in files.documentation_pages()}
        if self.dirty and not everything:
            _build_tag_listings(files)
        if self.dirty and changes is not None and not everything:
            log.info(
                f"generated {len(self.pages)} pages: {len(changes.rendered)} rendered again, "
                f"{len(changes.pages)} changed; {len(changes.reparsed)} data files read again"
            )
        else:
            log.info(f"generated {len(self.pages)} pages")
        return files

    def _exports(self, everything: bool) -> list[tuple[str, bytes, bool]]:
        """Under ``--dirty``, the exports to list among the site's files, ``(uri, bytes, modified)``
        each: when every page is built, the new ones, made now; else what the site holds (MkDocs
        does not write them again; the new ones follow on the :class:`Later` thread)."""
        if not self.dirty:
            return []
        pending = self.result.exports if self.result is not None and self.result.ok else None
        if everything and pending is not None:
            made = pending(memo=self.export_parts, build=self.build_count)
            self.exports.files = {asset.uri: asset.data for asset in made}
            self.exports_written = sorted(self.exports.files)
            assert self.result is not None
            self.result.exports = None  # made: nothing left for later
        if everything:
            # The exports agree with the pages this build shows (the last good ones, after an error).
            self.caught_up["exports"] = self.build_count
        return [(uri, data, everything) for uri, data in sorted(self.exports.files.items())]

    def _later(self) -> Later:
        if self.later is None:
            self.later = Later(self._later_done)
        return self.later

    def _later_tasks(self, config: MkDocsConfig) -> list[Task]:
        """The work of this rebuild that the :class:`Later` thread does: the exports and the search
        index, from what this rebuild made (taken now: the next rebuild replaces it).

        Pagefind is a program of its own: it is started first and indexes on the second core while
        the exports are made, and waited for last."""
        tasks: list[Task] = []
        site_dir = Path(config.site_dir)
        make = self.result.exports if self.result is not None else None
        build = self.build_count
        if self.search:
            documents = self._search_documents(config)
            tasks.append((SEARCH_STARTED, lambda: self._start_index(documents, site_dir)))
        if make is not None:

            def write_exports() -> None:
                made = make(memo=self.export_parts, build=build)
                self.exports_written = self.exports.write(site_dir, {asset.uri: asset.data for asset in made})
                log.info(f"exports of rebuild {build}: {self.export_parts.made} record parts made again")

            tasks.append(("exports", write_exports))
        if self.search:
            tasks.append(("search", self._finish_index))
        return tasks

    def _start_index(self, documents: dict[str, bytes], site_dir: Path) -> None:
        if self.bundle is None:
            self.bundle = SearchBundle()
        self.bundle.update(documents)
        self.bundle.start(site_dir)
        self.indexing = len(documents)

    def _finish_index(self) -> None:
        assert self.bundle is not None
        self.bundle.wait()
        log.info(f"indexed {self.indexing} pages for search")

    def _later_done(self, build: int, task: str, error: Exception | None) -> None:
        """The thread did (or failed to do) a task of rebuild ``build``."""
        if self.memory is not None:
            self.memory.settle()
        if error is not None:
            log.error(f"the {task} of rebuild {build} could not be made: {error}")
            return
        if task not in self.caught_up:
            return  # a step of a task, not the task
        with self.status_lock:
            self.caught_up[task] = max(self.caught_up[task], build)
        if self.site_dir is not None and self.status:
            self._write_status(self.site_dir)

    def _rebuild_everything(self, config: MkDocsConfig, files: Files) -> bool:
        """Whether this dirty build must build every page: something every page shows has changed.

        That is mkdocs.yml, the hand-written pages and the generated pages of the navigation (their
        titles are in every page's navigation), the footer's data credits, the problems panel, the warnings MkDocs logged last time (they
        would be lost if their pages were not built again), or a build that failed.
        """
        pages = tuple(
            (file.src_uri, os.stat(file.abs_src_path).st_mtime_ns)
            for file in files
            if file.abs_src_path is not None and file.generated_by is None
        )
        config_file = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        problems = tuple(problem.format() for problem in self.problems) if self.serving else ()
        # The navigation: the listed generated pages and their titles.
        navigation = tuple((page.uri, _title_line(page.markdown)) for page in self.pages if page.listed)
        inputs = (config_file, pages, navigation, self.credits, problems)
        everything = self.rebuild_all or self.had_notices or inputs != self.inputs
        self.inputs = inputs
        self.rebuild_all = False
        return everything

    def _remove_outputs(self, config: MkDocsConfig, uris: set[str]) -> None:
        """Delete what the last build wrote for pages and files that are gone (a deleted or renamed record)."""
        site = Path(config.site_dir)
        for uri in sorted(uris):
            # Where the last build wrote it (a dirty build keeps mkdocs.yml, so the same rule).
            path = Path(File.generated(config, uri, content=b"").abs_dest_path)
            path.unlink(missing_ok=True)
            folder = path.parent
            while folder != site and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent

    @event_priority(110)  # before the theme's tags plugin (100) makes its index of tags
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """In a preview, let the theme's templates be the ones compiled before (the environment
        is new at every build). In a dirty build, give the pages that were not read this time their
        front matter and title as last read (unchanged, or they would have been read), so the
        navigation and the tags index show them as a clean build does; and put their tags in the
        tags plugin's index."""
        if self.serving:
            self.compiled.give(env)
        if not self.dirty:
            return env
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        for page in pages:
            if page.markdown is not None:
                self.known_pages[page.file.src_uri] = (dict(page.meta), page.title)
            elif page.file.src_uri in self.known_pages:
                meta, title = self.known_pages[page.file.src_uri]
                page.meta, page.title = dict(meta), title
        tags = config.plugins.get(THEME_TAGS)
        mappings = getattr(tags, "mappings", None)
        if tags is not None and tags.config.get("enabled", True) and mappings is not None:
            # The tags plugin's index of pages, in the order a clean build adds them. A page not
            # read this time has the tags it had (reading them again from its front matter would
            # validate 10,000 pages' tags at every save).
            read = dict(mappings.data)
            mappings.data.clear()
            kept: dict[str, Any] = {}
            for page in pages:
                if page.markdown is not None:
                    if page.url in read:
                        mappings.data[page.url] = read[page.url]
                        kept[page.url] = _detached(read[page.url])
                elif page.url in self.tag_mappings:
                    kept[page.url] = last = self.tag_mappings[page.url]
                    mapping = copy.copy(last)
                    mapping.item, mapping.tags = page, set(last.tags)
                    mappings.data[page.url] = mapping
                elif tags.filter(page.file) and (added := mappings.add(page, "")) is not None:
                    kept[page.url] = _detached(added)
            self.tag_mappings = kept
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Show a briefing's judgements as boxed assessments; note a page's own ``search: exclude``,
        then keep every page out of the theme's index."""
        markdown = self._with_assessments(markdown, page.file.src_uri)
        if self.search:
            own = page.meta.get("search")
            if isinstance(own, dict) and own.get("exclude"):
                self.excluded.add(page.file.src_uri)
            else:
                self.excluded.discard(page.file.src_uri)
            # Pagefind answers the search box; the theme's index would cost time and bytes.
            page.meta["search"] = {**(own if isinstance(own, dict) else {}), "exclude": True}
        return markdown

    def _with_assessments(self, markdown: str, uri: str) -> str:
        """The briefing as the pipeline rendered it when it holds judgements (the file without its
        front matter, which MkDocs has already read), else the page as it is."""
        rendered = self.briefings.get(uri)
        if rendered is None:
            return markdown
        return _FRONT_MATTER.sub("", rendered, count=1)

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        """Name the theme's search dialog, which it leaves unnamed (an accessibility error), keep the
        repository link from calling the host's API (the site loads nothing from other hosts), put
        the data credits in the footer (a CC BY dataset asks for them wherever its data shows), point
        the theme's search at Pagefind and keep the article for the index; in a preview, add the
        problems panel."""
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
        output = output.replace(REPOSITORY_FACTS, "")  # the header's link and the drawer's
        output = output.replace(COPYRIGHT, COPYRIGHT + self.credits, 1)
        self.built.append(page.file.src_uri)
        if self.search:
            uri = page.file.src_uri
            if uri not in self.search_documents and uri not in self.excluded:
                self.articles[page.url] = _article_document(page.title or "", page.content or "", _language(config))
            else:
                self.articles.pop(page.url, None)
            output = self._with_pagefind(output)
        return self._with_problems(output)

    def _with_pagefind(self, output: str) -> str:
        """A page whose configuration sends the theme's search to the Pagefind worker."""
        return _THEME_WORKER.sub(r"\1" + SEARCH_WORKER + '"', output, count=1)

    def _search_documents(self, config: MkDocsConfig) -> dict[str, bytes]:
        """The search document of every page that is not excluded from search, by site URL."""
        language = _language(config)
        made: dict[str, tuple[SearchDocument, str, bytes]] = {}
        documents: dict[str, bytes] = {}
        for uri, document in self.search_documents.items():
            if uri in self.excluded:
                continue
            kept = self.document_html.get(uri)
            if kept is None or kept[0] is not document or kept[1] != language:
                # A record the rebuild did not render again keeps its document object: its HTML too.
                kept = (document, language, document.html(language).encode("utf-8"))
            made[uri] = kept
            documents[page_url(uri, directory_urls=config.use_directory_urls)] = kept[2]
        self.document_html = made
        documents.update((url, article) for url, article in self.articles.items() if url in self.page_urls)
        return documents

    def _index(self, documents: dict[str, bytes], site_dir: Path) -> None:
        """Build the Pagefind index of ``documents`` into the site.

        Raises:
            SearchIndexError: Pagefind is missing or failed.
        """
        if self.bundle is None:
            self.bundle = SearchBundle()
        try:
            self.bundle.update(documents)
            self.bundle.build(site_dir)
        finally:
            if not self.serving:
                self.bundle.close()
                self.bundle = None
        log.info(f"indexed {len(documents)} pages for search")

    def _build_search_index(self, config: MkDocsConfig) -> None:
        """Build the Pagefind index of every page that is not excluded from search, now."""
        try:
            self._index(self._search_documents(config), Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(f"search index: {exc}") from None
        self.caught_up["search"] = self.build_count

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a data file or a template changes; refuse an address already in use."""
        host, port = config.dev_addr.host, config.dev_addr.port
        if serving.address_in_use(host, port):
            message, hint = serving.busy_message(host, port)
            raise Abort(f"{message}\n  hint: {hint}")
        settings = self._settings(config)
        for path in (settings.seeds, settings.templates):
            if path is not None and path.exists():
                server.watch(str(path))
        return server

    # --- the preview (mkdocs serve) ---------------------------------------------------------

    def _preview_ignores_strict(self) -> None:
        """Keep warnings from stopping the preview, and collect them for the problems panel.

        MkDocs counts warnings for ``strict`` with a handler it adds to its logger for each
        build, before this hook runs; a filter on that handler leaves the messages shown and
        uncounted. The handler goes with the build, and the filter with it.
        """
        root = logging.getLogger("mkdocs")
        for handler in root.handlers:
            if isinstance(handler, CountHandler):
                handler.addFilter(lambda record: False)
        self.mkdocs_warnings.messages.clear()
        if self.mkdocs_warnings not in root.handlers:
            root.addHandler(self.mkdocs_warnings)

    def _preview_keeps_last_pages(self, found: list[Diagnostic]) -> None:
        """Log every error again on this rebuild and keep the last good pages in the build.

        Logged one by one on the plugin's logger, which MkDocs' duplicate filter does not touch,
        so the same mistake saved twice is shown twice.
        """
        for problem in sorted(found):
            log.error(problem.format(severity=False))
        count = len(found)
        kept = "the last good pages" if self.pages else "no generated pages yet"
        log.error(
            f"{count} error{'s' if count != 1 else ''} in the data: the preview shows {kept}, "
            "with the problems over every page"
        )

    def _with_problems(self, output: str, *, not_found: bool = False) -> str:
        """In a preview, the page with the problems panel when there are problems."""
        if not self.serving:
            return output
        has_errors = bool(errors(self.problems))
        notices = [] if has_errors else self.mkdocs_warnings.messages
        refresh = 2 if not_found and has_errors else 0  # the server sends 404s without live reload
        panel = overlay.panel(self.problems, notices, refresh=refresh, built=bool(self.pages))
        return overlay.inject(output, panel)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Put the problems panel on the preview's "not found" page too (with no good build yet,
        every generated page is missing), and send its search box to Pagefind like every page's."""
        if template_name != "404.html":
            return output_content
        if self.search:
            output_content = self._with_pagefind(output_content)
        return self._with_problems(output_content, not_found=True)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Build the search index, and stop collecting MkDocs' warnings: the build is over."""
        logging.getLogger("mkdocs").removeHandler(self.mkdocs_warnings)
        self.had_notices = bool(self.mkdocs_warnings.messages)
        later = self.dirty and not self.everything
        if self.search and not later:
            self._build_search_index(config)
        if self.serving:
            self.site_dir = Path(config.site_dir)
            self._write_status(self.site_dir, finished=True)
        if later:
            self._later().submit(self.build_count, self._later_tasks(config))
        if self.memory is not None:
            self.memory.idle()

    def _write_status(self, site_dir: Path, *, finished: bool = False) -> None:
        """Say, at the root of the preview's site, which rebuild the site now shows, whole: its pages, search
        index and data files.

        ``build`` counts the builds since the server started (1 is the first) and is written when
        that build's pages, map and explorer data are in place; ``pages`` lists the pages MkDocs
        built (``everything`` when that was all of them), ``rendered`` the pages the pipeline
        rendered again, ``data_files`` the site's data files that changed. Under ``--dirty`` the
        search index and the exports (``data/``) follow on a thread: ``search`` and ``exports``
        are the builds whose index and exports the site holds. So a script that saved a record
        knows the site shows the save once ``build`` has gone up, and its search and exports once
        ``search`` and ``exports`` have caught up with it.
        """
        with self.status_lock:
            if finished:
                changes = self.result.changes if self.result is not None else None
                self.status = {
                    "build": self.build_count,
                    "everything": len(self.built) == len(self.page_urls),
                    "pages": sorted(self.built),
                    "rendered": sorted(changes.rendered) if changes is not None else [],
                    "data_files": sorted(changes.assets) if changes is not None else [],
                    "site_dir": str(site_dir.resolve()),
                }
            status = {
                **self.status,
                "exports": self.caught_up["exports"] if self.dirty else self.build_count,
                "exports_written": self.exports_written,
                "search": self.caught_up["search"] if self.dirty else self.build_count,
            }
            write_atomic(site_dir / PREVIEW_STATUS, (json.dumps(status, indent=1) + "\n").encode())

    def on_build_error(self, *, error: Exception) -> None:
        """Stop collecting MkDocs' warnings: the build is over (and the next one builds every page)."""
        logging.getLogger("mkdocs").removeHandler(self.mkdocs_warnings)
        self.rebuild_all = True
        if self.memory is not None:
            self.memory.idle()


def _build_tag_listings(files: Files) -> None:
    """Have a dirty build build again every hand-written page that lists tags (it shows every
    page's tags and titles); MkDocs would skip it while its own file is unchanged."""
    for file in files.documentation_pages():
        if file.generated_by is None and file.abs_src_path is not None:
            try:
                lists_tags = TAGS_LISTING in Path(file.abs_src_path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # MkDocs reports an unreadable page itself
            if lists_tags:
                file.is_modified = lambda: True  # type: ignore[method-assign]


def _nav_pages(nav: Any) -> set[str] | None:
    """The page paths a ``nav`` setting names, at any depth; ``None`` when the site sets no nav."""
    if nav is None:
        return None
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


def _title_line(markdown: str) -> str:
    """A page's title as its Markdown gives it: the front matter's ``title:``, else the first heading."""
    found = _TITLE.search(markdown)
    return found.group(1) if found else ""


def _language(config: MkDocsConfig) -> str:
    """The site's language, as the theme declares it (Pagefind picks its word stemmer by it)."""
    return str(config.theme.get("language") or "en")


def _article_document(title: str, content: str, language: str) -> bytes:
    """A page that has no record's document is indexed from its article, under its own title."""
    heading = "" if "<h1" in content else f"<h1>{html.escape(title)}</h1>"
    return (
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><main>{heading}{content}</main></body></html>\n"
    ).encode()
