"""What a location precision means, as the datasets' codebooks define it, and how a map may draw it.

Part of the formats tables. The model keeps three precisions (``exact``, ``near``, ``region``);
a dataset keeps its own finer code in the incident's ``dataset`` block (UCDP's ``where_prec``,
ACLED's ``geo_precision``). :class:`Precision` says what one code means, how far from the point
the event may be when the codebook says so, and whether the code names an area: areas are not
points and a map must not draw them as one (nor as a circle it made up).
"""

from __future__ import annotations

from dataclasses import dataclass

NEAR_KM = 25.0
"""How far "near" reaches when the data says no more: UCDP's where_prec 2 ("within about 25 km of
a known point", GED codebook 19.1 and later), the only codebook that gives a distance. ACLED's
geo_precision 2 and the records analysts write give none, and are drawn at this distance too."""


@dataclass(frozen=True)
class Precision:
    """One location-precision code and its meaning.

    Attributes:
        code: The code as the dataset writes it (``2``), or the model's own word.
        precision: The model's ``location_precision`` it maps to: exact, near or region.
        meaning: What the codebook says, in a phrase a page or a map key can show.
        radius_km: How far from the point the event may be, when the codebook gives a distance.
        area: For codes that name an area rather than a point: what kind of area (``district``,
            ``governorate``, ``region``, ``country``, ``sea``); empty for points.
    """

    code: int | str
    precision: str
    meaning: str
    radius_km: float | None = None
    area: str = ""


MODEL: dict[str, Precision] = {
    "exact": Precision("exact", "exact", "the place itself"),
    "near": Precision("near", "near", f"near the place (within about {NEAR_KM:g} km)", NEAR_KM),
    "region": Precision("region", "region", "somewhere in the named area", area="region"),
}
"""The model's own precisions, for records that carry no dataset code."""
