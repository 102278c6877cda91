"""Tradecraft checks: data that renders but would mislead a reader, as located warnings.

Part of the index stage; they need the resolved graph (independent origins, the incident's
citations, relations between incidents). Each is a warning, so ``mkdocs build --strict`` fails
on it and a lenient build still publishes:

- credibility 1 ("confirmed by other sources") on an incident with one independent origin;
- a sub-type that asserts an outcome (a base established, territory taken) on an incident whose
  status is ``alleged`` or ``reported-possible``;
- a judgement without likelihood or confidence, with a likelihood off the ICD 203 ladder or a
  vague hedge in its statement (:mod:`generator.model.judgements`), or resting on a source the
  incident does not cite;
- sources that nobody has graded yet (one warning that lists them);
- possible duplicates (:mod:`generator.index.duplicates`).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.diagnostics import Diagnostic, Loc, Severity, did_you_mean
from generator.index.duplicates import PossibleDuplicate
from generator.index.graph import IncidentNode, SourceNode
from generator.load.briefings import Briefing
from generator.load.judgement_blocks import KEYS
from generator.model import judgements
from generator.model import vocabulary as v

UNGRADED_LISTED = 10
"""The ungraded-sources warning names at most this many sources, then says how many more."""

_W = Severity.WARNING


def incident_warnings(incident: IncidentNode) -> list[Diagnostic]:
    """The tradecraft warnings about one incident, in the order of its fields."""
    record, doc = incident.record, incident.entry.doc
    found: list[Diagnostic] = []
    if record.status in v.UNCERTAIN_STATUSES and record.sub_type in v.OUTCOME_SUB_TYPES:
        found.append(
            doc.diagnostic(
                ("sub_type",),
                f"sub-type '{record.sub_type}' states as fact what status '{record.status}' leaves open",
                "use sub_type 'other' and say in the summary what is reported; or set the status the reporting supports",
                severity=_W,
            )
        )
    origins = incident.origins
    for i, citation in enumerate(record.citations):
        if citation.credibility == 1 and len(origins) <= 1:
            found.append(
                doc.diagnostic(
                    ("citations", i, "credibility"),
                    "credibility 1 (confirmed by other sources) on an incident with one independent source",
                    "cite the confirming source (with its own origin), or grade this report 2 (probably true) or lower",
                    severity=_W,
                )
            )
    cited = {link.source.id for link in incident.citations}
    for i, (judgement, link) in enumerate(zip(record.judgements, incident.judgements, strict=True)):
        known = {source.id for source in link.basis}  # an unknown id is already an error
        for problem in judgements.check(judgement.statement, judgement.likelihood, judgement.confidence):
            at: Loc = ("judgements", i, problem.field)
            if problem.field != "statement" and getattr(judgement, problem.field) is None:
                at = ("judgements", i)
            found.append(doc.diagnostic(at, problem.message, problem.hint, severity=_W))
        for k, source in enumerate(judgement.basis):
            if source in known and source not in cited:
                found.append(
                    doc.diagnostic(
                        ("judgements", i, "basis", k),
                        f"the judgement rests on '{source}', which this incident does not cite",
                        "add a citation of it, or name one of the cited sources: " + ", ".join(sorted(cited))
                        if cited
                        else "add a citation of it to 'citations'",
                        severity=_W,
                    )
                )
    return found


def ungraded_sources(sources: Iterable[SourceNode], folder: str) -> list[Diagnostic]:
    """One warning that lists the sources without a reliability grade, or none.

    Args:
        sources: Every source, sorted by name.
        folder: The sources' folder as messages show it, e.g. ``seeds/sources``.
    """
    ungraded = sorted(node.id for node in sources if node.record.reliability is None)
    if not ungraded:
        return []
    named = ", ".join(ungraded[:UNGRADED_LISTED])
    if len(ungraded) > UNGRADED_LISTED:
        named += f" and {len(ungraded) - UNGRADED_LISTED:,} more"
    count = len(ungraded)
    return [
        Diagnostic(
            folder,
            0,
            0,
            f"{count:,} source{'s are' if count != 1 else ' is'} not yet graded: {named}",
            "give each a 'reliability:' from A (completely reliable) to F (reliability cannot be judged); "
            "until then pages say 'not yet graded'",
            _W,
        )
    ]


def duplicate_warnings(pairs: Iterable[PossibleDuplicate]) -> list[Diagnostic]:
    """A warning at the second incident of each possible duplicate."""
    found = []
    for pair in pairs:
        found.append(
            pair.second.entry.doc.diagnostic(
                ("id",),
                f"incident '{pair.second.id}' may be the same event as '{pair.first.id}' "
                f"({pair.first.entry.doc.path}): {'; '.join(pair.reasons)}",
                "if it is, merge the two records; if not (or if unsure), add to one of them "
                f"'related: [{{incident: {pair.first.id}, relation: not-same-as}}]' (or possibly-same-as)",
                severity=_W,
            )
        )
    return found


def briefing_warnings(briefing: Briefing, path: str) -> list[Diagnostic]:
    """The warnings about a briefing's ``!!! judgement`` blocks, located in its file.

    Args:
        briefing: The briefing, read.
        path: Its file as messages show it, e.g. ``docs/briefings/derik.md``.
    """
    found: list[Diagnostic] = []
    for block in briefing.judgements:
        if not block.statement:
            line, col = block.positions["statement"]
            found.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    "judgement has no statement",
                    'write it in quotes after the marker: !!! judgement "Russia will ..."',
                    _W,
                )
            )
        for key, line, col in block.unknown:
            found.append(
                Diagnostic(path, line, col, f"unknown line '{key}' in a judgement", did_you_mean(key, KEYS), _W)
            )
        for problem in judgements.check(block.statement, block.likelihood, block.confidence):
            line, col = block.positions[problem.field]
            if problem.field == "statement":
                col += problem.offset
            found.append(Diagnostic(path, line, col, problem.message, problem.hint, _W))
    return found
