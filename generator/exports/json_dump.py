"""``data/data.json``: every record of every kind, as in the YAML, in one JSON file.

Part of the render stage. Each record has every field of its model, in the model's order, with
defaults filled in (``null``, ``[]``, ``""``), and dates in the forms the YAML accepts (see
:func:`generator.exports.common.date_form`), so each record validates against its kind's JSON
Schema in ``schemas/`` and can be written back as a YAML file. Records are sorted by id within
each kind. ``generator`` names the program and version that wrote the file and
``schema_version`` the layout of this file, raised when it changes.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from generator import __version__
from generator.exports.common import date_form, json_text
from generator.index.graph import Index, Node
from generator.model.dates import FuzzyDate
from generator.model.records import Record
from generator.render.parts import DIRECT, Parts

URI = "data/data.json"
SCHEMA_VERSION = 1


def render(index: Index, parts: Parts = DIRECT) -> bytes:
    """The JSON file as compact UTF-8 JSON ending with a newline: :func:`dump`, joined from each
    record's JSON (made, or kept, by ``parts``: :mod:`generator.render.parts`)."""
    head = json_text(_head())
    text = [head[:-1]]
    for name, nodes in _kinds(index):
        records = ",".join(parts.part(URI, node, _record_text) for node in nodes)
        text.append(f",{json_text(name)}:[{records}]")
    text.append("}\n")
    return "".join(text).encode("utf-8")


def dump(index: Index) -> dict[str, Any]:
    """Every record by kind, as plain Python values."""
    data = _head()
    for name, nodes in _kinds(index):
        data[name] = [record_values(node.record) for node in nodes]
    return data


def _head() -> dict[str, Any]:
    return {"generator": f"briefing-generator {__version__}", "schema_version": SCHEMA_VERSION}


def _kinds(index: Index) -> list[tuple[str, list[Node[Any]]]]:
    """Each kind's name and its records, sorted by id."""
    kinds: list[tuple[str, list[Any]]] = [
        ("incidents", list(index.incidents)),
        ("actors", list(index.actors)),
        ("places", list(index.places)),
        ("sources", list(index.sources)),
    ]
    return [(name, sorted(nodes, key=_by_id)) for name, nodes in kinds]


def record_values(record: Record, *, defaults: bool = True) -> dict[str, Any]:
    """One record's fields as JSON values, in the model's field order.

    Args:
        record: The record.
        defaults: Keep fields at their default value (as data.json does); ``False`` leaves them
            out, at every depth, as a YAML file written by hand would.
    """
    values = _plain(record, defaults)
    assert isinstance(values, dict)
    return values


def json_value(value: Any) -> Any:
    """A part of a record (a ``dataset`` block, a judgement, a claimed date) as the JSON value
    data.json writes for it, fields at their default left out."""
    return _plain(value, False)


def _by_id(node: Node[Any]) -> str:
    return node.id


def _plain(value: Any, defaults: bool) -> Any:
    """Model values as JSON values: models by field, dates in their YAML form, mappings sorted."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, BaseModel):
        # A model's __dict__ holds exactly its fields, in declaration order (extra fields are forbidden).
        fields = type(value).model_fields
        # A field named after a Python keyword (an actor relation's ``from_``) is written by its alias.
        return {
            fields[name].alias or name: _plain(item, defaults)
            for name, item in value.__dict__.items()
            if defaults or fields[name].is_required() or item != fields[name].get_default(call_default_factory=True)
        }
    if isinstance(value, FuzzyDate):
        return date_form(value)
    if isinstance(value, dict):
        return {str(k): _plain(value[k], defaults) for k in sorted(value)}
    if isinstance(value, list | tuple):
        return [_plain(item, defaults) for item in value]
    return value


def _record_text(node: Node[Any]) -> str:
    return json_text(record_values(node.record))
