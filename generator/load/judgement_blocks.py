"""Read the key judgements written in a briefing as ``!!! judgement`` blocks.

Part of the load stage. A briefing states a judgement the way an admonition is written, so that
the file reads naturally and engines with admonitions show it as a box even without this tool::

    !!! judgement "Russia is seeking a permanent presence near Qasir Dib."
        likelihood: roughly even chance
        confidence: low
        basis: [VOA, read via the article](../incidents/qasir-dib-possible-russian-base.md)

The title in quotes is the statement (or a ``statement:`` line); the indented lines give the
likelihood, the confidence and the basis (Markdown links or text), each optionally written as a
list item (``- confidence: low``). Blocks inside fenced code are examples, not judgements. This
module only reads: where each value is written (for located warnings) and where the block lies
in the text (so that the page can show it as a boxed assessment). The words are checked by
:mod:`generator.model.judgements`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEYS = ("statement", "likelihood", "confidence", "basis")
"""The lines a judgement block may hold."""

_OPEN = re.compile(r'^!!![ \t]+judgement(?:[ \t]+"(?P<title>[^"\n]*)")?[ \t]*$')
_LINE = re.compile(
    r"^(?P<indent>(?: {4}|\t)[ \t]*)(?:[-*][ \t]+)?(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$"
)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class JudgementBlock:
    """One ``!!! judgement`` block of a briefing.

    Attributes:
        statement: What is judged, or "" when the block states nothing.
        likelihood: The likelihood as written, or None.
        confidence: The confidence as written, or None.
        basis: The basis line as written (Markdown), or "".
        number: The block's position among the briefing's judgements, from 1 (its anchor is
            ``judgement-<number>``).
        start: Offset of the block's first character in the briefing's text.
        end: Offset just after its last line (its line end included).
        line: The block's first line (1-based).
        positions: ``(line, col)`` of each value written, by key; the block's opening for a
            missing one.
        unknown: Lines whose key is not one of :data:`KEYS`: ``(key, line, col)``.
    """

    statement: str
    likelihood: str | None
    confidence: str | None
    basis: str
    number: int
    start: int
    end: int
    line: int
    positions: dict[str, tuple[int, int]]
    unknown: tuple[tuple[str, int, int], ...] = ()


def read_blocks(markdown: str) -> tuple[JudgementBlock, ...]:
    """Every judgement block of a briefing's Markdown, in order."""
    lines = markdown.splitlines(keepends=True)
    offsets = [0]
    for text in lines:
        offsets.append(offsets[-1] + len(text))
    found: list[JudgementBlock] = []
    fence = ""
    i = 0
    while i < len(lines):
        text = lines[i].rstrip("\r\n")
        marker = _FENCE.match(text)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = ""
            i += 1
            continue
        if marker:
            fence = marker.group(1)
            i += 1
            continue
        opened = _OPEN.match(text)
        if not opened:
            i += 1
            continue
        body = i + 1
        last = i
        while body < len(lines):
            line = lines[body].rstrip("\r\n")
            if line.strip() == "":
                body += 1
                continue
            if not line.startswith(("    ", "\t")):
                break
            last = body
            body += 1
        found.append(_block(lines, offsets, i, last, opened, len(found) + 1))
        i = last + 1
    return tuple(found)


def _block(
    lines: list[str], offsets: list[int], first: int, last: int, opened: re.Match[str], number: int
) -> JudgementBlock:
    values: dict[str, str] = {}
    positions: dict[str, tuple[int, int]] = {}
    unknown: list[tuple[str, int, int]] = []
    if opened.group("title") is not None:
        values["statement"] = opened.group("title").strip()
        positions["statement"] = (first + 1, opened.start("title") + 1)
    for k in range(first + 1, last + 1):
        match = _LINE.match(lines[k].rstrip("\r\n"))
        if match is None:
            continue
        key = match.group("key").casefold()
        col = match.start("value") + 1
        if key not in KEYS:
            unknown.append((match.group("key"), k + 1, match.start("key") + 1))
        elif key not in values:
            values[key] = match.group("value")
            positions[key] = (k + 1, col)
    opening = (first + 1, 1)
    return JudgementBlock(
        statement=values.get("statement", ""),
        likelihood=values.get("likelihood") or None,
        confidence=values.get("confidence") or None,
        basis=values.get("basis", ""),
        number=number,
        start=offsets[first],
        end=offsets[last + 1],
        line=first + 1,
        positions={key: positions.get(key, opening) for key in KEYS},
        unknown=tuple(unknown),
    )
