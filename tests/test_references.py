"""The table of references is the one the index resolves: every declared field, and only those."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.model.records import Actor, Incident
from generator.model.references import EACH, REFERENCES, Reference, references_in
from generator.pipeline import generate
from generator.settings import make_settings

HOLDERS = {
    "incident": "incidents/derik-standoff.yaml",
    "actor": "actors/russian-forces.yaml",
    "place": "places/derik.yaml",
}
"""A record of each kind that holds references, in tests/fixtures/base."""

NEW_ITEM: dict[str, dict[str, Any]] = {
    "participants": {"role": "acting"},
    "citations": {"source": "voa"},
    "related": {"relation": "follow-up-of"},
    "relations": {"actor": "turkey", "type": "backs"},
    "judgements": {"statement": "It happened.", "likelihood": "likely", "confidence": "low"},
    "citation": {"source": "voa"},
}
"""The other required fields of a new list item, by list field (a new list reference adds a line here)."""


def _point_at(fields: dict[str, Any], path: tuple[str, ...], value: str) -> None:
    """Make ``fields`` name ``value`` at ``path``, appending a list item where the path steps into a list."""
    head, *rest = path
    if not rest:
        fields[head] = value
        return
    if rest[0] != EACH:  # a mapping inside the record, e.g. a relation's citation
        _point_at(fields.setdefault(head, dict(NEW_ITEM[head])), tuple(rest), value)
        return
    if len(rest) == 1:  # a list of ids
        fields.setdefault(head, []).append(value)
        return
    item = dict(NEW_ITEM[head])
    fields.setdefault(head, []).append(item)
    _point_at(item, tuple(rest[1:]), value)


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda r: f"{r.holder.kind_name}.{'.'.join(r.path)}")
def test_a_dangling_reference_in_any_declared_field_is_reported_where_it_is_written(
    project: Path, reference: Reference
) -> None:
    file = project / "seeds" / HOLDERS[reference.holder.kind_name]
    fields = yaml.safe_load(file.read_text(encoding="utf-8"))
    _point_at(fields, reference.path, "nowhere-at-all")
    file.write_text(yaml.safe_dump(fields, sort_keys=False), encoding="utf-8")
    result = generate(make_settings(project))
    found = [d for d in result.diagnostics if d.message == f"unknown {reference.target.kind_name} 'nowhere-at-all'"]
    assert len(found) == 1, result.diagnostics
    problem = found[0]
    assert problem.path == f"seeds/{HOLDERS[reference.holder.kind_name]}"
    line = file.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line[problem.col - 1 :].startswith("nowhere-at-all"), line
    assert not result.ok


def test_references_are_found_in_records_and_in_plain_fields_alike() -> None:
    fields = {
        "id": "x",
        "place": "derik",
        "participants": [{"actor": "turkey", "role": "acting"}, {"role": "affected"}],
        "citations": [{"source": "voa"}],
        "related": [],
    }
    expected = [
        (("place",), "place", "derik"),
        (("participants", 0, "actor"), "actor", "turkey"),
        (("citations", 0, "source"), "source", "voa"),
    ]
    assert [(loc, kind.kind_name, found) for loc, kind, found in references_in(Incident, fields)] == expected
    record = Incident.model_validate({**fields, "title": "X", "date": "2020", "event_type": "battles"})
    assert [(loc, kind.kind_name, found) for loc, kind, found in references_in(Incident, record)] == expected
    actor = Actor.model_validate(
        {"id": "a", "name": "A", "kind": "state", "relations": [{"actor": "b", "type": "backs"}]}
    )
    assert list(references_in(Actor, actor)) == [(("relations", 0, "actor"), Actor, "b")]
