"""How the pages word uncertain figures and short lists.

Part of the render stage. An unknown must read as unknown and a figure must not claim more
precision than its sources give: a death count shows a range only when its bounds differ, and
the words for grades, likelihoods and confidence come from :mod:`generator.model.grading` and
:mod:`generator.model.judgements`. Templates reach these as ``deaths``, ``and_list``, ``counted``,
``reliability_words`` and ``judgement_words``.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.model.records import DeathCount


def deaths(count: DeathCount) -> str:
    """A death count as a page says it: "12", "12 (range 10–15)", "12 (low estimate 10)".

    Bounds equal to the best estimate add nothing and are left out, so "46 (range 46–46)" never
    suggests a precision the figure lacks.
    """
    best = f"{count.best:,}"
    low = count.low if count.low is not None and count.low != count.best else None
    high = count.high if count.high is not None and count.high != count.best else None
    if low is not None and high is not None:
        return f"{best} (range {low:,}–{high:,})"
    if low is not None:
        return f"{best} (low estimate {low:,})"
    if high is not None:
        return f"{best} (high estimate {high:,})"
    return best


def and_list(words: Iterable[str]) -> str:
    """Words joined as a sentence lists them: "a", "a and b", "a, b and c"."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: "1 incident", "2,340 incidents", "0 sources".

    Args:
        number: How many.
        singular: The noun for one.
        plural: The noun for any other number, when it is not ``singular`` + "s" ("fatalities").
    """
    noun = singular if number == 1 else plural or singular + "s"
    return f"{number:,} {noun}"
