import pytest

from crawler.extract.money import find_funding

from . import load_cases


@pytest.mark.parametrize("case", load_cases("money"))
def test_funding(case):
    found = find_funding(case["text"])
    assert [[f.amount, f.kind] for f in found] == [row[:2] for row in case["expect"]]
    for funding, row in zip(found, case["expect"]):
        if len(row) > 2:
            assert funding.share_pct == row[2]
    assert all(f.currency == "EUR" for f in found)


def test_partner_money_names_its_holder():
    [funding] = find_funding("Kuldīgas novada pašvaldības kopējās izmaksas projektā ir 9 000 EUR.")
    assert (funding.kind, funding.holder) == ("partner", "Kuldīgas novada pašvaldības")
