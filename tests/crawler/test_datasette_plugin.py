"""What a Datasette cell shows a reader (crawler/datasette_plugin.py): words, not codes."""
import json

import pytest

from crawler.datasette_plugin import change_words, country_name, readable


@pytest.mark.parametrize("table, column, value, shown", [
    ("meetings", "kind", "study visit", "pieredzes apmaiņas vizīte"),
    ("funding", "kind", "municipal", "pašvaldības līdzfinansējums"),
    ("changes", "kind", "changed_funding", "Mainīts finansējums"),
    (None, "meeting_kind", "city lab", "pilsētas laboratorija (City Lab)"),
    ("projects", "programme", "interreg-estonia-latvia", "Interreg Igaunijas–Latvijas programma"),
    ("funding", "amount", 2011676.0, "EUR\u00a02\u00a0011\u00a0676,00"),
    (None, "total", 747365.12, "EUR\u00a0747\u00a0365,12"),
    ("changes", "new_value", json.dumps({"amount": 8120.0, "currency": "EUR", "kind": "municipal"}),
     "EUR 8 120,00 (pašvaldības līdzfinansējums)"),
    ("changes", "new_value", json.dumps({"start": "2026-12-03", "end": "2026-12-04", "city": "Trikala",
                                         "country": "GR", "online": False, "kind": "partner meeting"}),
     "2026-12-03 – 2026-12-04, Trikala, GR (partneru sanāksme)"),
    ("changes", "detected_at", "2026-11-30T07:06:02+00:00", "2026-11-30 07:06"),
    ("pages", "title", "Jauna ziņa", None),
    ("meetings", "kind", None, None),
])
def test_a_cell_reads_as_words(table, column, value, shown):
    assert readable(table, column, value) == shown


def test_a_change_and_a_country_in_words():
    old = json.dumps({"amount": 146994.0, "currency": "EUR", "kind": "total", "holder": None})
    new = json.dumps({"amount": 747365.12, "currency": "EUR", "kind": "total", "holder": None})
    assert change_words("changed_funding", old, new) == \
        "Mainīts finansējums, kopējās izmaksas: EUR 146 994,00 → EUR 747 365,12"
    assert (country_name("FI"), country_name("gr"), country_name(None)) == ("Somija", "Grieķija", None)
