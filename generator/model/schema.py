"""JSON Schema of each record kind, for editors that validate and complete YAML as it is typed.

Generated from the pydantic models, so the schema and the validation can never disagree. The
checks a schema cannot express (references to other records, date ranges in order, parent
cycles) are still made by ``briefing check``.
"""

from __future__ import annotations

import json
from typing import Any

from generator.model.records import RECORD_KINDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def record_schemas() -> dict[str, dict[str, Any]]:
    """The schema of each record kind, by file name (``incident.schema.json``, ...)."""
    schemas: dict[str, dict[str, Any]] = {}
    for kind in RECORD_KINDS:
        schema = {"$schema": SCHEMA_DIALECT, **kind.model_json_schema()}
        schemas[f"{kind.kind_name}.schema.json"] = schema
    return schemas


def schema_files() -> dict[str, str]:
    """The schemas as file contents, stable byte for byte."""
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in record_schemas().items()}
