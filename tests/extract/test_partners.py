import pytest

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
