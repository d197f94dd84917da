import pytest

from crawler.extract.programmes import find_programmes

from . import load_cases


@pytest.mark.parametrize("case", load_cases("programmes"))
def test_programmes(case):
    assert sorted({m.key for m in find_programmes(case["text"])}) == case["expect"]
