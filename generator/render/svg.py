"""What the build-time pictures share: escaping, coordinates, the figure wrapper, legend symbols.

Part of the render stage, used by :mod:`generator.render.timeline_svg` and :mod:`generator.render.network_svg`.
Text from data files reaches the pictures only through :func:`esc`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def esc(text: object) -> str:
    """Escape any value for SVG/HTML text or a quoted attribute; drop control characters."""
    return " ".join(_CONTROL.sub(" ", str(text)).split()).translate(_ESCAPES)


def num(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def figure(kind: str, svg: str, legend: Iterable[str], *, after: str = "") -> str:
    """Wrap a picture in a raw HTML block: a ``<figure>`` with the SVG and an HTML legend.

    The block has no blank line (Python-Markdown would end the raw block there) and is kept out
    of the search index: the same names and titles are on the page as text. The drawing sits in
    a frame that scrolls sideways on a narrow screen, with a visible cue (``.bp-scroll-cue``,
    shown by CSS only when the frame is narrower than the drawing). ``after`` is HTML put after
    the legend (a table of the same numbers, for instance).
    """
    items = "".join(f'<span class="bp-key">{item}</span>' for item in legend)
    return (
        f'<figure class="bp-figure bp-{kind}" data-search-exclude>\n'
        '<p class="bp-scroll-cue" aria-hidden="true">Scroll sideways to see the whole picture →</p>\n'
        f'<div class="bp-scroll" tabindex="0" role="region" aria-label="Picture, scrolls sideways">\n{svg}\n</div>\n'
        f'<figcaption class="bp-legend">{items}</figcaption>\n' + (f"{after}\n" if after else "") + "</figure>"
    )


def swatch(shape: str, *, fill: str = "currentColor", approximate: bool = False) -> str:
    """A small legend symbol (``dot``, ``bar`` or ``square``), hidden from screen readers."""
    paint = f'fill="{fill}"' + (f' fill-opacity=".35" stroke="{fill}" stroke-dasharray="2 1.5"' if approximate else "")
    body = {
        "dot": f'<circle cx="8" cy="6" r="4.5" {paint}/>',
        "bar": f'<rect x=".8" y="1.5" width="14.4" height="9" rx="2" {paint}/>',
        "square": f'<rect x="2.5" y=".5" width="11" height="11" rx="2" {paint}/>',
    }[shape]
    return f'<svg class="bp-swatch" viewBox="0 0 16 12" width="16" height="12" aria-hidden="true">{body}</svg>'
