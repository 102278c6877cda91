"""The words of a judgement: the ICD 203 ladder, confidence levels and vague hedges.

Part of the model stage. A key judgement is written twice in this project: as ``judgements`` on
an incident record (YAML) and as a ``!!! judgement`` block in a briefing (Markdown). Both are
checked here, by one rule: a likelihood must be a word of the ladder, a confidence must be
stated, and the statement must not hedge with words that hide how likely it is ("may", "might",
"could", "possibly"), since the likelihood says that. Problems are returned as values; the index
and the briefing reader turn them into located warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.diagnostics import did_you_mean
from generator.model import vocabulary as v

_HEDGE = re.compile(r"\b(" + "|".join(v.VAGUE_HEDGES) + r")\b", re.IGNORECASE)
_LADDER = ", ".join(v.LIKELIHOODS.values())


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a judgement's words.

    Attributes:
        field: ``statement``, ``likelihood`` or ``confidence``: where the problem is.
        message: What is wrong, in one line.
        hint: What to do about it.
        offset: For a hedge, where the word starts in the statement (for an exact column).
    """

    field: str
    message: str
    hint: str
    offset: int = 0


def likelihood_slug(word: str | None) -> str | None:
    """The ladder's slug for a likelihood as written (``Very likely`` -> ``very-likely``), or None."""
    if word is None:
        return None
    slug = "-".join(word.casefold().replace("-", " ").split())
    return slug if slug in v.LIKELIHOODS else None


def confidence_slug(word: str | None) -> str | None:
    """The confidence level as written (``Moderate``, ``moderate confidence``), or None when unknown."""
    if word is None:
        return None
    slug = word.casefold().strip().removesuffix(" confidence").strip()
    return slug if slug in v.CONFIDENCE_LEVELS else None


def check(statement: str, likelihood: str | None, confidence: str | None) -> list[Problem]:
    """Every problem with a judgement's words, in the order statement, likelihood, confidence."""
    found = [
        Problem(
            "statement",
            f"vague hedge '{match.group(1)}' in a judgement's statement",
            "state the judgement plainly and say how likely it is in 'likelihood' (e.g. likely, roughly even chance)",
            match.start(1),
        )
        for match in _HEDGE.finditer(statement)
    ]
    if likelihood is None or not likelihood.strip():
        found.append(
            Problem(
                "likelihood", "judgement has no likelihood", f"add 'likelihood:' with a word of the ladder: {_LADDER}"
            )
        )
    elif likelihood_slug(likelihood) is None:
        hint = did_you_mean(likelihood.casefold(), v.LIKELIHOODS.values())
        found.append(
            Problem(
                "likelihood",
                f"'{likelihood}' is not on the ICD 203 likelihood ladder",
                hint if hint.startswith("did you mean") else f"use a word of the ladder: {_LADDER}",
            )
        )
    if confidence is None or not confidence.strip():
        found.append(
            Problem(
                "confidence",
                "judgement has no confidence",
                "add 'confidence: low', 'moderate' or 'high': how far its sources and reasoning can be trusted",
            )
        )
    elif confidence_slug(confidence) is None:
        found.append(
            Problem(
                "confidence",
                f"'{confidence}' is not a confidence level",
                did_you_mean(confidence.casefold(), v.CONFIDENCE_LEVELS),
            )
        )
    return found


def describe(likelihood: str | None, confidence: str | None) -> str:
    """Likelihood and confidence spelled out: "Likelihood: likely (55–80 %). Confidence: moderate."

    A word off the ladder or a missing value is said to be so, never guessed.
    """
    slug, level = likelihood_slug(likelihood), confidence_slug(confidence)
    said = f"{v.LIKELIHOODS[slug]} ({v.LIKELIHOOD_RANGES[slug]})" if slug else "not stated on the ICD 203 ladder"
    return f"Likelihood: {said}. Confidence: {level if level else 'not stated'}."
