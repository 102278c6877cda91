"""The crosswalk file: the analyst's word on which dataset spelling is which record.

Part of the resolve step of an import (read -> map -> **resolve** -> merge -> write). Datasets
spell the same place and the same actor differently (UCDP's "Government of Syria" is ACLED's
"Military Forces of Syria (2000-)"); folding names finds most places, and what it cannot decide
it reports. ``seeds/crosswalk.yaml`` settles the rest, on every import:

.. code-block:: yaml

    places:
      - name: Maarrat an Numan          # a spelling a dataset writes
        same_as: maarat-al-numaan-town  # confirm: it is this record
      - name: Idleb
        not: idlib-town                 # refuse: it is not this one (one id or a list)
    actors:
      - name: Military Forces of Syria (2000-)
        same_as: government-of-syria

Spellings are compared folded (:func:`generator.model.spelling.fold`), so case, hyphens and
articles do not matter. The file sits in the data folder beside the record folders; the data
loader leaves it alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.importers.common import ImportFailed
from generator.load.dataset import CROSSWALK
from generator.load.yamlsource import YamlDocument, parse
from generator.model.spelling import fold

FILE_NAME = CROSSWALK
"""The file's name in the data folder."""
SECTIONS = ("places", "actors")
_KEYS = frozenset({"name", "same_as", "not"})


@dataclass
class Crosswalk:
    """Confirmed and refused matches by folder and folded spelling."""

    confirmed: dict[str, dict[str, str]] = field(default_factory=lambda: {s: {} for s in SECTIONS})
    refusals: dict[str, dict[str, set[str]]] = field(default_factory=lambda: {s: {} for s in SECTIONS})
    targets: list[tuple[str, str, str]] = field(default_factory=list)
    """``(section, record id, "path:line:col")`` of every id the file names, to report unknown ones."""

    def same_as(self, folder: str, name: str) -> str | None:
        """The record the analyst confirmed for a spelling, or ``None``."""
        return self.confirmed.get(folder, {}).get(fold(name))

    def refused(self, folder: str, name: str) -> set[str]:
        """The records the analyst said a spelling does not name."""
        return self.refusals.get(folder, {}).get(fold(name), set())


def read_crosswalk(seeds_dir: Path, shown: str) -> Crosswalk:
    """Read ``seeds/crosswalk.yaml``; an empty crosswalk when there is none.

    Args:
        seeds_dir: The data folder.
        shown: The file's path as messages show it.

    Raises:
        ImportFailed: The file is not YAML or not a crosswalk (with file:line:col and a hint); nothing is imported.
    """
    path = seeds_dir / FILE_NAME
    if not path.is_file():
        return Crosswalk()
    doc, problems = parse(path.read_text(encoding="utf-8-sig"), shown)
    if problems:
        first = problems[0]
        raise ImportFailed(first.format(severity=False), "fix the crosswalk file, then import again")
    crosswalk = Crosswalk()
    if doc is None or doc.value is None:
        return crosswalk
    if not isinstance(doc.value, dict):
        raise _bad(doc, (), "the crosswalk should be a mapping with 'places:' and 'actors:' lists")
    for section, entries in doc.value.items():
        if section not in SECTIONS:
            raise _bad(doc, (section,), f"unknown section '{section}'", key=True)
        if not isinstance(entries, list):
            raise _bad(doc, (section,), f"'{section}' should be a list of entries")
        for number, entry in enumerate(entries):
            _read_entry(doc, crosswalk, section, number, entry)
    return crosswalk


def _read_entry(doc: YamlDocument, crosswalk: Crosswalk, section: str, number: int, entry: Any) -> None:
    loc = (section, number)
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise _bad(doc, loc, "each entry needs a 'name': the spelling a dataset writes")
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise _bad(doc, (*loc, unknown[0]), f"unknown key '{unknown[0]}'", key=True)
    name = fold(entry["name"])
    same = entry.get("same_as")
    refused = entry.get("not", [])
    refused = [refused] if isinstance(refused, str) else refused
    if (same is None and not refused) or (same is not None and not isinstance(same, str)):
        raise _bad(doc, loc, "each entry needs 'same_as: <record id>' or 'not: <record id>'")
    if not isinstance(refused, list) or not all(isinstance(r, str) for r in refused):
        raise _bad(doc, (*loc, "not"), "'not' should be a record id or a list of ids")
    line, col = doc.position((*loc, "same_as") if same is not None else (*loc, "not"))
    for target in [*([same] if same is not None else []), *refused]:
        crosswalk.targets.append((section, target, f"{doc.path}:{line}:{col}"))
    if same is not None:
        crosswalk.confirmed[section][name] = same
    if refused:
        crosswalk.refusals[section].setdefault(name, set()).update(refused)


def _bad(doc: YamlDocument, loc: tuple[Any, ...], message: str, *, key: bool = False) -> ImportFailed:
    line, col = doc.position(loc, key=key)
    hint = (
        "write e.g.\n  places:\n    - {name: Idleb, same_as: idlib-governorate}\n"
        "  actors:\n    - {name: Military Forces of Syria (2000-), same_as: government-of-syria}"
    )
    return ImportFailed(f"{doc.path}:{line}:{col}: {message}", hint)
