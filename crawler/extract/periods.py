"""Project periods and phases: month ranges ("09.2019. – 03.2020.", "no 2020. gada jūlija līdz 2023. gada
jūlijam") and day ranges longer than any meeting ("no 2017. gada 1. marta līdz 2019. gada 30. aprīlim"),
labelled with the phase the sentence names ("1. fāze", "pirmā fāze")."""
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import DateSpan, Published, find_dates, find_month_periods
from .meetings import MAX_MEETING_DAYS

#: Ordinal words of phases → their number.
ORDINALS = {"pirm": 1, "otr": 2, "treš": 3, "ceturt": 4}

_PHASE = re.compile(r"(?i)\b(?:(?P<number>\d)\.\s*|(?P<word>pirm|otr|treš|ceturt)\w*\s+)fāz\w*")


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
