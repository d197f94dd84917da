"""Coordinates of meeting cities: every city the extractor can name is on the map, bar villages and regions."""
import pytest

from crawler.extract.places import CITIES
from storage import open_db
from storage.gazetteer import locate
from storage.meeting_places import locate_meetings, meeting_coordinates

#: Names in the extractor's table that are regions or villages too small for the gazetteer.
NOT_ON_THE_MAP = {"Vidzeme", "Kurzeme", "Zemgale", "Latgale", "Sēlija", "Setomaa", "Mazovija",
                  "Gaujiena", "Grundzāle", "Palsmane", "Burtnieki", "Beverīna", "Olustvere"}


def test_every_city_the_extractor_names_is_located():
    missing = {lemma for lemma, country, _ in CITIES if locate(lemma, country) is None}
    assert missing == NOT_ON_THE_MAP


@pytest.mark.parametrize("city, country, latitude, longitude", [
    ("Tartu", "EE", 58.38, 26.73), ("Porto", "PT", 41.15, -8.61), ("Oulu", "FI", 65.01, 25.47),
    ("Smiltene", "LV", 57.42, 25.90), ("Tallina", "EE", 59.44, 24.75), ("Kijiva", "UA", 50.45, 30.52),
    ("Stokholma", "SE", 59.33, 18.07),
])
def test_latvian_and_local_names(city, country, latitude, longitude):
    found = locate(city, country)
    assert found == pytest.approx((latitude, longitude), abs=0.01)


def test_unknown_or_countryless_places_have_no_coordinates():
    assert locate("Porto", None) is None
    assert locate("Nekurciems", "LV") is None
    assert locate(None, "LV") is None


def test_stored_meetings_lend_coordinates_and_are_filled_in(tmp_path):
    db = open_db(tmp_path / "projwatch.db")
    project = db["projects"].insert({"first_seen": "t", "last_seen": "t"}).last_pk
    base = {"project_id": project, "start": "2025-03-03", "end": "2025-03-03", "first_seen": "t", "last_seen": "t"}
    db["meetings"].insert_all([
        {**base, "key": "a", "city": "Porto", "country": "PT", "latitude": 1.0, "longitude": 2.0},
        {**base, "key": "b", "city": "Tartu", "country": "EE"},
        {**base, "key": "c", "city": None, "country": None, "online": True},
    ])
    assert meeting_coordinates(db, "Porto", "PT") == {"latitude": 1.0, "longitude": 2.0}
    assert locate_meetings(db) == 1
    assert db["meetings"].get(2)["latitude"] == pytest.approx(58.38, abs=0.01)
    assert db["meetings"].get(3)["latitude"] is None
