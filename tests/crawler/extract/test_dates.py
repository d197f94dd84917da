import pytest

from crawler.extract.dates import Published, find_dates
from crawler.extract.periods import find_month_periods
from crawler.extract.published import find_date_line, find_url_date

from . import load_cases


def _iso(value) -> str:
    return value if isinstance(value, str) else value.isoformat()


@pytest.mark.parametrize("case", load_cases("dates"))
def test_dates(case):
    found = find_dates(case["text"], Published.parse(case["published"]))
    assert [[d.start, d.end] for d in found] == [[_iso(a), _iso(b)] for a, b in case["expect"]]


@pytest.mark.parametrize("case", load_cases("month_periods"))
def test_month_periods(case):
    assert [[p.start, p.end] for p in find_month_periods(case["text"])] == case["expect"]


@pytest.mark.parametrize("case", load_cases("published"))
def test_published_from_url_or_date_line(case):
    assert (find_url_date(case["url"]) or find_date_line(case["text"])) == case["expect"]


@pytest.mark.parametrize("value, year, day", [
    ("2021", 2021, None), ("2021-11-26", 2021, "2021-11-26"), ("2021-11-26T10:00:00", 2021, "2021-11-26"),
    (None, None, None), ("vakar", None, None), ("2021-02-30", 2021, None),
])
def test_published_parse(value, year, day):
    published = Published.parse(value)
    assert published.year == year
    assert (published.day.isoformat() if published.day else None) == day
