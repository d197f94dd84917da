"""Every city the extractor can name is on the map, bar villages and regions, and the file that answers
for them without a pass over GeoNames says what GeoNames says."""
from crawler.known_places import extractor_places
from storage.gazetteer import KNOWN_PLACES, NOT_ON_THE_MAP, search_gazetteer, write_known_places


def test_every_place_the_extractor_names_is_on_the_map_or_says_why_not():
    places = extractor_places()
    found = search_gazetteer(places)
    missing = {lemma for place in places - set(found) for lemma in place[:1]}
    assert missing == {lemma for lemma, _ in places if lemma in NOT_ON_THE_MAP}, \
        f"no point and no reason: {sorted(missing - set(NOT_ON_THE_MAP))}"


def test_the_known_places_file_holds_the_gazetteers_answers_for_every_place_the_extractor_names(tmp_path):
    write_known_places(extractor_places(), tmp_path / "known_places.csv")
    assert (tmp_path / "known_places.csv").read_text(encoding="utf-8") == KNOWN_PLACES.read_text(encoding="utf-8"), \
        "storage/known_places.csv is out of date: python -m crawler.known_places"
