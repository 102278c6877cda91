"""Key judgements as pages show them: the boxed assessments of briefings and incidents.

Part of the render stage. A briefing's ``!!! judgement`` blocks (read by
:mod:`generator.load.judgement_blocks`) are replaced, in the page MkDocs builds, by the same
boxed "Assessment" an incident's judgements get (the ``assessment`` macro of
``_macros.md.j2``), and every judgement of the site is listed on the Assessments page. The box
is raw HTML, which MkDocs does not rewrite, so the links of a block's basis are resolved here:
a relative ``.md`` link becomes the built page's relative URL, an http(s) link stays as written,
and anything else is shown as text.
"""

from __future__ import annotations

import html
import posixpath
import re

from generator.render.urls import relative_url

_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)")
"""A Markdown link; its address may hold one level of balanced parentheses, as Markdown allows."""


def basis_html(basis: str, written_in: str, shown_on: str, *, directory_urls: bool = True) -> str:
    """A judgement's basis (Markdown text and links) as inline HTML for the page it is shown on.

    Args:
        basis: The basis as written, e.g. ``[VOA](../sources/voa.md), the article``.
        written_in: The docs-relative page the basis was written in (its links are relative to it).
        shown_on: The docs-relative page the box is shown on.
        directory_urls: MkDocs' ``use_directory_urls``.
    """
    parts: list[str] = []
    position = 0
    for match in _LINK.finditer(basis):
        parts.append(html.escape(basis[position : match.start()], quote=False))
        text, target = html.escape(match.group(1), quote=False), match.group(2)
        href = _href(target, written_in, shown_on, directory_urls)
        parts.append(f'<a href="{html.escape(href)}">{text}</a>' if href is not None else text)
        position = match.end()
    parts.append(html.escape(basis[position:], quote=False))
    return "".join(parts).strip()


def _href(target: str, written_in: str, shown_on: str, directory_urls: bool) -> str | None:
    if re.match(r"^https?://", target):
        return target
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith("/"):
        return None  # another scheme (javascript:, data:) or a site-absolute path: shown as text
    path, _, fragment = target.partition("#")
    if not path.endswith(".md"):
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(written_in), path))
    url = relative_url(shown_on, resolved, directory_urls=directory_urls)
    return url + (f"#{fragment}" if fragment else "")
