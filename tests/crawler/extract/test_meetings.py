import pytest

from crawler.extract.dates import Published
from crawler.extract.meetings import find_meetings
from crawler.extract.page import extract_page

from . import load_cases


def _iso(value) -> str:
    return value if isinstance(value, str) else value.isoformat()


@pytest.mark.parametrize("case", load_cases("meetings"))
def test_meetings(case):
    found = find_meetings(case["text"], 0, Published.parse(case["published"]))
    expected = [[_iso(start), _iso(end), country, online] for start, end, country, online in case["expect"]]
    assert [[m.start, m.end, m.country, m.online] for m in found] == expected


def test_meeting_names_its_city_and_kind():
    [meeting] = find_meetings("No 4. līdz 5. maijam Tartu notika projekta partneru sanāksme.", 0, Published())
    assert (meeting.city, meeting.country, meeting.kind) == ("Tartu", "EE", "partner meeting")


def _page_cases() -> list:
    """The rows of ``meeting_pages.yaml``; a row with ``xfail: why`` is a strict xfail, a known miss."""
    return [pytest.param(*param.values, id=param.id, marks=[pytest.mark.xfail(reason=param.values[0]["xfail"],
                                                                             strict=True)])
            if param.values[0].get("xfail") else param for param in load_cases("meeting_pages")]


@pytest.mark.parametrize("case", _page_cases())
def test_meetings_of_a_page(case):
    page = extract_page(case["text"], published=case["published"]).to_dict()
    found = sorted((m["start"], m["end"], m["country"], m["online"]) for p in page["projects"] for m in p["meetings"])
    expected = sorted((_iso(start), _iso(end), country, online) for start, end, country, online in case["expect"])
    assert found == expected
