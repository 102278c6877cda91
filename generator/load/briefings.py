"""Read the hand-written pages, and find which record pages the briefings link to.

Part of the load stage. Briefings are ordinary Markdown pages under ``docs/briefings/``; a
relative link such as ``[Derik](../places/derik.md)`` is a mention of that place. The index turns
mentions into backlinks on the entity pages. Key judgements written as ``!!! judgement`` blocks
are read by :mod:`generator.load.judgement_blocks`.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from generator.load.judgement_blocks import JudgementBlock, read_blocks

_LINK = re.compile(r"\]\(\s*<?([^)\s>]+\.md)(?:#[^)\s]*)?>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FRONT_TITLE = re.compile(r"\A---\s*\n(?:.*\n)*?title:\s*['\"]?(.+?)['\"]?\s*\n(?:.*\n)*?---\s*\n")


@dataclass(frozen=True)
class Mention:
    """A link from a briefing to a docs-relative page, with the line it is written on."""

    target: str
    line: int
    col: int


@dataclass(frozen=True)
class Briefing:
    """A hand-written page and the pages it links to.

    Attributes:
        uri: Path of the page relative to the docs folder, e.g. ``briefings/derik.md``.
        title: Title from the front matter, else the first level-one heading, else the file name.
        mentions: Links to other pages, in order of appearance.
        judgements: The key judgements written in it as ``!!! judgement`` blocks.
    """

    uri: str
    title: str
    mentions: tuple[Mention, ...]
    judgements: tuple[JudgementBlock, ...] = ()


def read_briefing(uri: str, markdown: str) -> Briefing:
    """Read one briefing's title and the docs-relative targets of its relative ``.md`` links."""
    front = _FRONT_TITLE.match(markdown)
    heading = _HEADING.search(markdown)
    if front:
        title = front.group(1)
    elif heading:
        title = heading.group(1)
    else:
        title = posixpath.splitext(posixpath.basename(uri))[0].replace("-", " ").capitalize()
    mentions = []
    base = posixpath.dirname(uri)
    line_starts = [0] + [i + 1 for i, ch in enumerate(markdown) if ch == "\n"]
    for match in _LINK.finditer(markdown):
        href = match.group(1)
        if "://" in href or href.startswith("/"):
            continue
        target = posixpath.normpath(posixpath.join(base, href))
        start = match.start(1)
        line = bisect.bisect_right(line_starts, start)
        mentions.append(Mention(target, line, start - line_starts[line - 1] + 1))
    return Briefing(uri, title, tuple(mentions), read_blocks(markdown))


def read_hand_written(docs_dir: Path, briefings_folder: str) -> tuple[dict[str, str], list[str]]:
    """Read the hand-written pages a run needs to know about.

    Returns:
        The briefings (Markdown under ``briefings_folder``) by docs-relative uri, and the
        docs-relative path of every hand-written file (which generated pages must not replace).
    """
    if not docs_dir.is_dir():
        return {}, []
    files = sorted(p for p in docs_dir.rglob("*") if p.is_file())
    uris = [p.relative_to(docs_dir).as_posix() for p in files]
    prefix = briefings_folder.strip("/") + "/"
    texts = {
        uri: path.read_text(encoding="utf-8-sig")
        for uri, path in zip(uris, files, strict=True)
        if uri.startswith(prefix) and uri.endswith(".md")
    }
    return texts, uris
