"""``data/feed.xml``: an Atom feed (RFC 4287) of the newest incidents, for feed readers.

Part of the render stage. The feed holds the :data:`LIMIT` newest incidents, newest first (by
first possible day, then last day, then id, the reverse of the timeline). No clock is read:
each entry's ``updated`` is its record's last change (the data folder's git history, else the
import state: :mod:`generator.load.changes`), so an entry's ``updated`` moves when its record
changes and the entry stays byte-identical when it does not; a record with no known change is
dated at its incident's first possible day at 00:00 UTC. The feed's ``updated`` is its newest
entry's (1970-01-01 for an empty feed), so the same data gives the same bytes.

Ids are ``urn:uuid:`` URNs derived from the site's namespace (``id_namespace``, else
``site_url``, else ``site_name``) and the record ids (:func:`common.derived_uuid`), stable across
builds and hosts and different from another site's. Links are relative to the feed's own address (``../incidents/<id>/``),
which RFC 4287 resolves against the document's URI when no ``xml:base`` is given; with MkDocs'
``site_url`` passed in, the feed carries it as ``xml:base`` and its links become absolute.
Text is plain (``type="text"``), escaped by the XML serializer; characters XML 1.0 cannot
hold are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from generator import __version__
from generator.exports.common import derived_uuid, iso_timestamp, plain_text
from generator.index.graph import IncidentNode, Index
from generator.load.changes import LastChanges
from generator.model import vocabulary as v
from generator.render.urls import relative_url

URI = "data/feed.xml"
LIMIT = 50
ATOM = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(
    index: Index,
    *,
    title: str | None = None,
    site_url: str | None = None,
    directory_urls: bool = True,
    namespace: str = "",
    changes: LastChanges | None = None,
) -> bytes:
    """The feed as UTF-8 XML.

    Args:
        index: The resolved graph of a data folder.
        title: The feed's title, e.g. MkDocs' ``site_name``; also its author's name.
        site_url: The site's published address; makes links absolute (``xml:base``).
        directory_urls: MkDocs' ``use_directory_urls``, which decides the pages' URLs.
        namespace: What makes the feed's and entries' ids this site's own.
        changes: The records' last changes, for each entry's ``updated``.
    """
    entries = newest(index)
    updated = {incident.id: _updated(incident, changes) for incident in entries}
    # Tags are unqualified and the namespace a plain attribute: ElementTree would otherwise
    # invent an "ns0:" prefix, and its default_namespace option rejects unqualified attributes.
    feed = ET.Element("feed", xmlns=ATOM)
    if site_url:
        feed.set(XML_BASE, urljoin(site_url.rstrip("/") + "/", URI))
    name = title or "Briefing"
    _text(feed, "id", f"urn:uuid:{derived_uuid('feed', namespace)}")
    _text(feed, "title", f"{name}: newest incidents" if title else "Newest incidents")
    _text(feed, "updated", max(updated.values()) if entries else EMPTY_FEED_UPDATED)
    author = ET.SubElement(feed, "author")
    _text(author, "name", name)
    generator = _text(feed, "generator", "briefing-generator")
    generator.set("version", __version__)
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href="feed.xml")
    home = relative_url(URI, "timeline/index.md", directory_urls=directory_urls)
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=home)
    for incident in entries:
        _entry(feed, incident, directory_urls, namespace, updated[incident.id])
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()


def newest(index: Index) -> list[IncidentNode]:
    """The incidents the feed holds, newest first."""
    return index.incidents[::-1][:LIMIT]


def _entry(feed: ET.Element, incident: IncidentNode, directory_urls: bool, namespace: str, updated: str) -> None:
    record = incident.record
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", f"urn:uuid:{derived_uuid(f'incident/{record.id}', namespace)}")
    _text(entry, "title", record.title)
    _text(entry, "updated", updated)
    href = relative_url(URI, incident.uri, directory_urls=directory_urls)
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=href)
    event = ET.SubElement(entry, "category", term=record.event_type)
    event.set("label", v.EVENT_TYPES[record.event_type])
    for tag in record.tags:
        ET.SubElement(entry, "category", term=tag)
    where = incident.place.record.name if incident.place is not None else record.place
    lead = f"{record.date.describe()}, {where}."
    summary = plain_text(record.summary)
    _text(entry, "summary", f"{lead}\n\n{summary}" if summary else lead)


def _updated(incident: IncidentNode, changes: LastChanges | None) -> str:
    changed = changes.last(incident.entry.file) if changes is not None else None
    if changed is None:
        return iso_timestamp(incident.record.date.start)
    return changed.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _NOT_XML.sub("", text)
    return element
