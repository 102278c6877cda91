"""What a reader can search for on each record's page, as small HTML documents for the search index.

Part of the render stage. The site's search (Pagefind, built by the plugin) does not index the
pages as the reader sees them: an incident page carries tables of links, the map's script and
its no-JavaScript sentence, source lists and backlinks, which would make the index large and the
results noisy. Instead each record page gets one lean document here: its title, then what a
reader types to find it (aliases, dates, places, event types, the names of the actors involved,
tags) and its summary or description as plain text. Pages that are not made from a record
(briefings, hand-written pages, and generated pages without a document here) are indexed from
their article's HTML by the plugin, unless their front matter says ``search: exclude: true``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.index.graph import ActorNode, IncidentNode, Index, PlaceNode, SourceNode
from generator.model import vocabulary as v
from generator.model.spelling import fold

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|]+")


@dataclass(frozen=True)
class SearchDocument:
    """The searchable text of one page.

    Attributes:
        uri: The page, relative to the docs folder (``incidents/derik-standoff.md``).
        title: What a search result shows as its heading.
        lines: Short facts (aliases, date, place, kind, names), one per line.
        text: The record's prose (summary or description) as plain text.
    """

    uri: str
    title: str
    lines: tuple[str, ...]
    text: str

    def html(self, language: str) -> str:
        """The document as the HTML page the search indexer reads (every value escaped)."""
        parts = [
            f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">',
            f"<title>{html.escape(self.title)}</title></head><body><main><h1>{html.escape(self.title)}</h1>",
            *(f"<p>{html.escape(line)}</p>" for line in self.lines if line),
        ]
        if self.text:
            parts.append(f"<p>{html.escape(self.text)}</p>")
        parts.append("</main></body></html>\n")
        return "".join(parts)


def plain(markdown: str) -> str:
    """A Markdown field as plain text: link text without its address, no emphasis or block markers."""
    return " ".join(_MARKUP.sub(" ", _LINK.sub(r"\1", markdown)).split())


def search_documents(index: Index) -> Iterator[SearchDocument]:
    """The search document of every record page, incidents first, each kind in index order."""
    for incident in index.incidents:
        yield incident_document(incident)
    for actor in index.actors:
        yield actor_document(actor)
    for place in index.places:
        yield place_document(place)
    for source in index.sources:
        yield source_document(source)


def _join(values: Iterable[str]) -> str:
    return ", ".join(value for value in values if value)


def incident_document(node: IncidentNode) -> SearchDocument:
    """An incident: its title, date, place and the places around it, type, actors, tags and summary."""
    record = node.record
    kind = v.EVENT_TYPES[record.event_type]
    if record.sub_type:
        kind += f" — {v.SUB_TYPES[record.event_type][record.sub_type]}"
    places = [node.place, *reversed(node.place.ancestors)] if node.place else []
    actors = dict.fromkeys(p.actor.title for p in node.participants if p.actor is not None)
    return SearchDocument(
        node.uri,
        record.title,
        (
            f"Incident, {record.date.describe()}, {_join(place.title for place in places)}",
            kind,
            _join(actors),
            _join(record.tags),
        ),
        plain(record.summary),
    )


def actor_document(node: ActorNode) -> SearchDocument:
    """An actor: its name, aliases, kind, country and description."""
    record = node.record
    return SearchDocument(
        node.uri,
        record.name,
        (_join(record.aliases), _join(["Actor", v.ACTOR_KINDS[record.kind], record.country])),
        plain(record.description),
    )


def place_document(node: PlaceNode) -> SearchDocument:
    """A place: its name, aliases and every one of them folded (:func:`generator.model.spelling.fold`:
    ``Ma'arrat al-Nu'man`` is also found as ``marat numan``), kind, the places it is inside and its
    description."""
    record = node.record
    spellings = [record.name, *record.aliases]
    return SearchDocument(
        node.uri,
        record.name,
        (
            _join(record.aliases),
            _join(sorted({fold(name) for name in spellings} - {name.casefold() for name in spellings})),
            _join(["Place", v.PLACE_KINDS[record.kind], *(p.title for p in reversed(node.ancestors))]),
        ),
        plain(record.description),
    )


def source_document(node: SourceNode) -> SearchDocument:
    """A source: its name, kind and description."""
    record = node.record
    return SearchDocument(
        node.uri, record.name, (_join(["Source", v.SOURCE_KINDS[record.kind]]),), plain(record.description)
    )
