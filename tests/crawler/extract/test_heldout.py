"""Held-out pages written for these tests (``cases/heldout*_pages.yaml``, one file a blind round): the
whole page's facts must come out as the corpus README's rules give them, so that rules tuned on the dev
corpus keep holding on wording it does not have. Each file's header says what its round covers."""
from collections import Counter

import pytest

from crawler.extract.page import extract_page

from . import CASES, load_cases

ROUNDS = sorted(path.stem for path in CASES.glob("heldout*_pages.yaml"))


def _iso(value) -> str | None:
    return value if value is None or isinstance(value, str) else value.isoformat()


def page_facts(page: dict) -> dict:
    """The facts the scorer compares, from one page of ``extract_page(...).to_dict()``."""
    projects = page["projects"]
    people = [p["lead_partner"] for p in projects if p["lead_partner"]] + [x for p in projects for x in p["partners"]]
    return {
        "meetings": Counter((m["start"], m["end"], m["country"], m["online"]) for p in projects for m in p["meetings"]),
        "funding": Counter((f["amount"], f["kind"]) for p in projects for f in p["funding"]),
        "programmes": {p["programme"] for p in projects if p["programme"]},
        "countries": {x["country"] for x in people if x["country"]},
    }


def expected_facts(expect: dict) -> dict:
    return {
        "meetings": Counter((_iso(a), _iso(b), country, online) for a, b, country, online in expect["meetings"]),
        "funding": Counter((float(amount), kind) for amount, kind in expect["funding"]),
        "programmes": set(expect["programmes"]),
        "countries": set(expect["countries"]),
    }


def heldout_cases() -> list:
    """The rows of every round as params named ``round/page``; a row with ``xfail: why`` is a strict xfail."""
    params = []
    for name in ROUNDS:
        for param in load_cases(name):
            case = param.values[0]
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(case, id=f"{name}/{param.id}", marks=marks))
    return params


@pytest.mark.parametrize("case", heldout_cases())
def test_heldout_page(case):
    page = extract_page(case["text"], url=case.get("url"), published=case.get("published")).to_dict()
    assert page_facts(page) == expected_facts(case["expect"])
