"""Coordinates of meeting cities: Latvian and local names found in GeoNames, known places answered without it,
each place asked about once (the extractor's places: tests/crawler/test_known_places.py)."""
import pytest

from storage import open_db
from storage.gazetteer import locate_all, search_gazetteer
from storage.meeting_places import locate_meetings


def test_known_places_are_answered_without_the_gazetteer_and_others_with_it(monkeypatch):
    asked = []
    monkeypatch.setattr("storage.gazetteer.search_gazetteer", lambda places: asked.extend(places) or {})
    found = locate_all([("Tartu", "EE"), ("Vidzeme", "LV"), ("Nekurciems", "LV")])
    assert found == {("Tartu", "EE"): pytest.approx((58.38, 26.73), abs=0.01)}
    assert asked == [("Nekurciems", "LV")]      # Vidzeme: known to be off the map


NAMED = [
    ("Tartu", "EE", 58.38, 26.73), ("Porto", "PT", 41.15, -8.61), ("Oulu", "FI", 65.01, 25.47),
    ("Smiltene", "LV", 57.42, 25.90), ("Tallina", "EE", 59.44, 24.75), ("Kijiva", "UA", 50.45, 30.52),
    ("Stokholma", "SE", 59.33, 18.07),
]


@pytest.fixture(scope="module")
def gazetteer_answers():
    return search_gazetteer((city, country) for city, country, *_ in NAMED)   # one pass for them all


@pytest.mark.parametrize("city, country, latitude, longitude", NAMED)
def test_latvian_and_local_names(gazetteer_answers, city, country, latitude, longitude):
    assert gazetteer_answers[(city, country)] == pytest.approx((latitude, longitude), abs=0.01)


def test_unknown_or_countryless_places_have_no_coordinates():
    assert locate_all([("Porto", None), ("Nekurciems", "LV"), (None, "LV"), ("Vidzeme", "LV")]) == {}


def test_stored_meetings_are_located_once_per_place(tmp_path, monkeypatch):
    db = open_db(tmp_path / "projwatch.db")
    project = db["projects"].insert({"first_seen": "t", "last_seen": "t"}).last_pk
    base = {"project_id": project, "start": "2025-03-03", "end": "2025-03-03", "first_seen": "t", "last_seen": "t"}
    db["meetings"].insert_all([
        {**base, "key": "a", "city": "Tartu", "country": "EE"},
        {**base, "key": "b", "city": "Tartu", "country": "EE", "start": "2025-04-04"},
        {**base, "key": "c", "city": "Nekurciems", "country": "LV"},
        {**base, "key": "d", "city": None, "country": None, "online": True},
    ])
    assert locate_meetings(db) == 2
    assert db["meetings"].get(1)["latitude"] == pytest.approx(58.38, abs=0.01)
    assert db["meetings"].get(3)["latitude"] is None and db["meetings"].get(4)["latitude"] is None
    assert {(row["city"], row["latitude"] is None) for row in db["places"].rows} == {
        ("Tartu", False), ("Nekurciems", True)}

    asked = []
    monkeypatch.setattr("storage.meeting_places.locate_all", lambda places: asked.extend(places) or {})
    db["meetings"].insert({**base, "key": "e", "city": "Tartu", "country": "EE", "start": "2025-05-05"})
    assert locate_meetings(db) == 1          # known from places: the gazetteer is not asked again
    assert asked == []
