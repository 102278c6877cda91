"""Render the index into Markdown pages through Jinja templates.

The render stage. Each page kind has a template named ``<kind>.md.j2``. A project's own
template folder is searched first, so a file there shadows the built-in template of the same
name; ``{% extends "builtin/incident.md.j2" %}`` still reaches the original. Undefined
variables are errors (``StrictUndefined``). Links between pages are relative ``.md`` paths
computed here from the index, never assembled in templates; raw HTML (pictures, scripts) uses
``href()``, the relative URL of the built page. Pictures and data files come from their own
modules (``timeline_svg``, ``tempo_svg``, ``network_svg``, ``mapdata``, ``explorer``).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator import exports
from generator.background import Background
from generator.index.claims import LABELS as CLAIM_LABELS
from generator.index.claims import claims_of
from generator.index.graph import IncidentNode, Index, Node
from generator.index.reads import note as note_read
from generator.load.briefings import Briefing
from generator.load.history import History
from generator.load.judgement_blocks import JudgementBlock
from generator.model import vocabulary as v
from generator.model.grading import reliability_words
from generator.model.judgements import describe as judgement_words
from generator.render import assessments, credits, explorer, mapdata, markup, provenance, wording
from generator.render.history import PAGE as WHATS_NEW
from generator.render.history import RECORD_HISTORY_LIMIT, day, record_history, revisions, what_changed
from generator.render.kept_pictures import Keep, KeptPictures
from generator.render.network_svg import network_svg
from generator.render.network_svg import together as network_together
from generator.render.tempo_svg import MIN_INCIDENTS as TEMPO_MIN
from generator.render.tempo_svg import tempo_svg
from generator.render.timeline_svg import timeline_svg
from generator.render.urls import relative_path, relative_url
from generator.settings import Coarsening

BUILTIN_TEMPLATES = ("generator.render", "templates")
"""Where the templates shipped with the package are: a package and its folder, read through
``importlib.resources`` (``jinja2.PackageLoader``) so an installed wheel finds them. A project's own
``templates/`` folder shadows them."""

LATEST_ON_HOME = 10

LIST_LIMIT = 100
"""An actor, place or source page lists at most this many incidents (citations) in its table:
the newest ones.

The page says how many there are and links the explorer filtered to the record (and the
timeline, whose year pages list every incident), so nothing becomes unreachable, while the page
of a country holding 10,000 incidents stays a page rather than megabytes of table.
"""


@dataclass(frozen=True)
class Page:
    """One generated Markdown page.

    Attributes:
        uri: Path relative to the docs folder, e.g. ``incidents/derik-standoff.md``.
        markdown: The page content.
        origin: The data file the page was made from (for "edit this page"), if one.
        listed: Whether the page belongs in the navigation (index pages) or not (entity pages).
    """

    uri: str
    markdown: str
    origin: Path | None = None
    listed: bool = False

    @property
    def data(self) -> bytes:
        """The page as UTF-8 bytes, as written to disk."""
        return self.markdown.encode("utf-8")


def make_environment(
    templates_dir: Path | None = None,
    *,
    directory_urls: bool = True,
    site_name: str | None = None,
    site_description: str | None = None,
    coarsening: Coarsening | None = None,
    coarsened: frozenset[str] = frozenset(),
    history: History | None = None,
    seeds: Path | None = None,
    kept: KeptPictures | None = None,
) -> jinja2.Environment:
    """Create the Jinja environment: project templates first, then the built-in ones.

    Args:
        templates_dir: The project's template folder.
        directory_urls: MkDocs' ``use_directory_urls``: whether ``a/b.md`` is served as ``a/b/``.
        site_name: MkDocs' ``site_name``, the home page's heading (templates: ``site_name``).
        site_description: MkDocs' ``site_description``, said under it (``site_description``).
        coarsening: How coordinates were coarsened for this build, if they were (``coarsening``).
        coarsened: The pages of the records whose coordinates were coarsened (``coarsened``).
        history: The data folder's git history, when it has one (``history_of(node)`` gives a
            record's changes, newest first).
        seeds: The data folder, by which a record's file is found in the history.
        kept: Charts kept between the preview's runs (:mod:`generator.render.kept_pictures`).
    """
    builtin = jinja2.PackageLoader(*BUILTIN_TEMPLATES)
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(templates_dir))
    loaders += [jinja2.PrefixLoader({"builtin": builtin}), builtin]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown: templates escape explicitly with filters
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # One environment serves one run: checking each template's file for changes on every
        # use (a stat per page and per import) would only cost time.
        auto_reload=False,
    )
    env.filters.update(
        md=markup.inline,
        md_block=markup.block,
        md_quote=markup.quote,
        href=markup.href,
        html=markup.html,
        yaml_str=markup.yaml_str,
        and_list=wording.and_list,
        counted=wording.counted,
    )
    env.globals.update(
        link=_link,
        url=_url,
        href=_href,
        vocab=v,
        directory_urls=directory_urls,
        timeline_svg=_timeline_svg,
        tempo_svg=_tempo_svg,
        tempo_min=TEMPO_MIN,
        network_svg=_network_svg,
        exports=exports.EXPORTS,
        map_data=mapdata.page_data,
        dataset_facts=provenance.dataset_facts,
        list_limit=LIST_LIMIT,
        site_name=site_name or "Briefing",
        site_description=site_description or "",
        credits=credits.dataset_credits,
        briefing_judgements=briefing_judgements,
        headline=credits.headline,
        network_together=network_together,
        map_credits=credits.MAP_CREDITS,
        claims=claims_of,
        claim_labels=CLAIM_LABELS,
        deaths=wording.deaths,
        reliability_words=reliability_words,
        judgement_words=judgement_words,
        basis_html=_basis_html,
        coarsening=coarsening,
        coarsened=coarsened,
        degrees=_degrees,
        history_available=history is not None and history.available and seeds is not None,
        history_of=lambda node: record_history(history, node, seeds) if seeds is not None else [],
        site_revisions=lambda index: revisions(history, index, seeds) if seeds is not None else [],
        whats_new=WHATS_NEW,
        history_limit=RECORD_HISTORY_LIMIT,
        what_changed=what_changed,
        day=day,
        kept_pictures=kept,
    )
    return env


@jinja2.pass_context
def _url(context: Any, target: Node[Any] | str) -> str:
    """Relative path from the page being rendered to ``target`` (a node or a docs-relative uri)."""
    uri = target if isinstance(target, str) else target.uri
    note_read(uri)  # a link shows that the page exists (generator/index/reads.py)
    return relative_path(uri, posixpath.dirname(context["page_uri"]))


@jinja2.pass_context
def _href(context: Any, target: Node[Any] | str) -> str:
    """Relative URL, in the built site, from the page being rendered to a node or docs-relative path.

    For raw HTML, which MkDocs does not rewrite; Markdown links use :func:`_link`.
    """
    uri = target if isinstance(target, str) else target.uri
    note_read(uri)
    return relative_url(context["page_uri"], uri, directory_urls=context["directory_urls"])


@jinja2.pass_context
def _degrees(context: Any, value: float) -> str:
    """A latitude or longitude as pages show it: 3 decimals, or as many as a coarsened one has."""
    rule: Coarsening | None = context["coarsening"]
    decimals = 3 if rule is None or context["page_uri"] not in context["coarsened"] else min(3, rule.decimals)
    return f"{abs(value):.{decimals}f}"


@jinja2.pass_context
def _basis_html(context: Any, basis: str, written_in: str) -> str:
    """A briefing judgement's basis as HTML links from the page being rendered."""
    return assessments.basis_html(basis, written_in, context["page_uri"], directory_urls=context["directory_urls"])


@jinja2.pass_context
def _timeline_svg(context: Any, incidents: list[IncidentNode]) -> str:
    return timeline_svg(incidents, lambda node: _href(context, node), _keep(context, "timeline"))


@jinja2.pass_context
def _tempo_svg(context: Any, incidents: list[IncidentNode], query: str = "") -> str:
    return tempo_svg(incidents, lambda uri: _href(context, uri), query, _keep(context, "tempo"))


def _keep(context: Any, chart: str) -> Keep | None:
    """How the page being rendered keeps ``chart`` between the preview's runs, if it does."""
    kept: KeptPictures | None = context["kept_pictures"]
    return kept.keeper(chart, context["page_uri"]) if kept is not None else None


@jinja2.pass_context
def _network_svg(context: Any, focus: Any = None) -> str:
    return network_svg(context["index"], lambda node: _href(context, node), focus)


@jinja2.pass_context
def _link(context: Any, target: Node[Any] | str, text: str | None = None) -> str:
    """A Markdown link to ``target`` whose text is escaped (the node's title by default)."""
    label = text if text is not None else (target if isinstance(target, str) else target.title)
    return f"[{markup.inline(label)}]({_url(context, target)})"


@dataclass(frozen=True)
class PagePlan:
    """A page to render: its template, where it goes and what the template is given.

    Attributes:
        template: The template's name, e.g. ``incident.md.j2``.
        uri: Path relative to the docs folder.
        values: The template's variables besides ``page_uri`` and ``index``.
        origin: The data file the page is made from, if one.
        listed: Whether the page belongs in the navigation.
        node: The record the page is about; None for the pages about many (home, timeline...).
    """

    template: str
    uri: str
    values: dict[str, Any]
    origin: Path | None = None
    listed: bool = False
    node: Node[Any] | None = None


def plan_pages(index: Index, env: jinja2.Environment) -> list[PagePlan]:
    """Every page of the site, in a stable order, not yet rendered."""
    plans: list[PagePlan] = []

    def add(template: str, uri: str, *, origin: Path | None = None, listed: bool = False, **values: Any) -> None:
        plans.append(PagePlan(template, uri, values, origin, listed, values.get("node")))

    by_year: dict[int, list[IncidentNode]] = defaultdict(list)
    for incident in index.incidents:
        by_year[incident.record.date.start.year].append(incident)
    years = sorted(by_year, reverse=True)

    add("home.md.j2", "index.md", listed=True, latest=index.incidents[::-1][:LATEST_ON_HOME], years=years)
    add("timeline.md.j2", "timeline/index.md", listed=True, years=[(y, len(by_year[y])) for y in years])
    for year in years:
        add("timeline-year.md.j2", f"timeline/{year}.md", year=year, months=_by_month(by_year[year]))
    add("actors.md.j2", "actors/index.md", listed=True)
    add("places.md.j2", "places/index.md", listed=True)
    add("sources.md.j2", "sources/index.md", listed=True)
    add("tags.md.j2", "tags.md", listed=True)
    add("vocabulary.md.j2", "vocabulary.md", listed=True)
    add("map.md.j2", "map.md", listed=True)
    add("network.md.j2", "network.md", listed=True)
    add("explorer.md.j2", "explorer.md", listed=True, intro=explorer.intro(index))
    add("assessments.md.j2", "assessments.md", listed=True)
    add("duplicates.md.j2", "duplicates.md", listed=True)
    if env.globals["history_available"]:  # without a history there is no "What's new" page
        add("whats-new.md.j2", WHATS_NEW, listed=True)
    for kind, nodes in (
        ("incident", index.incidents),
        ("actor", index.actors),
        ("place", index.places),
        ("source", index.sources),
    ):
        for node in nodes:
            add(f"{kind}.md.j2", node.uri, origin=node.entry.file, node=node)
    return plans


def render_page(plan: PagePlan, index: Index, env: jinja2.Environment) -> Page:
    """Render one planned page."""
    markdown = env.get_template(plan.template).render(page_uri=plan.uri, index=index, **plan.values)
    return Page(plan.uri, markdown, plan.origin, plan.listed)


def render_pages(index: Index, env: jinja2.Environment, *, helper_share: float = 0.0) -> list[Page]:
    """Render every page of the site from the index, in a stable order.

    Args:
        index: The resolved graph.
        env: The template environment.
        helper_share: The fraction of the pages (spread evenly over every kind) rendered meanwhile
            by a :class:`~generator.background.Background` helper, on the machine's second core
            where it can fork; rendering a page only reads the index, so the pages are the same
            bytes either way. 0 renders every page here.
    """
    plans = plan_pages(index, env)
    theirs = _spread(len(plans), helper_share)
    if not theirs:
        return [render_page(plan, index, env) for plan in plans]
    # Compiled before the fork, so that the helper inherits them rather than compiling them again.
    for name in sorted({plan.template for plan in plans}):
        env.get_template(name)
    helper = Background(lambda: [render_page(plans[i], index, env).markdown for i in theirs])
    skip = set(theirs)
    try:
        ours = {i: render_page(plan, index, env) for i, plan in enumerate(plans) if i not in skip}
    except BaseException:
        helper.discard()
        raise
    for i, markdown in zip(theirs, helper.result(), strict=True):
        plan = plans[i]
        ours[i] = Page(plan.uri, markdown, plan.origin, plan.listed)
    return [ours[i] for i in range(len(plans))]


def _spread(count: int, share: float) -> list[int]:
    """``share`` of the positions ``0..count-1``, spread evenly: with 0.25, every fourth."""
    return [i for i in range(count) if int((i + 1) * share) > int(i * share)]


def render_briefings(index: Index, env: jinja2.Environment, texts: dict[str, str]) -> dict[str, str]:
    """The briefings that hold judgements, each ``!!! judgement`` block replaced by its boxed assessment.

    Args:
        index: The resolved graph, whose briefings carry their judgement blocks.
        env: The template environment (the box is the ``assessment`` macro of ``_macros.md.j2``).
        texts: Each briefing's Markdown as written, by docs-relative uri.

    Returns:
        The Markdown MkDocs builds instead, by uri; briefings without judgements are left out.
    """
    template = env.get_template("_briefing_judgement.md.j2")
    rendered: dict[str, str] = {}
    for briefing in index.briefings:
        if not briefing.judgements:
            continue
        text = texts[briefing.uri]
        parts: list[str] = []
        position = 0
        for block in briefing.judgements:
            box = template.render(page_uri=briefing.uri, index=index, briefing=briefing, block=block)
            # A raw HTML block must stand alone: blank lines around it.
            parts += [text[position : block.start], "\n", box.strip(), "\n\n"]
            position = block.end
        parts.append(text[position:])
        rendered[briefing.uri] = "".join(parts)
    return rendered


def briefing_judgements(index: Index) -> list[tuple[Briefing, JudgementBlock]]:
    """Every judgement written in a briefing, by briefing title and then in order."""
    return [(briefing, block) for briefing in index.briefings for block in briefing.judgements]


def _by_month(incidents: list[IncidentNode]) -> list[tuple[str, list[IncidentNode]]]:
    months: dict[str, list[IncidentNode]] = defaultdict(list)
    for incident in incidents:
        months[incident.record.date.month_key].append(incident)
    return sorted(months.items())
