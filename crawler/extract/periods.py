"""Project periods and phases: month ranges ("09.2019. – 03.2020.", "no 2020. gada jūlija līdz 2023. gada
jūlijam") and day ranges longer than any meeting ("no 2017. gada 1. marta līdz 2019. gada 30. aprīlim"),
labelled with the phase the sentence names ("1. fāze", "pirmā fāze")."""
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import DAY_DOT, MONTH_PATTERN, DateSpan, Published, find_dates, month_number
from .meetings import MAX_MEETING_DAYS

#: Ordinal words of phases → their number.
ORDINALS = {"pirm": 1, "otr": 2, "treš": 3, "ceturt": 4}

_PHASE = re.compile(r"(?i)\b(?:(?P<number>\d)\.\s*|(?P<word>pirm|otr|treš|ceturt)\w*\s+)fāz\w*")
#: A range of months: "no 2020. gada jūlija līdz 2023. gada jūlijam", "(09.2019. – 03.2020.)".
_MONTH_PERIOD = re.compile(
    rf"(?i)\bno\s+(?P<y1>\d{{4}})\.?\s*(?:gada|g\.)\s+(?P<m1>{MONTH_PATTERN})(?!\w)\s*(?:sākuma\s+)?"
    rf"(?:līdz|–|—|-)\s*(?P<y2>\d{{4}})\.?\s*(?:gada|g\.)\s+(?P<m2>{MONTH_PATTERN})(?!\w)"
)
_MONTH_YEAR_RANGE = re.compile(
    r"(?<![\d.])(?P<m1>[01]?\d)\.(?P<y1>(?:19|20)\d\d)\.?\s*[–—-]\s*(?P<m2>[01]?\d)\.(?P<y2>(?:19|20)\d\d)\.?"
)


@dataclass(frozen=True)
class MonthPeriod:
    start: str  # YYYY-MM
    end: str
    begin: int
    finish: int


def find_month_periods(text: str) -> list[MonthPeriod]:
    """Month-level periods: "no 2020. gada jūlija līdz 2023. gada jūlijam", "(09.2019. – 03.2020.)"."""
    periods: list[MonthPeriod] = []
    if not DAY_DOT.search(text):
        return periods
    for match in _MONTH_PERIOD.finditer(text):
        periods.append(MonthPeriod(f"{match['y1']}-{month_number(match['m1']):02d}",
                                   f"{match['y2']}-{month_number(match['m2']):02d}",
                                   match.start(), match.end()))
    for match in _MONTH_YEAR_RANGE.finditer(text):
        m1, m2 = int(match["m1"]), int(match["m2"])
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and (match["y1"], m1) <= (match["y2"], m2):
            periods.append(MonthPeriod(f"{match['y1']}-{m1:02d}", f"{match['y2']}-{m2:02d}",
                                       match.start(), match.end()))
    return sorted(periods, key=lambda p: p.begin)


@dataclass(frozen=True)
class Period:
    start: str
    end: str
    label: str | None
    begin: int

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "label": self.label}


def _label(sentence: str, before: int) -> str | None:
    phases = [m for m in _PHASE.finditer(sentence) if m.start() < before]
    if not phases:
        return None
    phase = phases[-1]
    number = phase["number"] or ORDINALS[phase["word"].lower()]
    return f"{number}. fāze"


def find_periods(sentence: str, offset: int, published: Published,
                 dates: Sequence[DateSpan] | None = None) -> list[Period]:
    """The periods and phases one sentence states; ``dates`` are its dates where already found."""
    periods = [Period(p.start, p.end, _label(sentence, p.begin), offset + p.begin)
               for p in find_month_periods(sentence)]
    for span in find_dates(sentence, published) if dates is None else dates:
        if span.days is not None and span.days > MAX_MEETING_DAYS:
            periods.append(Period(span.start, span.end, _label(sentence, span.begin), offset + span.begin))
    return sorted(periods, key=lambda p: p.begin)
