import pytest

from crawler.extract.page import extract_page
from crawler.extract.projects import find_project_names, find_project_numbers

from . import load_cases


@pytest.mark.parametrize("case", load_cases("projects"))
def test_project_names(case):
    assert [[p.name, p.name_en, p.acronym] for p in find_project_names(case["text"])] == case["expect"]


@pytest.mark.parametrize("case", load_cases("project_numbers"))
def test_project_numbers(case):
    assert [n.number for n in find_project_numbers(case["text"])] == case["expect"]


@pytest.mark.parametrize("case", load_cases("project_sections"))
def test_a_projects_section_shows_a_project(case):
    page = extract_page(case["text"], url=case["url"]).to_dict()
    people = [p["lead_partner"] for p in page["projects"] if p["lead_partner"]]
    people += [x for p in page["projects"] for x in p["partners"]]
    assert sorted({x["country"] for x in people if x["country"]}) == case["expect"]
