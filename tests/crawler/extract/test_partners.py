import pytest

from crawler.extract import partners
from crawler.extract.partners import find_partners
from crawler.extract.sentences import split_sentences

from . import load_cases


@pytest.mark.parametrize("case", load_cases("partners"))
def test_partner_countries(case):
    sentences = [(s.text, s.start) for s in split_sentences(case["text"])]
    partners = find_partners(sentences, case["text"], case["programme"], case.get("cooperation", False))
    assert sorted({p.country for p in partners if p.country}) == case["expect"]


def test_lead_partner_is_marked():
    text = "Projekta vadošais partneris ir Talsu novada pašvaldība, projekta partneri – Oulu pilsēta (Somija)."
    partners = find_partners([(text, 0)], text, "urbact")
    lead = [p for p in partners if p.is_lead]
    assert [(p.name, p.country) for p in lead] == [("Talsu novada pašvaldība", "LV")]


def test_a_long_sentence_of_countries_is_read_in_linear_time():
    """Partner lists are read once per sentence: ten times the text takes about ten times as long."""
    import time

    from crawler.extract.page import extract_page

    unit = ("Erasmus+ projekta partneri no Igaunijas, Lietuvas un Polijas sadarbojas ar skolām Somijā un "
            "Grieķijā, Igaunijas Mulgi pagasta pašvaldību, viesojās Polijas seniori; ")

    def seconds(copies: int) -> float:
        started = time.process_time()
        extract_page(unit * copies)
        return time.process_time() - started

    seconds(10)
    assert seconds(400) < 25 * max(seconds(40), 0.01)


@pytest.mark.parametrize("sentence", [
    "Kopā ar kaimiņiem", "Projektā PIEDALĀS skolas", "piedalījās", "piedalīsies", "Pilsētas sadarbojas",
    "iesaistīti jaunieši", "apvienojot spēkus", "Koordinē aģentūra", "projektu īsteno", "Konsorcijā ir",
    "Partnerībā ir", "tīklā ir", "Tīkls apvieno",
])
def test_the_words_looked_for_first_cover_every_way_of_taking_part(sentence):
    assert partners._TAKING_PART.search(sentence) and partners._takes_part(sentence)
