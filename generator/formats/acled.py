"""ACLED's export layout: its columns, event types, actor-type (``inter``) codes, precision codes.

The one table of ACLED's format, read by :mod:`generator.importers.acled` (rows -> records) and
:mod:`generator.exports.acled_csv` (records -> rows), so a round trip holds by construction.
Meanings follow ACLED's codebook (2019 revision onwards; the ``inter`` labels of the 2023
codebook); the pre-2019 event types are listed for reading older files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.formats.precision import NEAR_KM, Precision


def _names(text: str) -> tuple[str, ...]:
    """Column names written as one space-separated string, in order."""
    return tuple(text.split())


DATASET = "acled"
"""The dataset's key in ``external_ids``, the ``dataset`` block and the import state's name."""
LABEL = "ACLED"
SOURCE_NAME = "Armed Conflict Location & Event Data (ACLED)"
"""The name of the source record an import makes for ACLED itself (cited by every incident it
makes, never written into the ``source`` column: ACLED does not list itself as a source)."""

COLUMNS: tuple[str, ...] = _names(
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 "
    "inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes fatalities tags timestamp"
)
"""ACLED's current 31-column export layout, in order."""

LEGACY_ONLY: tuple[str, ...] = ("data_id", "event_id_no_cnty", "iso3", "gwno")
"""Columns of older exports that the current layout dropped."""

ALIASES: dict[str, str] = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
"""Older names of columns -> the current ones."""

SEPARATOR = "; "
"""How ACLED joins several names, sources or tags in one cell."""

_RECORD_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_ACLED_LIKE_ID = re.compile(r"[A-Za-z]{2,4}[0-9]+")


def is_record_id(event_id: str) -> bool:
    """Whether an ``event_id_cnty`` is a briefing site's own record id, not an event ACLED coded.

    ACLED's ids are a country's letters and a number (``SYR12345``); the ACLED-layout export
    writes a record that did not come from ACLED under the record's own id
    (``derik-standoff-2020-06-04``, ``ucdp-400004``), which is how the importer knows the row
    was never ACLED's.
    """
    return _RECORD_ID.fullmatch(event_id) is not None and _ACLED_LIKE_ID.fullmatch(event_id) is None


# --- actor types ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inter:
    """One ACLED actor type.

    Attributes:
        code: The numeric code (1-8) older exports write.
        label: The label newer exports write.
        kind: The actor kind a new actor of this type gets.
    """

    code: int
    label: str
    kind: str


INTER: dict[int, Inter] = {
    1: Inter(1, "State forces", "state-force"),
    2: Inter(2, "Rebel group", "armed-group"),
    3: Inter(3, "Political militia", "militia"),
    4: Inter(4, "Identity militia", "militia"),
    5: Inter(5, "Rioters", "civilian-group"),
    6: Inter(6, "Protesters", "civilian-group"),
    7: Inter(7, "Civilians", "civilian-group"),
    8: Inter(8, "External/Other forces", "other"),
}
"""ACLED's actor types by code (codebook: "'Inter' codes")."""

NUMERIC = "numeric"
LABELS = "labels"
INTER_VARIANTS: dict[str, str] = {NUMERIC: "numeric codes (1-8, interaction 12)", LABELS: "labels (State forces)"}
"""The two ways ACLED files write ``inter1``, ``inter2`` and ``interaction``."""

INTER_BY_KIND: dict[str, int] = {
    "state": 1,
    "state-force": 1,
    "armed-group": 2,
    "militia": 3,
    "civilian-group": 7,
    "person": 7,
    "media-outlet": 7,
    "political-organisation": 8,
    "international-organisation": 8,
    "other": 8,
}
"""The actor type of a record made by hand, from its kind (there is no row to say)."""

_PLURALS = {"state forces": 1, "rebel groups": 2, "political militias": 3, "identity militias": 4}
_LABEL_CODES = {inter.label.casefold(): code for code, inter in INTER.items()} | _PLURALS


def read_inter(text: str) -> tuple[int | None, str | None]:
    """An ``inter1``/``inter2`` cell as ``(code, variant)``: ``"2"`` -> ``(2, "numeric")``,
    ``"Rebel group"`` -> ``(2, "labels")``, ``""`` -> ``(None, None)``.

    Raises:
        ValueError: The cell holds something else.
    """
    value = " ".join(text.split())
    if not value:
        return None, None
    if re.fullmatch(r"\d+(\.0*)?", value):
        code = int(float(value))
        if code in INTER:
            return code, NUMERIC
    elif value.casefold() in _LABEL_CODES:
        return _LABEL_CODES[value.casefold()], LABELS
    raise ValueError(value)


def write_inter(code: int | None, variant: str) -> str:
    """An actor type as ``inter1``/``inter2`` writes it in ``variant``."""
    if code is None:
        return ""
    return str(code) if variant == NUMERIC else INTER[code].label


def interaction(code1: int | None, code2: int | None, variant: str) -> str:
    """ACLED's ``interaction`` of two actor types: the smaller code first (``12``, ``State
    forces-Rebel group``); one actor alone is ``10`` or ``State forces only``."""
    codes = sorted(c for c in (code1, code2) if c is not None)
    if not codes:
        return ""
    if len(codes) == 1:
        return str(codes[0] * 10) if variant == NUMERIC else f"{INTER[codes[0]].label} only"
    return f"{codes[0]}{codes[1]}" if variant == NUMERIC else f"{INTER[codes[0]].label}-{INTER[codes[1]].label}"


NAME_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(Military|Police) Forces of "), "state-force"),
    (re.compile(r"^Government of "), "state"),
    (re.compile(r"^(Civilians|Protesters|Rioters) \("), "civilian-group"),
)
"""ACLED's naming conventions for generic actors, which say more than the actor type."""

UNIDENTIFIED = "Unidentified "
"""How ACLED's names of actors it could not identify begin ("Unidentified Armed Group (Syria)")."""

# --- event types -------------------------------------------------------------------------------

OLD_EVENT_TYPES: dict[str, tuple[str, str | None]] = {
    "battle-no-change-of-territory": ("battles", "armed-clash"),
    "battle-government-regains-territory": ("battles", "government-regains-territory"),
    "battle-non-state-actor-overtakes-territory": ("battles", "non-state-actor-overtakes-territory"),
    "remote-violence": ("explosions-remote-violence", None),
    "riots-protests": ("protests", None),
    "strategic-development": ("strategic-developments", None),
    "non-violent-transfer-of-territory": ("strategic-developments", "non-violent-transfer-of-territory"),
    "headquarters-or-base-established": ("strategic-developments", "headquarters-or-base-established"),
}
"""Event types ACLED used before its 2019 revision (as slugs) -> (event type, sub-type)."""

CIVILIAN_TARGETING = "Civilian targeting"
"""The only value of ``civilian_targeting`` besides empty."""


def disorder_type(event_type: str, sub_type: str | None) -> str:
    """ACLED's disorder type as it derives it from the event type (for records made by hand)."""
    if event_type == "strategic-developments":
        return "Strategic developments"
    if event_type == "protests":
        return (
            "Political violence; Demonstrations"
            if sub_type == "excessive-force-against-protesters"
            else "Demonstrations"
        )
    if event_type == "riots":
        return "Political violence" if sub_type == "mob-violence" else "Demonstrations"
    return "Political violence"


# --- time and place ----------------------------------------------------------------------------

TIME_PRECISION: dict[int, str] = {
    1: "the day is known",
    2: "only the week (or a few days) is known",
    3: "only the month is known",
}
"""``time_precision`` codes and their meaning."""

GEO_PRECISION: dict[int, Precision] = {
    1: Precision(1, "exact", "the place itself"),
    2: Precision(
        2,
        "near",
        f"near the place or in a small part of its region (ACLED gives no distance; drawn at {NEAR_KM:g} km)",
        NEAR_KM,
    ),
    3: Precision(3, "region", "only a larger region is known; the coordinates are its capital's", area="region"),
}
"""``geo_precision`` codes: what each means and how the model keeps it."""

GEO_CODE: dict[str, int] = {p.precision: code for code, p in GEO_PRECISION.items()}
"""The model's location precision -> ``geo_precision``."""

# --- fatalities --------------------------------------------------------------------------------

PLACEHOLDERS: dict[str, int] = {"several": 10, "many": 10, "tens": 10, "dozens": 12, "hundreds": 100}
"""The conventional numbers ACLED codes for vague reports ("several killed" is 10)."""

UNKNOWN_FATALITIES = ""
"""What the export writes for an incident whose deaths are not known. ACLED's ``0`` means "no
fatalities reported" and it has no code for "not known", so the cell is left empty: tools read it
as missing, and the importer reads it back as no fatalities (not as zero)."""
