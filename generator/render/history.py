"""What changed: a record page's short history and the site's "What's new" page.

Part of the render stage, on top of :mod:`generator.load.history` (the data folder's git log,
read once per build). A record's history is found by its file's path in the data folder; the
"What's new" page regroups the same changes by commit, newest first, and links each changed
record that still exists. Without a history (no git, no repository, no commit) there is neither,
and the pipeline says so once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.index.graph import Index, Node
from generator.load.history import Change, History
from generator.render import markup

_PLAIN = re.compile(r"^[A-Za-z0-9_./-]{1,100}$")

RECORD_HISTORY_LIMIT = 5
"""A record page lists at most this many of its changes, the newest; it says how many more."""

WHATS_NEW_LIMIT = 30
"""The "What's new" page lists this many of the newest commits that changed the data."""

PAGE = "whats-new.md"
"""The "What's new" page, relative to the docs folder."""


@dataclass(frozen=True)
class Revision:
    """One commit's changes to the data, as the "What's new" page lists it.

    Attributes:
        date: The commit's date.
        message: The commit message's first line.
        records: ``(node, path, change)`` of each record file it changed, by path: the node when the
            record still exists, else None (the path names the file).
    """

    date: dt.datetime
    message: str
    records: tuple[tuple[Node[Any] | None, str, Change], ...]


def data_path(node: Node[Any], seeds: Path) -> str:
    """A record's file as the history knows it: its path in the data folder, e.g. ``incidents/x.yaml``."""
    return node.entry.file.resolve().relative_to(seeds.resolve()).as_posix()


def record_history(history: History | None, node: Node[Any], seeds: Path) -> list[Change]:
    """A record's changes, newest first; empty without a history."""
    if history is None or not history.available:
        return []
    return history.of(data_path(node, seeds))


def revisions(history: History | None, index: Index, seeds: Path, limit: int = WHATS_NEW_LIMIT) -> list[Revision]:
    """The newest commits that changed the data, with the records each changed."""
    if history is None or not history.available:
        return []
    nodes: dict[str, Node[Any]] = {}
    for table in (index.incidents, index.actors, index.places, index.sources):
        for node in table:
            nodes[data_path(node, seeds)] = node
    commits: dict[str, tuple[dt.datetime, str, list[tuple[Node[Any] | None, str, Change]]]] = {}
    for path, changes in history.changes.items():
        for change in changes:
            entry = commits.setdefault(change.commit, (change.date, change.message, []))
            entry[2].append((nodes.get(path), path, change))
    newest = sorted(commits.items(), key=lambda item: (item[1][0], item[0]), reverse=True)[:limit]
    return [
        Revision(date, message, tuple(sorted(records, key=lambda r: r[1]))) for _, (date, message, records) in newest
    ]


def what_changed(change: Change) -> str:
    """A change in words, as Markdown: "created", "deleted", "changed `title`, `summary`",
    "renamed from `incidents/x.yaml`", "reformatted" (the file changed, its values did not).

    Field names and paths come from files as committed, not validated: a name that is not a
    plain key is escaped as text rather than put in a code span.
    """
    if change.fields in (("created",), ("deleted",)):
        return change.fields[0]
    said = "changed " + ", ".join(_code(name) for name in change.fields) if change.fields else ""
    if change.renamed_from is not None:
        said = f"renamed from {_code(change.renamed_from)}" + (f"; {said}" if said else "")
    return said or "reformatted"


def _code(name: str) -> str:
    return f"`{name}`" if _PLAIN.match(name) else markup.inline(name)


def day(moment: dt.datetime) -> str:
    """A commit's date as pages write dates: "2 March 2024" (in the commit's own time zone)."""
    return f"{moment.day} {moment:%B %Y}"
