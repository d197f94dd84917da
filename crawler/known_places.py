"""Writes ``storage/known_places.csv``: the gazetteer's answers for every city the extractor can name,
so that a run does not pass over GeoNames for them (``storage.gazetteer``). Run it when the extractor's
place tables (``crawler.extract.places``) gain a city:

    python -m crawler.known_places
"""
from crawler.extract.places import CITIES, MORE_CITIES
from storage.gazetteer import KNOWN_PLACES, write_known_places


def extractor_places() -> set[tuple[str, str]]:
    """Every (city, country) the extractor can give a meeting."""
    return {(lemma, country) for lemma, country, _ in (*CITIES, *MORE_CITIES)}


if __name__ == "__main__":
    write_known_places(extractor_places())
    print(f"wrote {KNOWN_PLACES}")
