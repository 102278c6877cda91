"""The Admiralty grade of a report: one code and one sentence for every page and export.

Part of the model stage. A citation is graded twice on the NATO Admiralty scale: its source's
reliability (A-F, on the source's record) and the credibility of the information (1-6, on the
citation). Analysts read the two as one code, ``B2``; readers who do not know the scale need it
in words. Pages, exports and messages take both from here, so that "not yet graded" (a source
nobody has graded, e.g. one an importer created) is never shown as ``F`` ("reliability cannot be
judged"), which is a grade an analyst gives.
"""

from __future__ import annotations

from generator.model import vocabulary as v

UNGRADED = "?"
"""The grade code's letter for a source that has not been graded yet."""


def grade_code(reliability: str | None, credibility: int | None) -> str:
    """The combined code: ``B2``; ``B`` without a credibility; ``?2`` for an ungraded source."""
    return (reliability or UNGRADED) + (str(credibility) if credibility is not None else "")


def grade_meaning(reliability: str | None, credibility: int | None) -> str:
    """The code in words, e.g. "usually reliable source; information probably true".

    Said in full beside every badge, so that a screen reader and a reader new to the scale get
    the same as an analyst gets from the two characters.
    """
    source = f"{v.RELIABILITY[reliability].lower()} source" if reliability else "source not yet graded"
    if reliability == "F":
        source = "source whose reliability cannot be judged"
    information = (
        f"information {v.CREDIBILITY[credibility].lower()}" if credibility is not None else "credibility not graded"
    )
    if credibility == 6:
        information = "information whose truth cannot be judged"
    return f"{source}; {information}"


def reliability_words(reliability: str | None) -> str:
    """A source's reliability as a page shows it: "B — Usually reliable" or "not yet graded"."""
    return f"{reliability} — {v.RELIABILITY[reliability]}" if reliability else "not yet graded"
