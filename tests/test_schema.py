"""The JSON Schemas that editors use agree with the model and accept every example record."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO
from generator.load.yamlsource import parse
from generator.model.schema import schema_files

EXAMPLES = sorted((REPO / "seeds").rglob("*.yaml"))


def test_committed_schemas_are_up_to_date() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").glob("*.json")}
    assert committed == schema_files(), "run: python -m generator schema"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.relative_to(REPO / "seeds").as_posix() for p in EXAMPLES])
def test_every_example_file_validates_against_its_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=../../schemas/"), "each example names its schema"
    schema_path = (path.parent / first.split("$schema=", 1)[1]).resolve()
    doc, problems = parse(text, path.name)  # dates stay text, as YAML 1.2 editors read them
    assert problems == []
    assert doc is not None
    jsonschema.validate(doc.value, json.loads(schema_path.read_text(encoding="utf-8")))


def test_the_schema_rejects_what_the_model_rejects() -> None:
    schema = json.loads(schema_files()["incident.schema.json"])
    with pytest.raises(jsonschema.ValidationError, match="'sumary' was unexpected"):
        jsonschema.validate(
            {"id": "x", "title": "t", "date": "2020", "event_type": "riots", "place": "p", "sumary": "s"}, schema
        )
