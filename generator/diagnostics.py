"""Problems found in the data, as values.

Every stage of the pipeline reports what is wrong with the data as :class:`Diagnostic` values
instead of printing or raising, so that all problems are collected and shown at once. The
adapters (CLI, MkDocs plugin) decide how to show them and whether to stop.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass

Loc = tuple[str | int, ...]
"""Where a value sits inside a record: keys and list indexes from the top, e.g. ``("participants", 2, "actor")``."""


class Severity(enum.Enum):
    """How bad a problem is: an error stops the build, a warning fails only ``--strict`` builds."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place in one data file.

    Attributes:
        path: File path relative to the project root, with forward slashes.
        line: 1-based line, or 0 when the problem concerns the whole file.
        col: 1-based column, or 0 when unknown.
        message: What is wrong, in one line.
        hint: What to do about it, or an empty string.
        severity: Whether the problem stops the build.
    """

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format(self, *, severity: bool = True) -> str:
        """Render as ``path:line:col: message`` plus an indented ``hint:`` line.

        Args:
            severity: Prefix warnings with ``warning:`` (off where a logger already says so).
        """
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col}" if self.col else f":{self.line}"
        prefix = "warning: " if severity and self.severity is Severity.WARNING else ""
        text = f"{where}: {prefix}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return the diagnostics that stop the build."""
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def warnings(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return the diagnostics that only fail strict builds."""
    return [d for d in diagnostics if d.severity is Severity.WARNING]


def format_all(diagnostics: Iterable[Diagnostic]) -> str:
    """Format diagnostics sorted by file and position, one block per problem."""
    return "\n".join(d.format() for d in sorted(diagnostics))


def article(noun: str) -> str:
    """``noun`` with its indefinite article: "an actor", "a place"."""
    return f"an {noun}" if noun[:1] in ("a", "e", "i", "o", "u") else f"a {noun}"


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """Return the closest choice to a misspelled word, or ``None`` when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str], *, where: str = "") -> str:
    """Build a hint that names the closest choice, or lists where valid values live."""
    choices = sorted(set(choices))
    best = suggest(word, choices)
    if best is not None:
        hint = f"did you mean '{best}'?"
    elif 0 < len(choices) <= 12:
        hint = "expected one of: " + ", ".join(f"'{c}'" for c in choices)
    else:
        hint = ""
    if where:
        hint = f"{hint} ({where})" if hint else where
    return hint
