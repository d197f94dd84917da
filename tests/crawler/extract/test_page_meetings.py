"""crawler/extract/page_meetings.py: how a page's mentions of meetings come together."""
import pytest

from crawler.extract.dates import Published, find_dates
from crawler.extract.page_meetings import find_page_meetings, page_towns
from crawler.extract.sentences import split_sentences


def meetings_of(text: str, published: str) -> list[tuple]:
    sentences = split_sentences(text)
    stamp = Published.parse(published)
    found = find_page_meetings(sentences, [find_dates(s.text, stamp) for s in sentences], stamp)
    return sorted((m.start, m.end, m.country) for m in found)


@pytest.mark.parametrize("text, towns", [
    ("Partneri: Salamankas pilsēta (Spānija) un Aveiro (Portugāle).", {"Salamank": "ES", "Aveiro": "PT"}),
    ("Kopā ar Hamaras pilsētas bibliotēku (Norvēģija) īstenojam projektu.", {"Hamar": "NO"}),
    ("Tikšanās notika Rīgā (Latvija).", {}),   # a known place, or a home one, teaches nothing
])
def test_a_page_places_the_towns_it_names_with_a_country_in_brackets(text, towns):
    assert page_towns(text) == towns


def test_a_meeting_told_twice_is_one_and_keeps_the_mention_naming_its_venue():
    text = ("Erasmus+ projekta partneru tikšanās\n\n15. maijā notika projekta partneru tikšanās. "
            "Projekta partneru tikšanās 15. maijā notika Tartu, Igaunijā.")
    assert meetings_of(text, "2024-05-20") == [("2024-05-15", "2024-05-15", "EE")]


def test_a_journey_ends_on_the_day_the_page_tells_of_the_return():
    text = ("Erasmus+ projekta mobilitāte\n\n3. martā mūsu skolēni devās uz Spāniju, uz partnerskolu Valensijā. "
            "Mājās skolēni atgriezās 8. martā.")
    assert meetings_of(text, "2024-03-10") == [("2024-03-03", "2024-03-08", "ES")]


def test_a_labelled_time_line_dates_the_gathering_the_page_tells_of():
    text = ("Projekta partneru sanāksme\n\nNorises laiks: 12.–14. maijs\n\nNorises vieta: Tartu\n\n"
            "Erasmus+ projekta partneru sanāksmē piedalīsies visi partneri.")
    assert meetings_of(text, "2024-05-01") == [("2024-05-12", "2024-05-14", "EE")]
