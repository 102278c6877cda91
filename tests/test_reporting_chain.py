"""Who said it, through whom, and what the record says of sides and deaths: the fields the trust
features build on, resolved by the index and shown on the incident page."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import generate
from generator.settings import make_settings

GRADE_B2 = (
    '<span class="briefing-grade" data-grade="B2"><span class="briefing-grade__code">B2</span> '
    '<span class="briefing-grade__meaning">usually reliable source; information probably true</span></span>'
)


def _add_sources(project: Path) -> None:
    folder = project / "seeds" / "sources"
    (folder / "sana.yaml").write_text("id: sana\nname: SANA\nkind: news-agency\n", encoding="utf-8")
    (folder / "mod.yaml").write_text("id: mod\nname: Ministry of Defence\nkind: government\n", encoding="utf-8")


def test_citations_name_their_origins_and_independent_origins_count_once(project: Path) -> None:
    _add_sources(project)
    incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
    text = incident.read_text(encoding="utf-8").replace(
        "citations:\n  - source: voa\n    credibility: 2\n",
        "citations:\n  - source: voa\n    credibility: 2\n    origin: mod\n    via: sana\n"
        "  - source: sana\n    origin: [mod]\n  - source: sana\n",
    )
    incident.write_text(text, encoding="utf-8")
    result = generate(make_settings(project))
    assert result.ok, result.diagnostics
    assert result.index is not None
    node = next(n for n in result.index.incidents if n.id == "derik-standoff")
    assert [(c.source.id, c.via.id if c.via else None, [o.id for o in c.origins]) for c in node.citations] == [
        ("voa", "sana", ["mod"]),
        ("sana", None, ["mod"]),
        ("sana", None, []),
    ]
    assert [source.id for source in node.origins] == ["mod", "sana"]  # two outlets relaying one ministry: one
    page = next(p.markdown for p in result.pages if p.uri == "incidents/derik-standoff.md")
    assert (
        "1. [Voice of America](../sources/voa.md) " + GRADE_B2 + ", relaying [Ministry of Defence](../sources/mod.md), "
        "read via [SANA](../sources/sana.md) (reliability not yet graded)"
    ) in page


def test_sides_and_deaths_by_side_are_shown_with_the_note(project: Path) -> None:
    incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
    text = incident.read_text(encoding="utf-8").replace(
        "  - actor: russian-forces\n    role: patrolling\n",
        "  - actor: russian-forces\n    role: patrolling\n    side: a\n",
    )
    text += "fatalities: {best: 5, by_side: {a: 2, b: 0, civilians: 1, unknown: 2}, note: \"ACLED codes 'several' as 10\"}\n"
    incident.write_text(text, encoding="utf-8")
    result = generate(make_settings(project))
    assert result.ok, result.diagnostics
    page = next(p.markdown for p in result.pages if p.uri == "incidents/derik-standoff.md")
    assert (
        "- **Fatalities:** 5 *(ACLED codes 'several' as 10)*; by side: Russian forces 2, Side B 0, civilians 1, unknown 2"
    ) in page
    assert "| [Russian forces](../actors/russian-forces.md) | Patrolling | Side A |  |" in page
    assert "| [Turkey](../actors/turkey.md) | Observing |  |  |" in page


def test_an_unknown_side_is_refused_with_the_choices(project: Path) -> None:
    incident = project / "seeds" / "incidents" / "derik-standoff.yaml"
    text = incident.read_text(encoding="utf-8").replace("    role: patrolling\n", "    role: patrolling\n    side: c\n")
    incident.write_text(text, encoding="utf-8")
    result = generate(make_settings(project))
    assert [d.format() for d in result.diagnostics] == [
        "seeds/incidents/derik-standoff.yaml:10:11: 'c' is not a known side\n  hint: expected one of: 'a', 'b'"
    ]
    assert result.pages == []
