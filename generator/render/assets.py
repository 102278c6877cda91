"""Files other than Markdown pages that a site needs: stylesheets, scripts, data.

Part of the render stage. Static files live in ``generator/render/static/`` (package data, read
through ``importlib.resources`` so an installed wheel finds them as a checkout does) and are
published under ``assets/briefing/`` in the site; data files (the map's and the explorer's JSON) are made from
the index by the modules that own them. The plugin adds every asset to the build in memory, and
``briefing render`` writes them beside the Markdown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from generator.render import palette

STATIC: Traversable = files("generator.render") / "static"
"""The package's static files: stylesheets, scripts and vendored libraries with their licences."""
SITE_FOLDER = "assets/briefing"
"""Where static assets are published, relative to the site root."""


@dataclass(frozen=True)
class Asset:
    """A generated file that is not a page.

    Attributes:
        uri: Path relative to the docs folder, e.g. ``assets/briefing/map.js``.
        data: The file's bytes.
    """

    uri: str
    data: bytes


def static_assets() -> list[Asset]:
    """Every file under ``generator/render/static/`` and the generated palette stylesheet, under
    ``assets/briefing/``, sorted by path."""
    found = [Asset(f"{SITE_FOLDER}/{name}", file.read_bytes()) for name, file in _walk(STATIC, "")]
    found.append(Asset(f"{SITE_FOLDER}/{palette.STYLESHEET}", palette.stylesheet().encode("utf-8")))
    return sorted(found, key=lambda a: a.uri)


def _walk(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    """Every file under ``folder`` as ``(relative path, file)``; a Traversable has no ``rglob``."""
    for item in folder.iterdir():
        if item.is_dir():
            yield from _walk(item, f"{prefix}{item.name}/")
        elif item.is_file():
            yield f"{prefix}{item.name}", item


def stylesheets(assets: list[Asset]) -> list[str]:
    """The site paths of the top-level stylesheets among ``assets``, for ``extra_css``."""
    return [a.uri for a in assets if a.uri.endswith(".css") and a.uri.count("/") == SITE_FOLDER.count("/") + 1]
