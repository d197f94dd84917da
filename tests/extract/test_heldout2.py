"""Second held-out round (``cases/heldout2_pages.yaml``): pages unlike the first round's — prose budget
tables, two projects on a page, English pages, council co-financing decisions, LEADER single applicants,
price/salary/population pages — checked with the same facts and assertions as ``test_heldout``."""
import pytest

from crawler.extract.page import extract_page

from .test_heldout import expected_facts, heldout_cases, page_facts


@pytest.mark.parametrize("case", heldout_cases("heldout2_pages"))
def test_heldout2_page(case):
    page = extract_page(case["text"], url=case.get("url"), published=case.get("published")).to_dict()
    assert page_facts(page) == expected_facts(case["expect"])
