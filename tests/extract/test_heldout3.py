"""Third held-out round (``cases/heldout3_pages.yaml``): pages of kinds the first two rounds did not
stress — year-in-review digests with dated bullet lines, phase tables in prose, dates relative to the
published date, meetings across a year boundary or beside deadlines and council sessions, ICC/UIA pages,
acronym-only mentions, meetings hosted in Latvia, municipal culture grants, non-project money (fines,
taxes, tender bids), "tūkst./milj. eiro" — checked with the same facts and assertions as ``test_heldout``."""
import pytest

from crawler.extract.page import extract_page

from .test_heldout import expected_facts, heldout_cases, page_facts


@pytest.mark.parametrize("case", heldout_cases("heldout3_pages"))
def test_heldout3_page(case):
    page = extract_page(case["text"], url=case.get("url"), published=case.get("published")).to_dict()
    assert page_facts(page) == expected_facts(case["expect"])
