"""UCDP GED's layout: its columns, type-of-violence, precision and clarity codes.

The one table of the UCDP Georeferenced Event Dataset's format, read by
:mod:`generator.importers.ucdp` (rows -> records), by the incident page and the map (what a
``where_prec`` or ``date_prec`` means and how far it reaches). Meanings follow the UCDP GED
codebook, version 19.1 and later (the 49-column releases); the 41-column order is the one
documented with the shared sample.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.formats.precision import NEAR_KM, Precision


def _names(text: str) -> tuple[str, ...]:
    """Column names written as one space-separated string, in order."""
    return tuple(text.split())


DATASET = "ucdp-ged"
"""The dataset's key in ``external_ids`` and the import state's name."""
BLOCK = "ucdp"
"""The dataset's key in an incident's ``dataset`` block."""
LABEL = "UCDP GED"

COLUMNS_41: tuple[str, ...] = _names(
    "id year active_year type_of_violence conflict_new_id conflict_name dyad_new_id dyad_name side_a_new_id "
    "side_a side_b_new_id gwnob side_b number_of_sources source_article source_office source_date "
    "source_headline source_original where_prec where_coordinates adm_1 adm_2 latitude longitude geom_wkt "
    "priogrid_gid country country_id region event_clarity date_prec date_start date_end deaths_a deaths_b "
    "deaths_civilians deaths_unknown low best high"
)
"""The column order documented for the shared sample and for header-less 41-column files."""

COLUMNS_49: tuple[str, ...] = _names(
    "id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id conflict_name "
    "dyad_dset_id dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a side_b_dset_id side_b_new_id side_b "
    "number_of_sources source_article source_office source_date source_headline source_original where_prec "
    "where_coordinates where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid country "
    "country_id region event_clarity date_prec date_start date_end deaths_a deaths_b deaths_civilians "
    "deaths_unknown best high low gwnoa gwnob"
)
"""The column order of GED releases with 49 columns (19.1 onwards), for header-less files."""

ALIASES: dict[str, str] = {"best_est": "best", "low_est": "low", "high_est": "high"}
"""Older names of the estimate columns."""

KEPT: tuple[str, ...] = (
    "active_year",
    "code_status",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_b_dset_id",
    "side_b_new_id",
    "number_of_sources",
    "source_original",
    "where_prec",
    "where_description",
    "priogrid_gid",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "type_of_violence",
    "gwnoa",
    "gwnob",
)
"""Columns kept as they are in the incident's ``dataset.ucdp`` block (besides any mapping)."""


@dataclass(frozen=True)
class Violence:
    """One ``type_of_violence`` code and how an event of it becomes an incident.

    Attributes:
        code: The code.
        name: The codebook's name.
        event_type, sub_type: The general ACLED type it becomes (GED says who fought, not how).
        role_a, role_b: The roles of side A and side B.
        kind_b: The kind of a new actor on side B.
    """

    code: int
    name: str
    event_type: str
    sub_type: str
    role_a: str
    role_b: str
    kind_b: str


VIOLENCE: dict[int, Violence] = {
    1: Violence(1, "state-based", "battles", "armed-clash", "combatant", "combatant", "armed-group"),
    2: Violence(2, "non-state", "battles", "armed-clash", "combatant", "combatant", "armed-group"),
    3: Violence(3, "one-sided", "violence-against-civilians", "attack", "attacker", "targeted", "civilian-group"),
}

WHERE_PREC: dict[int, Precision] = {
    1: Precision(1, "exact", "the exact place"),
    2: Precision(2, "near", f"within about {NEAR_KM:g} km of the place", NEAR_KM),
    3: Precision(3, "region", "only the district (second-order administrative unit) is known", area="district"),
    4: Precision(4, "region", "only the province (first-order administrative unit) is known", area="governorate"),
    5: Precision(
        5,
        "region",
        "only a part of the country, a linear feature or a region that is no administrative unit",
        area="region",
    ),
    6: Precision(6, "region", "only the country is known", area="country"),
    7: Precision(7, "region", "international waters or airspace", area="sea"),
}
"""``where_prec`` codes: what each means, how the model keeps it, and how a map may draw it."""

AREA_KINDS: dict[int, str] = {3: "district", 4: "governorate", 5: "region", 6: "country", 7: "region"}
"""The place kind of an area a ``where_prec`` of 3 to 7 names."""

DATE_PREC: dict[int, str] = {
    1: "the exact day",
    2: "a day within two to six days",
    3: "a day within a week",
    4: "a day within a month",
    5: "a day within a year",
}
"""``date_prec`` codes: how precisely the span from ``date_start`` to ``date_end`` holds the day."""

EVENT_CLARITY: dict[int, str] = {1: "clear", 2: "aggregated or unclear"}
"""``event_clarity`` codes."""

SOURCE_ORIGINAL_SEPARATORS = ",;"
"""``source_original`` names one or more original sources, joined by commas (sometimes ``;``)."""
