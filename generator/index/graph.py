"""Resolve every reference once and compute the links in both directions.

The index stage. Records refer to each other by id; this module turns a :class:`Dataset` into
a graph of nodes (one per record) in which every reference is an object, and computes what the
pages show in the other direction: an actor's incidents, a place's incidents including those in
places inside it, a source's citations, related incidents and actors both ways, and the
briefings that mention each entity. Unknown references and parent cycles become diagnostics.
Every list is sorted by an explicit key so that output is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from generator.diagnostics import Diagnostic, Severity, article, did_you_mean
from generator.load.briefings import Briefing
from generator.load.dataset import Dataset, Entry
from generator.load.yamlsource import Loc
from generator.model import vocabulary as v
from generator.model.records import Actor, Citation, Incident, Place, Record, Source

R = TypeVar("R", bound=Record)


@dataclass(eq=False)
class Node(Generic[R]):
    """One record in the graph, with the page it becomes.

    Attributes:
        entry: The record and the file it came from.
        uri: Path of its page relative to the docs folder, e.g. ``actors/russia.md``.
        briefings: Hand-written briefings that link to the page, sorted by title.
    """

    entry: Entry[R]
    uri: str
    briefings: list[Briefing] = field(default_factory=list)

    @property
    def record(self) -> R:
        """The validated record."""
        return self.entry.record

    @property
    def id(self) -> str:
        """The record's id."""
        return self.entry.record.id

    @property
    def title(self) -> str:
        """The name a link to this page shows."""
        return self.entry.record.label


@dataclass(eq=False)
class PlaceNode(Node[Place]):
    """A place with its parent, the places inside it and the incidents there."""

    parent: PlaceNode | None = None
    children: list[PlaceNode] = field(default_factory=list)
    incidents: list[IncidentNode] = field(default_factory=list)
    incidents_within: list[IncidentNode] = field(default_factory=list)
    """Incidents here or in any place inside this one, in timeline order."""

    @property
    def ancestors(self) -> list[PlaceNode]:
        """Enclosing places from the outermost to the direct parent."""
        chain: list[PlaceNode] = []
        node = self.parent
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass(frozen=True)
class ActorLink:
    """A typed relation between two actors, phrased from the page it is shown on."""

    phrase: str
    actor: ActorNode
    note: str


@dataclass(eq=False)
class ActorNode(Node[Actor]):
    """An actor with its parent and children, relations both ways and incidents with roles."""

    parent: ActorNode | None = None
    children: list[ActorNode] = field(default_factory=list)
    relations: list[ActorLink] = field(default_factory=list)
    incidents: list[tuple[IncidentNode, str]] = field(default_factory=list)
    """(incident, role label), in timeline order."""


@dataclass(eq=False)
class SourceNode(Node[Source]):
    """A source with the incidents that cite it."""

    citations: list[tuple[IncidentNode, Citation]] = field(default_factory=list)


@dataclass(frozen=True)
class ParticipantLink:
    """An actor's part in an incident; ``actor`` is ``None`` when unidentified."""

    actor: ActorNode | None
    role: str
    note: str


@dataclass(frozen=True)
class IncidentLink:
    """A relation between two incidents, phrased from the page it is shown on."""

    phrase: str
    incident: IncidentNode


@dataclass(eq=False)
class IncidentNode(Node[Incident]):
    """An incident with its place, participants, citations and related incidents resolved."""

    place: PlaceNode | None = None
    participants: list[ParticipantLink] = field(default_factory=list)
    citations: list[tuple[SourceNode, Citation]] = field(default_factory=list)
    related: list[IncidentLink] = field(default_factory=list)


N = TypeVar("N", bound=Node[Any])
Tree = TypeVar("Tree", PlaceNode, ActorNode)


@dataclass
class Index:
    """The resolved graph: every node by kind, sorted for listing, plus its diagnostics."""

    incidents: list[IncidentNode]
    actors: list[ActorNode]
    places: list[PlaceNode]
    sources: list[SourceNode]
    tags: dict[str, list[IncidentNode]]
    briefings: list[Briefing]
    diagnostics: list[Diagnostic]


def _page(folder: str, record_id: str) -> str:
    return f"{folder}/{record_id}.md"


class _Resolver:
    """Looks ids up and reports unknown ones at the position where they were written."""

    def __init__(self, dataset: Dataset, seeds_name: str) -> None:
        self.dataset = dataset
        self.seeds_name = seeds_name
        self.diagnostics: list[Diagnostic] = []

    def find(
        self, table: dict[str, N], folder: str, kind_name: str, wanted: str, entry: Entry[R], loc: Loc
    ) -> N | None:
        node = table.get(wanted)
        if node is None and wanted not in self.dataset.failed.get(folder, set()):
            hint = did_you_mean(wanted, table, where=f"{folder} are in {self.seeds_name}/{folder}/")
            self.diagnostics.append(entry.doc.diagnostic(loc, f"unknown {kind_name} '{wanted}'", hint))
        return node


def build_index(dataset: Dataset, briefings: Iterable[Briefing] = (), *, seeds_name: str = "seeds") -> Index:
    """Resolve a dataset into an :class:`Index`.

    Args:
        dataset: Validated records.
        briefings: Hand-written pages whose links to entity pages become backlinks.
        seeds_name: How the data folder is named in hints.
    """
    resolver = _Resolver(dataset, seeds_name)
    places = {i: PlaceNode(e, _page("places", i)) for i, e in dataset.places.items()}
    actors = {i: ActorNode(e, _page("actors", i)) for i, e in dataset.actors.items()}
    sources = {i: SourceNode(e, _page("sources", i)) for i, e in dataset.sources.items()}
    incidents = {i: IncidentNode(e, _page("incidents", i)) for i, e in dataset.incidents.items()}

    for place in places.values():
        if place.record.parent:
            place.parent = resolver.find(places, "places", "place", place.record.parent, place.entry, ("parent",))
    for actor in actors.values():
        record = actor.record
        if record.parent:
            actor.parent = resolver.find(actors, "actors", "actor", record.parent, actor.entry, ("parent",))
        for i, relation in enumerate(record.relations):
            other = resolver.find(actors, "actors", "actor", relation.actor, actor.entry, ("relations", i, "actor"))
            if other is not None:
                actor.relations.append(ActorLink(v.ACTOR_RELATIONS[relation.type], other, relation.note))
                other.relations.append(ActorLink(v.ACTOR_RELATIONS_INVERSE[relation.type], actor, relation.note))
    _break_cycles(places.values(), "place", resolver.diagnostics)
    _break_cycles(actors.values(), "actor", resolver.diagnostics)

    ordered = sorted(incidents.values(), key=lambda n: (n.record.date.start, n.record.date.end, n.id))
    tags: dict[str, list[IncidentNode]] = defaultdict(list)
    for incident in ordered:
        _resolve_incident(incident, resolver, places, actors, sources, incidents)
        for tag in incident.record.tags:
            tags[tag].append(incident)
    for incident in ordered:
        if incident.place is not None:
            incident.place.incidents.append(incident)
            node: PlaceNode | None = incident.place
            seen: list[PlaceNode] = []
            while node is not None and node not in seen:
                node.incidents_within.append(incident)
                seen.append(node)
                node = node.parent
        for participant in incident.participants:
            if participant.actor is not None:
                participant.actor.incidents.append((incident, participant.role))
        for source, citation in incident.citations:
            source.citations.append((incident, citation))

    for place in places.values():
        if place.parent is not None:
            place.parent.children.append(place)
    for actor in actors.values():
        if actor.parent is not None:
            actor.parent.children.append(actor)
        actor.relations.sort(key=lambda link: (link.phrase, link.actor.title.casefold(), link.actor.id))
        actor.children.sort(key=_by_title)
    for place in places.values():
        place.children.sort(key=_by_title)

    briefing_list = sorted(briefings, key=lambda b: (b.title.casefold(), b.uri))
    _attach_briefings(briefing_list, {**_by_uri(places), **_by_uri(actors), **_by_uri(sources), **_by_uri(incidents)})

    resolver.diagnostics.extend(_warnings(ordered))
    return Index(
        incidents=ordered,
        actors=sorted(actors.values(), key=_by_title),
        places=sorted(places.values(), key=_by_title),
        sources=sorted(sources.values(), key=_by_title),
        tags=dict(sorted(tags.items())),
        briefings=briefing_list,
        diagnostics=resolver.diagnostics,
    )


def _resolve_incident(
    incident: IncidentNode,
    resolver: _Resolver,
    places: dict[str, PlaceNode],
    actors: dict[str, ActorNode],
    sources: dict[str, SourceNode],
    incidents: dict[str, IncidentNode],
) -> None:
    record, entry = incident.record, incident.entry
    incident.place = resolver.find(places, "places", "place", record.place, entry, ("place",))
    for i, participant in enumerate(record.participants):
        actor = None
        if participant.actor is not None:
            actor = resolver.find(actors, "actors", "actor", participant.actor, entry, ("participants", i, "actor"))
            if actor is None:
                continue
        incident.participants.append(ParticipantLink(actor, v.ROLES[participant.role], participant.note))
    for i, citation in enumerate(record.citations):
        source = resolver.find(sources, "sources", "source", citation.source, entry, ("citations", i, "source"))
        if source is not None:
            incident.citations.append((source, citation))
    for i, relation in enumerate(record.related):
        other = resolver.find(incidents, "incidents", "incident", relation.incident, entry, ("related", i, "incident"))
        if other is not None:
            incident.related.append(IncidentLink(v.INCIDENT_RELATIONS[relation.relation], other))
            other.related.append(IncidentLink(v.INCIDENT_RELATIONS_INVERSE[relation.relation], incident))


def _by_title(node: Node[Any]) -> tuple[str, str]:
    return node.title.casefold(), node.id


def _by_uri(table: Mapping[str, Node[Any]]) -> dict[str, Node[Any]]:
    return {node.uri: node for node in table.values()}


def _attach_briefings(briefings: list[Briefing], pages: dict[str, Node[Any]]) -> None:
    for briefing in briefings:
        for target in sorted({m.target for m in briefing.mentions}):
            node = pages.get(target)
            if node is not None:
                node.briefings.append(briefing)


def _break_cycles(nodes: Iterable[Tree], kind_name: str, out: list[Diagnostic]) -> None:
    """Report each parent cycle once, at its member with the smallest id, and cut it there."""
    for start in sorted(nodes, key=lambda n: n.id):
        chain: list[Tree] = []
        node: Tree | None = start
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        if node is start:
            names = " -> ".join([*(n.id for n in chain), start.id])
            out.append(
                start.entry.doc.diagnostic(
                    ("parent",),
                    f"parent {kind_name}s form a cycle: {names}",
                    f"{article(kind_name)} cannot be inside itself; remove one of these 'parent' fields",
                )
            )
            start.parent = None


def _warnings(incidents: list[IncidentNode]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for incident in incidents:
        if not incident.record.citations:
            line, col = incident.entry.doc.position(())
            found.append(
                Diagnostic(
                    incident.entry.doc.path,
                    line,
                    col,
                    f"incident '{incident.id}' cites no source",
                    "add a 'citations:' list so readers can check the claim",
                    Severity.WARNING,
                )
            )
    return found
