"""Exports: the data in formats other tools read, published in the built site under ``data/``.

Part of the render stage. One module per format, each a pure function of the index that gives
the same bytes for the same data (sorted, no clock, ``\\n`` line ends):

- ``acled_csv``: ``data/incidents-acled.csv``, ACLED's 31-column export layout;
- ``full_csv``: ``data/incidents.csv``, every field of every incident;
- ``geojson``: ``data/incidents.geojson``, the incidents as points (RFC 7946);
- ``json_dump``: ``data/data.json``, every record of every kind;
- ``atom``: ``data/feed.xml``, an Atom feed of the newest incidents;
- ``stix``: ``data/stix-bundle.json``, a STIX 2.1 bundle.

:data:`EXPORTS` describes each file for pages that link to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.exports import acled_csv, atom, full_csv, geojson, json_dump, stix
from generator.index.graph import Index
from generator.load.changes import LastChanges
from generator.render.assets import Asset
from generator.render.parts import DIRECT, Memo, Parts
from generator.settings import Settings


@dataclass(frozen=True)
class Export:
    """One export file, as a page lists it.

    Attributes:
        uri: Path relative to the docs folder, e.g. ``data/incidents.csv``.
        title: What a link to it says.
        description: One sentence on what it holds and what reads it.
        media_type: The file's media type.
    """

    uri: str
    title: str
    description: str
    media_type: str


EXPORTS: tuple[Export, ...] = (
    Export(
        full_csv.URI,
        "Incidents (CSV)",
        "Each incident's fields with its sides, sourcing and dataset values, one row each.",
        "text/csv",
    ),
    Export(
        acled_csv.URI,
        "Incidents in ACLED's layout (CSV)",
        "ACLED's 31 export columns, for tools written for ACLED data.",
        "text/csv",
    ),
    Export(geojson.URI, "Incidents (GeoJSON)", "The incidents as map points, for a GIS.", "application/geo+json"),
    Export(json_dump.URI, "All records (JSON)", "Every incident, actor, place and source.", "application/json"),
    Export(
        atom.URI, "Newest incidents (Atom feed)", "The 50 newest incidents, for feed readers.", "application/atom+xml"
    ),
    Export(
        stix.URI,
        "STIX 2.1 bundle",
        "Incidents, actors, places and their relations, for threat-intelligence platforms.",
        "application/stix+json",
    ),
)
"""Every export file, in the order pages list them."""


def data_files(
    index: Index, settings: Settings, changes: LastChanges | None = None, *, memo: Memo | None = None, build: int = 0
) -> list[Asset]:
    """Every export file, in a stable order.

    Args:
        index: The resolved graph of a data folder.
        settings: The site's name (the Atom feed's title and author), address (makes the feed's
            links absolute), URL scheme, id namespace and the export options.
        changes: When each record last changed (STIX ``modified``, Atom ``updated``, ACLED
            ``timestamp`` of records made by hand); ``None`` when not known.
        memo: The per-record parts of the last exports, kept by the preview: only the parts
            that the changes up to rebuild ``build`` (the one ``index`` is of) reach are made again.
    """
    last = (lambda node: changes.last(node.entry.file)) if changes is not None else None
    # The parts depend on the records they read, and on these: settings and the records' dates.
    key = (settings, (changes.seeds, changes.history, changes.imported) if changes is not None else None)
    parts: Parts = memo.begin(build, key) if memo is not None else DIRECT
    return [
        Asset(
            acled_csv.URI, acled_csv.render(index, inter_variant=settings.acled_inter, last_change=last, parts=parts)
        ),
        Asset(full_csv.URI, full_csv.render(index, parts)),
        Asset(geojson.URI, geojson.render(index, parts)),
        Asset(json_dump.URI, json_dump.render(index, parts)),
        Asset(
            atom.URI,
            atom.render(
                index,
                title=settings.site_name,
                site_url=settings.site_url,
                directory_urls=settings.directory_urls,
                namespace=settings.namespace,
                changes=changes,
            ),
        ),
        Asset(
            stix.URI,
            stix.render(
                index,
                namespace=settings.namespace,
                changes=changes,
                tlp=settings.tlp,
                licence=settings.licence,
                parts=parts,
            ),
        ),
    ]
