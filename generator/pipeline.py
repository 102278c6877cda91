"""Run the whole pipeline: load, model, index, render.

The one entry point both adapters call. :func:`generate` never prints and never raises for bad
data or templates: it returns the pages and the diagnostics, and the caller decides what to do.
"""

from __future__ import annotations

import traceback
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.diagnostics import Diagnostic, Severity, did_you_mean, errors
from generator.index.graph import Index, build_index
from generator.load.briefings import Briefing, read_briefing
from generator.load.dataset import display_path, load_dataset
from generator.render.assets import Asset
from generator.render.pages import Page, make_environment, render_assets, render_pages

ENTITY_FOLDERS = ("incidents", "actors", "places", "sources")


@dataclass
class Result:
    """What a run produced.

    Attributes:
        pages: Generated pages; empty when any error was found.
        assets: Generated stylesheets, scripts and data files; empty when any error was found.
        diagnostics: Every problem found, errors and warnings.
        index: The resolved graph, when the data could be indexed.
    """

    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    index: Index | None = None

    def __repr__(self) -> str:
        # The default repr would print the whole index: minutes and megabytes for a large dataset.
        return f"<Result: {len(self.pages)} pages, {len(self.assets)} assets, {len(self.diagnostics)} diagnostics>"

    @property
    def ok(self) -> bool:
        """True when nothing stops the build."""
        return not errors(self.diagnostics)


def generate(
    seeds_dir: Path,
    *,
    base: Path,
    templates_dir: Path | None = None,
    briefings: Mapping[str, str] | None = None,
    docs_dir: Path | None = None,
    hand_written: Collection[str] = (),
    directory_urls: bool = True,
    site_name: str | None = None,
    site_url: str | None = None,
) -> Result:
    """Load, validate, index and render a data folder.

    Args:
        seeds_dir: The data folder.
        base: Project root; paths in messages are relative to it.
        templates_dir: The project's template folder, searched before the built-in templates.
        briefings: Hand-written pages by docs-relative uri, with their Markdown.
        docs_dir: Where the hand-written pages live, to name them in messages.
        hand_written: Docs-relative paths of every hand-written file, which generated pages
            must not replace.
        directory_urls: MkDocs' ``use_directory_urls``, for URLs in raw HTML.
        site_name: The site's name, for the Atom feed.
        site_url: The site's address, for absolute links in the feed.
    """
    dataset = load_dataset(seeds_dir, base)
    parsed = [read_briefing(uri, text) for uri, text in sorted((briefings or {}).items())]
    index = build_index(dataset, parsed, seeds_name=display_path(seeds_dir, base))
    result = Result(diagnostics=dataset.diagnostics + index.diagnostics, index=index)
    docs_shown = display_path(docs_dir, base) if docs_dir is not None else "docs"
    result.diagnostics += _unknown_mentions(parsed, index, dataset.failed, docs_shown)
    if not result.ok:
        return result
    try:
        pages = render_pages(index, make_environment(templates_dir, directory_urls=directory_urls))
    except jinja2.TemplateError as exc:
        result.diagnostics.append(_template_error(exc, base))
        return result
    result.diagnostics += _collisions(pages, set(hand_written), docs_shown, base)
    if result.ok:
        result.pages = pages
        result.assets = render_assets(index, site_name=site_name, site_url=site_url, directory_urls=directory_urls)
    return result


def read_hand_written(docs_dir: Path, briefings_folder: str) -> tuple[dict[str, str], list[str]]:
    """Read the hand-written pages a run needs to know about.

    Returns:
        The briefings (Markdown under ``briefings_folder``) by docs-relative uri, and the
        docs-relative path of every hand-written file (which generated pages must not replace).
    """
    if not docs_dir.is_dir():
        return {}, []
    files = sorted(p for p in docs_dir.rglob("*") if p.is_file())
    uris = [p.relative_to(docs_dir).as_posix() for p in files]
    prefix = briefings_folder.strip("/") + "/"
    texts = {
        uri: path.read_text(encoding="utf-8-sig")
        for uri, path in zip(uris, files, strict=True)
        if uri.startswith(prefix) and uri.endswith(".md")
    }
    return texts, uris


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
