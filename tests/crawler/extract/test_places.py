import pytest

from crawler.extract.places import find_places, is_online

from . import load_cases


@pytest.mark.parametrize("case", load_cases("places"))
def test_places(case):
    assert [[p.code, p.case] for p in find_places(case["text"])] == case["expect"]


@pytest.mark.parametrize("case", load_cases("online"))
def test_online(case):
    assert is_online(case["text"]) is case["expect"]
