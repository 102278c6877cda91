"""ISO 3166-1 country codes from the names records give countries.

Part of the formats tables, read by the exports: ACLED's ``iso`` column wants the numeric code,
STIX's ``country`` the alpha-2 code. A country place's name or one of its aliases is looked up
in ISO 3166 (pycountry: official and common names and the codes themselves, e.g. *Syria*,
*Syrian Arab Republic*, *SY*), then in the Natural Earth names of the outlines the map vendors
(*Turkey*, *Dem. Rep. Congo*), compared without case or diacritics.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pycountry

from generator.render.assets import STATIC

WORLD_ATLAS = STATIC / "vendor" / "world-atlas" / "countries-50m.json"
"""Natural Earth's countries (world-atlas): each has its ISO 3166-1 numeric code as ``id``."""


@dataclass(frozen=True)
class Country:
    """A country's ISO 3166-1 codes.

    Attributes:
        alpha_2: The two-letter code (``SY``).
        numeric: The numeric code without leading zeros, as ACLED writes it (``760``).
    """

    alpha_2: str
    numeric: str


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


@functools.cache
def _natural_earth() -> dict[str, str]:
    """Folded Natural Earth country name -> ISO 3166-1 numeric code (``"760"``)."""
    topology = json.loads(WORLD_ATLAS.read_bytes())
    return {
        _fold(country["properties"]["name"]): str(int(country["id"]))
        for country in topology["objects"]["countries"]["geometries"]
        if country.get("id")
    }


@functools.cache
def _iso_names() -> dict[str, Country]:
    """Every folded name and code ISO 3166 knows -> the country."""
    found: dict[str, Country] = {}
    for entry in pycountry.countries:
        country = Country(entry.alpha_2, str(int(entry.numeric)))
        for attribute in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value = getattr(entry, attribute, None)
            if value:
                found.setdefault(_fold(value), country)
    return found


@functools.cache
def _by_numeric() -> dict[str, Country]:
    return {str(int(entry.numeric)): Country(entry.alpha_2, str(int(entry.numeric))) for entry in pycountry.countries}


def lookup(names: Iterable[str]) -> Country | None:
    """The country the first recognisable name names, or ``None`` when ISO 3166 has none of them."""
    iso, atlas = _iso_names(), _natural_earth()
    for name in names:
        key = _fold(name)
        if key in iso:
            return iso[key]
        numeric = atlas.get(key)
        if numeric is not None and numeric in _by_numeric():
            return _by_numeric()[numeric]
    return None
