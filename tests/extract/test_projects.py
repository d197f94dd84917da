import pytest

from crawler.extract.projects import find_project_names, find_project_numbers

from . import load_cases


@pytest.mark.parametrize("case", load_cases("projects"))
def test_project_names(case):
    assert [[p.name, p.name_en, p.acronym] for p in find_project_names(case["text"])] == case["expect"]


@pytest.mark.parametrize("case", load_cases("project_numbers"))
def test_project_numbers(case):
    assert [n.number for n in find_project_numbers(case["text"])] == case["expect"]
