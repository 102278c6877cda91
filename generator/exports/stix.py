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
  ``city``. ``country`` is the ISO 3166-1 alpha-2 code STIX asks for, found from the country
  place's name or aliases (:mod:`generator.formats.countries`); a country ISO 3166 does not know is
  left out rather than written as a name.
- Relationships: incident ``located-at`` its place; incident ``attributed-to`` an attacker,
  ``targets`` a targeted actor, ``related-to`` any other participant (``x_briefing_role`` holds
  the role); incident ``duplicate-of`` an incident it is the same event as, ``related-to`` one it
  is otherwise related to; actor ``related-to`` actor for every relation and for ``parent``
  (``x_briefing_relation``: ``backs``, ``opposes``, ``part-of``, ...); place ``located-at`` its
  parent place. Unidentified participants have no object: ``x_briefing_unidentified`` lists them.

Custom properties are declared the STIX 2.1 way, by an ``extension-definition`` of type
``toplevel-property-extension`` made by an ``identity`` for this program, so the bundle parses
with ``allow_custom=False``. Ids are UUID version 5 from the site's namespace (the
``id_namespace`` option, else ``site_url``, else ``site_name``) and the record ids
(:func:`common.derived_uuid`): a record keeps its STIX id across builds, and two sites with a
record of the same id give it different STIX ids. ``modified`` is the record's last change (the
data folder's git history, else the import state; :mod:`generator.load.changes`) and
``created`` its first; a relationship is dated by the last change to the fields it is made of
(an incident's ``participants`` for its participants' relationships), so an edit to one record
changes only the objects made from what was edited. Objects without a known date are at
:data:`EPOCH`. ``confidence`` is STIX 2.1's own mapping of the Admiralty credibility scale
(appendix "Confidence scales": 1 -> 90, 2 -> 70, 3 -> 50, 4 -> 30, 5 -> 10, 6 -> none), from
the best-supported citation of the incident. Optional markings: a TLP level (STIX 2.1's TLP
marking definitions) and a licence statement, referenced by every object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator import __version__
from generator.exports.common import country_of, derived_uuid, grade, json_text, plain_text, stix_time
from generator.formats import countries
from generator.index.graph import ActorNode, IncidentNode, Index, Node, PlaceNode
from generator.load.changes import LastChanges
from generator.model import vocabulary as v
from generator.model.grading import grade_meaning
from generator.model.records import Actor
from generator.render.parts import DIRECT, Parts

URI = "data/stix-bundle.json"
EPOCH = "1970-01-01T00:00:00.000Z"
"""``created`` and ``modified`` of objects whose records have no known date."""
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

ADMIRALTY_CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}
"""STIX 2.1's mapping of the Admiralty credibility scale to ``confidence`` (6, "truth cannot be
judged", has no value: the property is left out)."""

TLP = {
    "white": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
    "green": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
    "amber": "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
    "red": "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}
"""STIX 2.1's own TLP marking definitions (section 7.2.1.4), by level."""
TLP_CREATED = "2017-01-20T00:00:00.000Z"

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
    "x_briefing_location_precision (exact, near, region), x_briefing_fatalities ({low, best, high, by_side: "
    "{a, b, civilians, unknown}, note}), x_briefing_status (reported, reported-possible, alleged, claimed, "
    "denied, confirmed), x_briefing_independent_sources (how many independent origins the reporting has), "
    "x_briefing_citations ([{source, source_name, origin, via, reliability "
    "A-F, credibility 1-6, grade}] on the NATO Admiralty scale, in the order of external_references, whose "
    "description holds each citation's title, publication date and quote), x_briefing_unidentified ([{role, "
    "side, note}]), x_briefing_dataset (the source datasets' own fields: {ucdp: {...}, acled: {...}} under "
    "their codebooks' column names). Relationships: x_briefing_role and x_briefing_side (an incident "
    "participant's role and side), x_briefing_relation (the relation between two actors or two incidents), "
    "x_briefing_location_precision."
)


@dataclass(frozen=True)
class Options:
    """What makes a bundle this site's own.

    Attributes:
        namespace: The site's namespace for ids (see :func:`common.derived_uuid`).
        changes: The records' dates, or ``None`` (every object at :data:`EPOCH`).
        tlp: A TLP level (``white``, ``green``, ``amber``, ``red``) marked on every object, or empty.
        licence: A licence statement marked on every object, or empty.
    """

    namespace: str = ""
    changes: LastChanges | None = None
    tlp: str = ""
    licence: str = ""

    def dates(self, node: Node[Any], fields: tuple[str, ...] | None = None) -> tuple[str, str]:
        """``(created, modified)`` of an object made from ``node``'s record (from ``fields`` only)."""
        if self.changes is None:
            return EPOCH, EPOCH
        modified = stix_time(self.changes.last(node.entry.file, fields), EPOCH)
        created = stix_time(self.changes.first(node.entry.file), EPOCH)
        return min(created, modified), modified

    @property
    def markings(self) -> list[str]:
        """The ids of the marking definitions every object refers to."""
        found = [TLP[self.tlp]] if self.tlp in TLP else []
        if self.licence:
            found.append(self.licence_id)
        return found

    @property
    def licence_id(self) -> str:
        return f"marking-definition--{derived_uuid(f'licence/{self.licence}', self.namespace)}"


def render(
    index: Index,
    *,
    namespace: str = "",
    changes: LastChanges | None = None,
    tlp: str = "",
    licence: str = "",
    parts: Parts = DIRECT,
) -> bytes:
    """The bundle as compact UTF-8 JSON ending with a newline (see :class:`Options` for the arguments):
    :func:`bundle`, joined from each record's object and relationships (made, or kept, by ``parts``:
    :mod:`generator.render.parts`)."""
    options = Options(namespace, changes, tlp, licence)
    places, actors = _sorted(index)

    def location(place: PlaceNode) -> str:
        return json_text(_location(place, options))

    def actor(node: ActorNode) -> str:
        return json_text(_actor(node, options))

    def incident(node: IncidentNode) -> str:
        return json_text(_incident(node, options))

    objects = [json_text(value) for value in _preamble(options)]
    objects += [parts.part(URI, node, location) for node in places]
    objects += [parts.part(URI, node, actor) for node in actors]
    objects += [parts.part(URI, node, incident) for node in index.incidents]
    seen: set[str] = set()
    for nodes, relate in _relating(index, places, actors):

        def texts(node: Node[Any], relate: Callable[[_Builder, Any], None] = relate) -> list[tuple[str, str]]:
            builder = _Builder(options)
            relate(builder, node)
            return [(value["id"], json_text(value)) for value in builder.relationships]

        for node in nodes:
            for stix_id, text in parts.part(RELATIONSHIPS, node, texts):
                if stix_id not in seen:  # the same link stated by two records is one object
                    seen.add(stix_id)
                    objects.append(text)
    head = json_text({"type": "bundle", "id": _bundle_id(options)})
    return f'{head[:-1]},"objects":[{",".join(objects)}]}}\n'.encode()


RELATIONSHIPS = f"{URI}#relationships"
"""The part of a record that holds its relationships (its object is the part :data:`URI`)."""


def bundle(index: Index, options: Options | None = None) -> dict[str, Any]:
    """The STIX bundle as plain Python values: markings, producer, extension, records, then relationships."""
    options = options or Options()
    builder = _Builder(options)
    places, actors = _sorted(index)
    objects: list[dict[str, Any]] = _preamble(options)
    objects += [_location(place, options) for place in places]
    objects += [_actor(actor, options) for actor in actors]
    objects += [_incident(incident, options) for incident in index.incidents]
    for nodes, relate in _relating(index, places, actors):
        for node in nodes:
            relate(builder, node)
    return {"type": "bundle", "id": _bundle_id(options), "objects": objects + builder.relationships}


def _sorted(index: Index) -> tuple[list[PlaceNode], list[ActorNode]]:
    return sorted(index.places, key=lambda n: n.id), sorted(index.actors, key=lambda n: n.id)


def _preamble(options: Options) -> list[dict[str, Any]]:
    """The objects before the records': markings, producer, extension."""
    return [*_marking_definitions(options), _producer(options), _extension_definition(options)]


def _bundle_id(options: Options) -> str:
    return f"bundle--{derived_uuid('bundle', options.namespace)}"


def _relating(
    index: Index, places: list[PlaceNode], actors: list[ActorNode]
) -> list[tuple[list[Any], Callable[[_Builder, Any], None]]]:
    """The records that state relationships, kind by kind in the bundle's order, with what states
    one record's relationships into a builder."""
    return [
        (places, _place_relationships),
        (actors, _actor_relationships),
        (list(index.incidents), _incident_relationships),
    ]


def _place_relationships(builder: _Builder, place: PlaceNode) -> None:
    if place.parent is not None:
        builder.relate(
            builder.ref(place),
            "located-at",
            builder.ref(place.parent),
            builder.options.dates(place, ("parent",)),
            key=f"place/{place.id}>place/{place.parent.id}",
        )


def place_id(place: PlaceNode, namespace: str = "") -> str:
    """The STIX id of a place's ``location``."""
    return f"location--{derived_uuid(f'place/{place.id}', namespace)}"


def actor_id(actor: ActorNode, namespace: str = "") -> str:
    """The STIX id of an actor's ``threat-actor`` or ``identity``."""
    return f"{_actor_type(actor.record)}--{derived_uuid(f'actor/{actor.id}', namespace)}"


def incident_id(incident: IncidentNode, namespace: str = "") -> str:
    """The STIX id of an incident's ``incident``."""
    return f"incident--{derived_uuid(f'incident/{incident.id}', namespace)}"


class _Builder:
    """Collects relationships once each: the same link stated twice gives one object."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.relationships: list[dict[str, Any]] = []
        self._seen: set[str] = set()
        self._ids: dict[tuple[str, str], str] = {}

    def ref(self, node: PlaceNode | ActorNode | IncidentNode) -> str:
        """The STIX id of a record's object, derived once per record."""
        key = (type(node).__name__, node.id)
        found = self._ids.get(key)
        if found is None:
            namespace = self.options.namespace
            if isinstance(node, PlaceNode):
                found = place_id(node, namespace)
            elif isinstance(node, ActorNode):
                found = actor_id(node, namespace)
            else:
                found = incident_id(node, namespace)
            self._ids[key] = found
        return found

    def relate(
        self,
        source: str,
        relationship_type: str,
        target: str,
        dates: tuple[str, str],
        *,
        key: str,
        description: str = "",
        **custom: Any,
    ) -> None:
        stix_id = f"relationship--{derived_uuid(f'relationship/{relationship_type}/{key}', self.options.namespace)}"
        if stix_id in self._seen:
            return
        self._seen.add(stix_id)
        self.relationships.append(
            _compact(
                {
                    **_common("relationship", stix_id, dates, self.options),
                    "relationship_type": relationship_type,
                    "source_ref": source,
                    "target_ref": target,
                    "description": description,
                    **({"extensions": EXTENSIONS} if custom else {}),
                    **custom,
                }
            )
        )


def _common(stix_type: str, stix_id: str, dates: tuple[str, str], options: Options) -> dict[str, Any]:
    return {
        "type": stix_type,
        "spec_version": SPEC,
        "id": stix_id,
        "created": dates[0],
        "modified": dates[1],
        "object_marking_refs": options.markings,
    }


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: STIX forbids null properties and empty lists."""
    # Truthiness first: most values are non-empty, and comparing each with "", [] and {} cost a
    # sixth of the export's time at 10,000 incidents. Zero and false are values, not empties.
    return {k: v for k, v in values.items() if v or (v is not None and not isinstance(v, str | list | dict))}


def _marking_definitions(options: Options) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if options.tlp in TLP:
        found.append(
            {
                "type": "marking-definition",
                "spec_version": SPEC,
                "id": TLP[options.tlp],
                "created": TLP_CREATED,
                "definition_type": "tlp",
                "name": f"TLP:{options.tlp.upper()}",
                "definition": {"tlp": options.tlp},
            }
        )
    if options.licence:
        found.append(
            {
                "type": "marking-definition",
                "spec_version": SPEC,
                "id": options.licence_id,
                "created": EPOCH,
                "definition_type": "statement",
                "definition": {"statement": options.licence},
            }
        )
    return found


def _producer(options: Options) -> dict[str, Any]:
    return _compact(
        {
            **_common("identity", PRODUCER_ID, (EPOCH, EPOCH), options),
            "name": "briefing-generator",
            "description": "The program that exported this bundle from a briefing site's records.",
            "identity_class": "system",
        }
    )


def _extension_definition(options: Options) -> dict[str, Any]:
    return _compact(
        {
            **_common("extension-definition", EXTENSION_ID, (EPOCH, EPOCH), options),
            "created_by_ref": PRODUCER_ID,
            "name": "briefing-generator record properties",
            "description": "Fields of the briefing records that STIX 2.1 has no property for.",
            "schema": EXTENSION_SCHEMA,
            "version": __version__,
            "extension_types": ["toplevel-property-extension"],
        }
    )


def _location(place: PlaceNode, options: Options) -> dict[str, Any]:
    record = place.record
    chain = [*place.ancestors, place]
    country = country_of(chain)
    code = countries.lookup([country.record.name, *country.record.aliases]) if country is not None else None
    governorate = next((p for p in reversed(chain) if p.record.kind == "governorate"), None)
    values: dict[str, Any] = {
        **_common("location", place_id(place, options.namespace), options.dates(place), options),
        "name": record.name,
        "description": plain_text(record.description),
    }
    if record.coordinates is not None:
        values["latitude"] = record.coordinates.lat
        values["longitude"] = record.coordinates.lon
    values["country"] = code.alpha_2 if code is not None else None
    values["administrative_area"] = governorate.record.name if governorate is not None else None
    values["city"] = record.name if record.kind in CITY_KINDS else None
    if record.coordinates is None and code is None:
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


def _actor(actor: ActorNode, options: Options) -> dict[str, Any]:
    record = actor.record
    values: dict[str, Any] = {
        **_common(_actor_type(record), actor_id(actor, options.namespace), options.dates(actor), options),
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


def confidence(incident: IncidentNode) -> int | None:
    """STIX ``confidence`` of an incident: the Admiralty credibility of its best-supported citation,
    by STIX 2.1's mapping; ``None`` when no citation has a credibility of 1 to 5."""
    values = [ADMIRALTY_CONFIDENCE.get(c.citation.credibility or 0) for c in incident.citations]
    known = [value for value in values if value is not None]
    return max(known) if known else None


def _incident(incident: IncidentNode, options: Options) -> dict[str, Any]:
    record, date = incident.record, incident.record.date
    references: list[dict[str, Any]] = []
    citations: list[dict[str, Any]] = []
    for link in incident.citations:
        source, citation = link.source, link.citation
        letter, number = source.record.reliability, citation.credibility
        details = [f"Admiralty grade {grade(source.record, citation)}: {grade_meaning(letter, number)}."]
        if link.origins:
            details.append("Relaying " + ", ".join(o.record.name for o in link.origins) + ".")
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
                    "origin": list(citation.origin),
                    "via": citation.via,
                    "reliability": letter,
                    "credibility": number,
                    "grade": grade(source.record, citation),
                }
            )
        )
    references += [
        {"source_name": dataset, "external_id": value} for dataset, value in sorted(record.external_ids.items())
    ]
    fatalities = record.fatalities.model_dump(exclude_none=True, exclude_defaults=True) if record.fatalities else None
    dataset = record.dataset.model_dump(exclude_none=True, exclude_defaults=True) if record.dataset else None
    return _compact(
        {
            **_common("incident", incident_id(incident, options.namespace), options.dates(incident), options),
            "name": record.title,
            "description": plain_text(record.summary),
            "confidence": confidence(incident),
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
                _compact({"role": p.role, "side": p.side, "note": p.note})
                for p in record.participants
                if p.actor is None
            ],
            "x_briefing_dataset": dataset,
        }
    )


def _actor_relationships(builder: _Builder, actor: ActorNode) -> None:
    record = actor.record
    links = [(link.actor, link.relation.type, link.note) for link in actor.relations if link.forward]
    if actor.parent is not None:
        links.append((actor.parent, "part-of", ""))
    dates = builder.options.dates(actor, ("relations", "parent", "name"))
    for other, relation, note in links:
        sentence = f"{record.name} {v.ACTOR_RELATIONS[relation]} {other.record.name}."
        builder.relate(
            builder.ref(actor),
            "related-to",
            builder.ref(other),
            dates,
            key=f"actor/{actor.id}>{relation}>actor/{other.id}",
            description=f"{sentence} {plain_text(note)}".strip(),
            x_briefing_relation=relation,
        )


def _incident_relationships(builder: _Builder, incident: IncidentNode) -> None:
    record = incident.record
    dates = builder.options.dates
    if incident.place is not None:
        builder.relate(
            builder.ref(incident),
            "located-at",
            builder.ref(incident.place),
            dates(incident, ("place", "location_precision")),
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
            dates(incident, ("participants",)),
            key=f"incident/{incident.id}>{participant.role}>{participant.side or ''}>actor/{actor.id}",
            description=f"{label}: {plain_text(participant.note)}" if participant.note else label,
            x_briefing_role=participant.role,
            x_briefing_side=participant.side,
        )
    for related_link in incident.related:
        if not related_link.forward:
            continue
        related, other = related_link.relation, related_link.incident
        builder.relate(
            builder.ref(incident),
            "duplicate-of" if related.relation == "same-as" else "related-to",
            builder.ref(other),
            dates(incident, ("related",)),
            key=f"incident/{incident.id}>{related.relation}>incident/{other.id}",
            description=f"This incident is {v.INCIDENT_RELATIONS[related.relation]} the other.",
            x_briefing_relation=related.relation,
        )
