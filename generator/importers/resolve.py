"""Find the actor, place and source records a row names, or propose new ones.

The resolve step of an import (read -> map -> **resolve** -> merge -> write). Names are matched
case- and spacing-insensitively against each record's name, its aliases and its id, so an
analyst links a dataset's spelling to a record of their own by adding that spelling as an
alias. Records the analyst made win over records an import made. Places an import made are
told apart by their parent too ("Ariha" the district and "Ariha" the town inside it are two
places); the analyst's places are matched by name alone, except that a named point more than
50 km from one of their places with coordinates is not that place. A record is created once
and reused by every later row; nothing the analyst made is ever changed here.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import PydanticCustomError

from generator.importers.common import ActorRef, PlaceRef, SourceRef, distance_km, name_key, slugify
from generator.importers.crosswalk import Crosswalk
from generator.model.records import check_slug
from generator.model.spelling import fold, skeleton

FOLDERS = ("actors", "places", "sources")
NEAR_KM = 50.0
"""How far a named point may lie from an analyst's place of the same name and still be it."""
AREA_KINDS = frozenset({"country", "region", "governorate", "district"})
"""Place kinds that are areas; the others (city, town, village, road, site) are points."""


@dataclass
class _Known:
    """A record rows can link to, as the directory sees it."""

    id: str
    managed: bool
    """Made by an import (any dataset): matched by name and parent, not by name alone."""
    parent: str | None = None
    coordinates: tuple[float, float] | None = None
    area: bool | None = None
    """For places: whether the kind is an area (an admin unit) rather than a point."""
    names: list[str] = field(default_factory=list)
    """The record's name and aliases (and the name an import last gave it)."""
    title: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Uncertain:
    """A dataset's spelling that may name an existing record, kept apart until the analyst says.

    Attributes:
        folder: ``places`` or ``actors``.
        spelling: The name as the row writes it.
        candidate: The id of the record it may be.
        candidate_name: That record's name.
        why: What makes the match uncertain ("14.2 km away", "in another district").
    """

    folder: str
    spelling: str
    candidate: str
    candidate_name: str
    why: str


CERTAIN_KM = 5.0
"""Two named points of the same consonants this close are one place."""
SAME_NAME_KM = 25.0
"""Two named points of the same folded name this close are one place; farther, two places."""


@dataclass
class Directory:
    """Every actor, place and source a row may link to, found by name.

    Attributes:
        proposals: Folder -> id -> fields this import proposes for the records it owns (made
            now or by an earlier run of the same import); the first row naming a record sets them.
        created: Folder -> ids of records that have no file yet.
    """

    proposals: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {f: {} for f in FOLDERS})
    created: dict[str, set[str]] = field(default_factory=lambda: {f: set() for f in FOLDERS})
    _known: dict[str, dict[str, _Known]] = field(default_factory=lambda: {f: {} for f in FOLDERS})
    _by_key: dict[str, defaultdict[str, set[str]]] = field(
        default_factory=lambda: {f: defaultdict(set) for f in FOLDERS}
    )
    _taken: dict[str, set[str]] = field(default_factory=lambda: {f: set() for f in FOLDERS})
    _owned: dict[str, set[str]] = field(default_factory=lambda: {f: set() for f in FOLDERS})
    _kinds: dict[str, Counter[str]] = field(default_factory=dict)
    """Actor id -> how many rows gave each kind (rows that give none do not count)."""
    _defaults: dict[str, str] = field(default_factory=dict)
    _by_fold: dict[str, defaultdict[str, set[str]]] = field(
        default_factory=lambda: {f: defaultdict(set) for f in FOLDERS}
    )
    _by_skeleton: dict[str, defaultdict[str, set[str]]] = field(
        default_factory=lambda: {f: defaultdict(set) for f in FOLDERS}
    )
    crosswalk: Crosswalk = field(default_factory=Crosswalk)
    aliases: dict[str, dict[str, set[str]]] = field(default_factory=lambda: {f: {} for f in FOLDERS})
    """Folder -> id -> spellings a row matched to the record that it does not list yet."""
    uncertain: list[Uncertain] = field(default_factory=list)
    """Spellings that may name an existing record, reported and kept apart (once each)."""

    @classmethod
    def build(
        cls,
        records: Mapping[str, Mapping[str, Mapping[str, Any]]],
        taken: Mapping[str, set[str]],
        bases: Mapping[str, Mapping[str, Mapping[str, Any]]],
        owned: Mapping[str, set[str]],
    ) -> Directory:
        """Index the records on disk.

        Args:
            records: Folder -> id -> the record's fields as written in its file.
            taken: Folder -> ids no new record may take (every file name, loadable or not).
            bases: Folder -> id -> fields an import last wrote for records imports made (any dataset).
            owned: Folder -> ids of the records this dataset's import made.
        """
        directory = cls()
        for folder in FOLDERS:
            directory._taken[folder] |= taken.get(folder, set())
            directory._owned[folder] |= owned.get(folder, set())
            for record_id, fields in sorted(records.get(folder, {}).items()):
                base = bases.get(folder, {}).get(record_id)
                names = [fields.get("name"), *(fields.get("aliases") or [])]
                if base is not None:
                    names.append(base.get("name"))
                    parent = base.get("parent")
                else:
                    parent = fields.get("parent")
                known = _Known(record_id, base is not None, parent if isinstance(parent, str) else None)
                known.area = fields.get("kind") in AREA_KINDS
                known.title = str(fields.get("name") or record_id)
                known.kind = str(fields.get("kind") or "")
                point = fields.get("coordinates")
                if isinstance(point, dict) and isinstance(point.get("lat"), float | int):
                    known.coordinates = (float(point["lat"]), float(point["lon"]))
                directory._add(folder, known, [n for n in names if isinstance(n, str)])
        return directory

    def _add(self, folder: str, known: _Known, names: list[str]) -> None:
        self._known[folder][known.id] = known
        self._taken[folder].add(known.id)
        for name in names:
            self._index_name(folder, known, name)
        self._by_key[folder][name_key(known.id)].add(known.id)

    def _index_name(self, folder: str, known: _Known, name: str) -> None:
        known.names.append(name)
        self._by_key[folder][name_key(name)].add(known.id)
        self._by_fold[folder][fold(name)].add(known.id)
        self._by_skeleton[folder][skeleton(name)].add(known.id)

    def knows(self, folder: str, record_id: str) -> bool:
        """True when a record of that id is in the data folder or made by this import."""
        return record_id in self._known[folder]

    def is_managed(self, folder: str, record_id: str) -> bool:
        """True when an import (any dataset's) made the record, so a new spelling may be added to it."""
        known = self._known[folder].get(record_id)
        return known is not None and known.managed

    def _spelling(self, folder: str, record_id: str, name: str) -> None:
        """Remember a spelling a row used for a record, to add as an alias when the record lacks it."""
        known = self._known[folder][record_id]
        if all(name_key(name) != name_key(n) for n in known.names):
            self.aliases[folder].setdefault(record_id, set()).add(name)
            self._index_name(folder, known, name)

    def _crosswalked(self, folder: str, name: str, area: bool | None = None) -> str | None:
        """The record the crosswalk file confirms for a spelling, when it names one that exists."""
        target = self.crosswalk.same_as(folder, name)
        known = self._known[folder].get(target) if target else None
        if known is None or (area is not None and folder == "places" and known.area != area):
            return None
        return known.id

    def _candidates(self, folder: str, name: str) -> set[str]:
        found = set(self._by_key[folder].get(name_key(name), set()))
        slug = slugify(name)
        if slug in self._known[folder]:
            found.add(slug)
        return found

    def actor(self, ref: ActorRef) -> str:
        """The id of the actor ``ref`` names, proposing a new record when there is none.

        The row's kind is a vote: :meth:`settle_kinds` gives each actor the kind most rows gave.
        """
        crosswalked = self._crosswalked("actors", ref.name)
        found = crosswalked or self._pick("actors", self._candidates("actors", ref.name))
        if crosswalked is not None:
            self._spelling("actors", crosswalked, ref.name)
        record_id = found or self._new_id("actors", [slugify(ref.name)], fallback="actor")
        self._propose("actors", record_id, {"name": ref.name, "kind": ref.kind or ref.default}, new=found is None)
        votes = self._kinds.setdefault(record_id, Counter())
        if ref.kind is not None:
            votes[ref.kind] += 1
        self._defaults.setdefault(record_id, ref.default)
        return record_id

    def settle_kinds(self) -> list[tuple[str, str, list[tuple[str, int]]]]:
        """Give every actor this import proposes the kind most of its rows gave.

        An actor first named without a kind (an ACLED associate) is no longer frozen as
        ``other``: the rows that code it decide; on a tie the kind seen first wins. Without any
        vote the actor keeps the kind its name implies, else ``other``.

        Returns:
            ``(actor id, name, [(kind, rows), ...])`` of each actor whose rows disagree, most
            frequent first, to be reported once.
        """
        disagreements: list[tuple[str, str, list[tuple[str, int]]]] = []
        for record_id, fields in sorted(self.proposals["actors"].items()):
            votes = self._kinds.get(record_id, Counter())
            ranked = votes.most_common()  # ties keep the order in which kinds were first seen
            fields["kind"] = ranked[0][0] if ranked else self._defaults.get(record_id, fields["kind"])
            if len(ranked) > 1:
                disagreements.append((record_id, str(fields["name"]), ranked))
        return disagreements

    def source(self, ref: SourceRef) -> str:
        """The id of the source ``ref`` names, proposing a new record when there is none."""
        found = self._pick("sources", self._candidates("sources", ref.name))
        preferred = [s for s in (ref.slug, slugify(ref.name)) if s]
        record_id = found or self._new_id("sources", preferred, fallback="source")
        fields: dict[str, Any] = {"name": ref.name, "kind": ref.kind, "url": ref.url, "description": ref.description}
        self._propose("sources", record_id, fields, new=found is None)
        return record_id

    def place(self, chain: list[PlaceRef]) -> str:
        """The id of the last place of ``chain``; each place's parent is the one before it."""
        parent: str | None = None
        seen: set[str] = set()
        for ref in chain:
            area = ref.kind in AREA_KINDS
            candidates = self._candidates("places", ref.name) - seen - self.crosswalk.refused("places", ref.name)
            found = self._crosswalked("places", ref.name, area)
            if found is None:
                found = self._pick("places", candidates, parent=parent, point=ref.coordinates, area=area)
            if found is None:
                found = self._fold_match(ref, parent, seen)
            if found is not None:
                self._spelling("places", found, ref.name)
            if found is None:
                preferred = [slugify(ref.name)]
                if preferred[0]:
                    preferred.append(f"{preferred[0]}-{ref.kind}")
                found = self._new_id("places", preferred, fallback="place")
                self._propose("places", found, _place_fields(ref, parent), new=True)
            else:
                self._propose("places", found, _place_fields(ref, parent), new=False)
            seen.add(found)
            parent = found
        assert parent is not None, "a place chain is never empty"
        return parent

    def _fold_match(self, ref: PlaceRef, parent: str | None, seen: set[str]) -> str | None:
        """An existing place another spelling of ``ref`` names, when that is certain.

        Candidates share the folded name or its consonants (:mod:`generator.model.spelling`).
        An area matches an area of the same kind inside the same parent; a named point within :data:`CERTAIN_KM` (same
        consonants) or :data:`SAME_NAME_KM` (same folded name), else it is another place. What
        cannot be decided (a point without coordinates, a nearby point of similar spelling, a
        same-named area elsewhere) is reported in :attr:`uncertain` and kept apart.
        """
        area = ref.kind in AREA_KINDS
        folded = fold(ref.name)
        ids = set(self._by_fold["places"].get(folded, set())) | self._by_skeleton["places"].get(
            skeleton(ref.name), set()
        )
        ids -= seen | self.crosswalk.refused("places", ref.name)
        certain: list[str] = []
        doubts: list[tuple[str, str]] = []
        for record_id in sorted(ids):
            known = self._known["places"][record_id]
            if known.area != area:
                continue
            same_fold = any(fold(name) == folded for name in known.names)
            if area:
                # the same kind of area inside the same place; elsewhere it is another area
                # (a district is often named after its governorate)
                if known.parent == parent and known.kind == ref.kind:
                    certain.append(record_id)
                continue
            if ref.coordinates is not None and known.coordinates is not None:
                km = distance_km(ref.coordinates, known.coordinates)
                if km <= CERTAIN_KM or (same_fold and km <= SAME_NAME_KM):
                    certain.append(record_id)
                elif km <= SAME_NAME_KM:
                    doubts.append((record_id, f"{km:.1f} km away"))
            elif same_fold and known.parent == parent:
                certain.append(record_id)
            else:
                doubts.append((record_id, "no coordinates to compare"))
        if len(certain) == 1 and not doubts:
            return certain[0]
        doubts += [(record_id, "one of several places of that spelling") for record_id in certain]
        for record_id, why in doubts:
            item = Uncertain("places", ref.name, record_id, self._known["places"][record_id].title, why)
            if item not in self.uncertain:
                self.uncertain.append(item)
        return None

    def _pick(
        self,
        folder: str,
        candidates: set[str],
        *,
        parent: str | None = None,
        point: tuple[float, float] | None = None,
        area: bool | None = None,
    ) -> str | None:
        known = [self._known[folder][i] for i in sorted(candidates)]
        hand = [k for k in known if not k.managed]
        if folder == "places":
            # an analyst's town is not the district of the same name, nor a village 80 km away
            hand = [k for k in hand if k.area == area]
            if point is not None:
                hand = [k for k in hand if k.coordinates is None or distance_km(k.coordinates, point) <= NEAR_KM]
        if hand:
            same_parent = [k for k in hand if k.parent == parent] if folder == "places" else []
            return (same_parent or hand)[0].id
        managed = [k for k in known if k.managed and (folder != "places" or k.parent == parent)]
        return managed[0].id if managed else None

    def _propose(self, folder: str, record_id: str, fields: dict[str, Any], *, new: bool) -> None:
        if new:
            self.created[folder].add(record_id)
            self._owned[folder].add(record_id)
            parent = fields.get("parent")
            point = fields.get("coordinates")
            known = _Known(
                record_id,
                True,
                parent if isinstance(parent, str) else None,
                (point["lat"], point["lon"]) if isinstance(point, dict) else None,
                area=fields.get("kind") in AREA_KINDS,
                title=str(fields["name"]),
                kind=str(fields.get("kind") or ""),
            )
            self._add(folder, known, [fields["name"]])
        if record_id in self._owned[folder]:
            self.proposals[folder].setdefault(record_id, fields)

    def _new_id(self, folder: str, preferred: list[str], *, fallback: str) -> str:
        tried = [p for p in preferred if p] or [fallback]
        numbered = (f"{tried[-1]}-{n}" for n in itertools.count(2))
        for candidate in itertools.chain(tried, numbered):
            if candidate in self._taken[folder]:
                continue
            try:
                check_slug(candidate)
            except PydanticCustomError:
                continue
            self._taken[folder].add(candidate)
            return candidate
        raise AssertionError("unreachable: the numbered ids never run out")


def _place_fields(ref: PlaceRef, parent: str | None) -> dict[str, Any]:
    fields: dict[str, Any] = {"name": ref.name, "kind": ref.kind}
    if ref.coordinates is not None:
        fields["coordinates"] = {"lat": ref.coordinates[0], "lon": ref.coordinates[1]}
    fields["parent"] = parent
    return fields
