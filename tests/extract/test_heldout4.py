"""Fourth held-out round (``cases/heldout4_pages.yaml``): pages in the styles of the smaller municipalities
and planning regions — town twinning with and without a project, Latvia–Lithuania and Estonia–Latvia
projects of small municipalities, planning-region pages with several projects, Interreg stands and signs,
youth projects, old pages with lats beside euro, and negatives — checked with the same facts and
assertions as ``test_heldout``."""
import pytest

from crawler.extract.page import extract_page

from .test_heldout import expected_facts, heldout_cases, page_facts


@pytest.mark.parametrize("case", heldout_cases("heldout4_pages"))
def test_heldout4_page(case):
    page = extract_page(case["text"], url=case.get("url"), published=case.get("published")).to_dict()
    assert page_facts(page) == expected_facts(case["expect"])
