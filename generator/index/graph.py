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
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from generator.diagnostics import Diagnostic, Loc, Severity, article, did_you_mean
from generator.index.reads import note as note_read
from generator.index.reads import noted_attributes
from generator.load.briefings import Briefing
from generator.load.dataset import Dataset, Entry
from generator.model import vocabulary as v
from generator.model.grading import grade_code, grade_meaning
from generator.model.records import (
    Actor,
    ActorRelation,
    Citation,
    Incident,
    Judgement,
    Participant,
    Place,
    Record,
    RelatedIncident,
    Source,
)

if TYPE_CHECKING:
    from generator.index.duplicates import PossibleDuplicate

R = TypeVar("R", bound=Record)


@noted_attributes("record", "id", "title")  # the page being rendered shows this record
@dataclass(eq=False)
class Node(Generic[R]):
    """One record in the graph, with the page it becomes.

    Attributes:
        entry: The record and the file it came from.
        uri: Path of its page relative to the docs folder, e.g. ``actors/russia.md``.
        briefings: Hand-written briefings that link to the page, sorted by title.
        record: The validated record (``entry.record``).
        id: The record's id.
        title: The name a link to this page shows (the record's label).

    A page that reads ``record``, ``id`` or ``title`` while the preview records its reads depends
    on the record (``generator/index/reads.py``). They are attributes rather than properties, read
    on every page many times over.
    """

    entry: Entry[R]
    uri: str
    briefings: list[Briefing] = field(default_factory=list)
    record: R = field(init=False, repr=False)
    id: str = field(init=False, repr=False)
    title: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        record = self.entry.record
        self.record, self.id, self.title = record, record.id, record.label


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
        note_read(self.uri)  # the chain follows each record's 'parent'
        chain: list[PlaceNode] = []
        node = self.parent
        while node is not None and node not in chain:
            note_read(node.uri)
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass(frozen=True, eq=False, slots=True)
class ActorLink:
    """A typed relation between two actors, seen from one of them.

    Attributes:
        relation: The relation as the declaring actor's record writes it (its type, the other
            actor's id, the note).
        actor: The other actor, as seen from the page the link is shown on.
        forward: True on the page of the actor that declares the relation ("backs"), False on
            the other actor's page ("is backed by").
    """

    relation: ActorRelation
    actor: ActorNode
    forward: bool
    reported: Reported | None = None
    """Who reports the relation (its citation, resolved), when the record says."""

    @property
    def phrase(self) -> str:
        """How the relation reads from this side: "backs" or "is backed by"."""
        table = v.ACTOR_RELATIONS if self.forward else v.ACTOR_RELATIONS_INVERSE
        return table[self.relation.type]

    @property
    def period(self) -> str:
        """When the relation held, as far as the record says: "since June 2020", "until 2019", ""."""
        start, end = self.relation.from_, self.relation.until
        if start is not None and end is not None:
            return f"{start.describe()} to {end.describe()}"
        if start is not None:
            return f"since {start.describe()}"
        return f"until {end.describe()}" if end is not None else ""

    @property
    def note(self) -> str:
        """The relation's note."""
        return self.relation.note


@dataclass(eq=False)
class ActorNode(Node[Actor]):
    """An actor with its parent and children, relations both ways and its parts in incidents."""

    parent: ActorNode | None = None
    children: list[ActorNode] = field(default_factory=list)
    relations: list[ActorLink] = field(default_factory=list)
    incidents: list[ParticipantLink] = field(default_factory=list)
    """The actor's parts in incidents (one per participant entry), in timeline order."""

    @property
    def involvements(self) -> list[Involvement]:
        """Each incident the actor takes part in once, in timeline order, with all its roles there.

        An actor can appear twice in one incident (a group fighting itself, on both sides): pages,
        counts and charts list the incident once.
        """
        by_incident: dict[str, Involvement] = {}
        for part in self.incidents:
            # By page, not id: counting an actor's incidents reads none of their records.
            found = by_incident.get(part.incident.uri)
            if found is None:
                by_incident[part.incident.uri] = Involvement(part.incident, [part.role])
            elif part.role not in found.roles:
                found.roles.append(part.role)
        return list(by_incident.values())


@dataclass
class Involvement:
    """One incident an actor takes part in, and the roles it has there ("Attacker", "Targeted")."""

    incident: IncidentNode
    roles: list[str]

    @property
    def role(self) -> str:
        """The roles as a page shows them: "Attacker" or "Combatant, Targeted"."""
        return ", ".join(self.roles)


@dataclass(eq=False)
class SourceNode(Node[Source]):
    """A source with the citations of it, in timeline order of their incidents."""

    citations: list[CitationLink] = field(default_factory=list)


@dataclass(frozen=True, eq=False, slots=True)
class ParticipantLink:
    """An actor's part in an incident.

    Attributes:
        incident: The incident.
        part: The participant entry as the record writes it (actor id, role slug, note).
        actor: The actor, or ``None`` when the record leaves it unidentified.
    """

    incident: IncidentNode
    part: Participant
    actor: ActorNode | None

    @property
    def role(self) -> str:
        """The role as pages show it, e.g. "Attacker"."""
        return v.ROLES[self.part.role]

    @property
    def note(self) -> str:
        """The participant's note."""
        return self.part.note


@dataclass(frozen=True, eq=False, slots=True)
class Reported:
    """A citation outside an incident (an actor relation's), with its reporting chain resolved.

    Attributes:
        citation: The citation as the record writes it.
        source: The cited source.
        via: The source the analyst read the report in, when not in the original.
        origins: Who the report relays, when not the source itself.
    """

    citation: Citation
    source: SourceNode
    via: SourceNode | None = None
    origins: tuple[SourceNode, ...] = ()

    @property
    def grade(self) -> str:
        """The Admiralty code, e.g. ``B2``."""
        return grade_code(self.source.record.reliability, self.citation.credibility)

    @property
    def grade_meaning(self) -> str:
        """The code in words."""
        return grade_meaning(self.source.record.reliability, self.citation.credibility)


@dataclass(frozen=True, eq=False, slots=True)
class CitationLink:
    """What one source said about one incident, with its reporting chain.

    Attributes:
        incident: The incident that cites the source.
        citation: The citation as the record writes it.
        source: The cited source.
        via: The source the analyst read the report in, when not in the original.
        origins: Who the report relays, when not the source itself.
    """

    incident: IncidentNode
    citation: Citation
    source: SourceNode
    via: SourceNode | None = None
    origins: tuple[SourceNode, ...] = ()
    place: PlaceNode | None = None
    """The place this source says the incident happened at, when it says one of its own."""
    perpetrator: ActorNode | None = None
    """Whom this source holds responsible, when it says."""

    @property
    def reporters(self) -> tuple[SourceNode, ...]:
        """Who originally said what the citation reports: its origins, else its source."""
        return self.origins or (self.source,)

    @property
    def grade(self) -> str:
        """The Admiralty code, e.g. ``B2`` (``?2`` while the source is not yet graded)."""
        return grade_code(self.source.record.reliability, self.citation.credibility)

    @property
    def grade_meaning(self) -> str:
        """The code in words, e.g. "usually reliable source; information probably true"."""
        return grade_meaning(self.source.record.reliability, self.citation.credibility)


@dataclass(frozen=True, eq=False, slots=True)
class IncidentLink:
    """A relation between two incidents, seen from one of them.

    Attributes:
        relation: The relation as the declaring incident's record writes it.
        incident: The other incident, as seen from the page the link is shown on.
        forward: True on the page of the incident that declares the relation.
    """

    relation: RelatedIncident
    incident: IncidentNode
    forward: bool

    @property
    def phrase(self) -> str:
        """How the relation reads from this side: "follow-up of" or "followed up by"."""
        table = v.INCIDENT_RELATIONS if self.forward else v.INCIDENT_RELATIONS_INVERSE
        return table[self.relation.relation]


@dataclass(eq=False)
class IncidentNode(Node[Incident]):
    """An incident with its place, participants, citations and related incidents resolved."""

    place: PlaceNode | None = None
    participants: list[ParticipantLink] = field(default_factory=list)
    citations: list[CitationLink] = field(default_factory=list)
    related: list[IncidentLink] = field(default_factory=list)
    status_by: ActorNode | None = None
    """The actor that claims, denies, alleges or confirms the incident, when the record names one."""
    judgements: list[JudgementLink] = field(default_factory=list)

    @property
    def origins(self) -> list[SourceNode]:
        """The independent origins of the incident's reporting, each once, in citation order.

        Two citations that relay the same origin (two outlets quoting one ministry statement)
        count once; a citation that names no origin counts as its own source's.
        """
        return list(dict.fromkeys(source for link in self.citations for source in link.reporters))

    @property
    def single_source(self) -> bool:
        """True when everything the incident rests on comes from one independent origin."""
        return len(self.origins) == 1

    @property
    def status(self) -> str:
        """The status as pages show it: "Alleged", "Claimed by Islamic State", ..."""
        label = v.STATUSES[self.record.status]
        return f"{label} by {self.status_by.title}" if self.status_by is not None else label


@dataclass(frozen=True, eq=False, slots=True)
class JudgementLink:
    """A key judgement on an incident, with the sources of its basis resolved.

    Attributes:
        incident: The incident the judgement is about.
        judgement: The judgement as the record writes it.
        basis: The sources it rests on, as far as they exist.
    """

    incident: IncidentNode
    judgement: Judgement
    basis: tuple[SourceNode, ...] = ()


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
    duplicates: list[PossibleDuplicate] = field(default_factory=list)
    """Pairs of incidents that may be one event and that no relation answers yet."""


def record_uri(folder: str, record_id: str) -> str:
    """The page of a record, relative to the docs folder: ``incidents/derik-standoff.md``."""
    return f"{folder}/{record_id}.md"


_page = record_uri


class _Resolver:
    """Resolves the references of :data:`REFERENCES` and reports unknown ids where they were written."""

    def __init__(
        self, dataset: Dataset, seeds_name: str, tables: Mapping[type[Record], Mapping[str, Node[Any]]]
    ) -> None:
        self.dataset = dataset
        self.seeds_name = seeds_name
        self.tables = tables
        self.diagnostics: list[Diagnostic] = []

    def resolve(self, node: Node[Any]) -> dict[Loc, Any]:
        """The nodes ``node``'s record refers to, by where the id is written; unknown ids are reported."""
        found: dict[Loc, Any] = {}
        for loc, target, wanted in node.entry.references:
            table = self.tables[target]
            other = table.get(wanted)
            if other is not None:
                found[loc] = other
            elif wanted not in self.dataset.failed.get(target.folder, set()):
                # never the record itself: an actor cannot be its own parent or ally
                others = [key for key, candidate in table.items() if candidate is not node]
                hint = did_you_mean(wanted, others, where=f"{target.folder} are in {self.seeds_name}/{target.folder}/")
                self.diagnostics.append(node.entry.doc.diagnostic(loc, f"unknown {target.kind_name} '{wanted}'", hint))
        return found


def build_index(dataset: Dataset, briefings: Iterable[Briefing] = (), *, seeds_name: str = "seeds") -> Index:
    """Resolve a dataset into an :class:`Index`.

    Args:
        dataset: Validated records.
        briefings: Hand-written pages whose links to entity pages become backlinks.
        seeds_name: How the data folder is named in hints.
    """
    places = {i: PlaceNode(e, _page("places", i)) for i, e in dataset.places.items()}
    actors = {i: ActorNode(e, _page("actors", i)) for i, e in dataset.actors.items()}
    sources = {i: SourceNode(e, _page("sources", i)) for i, e in dataset.sources.items()}
    incidents = {i: IncidentNode(e, _page("incidents", i)) for i, e in dataset.incidents.items()}
    tables: dict[type[Record], Mapping[str, Node[Any]]] = {
        Incident: incidents,
        Actor: actors,
        Place: places,
        Source: sources,
    }
    resolver = _Resolver(dataset, seeds_name, tables)

    for place in places.values():
        place.parent = resolver.resolve(place).get(("parent",))
    for actor in actors.values():
        found = resolver.resolve(actor)
        actor.parent = found.get(("parent",))
        for i, relation in enumerate(actor.record.relations):
            other = found.get(("relations", i, "actor"))
            if other is not None:
                reported = _reported(relation.citation, found, ("relations", i, "citation"))
                actor.relations.append(ActorLink(relation, other, forward=True, reported=reported))
                other.relations.append(ActorLink(relation, actor, forward=False, reported=reported))
    _break_cycles(places.values(), "place", resolver.diagnostics)
    _break_cycles(actors.values(), "actor", resolver.diagnostics)

    ordered = sorted(incidents.values(), key=lambda n: (n.record.date.start, n.record.date.end, n.id))
    tags: dict[str, list[IncidentNode]] = defaultdict(list)
    for incident in ordered:
        _resolve_incident(incident, resolver.resolve(incident))
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
                participant.actor.incidents.append(participant)
        for citation in incident.citations:
            citation.source.citations.append(citation)

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

    # Imported here: the checks read the node classes this module defines.
    from generator.index import checks, duplicates

    resolver.diagnostics.extend(_warnings(ordered))
    for incident in ordered:
        resolver.diagnostics.extend(checks.incident_warnings(incident))
    source_list = sorted(sources.values(), key=_by_title)
    resolver.diagnostics.extend(checks.ungraded_sources(source_list, f"{seeds_name}/{Source.folder}"))
    pairs = duplicates.possible_duplicates(ordered)
    resolver.diagnostics.extend(checks.duplicate_warnings(pairs))
    return Index(
        incidents=ordered,
        actors=sorted(actors.values(), key=_by_title),
        places=sorted(places.values(), key=_by_title),
        sources=source_list,
        tags=dict(sorted(tags.items())),
        briefings=briefing_list,
        diagnostics=resolver.diagnostics,
        duplicates=pairs,
    )


def _resolve_incident(incident: IncidentNode, found: Mapping[Loc, Any]) -> None:
    """Link an incident to the nodes its record names; parts naming an unknown actor are left out."""
    record = incident.record
    incident.place = found.get(("place",))
    for i, participant in enumerate(record.participants):
        actor = found.get(("participants", i, "actor"))
        if participant.actor is not None and actor is None:
            continue
        incident.participants.append(ParticipantLink(incident, participant, actor))
    for i, citation in enumerate(record.citations):
        source = found.get(("citations", i, "source"))
        if source is not None:
            via = found.get(("citations", i, "via"))
            origins = (found.get(("citations", i, "origin", k)) for k in range(len(citation.origin)))
            incident.citations.append(
                CitationLink(
                    incident,
                    citation,
                    source,
                    via,
                    tuple(o for o in origins if o),
                    found.get(("citations", i, "place")),
                    found.get(("citations", i, "perpetrator")),
                )
            )
    incident.status_by = found.get(("status_by",))
    for i, judgement in enumerate(record.judgements):
        basis = (found.get(("judgements", i, "basis", k)) for k in range(len(judgement.basis)))
        incident.judgements.append(JudgementLink(incident, judgement, tuple(b for b in basis if b)))
    for i, relation in enumerate(record.related):
        other = found.get(("related", i, "incident"))
        if other is not None:
            incident.related.append(IncidentLink(relation, other, forward=True))
            other.related.append(IncidentLink(relation, incident, forward=False))


def _reported(citation: Citation | None, found: Mapping[Loc, Any], at: Loc) -> Reported | None:
    """A citation outside an incident, resolved; None when it has none or names an unknown source."""
    if citation is None or found.get((*at, "source")) is None:
        return None
    origins = (found.get((*at, "origin", k)) for k in range(len(citation.origin)))
    return Reported(citation, found[(*at, "source")], found.get((*at, "via")), tuple(o for o in origins if o))


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
