"""``data/incidents.geojson``: the incidents as points for a GIS, per RFC 7946.

Part of the render stage. A FeatureCollection of Point features in timeline order, each with
the incident's id as feature ``id`` and its fields as properties. The point is the incident's own
coordinates, else those of the nearest place on its place chain; ``point_from`` says which
(``incident`` or ``place``, with ``point_place`` the place's id) and ``location_precision`` how
close the incident is to it. Coordinates are ``[longitude, latitude]`` in WGS 84. Incidents with
no coordinates anywhere on their chain cannot be drawn: they are left out, and the collection's
foreign member ``metadata`` counts and lists them, so nothing is lost silently. The properties
hold what the trust in a line rests on too: each participant's side, each citation's grade,
origins (``origin``), the outlet it was read in (``via``) and its own claims, deaths by side, the
status and who holds it, judgements and what the dataset said (``dataset``, as data.json writes it).
"""

from __future__ import annotations

from typing import Any

from generator.exports.common import incident_point, json_text
from generator.exports.json_dump import json_value
from generator.index.claims import FIELDS as CLAIM_FIELDS
from generator.index.graph import IncidentNode, Index
from generator.model import vocabulary as v
from generator.render.parts import DIRECT, Parts

URI = "data/incidents.geojson"


def render(index: Index, parts: Parts = DIRECT) -> bytes:
    """The GeoJSON file as compact UTF-8 JSON ending with a newline: :func:`collection`, joined
    from each incident's feature (made, or kept, by ``parts``: :mod:`generator.render.parts`)."""
    features: list[str] = []
    left_out: list[str] = []
    for node in index.incidents:
        feature = parts.part(URI, node, _feature_text)
        if feature is None:
            left_out.append(node.id)
        else:
            features.append(feature)
    head = json_text({"type": "FeatureCollection", "metadata": _metadata(index, len(features), left_out)})
    return f'{head[:-1]},"features":[{",".join(features)}]}}\n'.encode()


def collection(index: Index) -> dict[str, Any]:
    """The FeatureCollection as plain Python values."""
    features: list[dict[str, Any]] = []
    left_out: list[str] = []
    for incident in index.incidents:
        feature = _feature(incident)
        if feature is None:
            left_out.append(incident.id)
        else:
            features.append(feature)
    return {
        "type": "FeatureCollection",
        "metadata": _metadata(index, len(features), left_out),
        "features": features,
    }


def _metadata(index: Index, features: int, left_out: list[str]) -> dict[str, Any]:
    return {
        "incidents": len(index.incidents),
        "features": features,
        "without_coordinates": len(left_out),
        "left_out": left_out,
    }


def _feature_text(incident: IncidentNode) -> str | None:
    feature = _feature(incident)
    return json_text(feature) if feature is not None else None


def _feature(incident: IncidentNode) -> dict[str, Any] | None:
    point = incident_point(incident)
    if point is None:
        return None
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
        "properties": {
            **properties(incident),
            "point_from": "incident" if point.place is None else "place",
            "point_place": point.place.id if point.place is not None else None,
        },
    }


def properties(incident: IncidentNode) -> dict[str, Any]:
    """The incident's fields as GeoJSON properties: JSON types, flat where a GIS filters."""
    record, date = incident.record, incident.record.date
    fatalities = record.fatalities
    return {
        "id": record.id,
        "title": record.title,
        "date": date.iso,
        "date_start": date.start.isoformat(),
        "date_end": date.end.isoformat(),
        "date_precision": date.precision,
        "date_approximate": date.approximate,
        "date_text": date.describe(),
        "event_type": record.event_type,
        "event_type_label": v.EVENT_TYPES[record.event_type],
        "sub_type": record.sub_type,
        "sub_type_label": v.SUB_TYPES[record.event_type][record.sub_type] if record.sub_type else None,
        "place": record.place,
        "place_name": incident.place.record.name if incident.place is not None else None,
        "location_precision": record.location_precision,
        "participants": [
            {"actor": p.actor, "role": p.role, "side": p.side, "note": p.note} for p in record.participants
        ],
        "summary": record.summary,
        "citations": [
            {
                "source": link.source.id,
                "source_name": link.source.record.name,
                "reliability": link.source.record.reliability,
                "credibility": link.citation.credibility,
                "url": link.citation.url,
                "title": link.citation.title,
                "published": link.citation.published.iso if link.citation.published is not None else None,
                "via": link.citation.via,
                "origin": list(link.citation.origin),
                "claims": {
                    name: json_value(getattr(link.citation, name))
                    for name in CLAIM_FIELDS
                    if getattr(link.citation, name) is not None
                },
            }
            for link in incident.citations
        ],
        "fatalities_low": fatalities.low if fatalities is not None else None,
        "fatalities_best": fatalities.best if fatalities is not None else None,
        "fatalities_high": fatalities.high if fatalities is not None else None,
        "fatalities_by_side": json_value(fatalities.by_side) if fatalities and fatalities.by_side else None,
        "fatalities_note": fatalities.note if fatalities is not None else "",
        "tags": list(record.tags),
        "related": [{"incident": r.incident, "relation": r.relation} for r in record.related],
        "external_ids": dict(sorted(record.external_ids.items())),
        "status": record.status,
        "status_by": record.status_by,
        "independent_sources": len(incident.origins),
        "single_source": incident.single_source,
        "judgements": [json_value(j) for j in record.judgements],
        "dataset": json_value(record.dataset) if record.dataset is not None else None,
    }
