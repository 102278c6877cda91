"""What a page reads, noted only while the preview records it (generator/index/reads.py)."""

from __future__ import annotations

from pathlib import Path

from generator.index.graph import IncidentNode, Node, build_index
from generator.index.reads import Reads
from generator.load.dataset import load_dataset


def test_a_node_notes_the_reads_of_its_record_only_during_a_recording(project: Path) -> None:
    index = build_index(load_dataset(project / "seeds", project))
    incident, actor = index.incidents[0], index.actors[0]
    assert "record" not in vars(Node)  # outside a recording: plain attributes, nothing to note

    with Reads() as outer:
        assert incident.title == incident.entry.record.title
        with Reads() as inner:
            assert actor.id == actor.entry.record.id
            assert actor.record is actor.entry.record
        assert incident.record.id == incident.id
    assert inner.records == {actor.uri}
    assert outer.records == {incident.uri}
    assert "record" not in vars(Node)

    assert isinstance(incident, IncidentNode) and incident.title == incident.entry.record.title
    assert outer.records == {incident.uri}  # read after the recording: not noted
