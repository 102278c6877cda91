"""Where a generated page ends up in the built site, and relative URLs between pages.

Part of the render stage. Markdown links use ``.md`` paths that MkDocs resolves and checks;
raw HTML (the SVG pictures, the map and explorer scripts) is not rewritten by MkDocs, so it
needs the final URL, which depends on MkDocs' ``use_directory_urls`` setting.
"""

from __future__ import annotations

import posixpath


def page_url(uri: str, *, directory_urls: bool = True) -> str:
    """The site path of a docs-relative file: ``incidents/x.md`` -> ``incidents/x/``.

    Files that are not Markdown pages (data, scripts, stylesheets) keep their path.
    """
    if not uri.endswith(".md"):
        return uri
    stem = uri[:-3]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def relative_url(from_uri: str, to_uri: str, *, directory_urls: bool = True) -> str:
    """The relative URL that leads from the page ``from_uri`` to ``to_uri`` in the built site."""
    here = page_url(from_uri, directory_urls=directory_urls)
    there = page_url(to_uri, directory_urls=directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    relative = posixpath.relpath(there or ".", base.rstrip("/") or ".")
    if relative == ".":
        return "./"
    return relative + "/" if there.endswith("/") or not there else relative
