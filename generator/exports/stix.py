"""``data/stix-bundle.json``: the data as a STIX 2.1 bundle, for threat-intelligence platforms.

Part of the render stage. How the records map onto STIX 2.1:

- An incident is an ``incident`` SDO. STIX 2.1 defines it as a stub (name, description) meant to
  be extended, which is what an incident here is: an event, not a publication. A ``report`` is a
  published document about threats; the documents here are the citations, which often have no
  title, address or date, and a report without a publication date is invalid. So each incident
  carries its citations as ``external_references`` (source name, address, and in
  ``description`` the Admiralty grade in words, title, date and quote, e.g. "Admiralty grade C2:
  ...") and, machine-readable and in the same order, as ``x_briefing_citations`` with the
  source's ``reliability`` and the citation's ``credibility``. Tags are ``labels``; dates, event
  type, location precision and fatalities are ``x_briefing_*`` properties; ids in other
  datasets (``external_ids``) are external references.
- An actor is a ``threat-actor`` when it is an armed group or militia, otherwise an ``identity``
  (states, state forces and organisations are ``organization``, civilian groups ``group``,
  persons ``individual``).
- A place is a ``location``: its own coordinates when it has some, the name of the country on its
  chain as ``country``, the governorate as ``administrative_area``, the city, town or village as
  ``city``. (STIX wants ISO 3166 codes for ``country``; the data has names only.)
- Relationships: incident ``located-at`` its place; incident ``attributed-to`` an attacker,
  ``targets`` a targeted actor, ``related-to`` any other participant (``x_briefing_role`` holds
  the role); incident ``duplicate-of`` an incident it is the same event as, ``related-to`` one it
  is otherwise related to; actor ``related-to`` actor for every relation and for ``parent``
  (``x_briefing_relation``: ``backs``, ``opposes``, ``part-of``, ...); place ``located-at`` its
  parent place. Unidentified participants have no object: ``x_briefing_unidentified`` lists them.

Custom properties are declared the STIX 2.1 way, by an ``extension-definition`` of type
``toplevel-property-extension`` made by an ``identity`` for this program, so the bundle parses
with ``allow_custom=False``. Ids are UUID version 5 from a fixed namespace and the record ids
(:func:`common.derived_uuid`), so a record keeps its STIX id across builds (validators note that
they are not version 4). Timestamps come from the data: an incident and its relationships are
``created``/``modified`` at its first possible day; records without dates at :data:`EPOCH`.
"""

from __future__ import annotations

import json
from typing import Any

from generator import __version__
from generator.exports.common import country_of, derived_uuid, grade, iso_timestamp, plain_text
from generator.index.graph import ActorNode, IncidentNode, Index, PlaceNode
from generator.model import vocabulary as v
from generator.model.grading import grade_meaning
from generator.model.records import Actor

URI = "data/stix-bundle.json"
EPOCH = "1970-01-01T00:00:00.000Z"
"""``created`` and ``modified`` of objects whose records carry no date."""
SPEC = "2.1"

THREAT_ACTOR_KINDS = frozenset({"armed-group", "militia"})
IDENTITY_CLASS = {
    "state": "organization",
    "state-force": "organization",
    "political-organisation": "organization",
    "international-organisation": "organization",
    "media-outlet": "organization",
    "civilian-group": "group",
    "person": "individual",
    "other": "unknown",
}
SECTORS = {"state": ["government-national"], "state-force": ["defense"], "media-outlet": ["communications"]}
ROLE_RELATIONSHIP = {"attacker": "attributed-to", "targeted": "targets"}
"""Roles with a STIX relationship type of their own; other roles are ``related-to``."""
CITY_KINDS = frozenset({"city", "town", "village"})

PRODUCER_ID = f"identity--{derived_uuid('identity/briefing-generator')}"
EXTENSION_ID = f"extension-definition--{derived_uuid('extension-definition/briefing')}"
EXTENSIONS = {EXTENSION_ID: {"extension_type": "toplevel-property-extension"}}
EXTENSION_SCHEMA = (
    "Top-level properties added by briefing-generator to the objects it exports from its records. "
    "On every object: x_briefing_id (the record's id). Locations: x_briefing_kind, x_briefing_aliases. "
    "Identities and threat actors: x_briefing_kind, x_briefing_country, x_briefing_aliases (identities). "
    "Incidents: x_briefing_date (as written: YYYY, YYYY-MM, YYYY-MM-DD or start/end), x_briefing_date_start, "
    "x_briefing_date_end (ISO days), x_briefing_date_precision (day, month, year, range), "
    "x_briefing_date_approximate, x_briefing_event_type and x_briefing_sub_type (ACLED's labels), "
    "x_briefing_location_precision (exact, near, region), x_briefing_fatalities ({low, best, high}), "
    "x_briefing_status (reported, reported-possible, alleged, claimed, denied, confirmed), "
    "x_briefing_independent_sources (how many independent origins the reporting has), "
    "x_briefing_citations ([{source, source_name, reliability A-F, credibility 1-6, grade}] on the NATO "
    "Admiralty scale, in the order of external_references, whose description holds each citation's title, "
    "publication date and quote), x_briefing_unidentified ([{role, note}]). "
    "Relationships: x_briefing_role (an incident participant's role), x_briefing_relation (the relation "
    "between two actors or two incidents), x_briefing_location_precision."
)


def render(index: Index) -> bytes:
    """The bundle as compact UTF-8 JSON ending with a newline."""
    text = json.dumps(bundle(index), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def bundle(index: Index) -> dict[str, Any]:
    """The STIX bundle as plain Python values: producer, extension, records, then relationships."""
    builder = _Builder()
    places = sorted(index.places, key=lambda n: n.id)
    actors = sorted(index.actors, key=lambda n: n.id)
    objects: list[dict[str, Any]] = [_producer(), _extension_definition()]
    objects += [_location(place) for place in places]
    objects += [_actor(actor) for actor in actors]
    objects += [_incident(incident) for incident in index.incidents]
    for place in places:
        if place.parent is not None:
            builder.relate(
                builder.ref(place),
                "located-at",
                builder.ref(place.parent),
                EPOCH,
                key=f"place/{place.id}>place/{place.parent.id}",
            )
    for actor in actors:
        _actor_relationships(builder, actor)
    for incident in index.incidents:
        _incident_relationships(builder, incident)
    return {"type": "bundle", "id": f"bundle--{derived_uuid('bundle')}", "objects": objects + builder.relationships}


def place_id(place: PlaceNode) -> str:
    """The STIX id of a place's ``location``."""
    return f"location--{derived_uuid(f'place/{place.id}')}"


def actor_id(actor: ActorNode) -> str:
    """The STIX id of an actor's ``threat-actor`` or ``identity``."""
    return f"{_actor_type(actor.record)}--{derived_uuid(f'actor/{actor.id}')}"


def incident_id(incident: IncidentNode) -> str:
    """The STIX id of an incident's ``incident``."""
    return f"incident--{derived_uuid(f'incident/{incident.id}')}"


class _Builder:
    """Collects relationships once each: the same link stated twice gives one object."""

    def __init__(self) -> None:
        self.relationships: list[dict[str, Any]] = []
        self._seen: set[str] = set()
        self._ids: dict[tuple[str, str], str] = {}

    def ref(self, node: PlaceNode | ActorNode | IncidentNode) -> str:
        """The STIX id of a record's object, derived once per record."""
        key = (type(node).__name__, node.id)
        found = self._ids.get(key)
        if found is None:
            if isinstance(node, PlaceNode):
                found = place_id(node)
            elif isinstance(node, ActorNode):
                found = actor_id(node)
            else:
                found = incident_id(node)
            self._ids[key] = found
        return found

    def relate(
        self,
        source: str,
        relationship_type: str,
        target: str,
        timestamp: str,
        *,
        key: str,
        description: str = "",
        **custom: Any,
    ) -> None:
        stix_id = f"relationship--{derived_uuid(f'relationship/{relationship_type}/{key}')}"
        if stix_id in self._seen:
            return
        self._seen.add(stix_id)
        self.relationships.append(
            _compact(
                {
                    **_common("relationship", stix_id, timestamp),
                    "relationship_type": relationship_type,
                    "source_ref": source,
                    "target_ref": target,
                    "description": description,
                    **({"extensions": EXTENSIONS} if custom else {}),
                    **custom,
                }
            )
        )


def _common(stix_type: str, stix_id: str, timestamp: str) -> dict[str, Any]:
    return {"type": stix_type, "spec_version": SPEC, "id": stix_id, "created": timestamp, "modified": timestamp}


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: STIX forbids null properties and empty lists."""
    # Truthiness first: most values are non-empty, and comparing each with "", [] and {} cost a
    # sixth of the export's time at 10,000 incidents. Zero and false are values, not empties.
    return {k: v for k, v in values.items() if v or (v is not None and not isinstance(v, str | list | dict))}


def _producer() -> dict[str, Any]:
    return {
        **_common("identity", PRODUCER_ID, EPOCH),
        "name": "briefing-generator",
        "description": "The program that exported this bundle from a briefing site's records.",
        "identity_class": "system",
    }


def _extension_definition() -> dict[str, Any]:
    return {
        **_common("extension-definition", EXTENSION_ID, EPOCH),
        "created_by_ref": PRODUCER_ID,
        "name": "briefing-generator record properties",
        "description": "Fields of the briefing records that STIX 2.1 has no property for.",
        "schema": EXTENSION_SCHEMA,
        "version": __version__,
        "extension_types": ["toplevel-property-extension"],
    }


def _location(place: PlaceNode) -> dict[str, Any]:
    record = place.record
    chain = [*place.ancestors, place]
    country = country_of(chain)
    governorate = next((p for p in reversed(chain) if p.record.kind == "governorate"), None)
    values: dict[str, Any] = {
        **_common("location", place_id(place), EPOCH),
        "name": record.name,
        "description": plain_text(record.description),
    }
    if record.coordinates is not None:
        values["latitude"] = record.coordinates.lat
        values["longitude"] = record.coordinates.lon
    values["country"] = country.record.name if country is not None else None
    values["administrative_area"] = governorate.record.name if governorate is not None else None
    values["city"] = record.name if record.kind in CITY_KINDS else None
    if record.coordinates is None and country is None:
        # STIX needs a country, a region or coordinates: the outermost enclosing place names the region.
        values["region"] = chain[0].record.name
    values.update(
        extensions=EXTENSIONS,
        x_briefing_id=record.id,
        x_briefing_kind=record.kind,
        x_briefing_aliases=list(record.aliases),
    )
    return _compact(values)


def _actor_type(actor: Actor) -> str:
    return "threat-actor" if actor.kind in THREAT_ACTOR_KINDS else "identity"


def _actor(actor: ActorNode) -> dict[str, Any]:
    record = actor.record
    values: dict[str, Any] = {
        **_common(_actor_type(record), actor_id(actor), EPOCH),
        "name": record.name,
        "description": plain_text(record.description),
    }
    if _actor_type(record) == "threat-actor":
        values["aliases"] = list(record.aliases)
    else:
        values["identity_class"] = IDENTITY_CLASS[record.kind]
        values["sectors"] = SECTORS.get(record.kind)
        values["x_briefing_aliases"] = list(record.aliases)
    values.update(
        extensions=EXTENSIONS, x_briefing_id=record.id, x_briefing_kind=record.kind, x_briefing_country=record.country
    )
    return _compact(values)


def _incident(incident: IncidentNode) -> dict[str, Any]:
    record, date = incident.record, incident.record.date
    references: list[dict[str, Any]] = []
    citations: list[dict[str, Any]] = []
    for link in incident.citations:
        source, citation = link.source, link.citation
        letter, number = source.record.reliability, citation.credibility
        details = [f"Admiralty grade {grade(source.record, citation)}: {grade_meaning(letter, number)}."]
        if citation.title:
            details.append(f"Title: {citation.title}.")
        if citation.published is not None:
            details.append(f"Published {citation.published.iso}.")
        if citation.quote:
            details.append(f"Quote: “{citation.quote}”")
        references.append(
            _compact(
                {
                    "source_name": source.record.name,
                    "description": " ".join(details),
                    "url": citation.url or source.record.url,
                }
            )
        )
        citations.append(
            _compact(
                {
                    "source": source.id,
                    "source_name": source.record.name,
                    "reliability": letter,
                    "credibility": number,
                    "grade": grade(source.record, citation),
                }
            )
        )
    references += [
        {"source_name": dataset, "external_id": value} for dataset, value in sorted(record.external_ids.items())
    ]
    fatalities = record.fatalities.model_dump(exclude_none=True) if record.fatalities is not None else None
    return _compact(
        {
            **_common("incident", incident_id(incident), iso_timestamp(date.start, milliseconds=True)),
            "name": record.title,
            "description": plain_text(record.summary),
            "labels": list(record.tags),
            "external_references": references,
            "extensions": EXTENSIONS,
            "x_briefing_id": record.id,
            "x_briefing_date": date.iso,
            "x_briefing_date_start": date.start.isoformat(),
            "x_briefing_date_end": date.end.isoformat(),
            "x_briefing_date_precision": date.precision,
            "x_briefing_date_approximate": date.approximate,
            "x_briefing_event_type": v.EVENT_TYPES[record.event_type],
            "x_briefing_sub_type": v.SUB_TYPES[record.event_type][record.sub_type] if record.sub_type else None,
            "x_briefing_location_precision": record.location_precision,
            "x_briefing_fatalities": fatalities,
            "x_briefing_citations": citations,
            "x_briefing_status": record.status,
            "x_briefing_independent_sources": len(incident.origins),
            "x_briefing_unidentified": [
                _compact({"role": p.role, "note": p.note}) for p in record.participants if p.actor is None
            ],
        }
    )


def _actor_relationships(builder: _Builder, actor: ActorNode) -> None:
    record = actor.record
    links = [(link.actor, link.relation.type, link.note) for link in actor.relations if link.forward]
    if actor.parent is not None:
        links.append((actor.parent, "part-of", ""))
    for other, relation, note in links:
        sentence = f"{record.name} {v.ACTOR_RELATIONS[relation]} {other.record.name}."
        builder.relate(
            builder.ref(actor),
            "related-to",
            builder.ref(other),
            EPOCH,
            key=f"actor/{actor.id}>{relation}>actor/{other.id}",
            description=f"{sentence} {plain_text(note)}".strip(),
            x_briefing_relation=relation,
        )


def _incident_relationships(builder: _Builder, incident: IncidentNode) -> None:
    record = incident.record
    when = iso_timestamp(record.date.start, milliseconds=True)
    if incident.place is not None:
        builder.relate(
            builder.ref(incident),
            "located-at",
            builder.ref(incident.place),
            when,
            key=f"incident/{incident.id}>place/{incident.place.id}",
            description=f"Location precision: {v.LOCATION_PRECISIONS[record.location_precision]}.",
            x_briefing_location_precision=record.location_precision,
        )
    for link in incident.participants:
        participant, actor = link.part, link.actor
        if actor is None:
            continue
        label = link.role
        builder.relate(
            builder.ref(incident),
            ROLE_RELATIONSHIP.get(participant.role, "related-to"),
            builder.ref(actor),
            when,
            key=f"incident/{incident.id}>{participant.role}>actor/{actor.id}",
            description=f"{label}: {plain_text(participant.note)}" if participant.note else label,
            x_briefing_role=participant.role,
        )
    for related_link in incident.related:
        if not related_link.forward:
            continue
        related, other = related_link.relation, related_link.incident
        builder.relate(
            builder.ref(incident),
            "duplicate-of" if related.relation == "same-as" else "related-to",
            builder.ref(other),
            when,
            key=f"incident/{incident.id}>{related.relation}>incident/{other.id}",
            description=f"{record.title} — {v.INCIDENT_RELATIONS[related.relation]} — {other.record.title}",
            x_briefing_relation=related.relation,
        )
