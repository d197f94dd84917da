"""Fifth held-out round (``cases/heldout5_pages.yaml``): English news pages in the style of the monitored
Latvian sites' English sections — URBACT, UIA, ICC, Interreg BSR / Estonia–Latvia / Europe and Erasmus+
projects, partner meetings in partner cities and online, budgets with EU, partner, municipal and state
shares, partner lists with countries in brackets, dates with and without a year, and English negatives
(tourism, a concert with ticket prices, a sports result) — checked with the same facts and assertions as
``test_heldout``."""
import pytest

from crawler.extract.page import extract_page

from .test_heldout import expected_facts, heldout_cases, page_facts


@pytest.mark.parametrize("case", heldout_cases("heldout5_pages"))
def test_heldout5_page(case):
    page = extract_page(case["text"], url=case.get("url"), published=case.get("published")).to_dict()
    assert page_facts(page) == expected_facts(case["expect"])
