"""CSV cells a spreadsheet cannot run as formulas, and read back exactly.

Part of the formats tables, used by every CSV export and by the CSV importers. Titles and notes
come from sources an adversary can influence; a cell such as ``=HYPERLINK(...)`` opened in a
spreadsheet becomes a live formula. OWASP's rule for CSV injection: a text cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single quote in front, which
spreadsheets show as text and do not evaluate. Cells that are plain numbers (``-33.5``) are left
alone: a spreadsheet reads them as the numbers they are, and tools need them as numbers.

The escape is reversible: a cell that already begins with quotes followed by one of those
characters gets one more quote, and :func:`unescape` removes exactly one. The importers read
every cell through :func:`unescape`, so a file this project exported imports back as the text
that was exported; a dataset cell that really begins with a quote and then ``=`` loses that quote.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""

NUMBER_PATTERN = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
"""A plain number, left unquoted even when it begins with a sign. ASCII digits only, and written
in the syntax Python and JavaScript share: the explorer's script reads this very pattern (and
:data:`TRIGGERS`) from its data file to make its downloads by the same rule."""

_NUMBER = re.compile(NUMBER_PATTERN)


def _needs_quote(text: str) -> bool:
    return text.lstrip("'").startswith(TRIGGERS) and not _NUMBER.fullmatch(text)


def escape(text: str) -> str:
    """The cell as written to a CSV file: ``=1+2`` -> ``'=1+2``; ``-33.5`` and ``Idlib`` unchanged."""
    return "'" + text if _needs_quote(text) else text


def unescape(text: str) -> str:
    """A cell as read from a CSV file: the inverse of :func:`escape`."""
    return text[1:] if text.startswith("'") and _needs_quote(text[1:]) else text
