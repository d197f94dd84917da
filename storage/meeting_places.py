"""Latitude and longitude of each meeting's city, so that meetings can be put on a map.

A meeting's coordinates are those of another stored meeting in the same city and country when there is
one (the gazetteer is loaded only for a city never seen before), else the gazetteer's
(``storage.gazetteer``); online meetings and unknown places have none.
"""
from sqlite_utils import Database

from storage.gazetteer import locate


def meeting_coordinates(db: Database, city: str | None, country: str | None) -> dict:
    """``{"latitude": …, "longitude": …}`` for a meeting in ``city``, ``country``; ``{}`` if unknown."""
    if not city or not country:
        return {}
    known = db.execute(
        "SELECT latitude, longitude FROM meetings WHERE city = ? AND country = ? AND latitude IS NOT NULL"
        " LIMIT 1",
        [city, country],
    ).fetchone()
    if known:
        return {"latitude": known[0], "longitude": known[1]}
    found = locate(city, country)
    return found._asdict() if found else {}


def locate_meetings(db: Database) -> int:
    """Give coordinates to every stored meeting that lacks them and whose city is known; return how many."""
    places = db.execute(
        "SELECT DISTINCT city, country FROM meetings WHERE latitude IS NULL AND city IS NOT NULL"
    ).fetchall()
    located = 0
    for city, country in places:
        coordinates = meeting_coordinates(db, city, country)
        if coordinates:
            located += db.execute(
                "UPDATE meetings SET latitude = :latitude, longitude = :longitude"
                " WHERE city = :city AND country = :country AND latitude IS NULL",
                {**coordinates, "city": city, "country": country},
            ).rowcount
    return located
