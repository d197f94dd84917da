"""Latvian dates: day–month expressions in every case, ranges, numeric dates and month periods.

Dates come out as ISO 8601 strings: ``YYYY-MM-DD`` where the year is known, ``--MM-DD`` where it is
not, and ``YYYY-MM`` for month periods. A date without a year takes the year from a relative phrase
("šī gada", "pagājušā gada") or from the published date: the year that puts it nearest to the
publication. Impossible dates ("31. februārī") are dropped.
"""
import re
from dataclasses import dataclass
from datetime import date

#: Month number → its forms: nominative, genitive, locative, dative, accusative, then abbreviations.
MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: ("janvāris", "janvāra", "janvārī", "janvārim", "janvāri", "janv.", "jan."),
    2: ("februāris", "februāra", "februārī", "februārim", "februāri", "febr.", "feb."),
    3: ("marts", "marta", "martā", "martam", "martu"),
    4: ("aprīlis", "aprīļa", "aprīlī", "aprīlim", "aprīli", "apr."),
    5: ("maijs", "maija", "maijā", "maijam", "maiju"),
    6: ("jūnijs", "jūnija", "jūnijā", "jūnijam", "jūniju", "jūn."),
    7: ("jūlijs", "jūlija", "jūlijā", "jūlijam", "jūliju", "jūl."),
    8: ("augusts", "augusta", "augustā", "augustam", "augustu", "aug."),
    9: ("septembris", "septembra", "septembrī", "septembrim", "septembri", "sept.", "sep."),
    10: ("oktobris", "oktobra", "oktobrī", "oktobrim", "oktobri", "okt."),
    11: ("novembris", "novembra", "novembrī", "novembrim", "novembri", "nov."),
    12: ("decembris", "decembra", "decembrī", "decembrim", "decembri", "dec."),
}
MONTH_BY_FORM = {form.rstrip("."): month for month, forms in MONTH_FORMS.items() for form in forms}

#: Phrases that place a date in a year relative to the published one.
RELATIVE_YEARS: dict[str, int] = {
    "šī gada": 0, "šā gada": 0, "š.g.": 0, "š. g.": 0, "šogad": 0,
    "pagājušā gada": -1, "pagājušajā gadā": -1, "pērn": -1,
    "nākamā gada": 1, "nākamajā gadā": 1, "nākamgad": 1,
}

WEEKDAYS = ("pirmdien", "otrdien", "trešdien", "ceturtdien", "piektdien", "sestdien", "svētdien")

#: Separators between the two ends of a range; "un" joins two days ("11. un 12. februārī").
RANGE_WORDS = ("līdz", "un", "–", "—", "-")

#: The longest meeting or event a "D. un D." pair can stand for; wider pairs are two separate dates.
MAX_PAIR_DAYS = 3

MONTH_PATTERN = "|".join(sorted((re.escape(f.rstrip(".")) + (r"\." if f.endswith(".") else "")
                          for forms in MONTH_FORMS.values() for f in forms), key=len, reverse=True))
_RELATIVE = "|".join(re.escape(p) for p in sorted(RELATIVE_YEARS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r")\w*,?\s+)?"
_RANGE_WORD = "|".join(re.escape(word) for word in RANGE_WORDS)


def _year_before(year: str, relative: str) -> str:
    return rf"(?:(?P<{year}>\d{{4}})\.?\s*(?:gada|g\.)\s+|(?P<{relative}>{_RELATIVE})\s*)?"


def _year_after(year: str) -> str:
    return rf"(?:,?\s+(?P<{year}>\d{{4}})\.?\s*(?:gada|gadā|g\.)?(?!\s*\d))?"


_DAY_MONTH_RANGE = re.compile(
    rf"(?i)(?:\bno\s+)?{_WEEKDAY}{_year_before('y1', 'r1')}(?<![\d.])(?P<d1>[0-3]?\d)(?:\.|(?=[–—-]))\s*"
    rf"(?:(?P<m1>{MONTH_PATTERN})(?!\w){_year_after('y1b')})?"
    rf"\s*,?\s*(?P<sep>{_RANGE_WORD})\s*,?\s*{_WEEKDAY}{_year_before('y2', 'r2')}"
    rf"(?P<d2>[0-3]?\d)\.\s*(?P<m2>{MONTH_PATTERN})(?!\w){_year_after('y2b')}"
)
_DAY_MONTH = re.compile(
    rf"(?i){_year_before('y', 'r')}(?<![\d.])(?P<d>[0-3]?\d)\.\s*(?P<m>{MONTH_PATTERN})(?!\w){_year_after('yb')}"
)
#: What every match of ``_DAY_MONTH`` and ``_DAY_MONTH_RANGE`` holds ("24. novembrī"): looked for first, since
#: their optional openings (a weekday, a year, "no") make the engine try them at every letter of a text.
_DAY_THEN_MONTH = re.compile(rf"(?i)\d\.\s*(?:{MONTH_PATTERN})(?!\w)")
#: What joins the ends of a numeric range: a dash, or "līdz" ("no 12.03. līdz 16.03.").
_NUMERIC_TO = r"(?:[–—-]|(?i:līdz)(?!\w))"
DAY_DOT = re.compile(r"\d[./-]")  # every date form has a number followed by a full stop or dash
_NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)([.\-/])(?P<m>[01]?\d)\2(?P<y>(?:19|20)\d\d)\.?(?![\d])")
_NUMERIC_DAY_RANGE = re.compile(
    rf"(?<![\d.])(?P<d1>[0-3]?\d)\.?\s*{_NUMERIC_TO}\s*(?P<d2>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\.?(?!\d)"
)
_NUMERIC_RANGE = re.compile(
    rf"(?<![\d.])(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)\.(?P<y1>(?:19|20)\d\d)\.?\s*{_NUMERIC_TO}\s*"
    r"(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)\.(?P<y2>(?:19|20)\d\d)\.?"
)
#: A numeric range of days with a year at most after its last day: "13.-17.05.", "29.09.–03.10.",
#: "20.03.–24.03.2023.". The months have two digits and a yearless range is short, so that section
#: numbers ("2.1.–2.3.") stay no dates.
_NUMERIC_DAY_MONTH_RANGE = re.compile(
    rf"(?<![\d.])(?P<d1>[0-3]?\d)\.(?:(?P<m1>[01]\d)\.)?\s*{_NUMERIC_TO}\s*(?P<d2>[0-3]?\d)\.(?P<m2>[01]\d)\."
    r"(?:(?P<y>(?:19|20)\d\d)\.?)?(?!\s*\d)"
)
#: A yearless numeric day: "12.03. notika sanāksme". The month has two digits and a full stop, and no
#: section word follows ("noteikumu 3.10. punkts").
_NUMERIC_DAY_MONTH = re.compile(
    r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]\d)\.(?!\s*(?:\d|(?i:apakš)?(?i:punkt|nodaļ|pielikum|sadaļ|p\.)))"
)
#: Cheap tests that a text may hold a yearless numeric date ("12.03.") or a list of days ("24., 25."), so
#: that their patterns run only where they can match.
_YEARLESS_HINT = re.compile(r"\d\.[01]\d\.")
_LIST_HINT = re.compile(r"\d\.\s*,")
#: The longest range a yearless numeric range may stand for.
MAX_NUMERIC_DAY_RANGE_DAYS = 31
#: Three or more days listed before one month: "24., 25. un 26. septembrī", "3., 10. un 17. martā".
_DAY_LIST = re.compile(
    rf"(?i)(?<![\d.])(?P<days>[0-3]?\d\.(?:\s*,\s*[0-3]?\d\.){{1,8}})\s*,?\s*(?:un|–|-)\s*(?P<last>[0-3]?\d)\.\s*"
    rf"(?P<m>{MONTH_PATTERN})(?!\w){_year_after('yb')}"
)
#: Days counted as "datums" in a month named just before: "Marta sākumā, no 6. līdz 10. datumam", "maijā, 12.
#: datumā".
_MONTH_THEN_DAYS = re.compile(
    rf"(?i)(?<!\w)(?P<m>{MONTH_PATTERN})(?!\w)[^.!?\d]{{0,40}}?(?<![\d.])(?P<d1>[0-3]?\d)\."
    rf"(?:\s*(?:līdz|–|—|-|un)\s*(?P<d2>[0-3]?\d)\.)?(?:\s*datum(?:ā|am|s|a|u)(?!\w)|(?<=\.)(?=\s*\)))"
)
#: Where a month may be named before its days: "datums", or a bracket closing after a day ("Aprīlī (no
#: 17. līdz 21.)").
_MONTH_THEN_DAYS_HINT = re.compile(r"(?i)datum|\d\.\s*\)")
#: English months, for the English pages of Latvian sites ("On 14–15 March 2024", "March 14, 2024").
ENGLISH_MONTHS: dict[str, int] = {
    name: number for number, names in enumerate((
        ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",), ("June", "Jun"),
        ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"), ("October", "Oct"),
        ("November", "Nov"), ("December", "Dec")), start=1) for name in names
}
_EN_MONTH = "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True))
_EN_HINT = re.compile(rf"\b(?:{_EN_MONTH})\b")
_EN_DAY = r"(?<![\d.])(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_EN_YEAR = r"(?:,?\s+(?P<{0}>(?:19|20)\d\d)(?!\d))?"
_EN_RANGE = re.compile(
    rf"(?:\b[Ff]rom\s+)?{_EN_DAY.format('d1')}(?:\s+(?P<m1>{_EN_MONTH})\.?{_EN_YEAR.format('y1')})?"
    rf"\s*(?P<sep>[–—-]|\bto\b|\buntil\b|\band\b)\s*{_EN_DAY.format('d2')}\s+(?P<m2>{_EN_MONTH})\b\.?"
    rf"{_EN_YEAR.format('y2')}"
)
_EN_DATE = re.compile(
    rf"{_EN_DAY.format('d')}\s+(?P<m>{_EN_MONTH})\b\.?{_EN_YEAR.format('y')}"
    rf"|\b(?P<m_us>{_EN_MONTH})\.?\s+(?P<d_us>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*\d){_EN_YEAR.format('y_us')}"
)
#: Month-first ranges: "March 9-10, 2021", "June 30 to July 3".
_EN_US_RANGE = re.compile(
    rf"\b(?P<m1>{_EN_MONTH})\.?\s+{_EN_DAY.format('d1')}\s*(?P<sep>[–—-]|\bto\b|\buntil\b|\band\b)\s*"
    rf"(?:(?P<m2>{_EN_MONTH})\.?\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?![.:]?\d){_EN_YEAR.format('y2')}"
)
@dataclass(frozen=True)
class Published:
    """What a page tells of its own date: a year, or a full date."""

    year: int | None = None
    day: date | None = None

    @classmethod
    def parse(cls, value: str | None) -> "Published":
        """Read ``"2021"``, ``"2021-11-26"`` (or a longer ISO timestamp); anything else is unknown."""
        if not value:
            return cls()
        found = re.match(r"((?:19|20)\d\d)(?:-(\d\d)-(\d\d))?", str(value).strip())
        if not found:
            return cls()
        year = int(found.group(1))
        if found.group(2):
            try:
                return cls(year, date(year, int(found.group(2)), int(found.group(3))))
            except ValueError:
                return cls(year)
        return cls(year)


@dataclass(frozen=True)
class DateSpan:
    """A date or range found in text: ISO ``start``/``end``, and where it stands in the text."""

    start: str
    end: str
    begin: int
    finish: int

    @property
    def days(self) -> int | None:
        """Length of the range in days, where both ends have a year."""
        if self.start.startswith("--") or self.end.startswith("--") or len(self.start) != 10:
            return None
        return (date.fromisoformat(self.end) - date.fromisoformat(self.start)).days + 1


@dataclass(frozen=True)
class _Parts:
    day: int
    month: int
    year: int | None


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: "29. februārī" stands without a year
    except ValueError:
        return False
    return True


def _nearest_year(month: int, day: int, published: Published) -> int | None:
    if published.day is None:
        return published.year
    candidates = [y for y in (published.year - 1, published.year, published.year + 1) if _valid(day, month, y)]
    return min(candidates, key=lambda y: abs((date(y, month, day) - published.day).days), default=None)


def _explicit_year(match: re.Match, year_group: str, after_group: str, relative_group: str,
                   published: Published) -> int | None:
    year = match.group(year_group) or match.group(after_group)
    if year:
        return int(year)
    relative = match.group(relative_group)
    if relative and published.year is not None:
        return published.year + RELATIVE_YEARS[relative.lower()]
    return None


def _iso(parts: _Parts) -> str:
    if parts.year is None:
        return f"--{parts.month:02d}-{parts.day:02d}"
    return f"{parts.year:04d}-{parts.month:02d}-{parts.day:02d}"


def month_number(form: str) -> int:
    return MONTH_BY_FORM[form.lower().rstrip(".")]


def _fill_years(first: _Parts, second: _Parts, published: Published) -> tuple[_Parts, _Parts]:
    """Give both ends of a range a year: from each other, else from the published date."""
    if first.year is None and second.year is not None:
        year = second.year - 1 if (first.month, first.day) > (second.month, second.day) else second.year
        first = _Parts(first.day, first.month, year)
    if first.year is None:
        first = _Parts(first.day, first.month, _nearest_year(first.month, first.day, published))
    if second.year is None and first.year is not None:
        year = first.year + 1 if (second.month, second.day) < (first.month, first.day) else first.year
        second = _Parts(second.day, second.month, year)
    return first, second


def _span(first: _Parts, second: _Parts, begin: int, finish: int) -> DateSpan | None:
    if not (_valid(first.day, first.month, first.year) and _valid(second.day, second.month, second.year)):
        return None
    return DateSpan(_iso(first), _iso(second), begin, finish)


def _range_from(match: re.Match, published: Published) -> DateSpan | None:
    month2 = month_number(match.group("m2"))
    month1 = month_number(match.group("m1")) if match.group("m1") else month2
    if not match.group("m1") and int(match.group("d1")) >= int(match.group("d2")):
        return None  # "31.–2. martā" is no range
    first = _Parts(int(match.group("d1")), month1, _explicit_year(match, "y1", "y1b", "r1", published))
    second = _Parts(int(match.group("d2")), month2, _explicit_year(match, "y2", "y2b", "r2", published))
    first, second = _fill_years(first, second, published)
    span = _span(first, second, match.start(), match.end())
    if span is None:
        return None
    if match.group("sep").lower() == "un" and not _is_short_pair(first, second):
        return None
    if span.days is not None and span.days < 1:
        return None
    return span


def _is_short_pair(first: _Parts, second: _Parts) -> bool:
    year = first.year or 2000
    try:
        gap = (date(second.year or year, second.month, second.day) - date(year, first.month, first.day)).days
    except ValueError:
        return False
    return 0 < gap <= MAX_PAIR_DAYS


def _english_range(first: _Parts, second: _Parts, match: re.Match) -> list[DateSpan]:
    """The range two English dates make, if it is one: forwards, and short where joined by "and"."""
    span = _span(first, second, match.start(), match.end())
    if span is None or (span.days is not None and span.days < 1):
        return []
    if match["sep"] == "and" and not _is_short_pair(first, second):
        return []
    return [span]


def _english_dates(text: str, published: Published) -> list[DateSpan]:
    """Day-level dates and ranges written in English: "14–15 March 2024", "from 29 September to 1 October"."""
    spans: list[DateSpan] = []
    for match in _EN_RANGE.finditer(text):
        month2 = ENGLISH_MONTHS[match["m2"]]
        month1 = ENGLISH_MONTHS[match["m1"]] if match["m1"] else month2
        year1 = int(match["y1"]) if match["y1"] else None
        year2 = int(match["y2"]) if match["y2"] else None
        first, second = _fill_years(_Parts(int(match["d1"]), month1, year1),
                                    _Parts(int(match["d2"]), month2, year2), published)
        spans += _english_range(first, second, match)
    for match in _EN_US_RANGE.finditer(text):
        if any(s.begin < match.end() and match.start() < s.finish for s in spans):
            continue
        month1 = ENGLISH_MONTHS[match["m1"]]
        month2 = ENGLISH_MONTHS[match["m2"]] if match["m2"] else month1
        year2 = int(match["y2"]) if match["y2"] else None
        first, second = _fill_years(_Parts(int(match["d1"]), month1, year2 if month1 <= month2 else None),
                                    _Parts(int(match["d2"]), month2, year2), published)
        spans += _english_range(first, second, match)
    for match in _EN_DATE.finditer(text):
        if any(s.begin <= match.start() < s.finish for s in spans):
            continue
        month, day = ENGLISH_MONTHS[match["m"] or match["m_us"]], int(match["d"] or match["d_us"])
        year = match["y"] or match["y_us"]
        parts = _Parts(day, month, int(year) if year else _nearest_year(month, day, published))
        span = _span(parts, parts, match.start(), match.end())
        if span is not None:
            spans.append(span)
    return spans


def _day_lists(text: str, published: Published) -> list[DateSpan]:
    """Listed days of one month: one range where they follow each other, else one date each."""
    spans: list[DateSpan] = []
    for match in _DAY_LIST.finditer(text):
        days = [int(d) for d in re.findall(r"\d+", match["days"])] + [int(match["last"])]
        month, year = month_number(match["m"]), int(match["yb"]) if match["yb"] else None
        if days == list(range(days[0], days[0] + len(days))):
            first, last = _fill_years(_Parts(days[0], month, year), _Parts(days[-1], month, year), published)
            found = [_span(first, last, match.start(), match.end())]
        else:
            found = [_span(p, p, match.start(), match.end()) for p in
                     (_Parts(d, month, year or _nearest_year(month, d, published)) for d in days)]
        spans += [span for span in found if span is not None]
    return spans


def _days_of_a_named_month(text: str, published: Published) -> list[DateSpan]:
    """Days of the month named before them: "Marta sākumā, no 6. līdz 10. datumam", "Aprīlī (no 17. līdz
    21.)"."""
    spans: list[DateSpan] = []
    if not _MONTH_THEN_DAYS_HINT.search(text):
        return spans
    for match in _MONTH_THEN_DAYS.finditer(text):
        month = month_number(match["m"])
        first = _Parts(int(match["d1"]), month, None)
        second = _Parts(int(match["d2"] or match["d1"]), month, None)
        first, second = _fill_years(first, second, published)
        span = _span(first, second, match.start("d1"), match.end())
        if span is not None and (span.days or 1) >= 1:
            spans.append(span)
    return spans


def _numeric_day_month_ranges(text: str, published: Published) -> list[DateSpan]:
    """Numeric day ranges with no year ("13.-17.05.", "29.09.–03.10."), their year from the published date,
    or with one after the last day ("20.03.–24.03.2023.")."""
    spans: list[DateSpan] = []
    for match in _NUMERIC_DAY_MONTH_RANGE.finditer(text):
        month2 = int(match["m2"])
        month1 = int(match["m1"]) if match["m1"] else month2
        if not (1 <= month1 <= 12 and 1 <= month2 <= 12):
            continue
        year = int(match["y"]) if match["y"] else None
        first, second = _fill_years(_Parts(int(match["d1"]), month1, None),
                                    _Parts(int(match["d2"]), month2, year), published)
        span = _span(first, second, match.start(), match.end())
        if span is None or not (year or _is_short_range(first, second)) or (span.days or 1) < 1:
            continue
        spans.append(span)
    return spans


def _is_short_range(first: _Parts, second: _Parts) -> bool:
    year = first.year or 2000
    try:
        gap = (date(second.year or year, second.month, second.day) - date(year, first.month, first.day)).days
    except ValueError:
        return False
    return 0 < gap < MAX_NUMERIC_DAY_RANGE_DAYS


def find_dates(text: str, published: Published | None = None) -> tuple[DateSpan, ...]:
    """Every day-level date and range in ``text``, in order; ranges win over the dates inside them."""
    english = bool(_EN_HINT.search(text))
    if not english and not DAY_DOT.search(text):
        return ()
    published = published or Published()
    spans: list[DateSpan] = []
    taken: list[tuple[int, int]] = []

    def free(begin: int, finish: int) -> bool:
        return all(finish <= b or begin >= f for b, f in taken)

    if english:
        for span in _english_dates(text, published):
            spans.append(span)
            taken.append((span.begin, span.finish))
    lists = _day_lists(text, published) if _LIST_HINT.search(text) else []
    for span in lists + _days_of_a_named_month(text, published):
        spans.append(span)
        taken.append((span.begin, span.finish))

    named = _DAY_THEN_MONTH.search(text) is not None
    for match in _DAY_MONTH_RANGE.finditer(text) if named else ():
        if not free(match.start(), match.end()):
            continue
        span = _range_from(match, published)
        if span is not None:
            spans.append(span)
        if span is not None or match["sep"].lower() != "un":  # a broken range gives no date at all
            taken.append((match.start(), match.end()))
    numeric_ranges = [(m, m["m1"], m["y1"]) for m in _NUMERIC_RANGE.finditer(text)]
    numeric_ranges += [(m, m["m"], m["y"]) for m in _NUMERIC_DAY_RANGE.finditer(text)]
    for match, month1, year1 in numeric_ranges:
        first = _Parts(int(match["d1"]), int(month1), int(year1))
        second = _Parts(int(match["d2"]), int(match.groupdict().get("m2") or month1),
                        int(match.groupdict().get("y2") or year1))
        span = _span(first, second, match.start(), match.end())
        if span is not None and (span.days or 0) >= 1 and free(span.begin, span.finish):
            spans.append(span)
            taken.append((span.begin, span.finish))
    yearless = bool(_YEARLESS_HINT.search(text))
    for span in _numeric_day_month_ranges(text, published) if yearless else ():
        if free(span.begin, span.finish):
            spans.append(span)
            taken.append((span.begin, span.finish))
    for match in _DAY_MONTH.finditer(text) if named else ():
        if not free(match.start("d"), match.end()):
            continue
        month, day = month_number(match["m"]), int(match["d"])
        year = _explicit_year(match, "y", "yb", "r", published)
        if year is None:
            year = _nearest_year(month, day, published)
        parts = _Parts(day, month, year)
        span = _span(parts, parts, match.start(), match.end())
        if span is not None:
            spans.append(span)
            taken.append((span.begin, span.finish))
    for match in _NUMERIC_DATE.finditer(text):
        parts = _Parts(int(match["d"]), int(match["m"]), int(match["y"]))
        span = _span(parts, parts, match.start(), match.end())
        if span is not None and free(span.begin, span.finish):
            spans.append(span)
            taken.append((span.begin, span.finish))
    if not yearless:
        return tuple(sorted(spans, key=lambda s: s.begin))
    taken += [(m.start(), m.end()) for m in _NUMERIC_DAY_MONTH_RANGE.finditer(text)]  # a range too long is none
    for match in _NUMERIC_DAY_MONTH.finditer(text):
        day, month = int(match["d"]), int(match["m"])
        if not (1 <= month <= 12 and free(match.start(), match.end())):
            continue
        parts = _Parts(day, month, _nearest_year(month, day, published))
        span = _span(parts, parts, match.start(), match.end())
        if span is not None:
            spans.append(span)
            taken.append((span.begin, span.finish))
    return tuple(sorted(spans, key=lambda s: s.begin))
