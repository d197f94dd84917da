"""Sixth held-out round (``cases/heldout6_pages.yaml``): Latvian pages in the style of a digital centre's
and a development agency's news — one smart-city project over its life (announcement, partner meeting
abroad with the next one announced, a City Lab, phase 2 approval, a closing conference), a science-centre
exhibition contract, a committee with no project, a hosted study visit, a foreign lead partner with
partners' countries in brackets, Latvian names with English acronyms, and negatives (a year-end greeting,
a job advertisement) — checked with the same facts and assertions as ``test_heldout``."""
import pytest

from crawler.extract.page import extract_page

from .test_heldout import expected_facts, heldout_cases, page_facts


@pytest.mark.parametrize("case", heldout_cases("heldout6_pages"))
def test_heldout6_page(case):
    page = extract_page(case["text"], url=case.get("url"), published=case.get("published")).to_dict()
    assert page_facts(page) == expected_facts(case["expect"])
