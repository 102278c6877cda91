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


def relative_path(target: str, start_dir: str) -> str:
    """``posixpath.relpath`` for site paths, without touching the file system or the cwd.

    Args:
        target: A path relative to the site or docs root, e.g. ``actors/russia.md``.
        start_dir: A folder relative to the same root ("" for the root itself).
    """
    to_parts = [p for p in target.split("/") if p and p != "."]
    from_parts = [p for p in start_dir.split("/") if p and p != "."]
    common = 0
    while common < min(len(to_parts), len(from_parts)) and to_parts[common] == from_parts[common]:
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."


def relative_url(from_uri: str, to_uri: str, *, directory_urls: bool = True) -> str:
    """The relative URL that leads from the page ``from_uri`` to ``to_uri`` in the built site."""
    here = page_url(from_uri, directory_urls=directory_urls)
    there = page_url(to_uri, directory_urls=directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    relative = relative_path(there, base)
    if relative == ".":
        return "./"
    return relative + "/" if there.endswith("/") or not there else relative
