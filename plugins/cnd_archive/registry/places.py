"""Names of countries from their ISO 3166-1 alpha-3 codes (pycountry holds the data)."""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def country_name(iso3: str) -> str:
    """The country's common English name, e.g. "GTM" -> "Guatemala"; KeyError if unknown."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise KeyError(f"unknown ISO 3166-1 alpha-3 code {iso3!r}")
    return getattr(country, "common_name", None) or country.name
