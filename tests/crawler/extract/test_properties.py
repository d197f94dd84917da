"""Property tests (hypothesis) for the date and money parsers: any text in, no exception out; every date
valid; an amount written the Latvian way reads back as itself."""
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from crawler.extract.dates import MONTH_FORMS, Published, find_dates
from crawler.extract.amounts import find_amounts
from crawler.extract.money import find_page_funding
from crawler.extract.sentences import split_sentences
from notifications.render import format_amount
from crawler.kinds import FUNDING_KINDS, keys

#: Text made of the pieces dates and amounts are written with, in any order.
TOKENS = [*"0123456789 .,-–:/()%€\n", "12", "2021", "31", "29", "EUR", "Ls", "latu", "eiro", "euro", "miljoni",
          "miljonu", "tūkst.", "līdz", "un", "no", "gada", "g.", "šī gada", "pagājušā gada", "novembrim",
          "martā", "februārī", "aprīļa", "Otrdien,", "t.sk.", "ERAF", "finansējums"]
LATVIAN = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
PUBLISHED = st.one_of(st.none(), st.just("2021"), st.dates(date(1995, 1, 1), date(2035, 12, 31)).map(str))


def valid_iso(value: str) -> bool:
    if value.startswith("--"):
        month, day = int(value[2:4]), int(value[5:7])
        return 1 <= month <= 12 and 1 <= day <= 31 and (month, day) != (2, 30) and (month, day) != (2, 31)
    date.fromisoformat(value)
    return True


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=200), LATVIAN), published=PUBLISHED)
@example(text="31. februārī un 32. martā; 29.02.2023.; 00.13.2020.", published="2023")
def test_any_text_gives_only_valid_dates(text, published):
    for span in find_dates(text, Published.parse(published)):
        assert valid_iso(span.start) and valid_iso(span.end)
        if len(span.start) == len(span.end) == 10:
            assert span.start <= span.end
        assert 0 <= span.begin <= span.finish <= len(text)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(date(2000, 1, 1), date(2030, 12, 31)), form=st.integers(0, 4), weekday=st.booleans())
def test_a_written_date_reads_back(day, form, weekday):
    text = f"{'Otrdien, ' if weekday else ''}{day.year}. gada {day.day}. {MONTH_FORMS[day.month][form]} notika sanāksme."
    spans = find_dates(text)
    assert [(span.start, span.end) for span in spans] == [(day.isoformat(), day.isoformat())]


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=200), LATVIAN))
def test_any_text_gives_finite_amounts(text):
    for amount in find_amounts(text):
        assert amount.value >= 0 and amount.value == amount.value and amount.value != float("inf")
        assert amount.currency in ("EUR", "LVL")
        assert 0 <= amount.begin < amount.stop <= len(text)


@settings(max_examples=400, deadline=None)
@given(cents=st.integers(min_value=1, max_value=99_999_999_999))
def test_a_latvian_amount_reads_back(cents):
    amount = cents / 100
    written = format_amount(amount)                      # "EUR 152 310,00"
    for text in (f"Projekta budžets ir {written}.", f"Kopā {written[4:]} EUR apmērā."):
        found = find_amounts(text)
        assert [round(a.value * 100) for a in found] == [cents], (text, found)


#: Pieces of funding text, with the cue words whose rows are no kind of their own ("pārējās izmaksas",
#: "kopējo summu", "budžeta ieņēmumi"), lead-ins, labels and table cells.
FUNDING_TOKENS = [*"0123456789 .,-–:;|\n%", "EUR", "eiro", "Ls", "•", "pārējās izmaksas", "kopējo summu",
                  "budžeta ieņēmumi", "Partneru budžeti", "pašvaldība", "dome piešķīra līdzfinansējumu",
                  "ERAF", "kopējās izmaksas", "aizņēmums", "piešķirtais finansējums", "konkursa finansējums",
                  "pusmiljonu", "milj."]
FUNDING_TEXT = st.lists(st.sampled_from(FUNDING_TOKENS), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=200), FUNDING_TEXT), require_cue=st.booleans())
@example(text="Pārējās izmaksas:\n• 500 EUR;\n• 300 EUR.", require_cue=False)
@example(text="Kopā par kopējo summu:\n• 500 EUR;", require_cue=True)
def test_funding_kinds_are_declared(text, require_cue):
    for funding in find_page_funding(split_sentences(text), require_cue):
        assert funding.kind in keys(FUNDING_KINDS), (text, funding)
