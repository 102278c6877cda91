"""Property-based: any record, valid or broken, either builds or gives located errors.

Hypothesis writes one generated file into a copy of the small base project and runs the whole
pipeline. Whatever the file holds (valid records, wrong types, unknown fields, bad dates,
broken YAML, hostile text), the run must end without an exception and every error must name
a file, and a line when the file could be parsed.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BASE_FIXTURE
from generator.diagnostics import errors
from generator.model.records import RECORD_KINDS
from generator.pipeline import generate
from generator.settings import make_settings

FIELDS = sorted({name for kind in RECORD_KINDS for name in kind.model_fields} | {"sumary", "nmae", "on", "start"})
IDS = ["derik", "syria", "russia", "turkey", "voa", "derik-standoff", "nowhere", "Derik", "../x", ""]
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
SCALAR = st.one_of(
    TEXT,
    st.sampled_from(IDS),
    st.sampled_from(["2020-06-04", "2020-06", "2020-02-30", "2020-13", "June", "strategic-developments", "town"]),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def record_file(draw: Any) -> tuple[str, str]:
    kind = draw(st.sampled_from(RECORD_KINDS))
    record = draw(st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=8))
    if draw(st.booleans()):
        record["id"] = "fuzzed"
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    mangle = draw(st.sampled_from(["none", "truncate", "tab", "insert"]))
    if mangle == "truncate":
        text = text[: draw(st.integers(min_value=0, max_value=len(text)))]
    elif mangle == "tab":
        text = text.replace("  ", "\t", 1)
    elif mangle == "insert":
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = (
            text[:at] + draw(st.sampled_from([":", "- ", "&a ", "*a", "!!python/none ", '"', "{", "\n  "])) + text[at:]
        )
    return f"seeds/{kind.folder}/fuzzed.yaml", text


@pytest.mark.timeout(180)  # a hang fails the test instead of stalling the suite
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_file())
def test_any_record_builds_or_gives_located_errors(generated: tuple[str, str]) -> None:
    relative, text = generated
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(BASE_FIXTURE, project)
        (project / relative).write_text(text, encoding="utf-8")
        result = generate(make_settings(project))
    found = errors(result.diagnostics)
    if found:
        assert result.pages == []
        for problem in found:
            assert problem.path.startswith("seeds/"), problem
            assert problem.message, problem
            assert problem.line >= 1 or problem.message.startswith(("file is", "symbolic link")), problem
    else:
        assert result.pages, "a clean run renders pages"
