"""Latitude and longitude of each meeting's city, so that meetings can be put on a map.

Places are looked up in the gazetteer (``storage.gazetteer``) once, after a run, for the cities no
earlier run asked about; the answers, unknown places included, are kept in ``places``. Online meetings
and unknown places have no coordinates.
"""
from sqlite_utils import Database

from storage.gazetteer import locate_all

UNASKED = """SELECT DISTINCT meetings.city, meetings.country FROM meetings
LEFT JOIN places ON places.city = meetings.city AND places.country = meetings.country
WHERE meetings.city IS NOT NULL AND meetings.country IS NOT NULL AND places.city IS NULL"""


def locate_meetings(db: Database) -> int:
    """Give coordinates to every stored meeting that lacks them and whose city is known; return how many."""
    with db.atomic():
        unasked = db.execute(UNASKED).fetchall()
        found = locate_all(unasked)
        db["places"].insert_all(
            [{"city": city, "country": country, **(found[(city, country)]._asdict()
                                                    if (city, country) in found else {})}
             for city, country in unasked],
            pk=("city", "country"), ignore=True)
        return db.execute(
            "UPDATE meetings SET (latitude, longitude) = (SELECT latitude, longitude FROM places"
            " WHERE places.city = meetings.city AND places.country = meetings.country)"
            " WHERE latitude IS NULL AND EXISTS (SELECT 1 FROM places WHERE places.city = meetings.city"
            " AND places.country = meetings.country AND places.latitude IS NOT NULL)"
        ).rowcount
