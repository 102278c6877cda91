"""One name, many spellings: how place and actor names are folded so that transliterations meet.

Part of the model stage, read by the importers (to find the record a dataset's spelling names)
and by the search documents (so that a place is found by any of its spellings folded the same
way). Arabic names reach the datasets through different transliterations: *Idlib* and *Idleb*,
*Ma'arrat al-Nu'man* and *Maarat an Numan*, *Al Hasakah Governorate* and *Al Hasakeh*.
:func:`fold` removes what only the spelling changes: case, diacritics, apostrophes and ʿayn or
hamza marks, hyphens, the article (*al-*, *el-*, *an-*, *ash-* ...), words that name the kind of
place (*governorate*, *district*, *town*), doubled letters and a final *h* after a vowel.
:func:`skeleton` also drops the vowels (*idlb* and *idleb* both become *dlb*): too coarse to
decide alone, it finds the candidates that coordinates or the containing place then confirm.
"""

from __future__ import annotations

import re
import unicodedata

ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ath", "ad", "adh", "az", "ed", "es", "et", "ez"})
"""The Arabic article in its assimilated forms, as transliterations write it before a name."""

KIND_WORDS = frozenset(
    {"governorate", "province", "district", "subdistrict", "nahiya", "nahiyah", "town", "village", "city", "camp"}
)
"""Words datasets add to a place's name to say what kind of place it is (UCDP's "Idlib town")."""

_MARKS = re.compile("['\u2019\u2018\u02bf\u02be\u02bc\u02bb`\u00b4]")
_SEPARATORS = re.compile(r"[\s\-_/.,()]+")
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouyw]")


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _MARKS.sub("", text)
    return [w for w in _SEPARATORS.split(text) if w]


def fold(name: str) -> str:
    """The name as spellings of it agree: ``"Ma'arrat al-Nu'man"`` and ``"Maarat an Numan"`` are both
    ``"marat numan"``; ``"Al Hasakah Governorate"`` is ``"hasaka"``. Never empty for a non-empty name
    (a name made only of such words folds to its letters)."""
    words = _words(name)
    kept = [w for w in words if w not in ARTICLES and w not in KIND_WORDS] or words
    folded = []
    for word in kept:
        word = _DOUBLED.sub(r"\1", word)
        if len(word) > 2 and word.endswith("h") and word[-2] in "aeiou":
            word = word[:-1]
        folded.append(word)
    return " ".join(folded)


def skeleton(name: str) -> str:
    """The folded name without vowels (and ``y``, ``w``, which transliterations use for them):
    ``Idlib`` and ``Idleb`` are ``dlb``; ``Ras al Ayn`` and ``Ras al-Ain`` are ``rs n``."""
    return " ".join(s for s in (_DOUBLED.sub(r"\1", _VOWELS.sub("", w)) for w in fold(name).split()) if s)
