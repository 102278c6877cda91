"""What changed in each record and when, read from the data folder's git history in one pass.

Part of the load stage. When the data folder is inside a git repository, one ``git log`` over it
lists every commit that touched a record file, with the blobs before and after; one ``git
cat-file --batch`` then reads the two versions of each modified file, so that a change can say
which fields it changed. Two processes whatever the number of records, and nothing at all when
``HEAD`` has not moved since the last read (the edit loop calls this on every save). Renames are
followed: a record's history continues under its new file name.

Only commits count: an edit not yet committed has no date or message, so it is not part of the
history (the record's page still shows its new content). Without git, or outside a repository,
:func:`read_history` returns a :class:`History` that says why there is none; callers leave the
history out and say so once. The same commits give the same history: it depends on the
repository, never on the clock.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CREATED = "created"
"""What a change is when it adds the record's file."""

DELETED = "deleted"
"""What a change is when it removes the record's file (the record no longer exists)."""

_NULL_BLOB = "0" * 40
_TIMEOUT = 120


@dataclass(frozen=True)
class Change:
    """One commit's change to one record file.

    Attributes:
        commit: The commit's full hash.
        date: The commit's author date (timezone-aware, as the commit records it).
        message: The commit message's first line.
        fields: The record's top-level fields whose value changed, sorted; ``("created",)`` when
            the commit added the file, ``("deleted",)`` when it removed it, empty when only the
            file's formatting changed or a version could not be read.
        renamed_from: The file's previous path (relative to the data folder) when the commit
            renamed it.
    """

    commit: str
    date: dt.datetime
    message: str
    fields: tuple[str, ...]
    renamed_from: str | None = None


@dataclass
class History:
    """The changes of every record file of a data folder, newest first.

    Attributes:
        head: The commit the history was read at, or ``None`` when there is no history.
        reason: Why there is no history (no git, not a repository, git failed), or ``""``.
        changes: Path relative to the data folder (``incidents/x.yaml``, with forward slashes)
            -> its changes, newest first. A renamed file's changes are all under its current path.
    """

    head: str | None = None
    reason: str = ""
    changes: dict[str, list[Change]] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        """True when the data folder's history could be read."""
        return self.head is not None

    def of(self, path: str) -> list[Change]:
        """The changes of one record file (path relative to the data folder), newest first."""
        return self.changes.get(path, [])

    def last_changed(self, path: str) -> dt.datetime | None:
        """When the record file was last changed by a commit, or ``None`` when never committed."""
        found = self.changes.get(path)
        return found[0].date if found else None


def read_history(seeds_dir: Path, previous: History | None = None) -> History:
    """Read the git history of every file under ``seeds_dir``.

    Args:
        seeds_dir: The data folder.
        previous: The history read last time; returned as it is when ``HEAD`` has not moved.

    Returns:
        The history, or an empty one whose ``reason`` says why there is none.
    """
    git = shutil.which("git")
    if git is None:
        return History(reason="git is not installed")
    if not seeds_dir.is_dir():
        return History(reason=f"{seeds_dir} is not a folder")
    top = _run(git, seeds_dir, "rev-parse", "--show-toplevel")
    if top is None:
        return History(reason="the data folder is not in a git repository")
    found_head = _run(git, seeds_dir, "rev-parse", "--verify", "--quiet", "HEAD")
    if found_head is None:
        return History(reason="the repository has no commit yet")
    head = found_head.decode().strip()
    if previous is not None and previous.head == head:
        return previous
    root = Path(top.decode("utf-8", "surrogateescape").strip())
    try:
        prefix = seeds_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return History(reason="the data folder is outside its repository's work tree")
    prefix = "" if prefix == "." else prefix + "/"
    log = _run(
        git,
        root,
        "log",
        "-z",
        "--raw",
        "-M",
        "--no-abbrev",
        "--no-color",
        "--format=%x01%H%x00%aI%x00%s",
        "--",
        prefix or ".",
    )
    if log is None:
        return History(reason="git log failed on the data folder")
    commits = _parse_log(log, prefix)
    blobs = _read_blobs(git, root, {sha for commit in commits for entry in commit.entries for sha in entry.blobs()})
    return History(head=head, changes=_changes(commits, blobs))


@dataclass
class _Entry:
    status: str
    old_blob: str
    new_blob: str
    path: str
    old_path: str | None

    def blobs(self) -> tuple[str, ...]:
        """The blobs to read to tell which fields changed: both sides of a modification."""
        if self.status in ("A", "D") or _NULL_BLOB in (self.old_blob, self.new_blob):
            return ()
        return (self.old_blob, self.new_blob) if self.old_blob != self.new_blob else ()


@dataclass
class _Commit:
    sha: str
    date: dt.datetime
    message: str
    entries: list[_Entry]


def _parse_log(data: bytes, prefix: str) -> list[_Commit]:
    """Commits from ``git log -z --raw --format=%x01%H%x00%aI%x00%s``, newest first."""
    commits: list[_Commit] = []
    for chunk in data.split(b"\x01")[1:]:
        parts = chunk.split(b"\x00")
        sha, date, message = (p.decode("utf-8", "replace") for p in parts[:3])
        tokens = [p.decode("utf-8", "surrogateescape") for p in parts[3:]]
        entries: list[_Entry] = []
        i = 0
        while i < len(tokens):
            token = tokens[i].lstrip("\n")
            if not token.startswith(":"):
                i += 1
                continue
            _modes_old, _modes_new, old_blob, new_blob, status = token[1:].split(" ")
            if status[0] in "RC":
                old_path, path = tokens[i + 1], tokens[i + 2]
                i += 3
            else:
                old_path, path = None, tokens[i + 1]
                i += 2
            if not path.startswith(prefix):
                continue
            relative_old = old_path[len(prefix) :] if old_path and old_path.startswith(prefix) else None
            entries.append(_Entry(status[0], old_blob, new_blob, path[len(prefix) :], relative_old))
        commits.append(_Commit(sha, dt.datetime.fromisoformat(date), message, entries))
    return commits


def _changes(commits: list[_Commit], blobs: dict[str, bytes]) -> dict[str, list[Change]]:
    """Each file's changes under its current path, following renames back in time."""
    changes: dict[str, list[Change]] = {}
    current: dict[str, str] = {}  # a path as some older commit knew it -> the file's path now
    for commit in commits:  # newest first
        for e in sorted(commit.entries, key=lambda entry: entry.path):
            now = current.get(e.path, e.path)
            if e.status == "A":
                fields: tuple[str, ...] = (CREATED,)
            elif e.status == "D":
                fields = (DELETED,)
            else:
                fields = _changed_fields(blobs.get(e.old_blob), blobs.get(e.new_blob))
            renamed_from = e.old_path if e.status == "R" else None
            changes.setdefault(now, []).append(Change(commit.sha, commit.date, commit.message, fields, renamed_from))
            if e.status == "R" and e.old_path is not None:
                current[e.old_path] = now
    return changes


def _changed_fields(old: bytes | None, new: bytes | None) -> tuple[str, ...]:
    """The top-level keys whose values differ between two versions of a record file."""
    before, after = _fields(old), _fields(new)
    if before is None or after is None:
        return ()
    keys = set(before) | set(after)
    return tuple(sorted(key for key in keys if before.get(key, _MISSING) != after.get(key, _MISSING)))


_MISSING = object()


def _fields(data: bytes | None) -> dict[str, Any] | None:
    if data is None:
        return None
    try:
        value = yaml.load(data.decode("utf-8-sig"), Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else None


def _read_blobs(git: str, root: Path, shas: set[str]) -> dict[str, bytes]:
    """The content of each blob, read by one ``git cat-file --batch``."""
    if not shas:
        return {}
    ordered = sorted(shas)
    try:
        done = subprocess.run(
            [git, "cat-file", "--batch"],
            cwd=root,
            input="".join(f"{sha}\n" for sha in ordered).encode(),
            capture_output=True,
            timeout=_TIMEOUT,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, bytes] = {}
    data, at = done.stdout, 0
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].split(b" ")
        at = end + 1
        if len(header) != 3:  # "<sha> missing"
            continue
        size = int(header[2])
        found[header[0].decode()] = data[at : at + size]
        at += size + 1
    return found


def _run(git: str, cwd: Path, *args: str) -> bytes | None:
    """Run git; its output, or ``None`` when it fails (not a repository, no commit...)."""
    try:
        done = subprocess.run([git, *args], cwd=cwd, capture_output=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
