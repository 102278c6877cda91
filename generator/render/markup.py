"""Escape data for the Markdown it is placed in.

Part of the render stage. Text from data files is untrusted: a name may hold ``|`` that would
split a table cell, ``[x](y)`` that would become a link, or ``<script>`` that Markdown would pass
through as raw HTML. Templates choose a filter by context: :func:`inline` for names and titles
(link text, table cells, list items), :func:`block` for the Markdown fields (summary,
description), where emphasis and http(s) links are allowed but raw HTML and other link schemes
are not.
"""

from __future__ import annotations

import json
import re
import urllib.parse

_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")
_LINE_START = re.compile(r"^([-+#]|\d+(?=[.)]))")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SAFE_SCHEMES = {"http", "https", "mailto"}
_LINK_DEST = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:")
_REF_DEF = re.compile(r"^(\s{0,3})\[", re.MULTILINE)
_BLOCK_START = re.compile(r"^(\s*)([=\-]{3,}|\?\?\?|!!!|:::)", re.MULTILINE)


def html(text: str) -> str:
    """Escape ``& < >`` so text is never read as HTML."""
    return text.translate(_HTML)


def inline(value: object) -> str:
    """Make any value literal text inside a Markdown line (also safe in a table cell)."""
    text = _INLINE_SPECIAL.sub(r"\\\1", html(" ".join(str(value).split())))
    # List, heading and numbered-list markers only act at the start of a line.
    return _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)


def block(value: object) -> str:
    """Keep Markdown formatting of a text field but neutralise HTML and unsafe links.

    Raw HTML is escaped so it shows as text; a link whose address has a scheme other than
    http, https or mailto (``javascript:``, ``data:``, ...) loses its link syntax; reference
    definitions and admonition or block markers at a line start are escaped.
    """
    text = html(str(value).replace("\r\n", "\n"))

    def unsafe(match: re.Match[str]) -> str:
        if match.group(1).lower() in _SAFE_SCHEMES:
            return match.group(0)
        return "\\]\\(" + match.group(0)[2:]

    text = _LINK_DEST.sub(unsafe, text)
    text = _REF_DEF.sub(r"\1\\[", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text).strip()


def quote(value: object) -> str:
    """Escape text as literal and prefix each line with ``> `` to make a blockquote."""
    lines = [inline(line) for line in str(value).strip().splitlines()]
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def yaml_str(value: object) -> str:
    """Quote any text as a one-line YAML string (JSON strings are YAML), for front matter."""
    return json.dumps(" ".join(str(value).split()), ensure_ascii=False)


def href(url: str) -> str:
    """Percent-encode an address for a Markdown link destination (parentheses, spaces, quotes)."""
    return urllib.parse.quote(url, safe=":/?#[]@!$&'*+,;=%~")
