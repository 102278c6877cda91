"""Pictures of many incidents, kept between the preview's runs by exactly what they show.

Part of the render stage. The column charts of the timeline (:mod:`generator.render.timeline_svg`)
and the tempo chart (:mod:`generator.render.tempo_svg`) of a large place or actor count thousands
of incidents, and the pages that carry them are rendered again whenever a save touches one of
those incidents, though most saves (a title, a summary, a source) change nothing a chart shows.
Each chart is a pure function of a tuple of small facts per incident (its date, its type...),
which the chart's module makes and draws from; :class:`KeptPictures` keeps, for each page and
chart, the last facts and drawing, and draws again only when the facts differ. The facts are
taken from the records as before, so the page still notes every record it reads
(:mod:`generator.index.reads`) and a later save to any of them reaches it.

Only the preview keeps pictures (a build draws each once); the kept pictures go with the template
environment, which is made again whenever anything besides the records changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

Keep = Callable[[Hashable, Callable[[], str]], str]
"""``keep(facts, draw)``: the drawing kept for these facts, else ``draw()`` (then kept)."""


class KeptPictures:
    """The last drawing of each chart of each page, with the facts it was drawn from."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[Hashable, str]] = {}

    def keeper(self, chart: str, page: str) -> Keep:
        """The ``keep`` function of one chart on one page (a page may link differently from another)."""

        def keep(facts: Hashable, draw: Callable[[], str]) -> str:
            kept = self._kept.get((chart, page))
            if kept is not None and kept[0] == facts:
                return kept[1]
            drawing = draw()
            self._kept[(chart, page)] = (facts, drawing)
            return drawing

        return keep
