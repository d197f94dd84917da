"""Money amounts in text: a number with its currency on either side ("EUR 747 365,12", "498,400.00 EUR",
"12 000,- EUR"), a scale word ("1,5 miljoni eiro", "485 tūkst. EUR") or a number word ("pusmiljons eiro").
price-parser reads the number; lats are found and marked, for the caller to skip.
"""
import re
from dataclasses import dataclass

from price_parser import Price

#: Scale words after a number ("5 miljonu euro").
SCALES: tuple[tuple[str, int], ...] = (
    (r"miljard\w*|mljrd\.?|billion", 1_000_000_000),
    (r"miljon\w*|milj\.?|million", 1_000_000),
    (r"tūkstoš\w*|tūkst\.?|thousand", 1_000),
)
#: Number words that stand for a number before a scale word, or joined to it: "pusmiljons", "pusotra miljona";
#: "miljons eiro" alone is one million.
WORD_NUMBERS: tuple[tuple[str, float], ...] = (
    (r"pusotr\w*\s+", 1.5),
    (r"pus", 0.5),
    (r"", 1.0),
)
#: The scale words a number word may stand before: the full words only, in the singular.
WORD_SCALES = r"miljard(?:s|a|u|am)|miljon(?:s|a|u|am)"
EURO = r"EUR|euro|eiro|€"
LATS = r"LVL|Ls|latu|lati|lats"

#: Numbers grouped by spaces, commas or full stops ("1.234.567,89"), or not at all.
NUMBER_STRICT = (r"\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"
                 r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?")
_NUMBER_LOOSE = (r"\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,] ?\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"
                 r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,] ?\d{1,2})?")
#: What may stand between a number and its currency: a dash for no cents ("12 000,- EUR"), the number in
#: words in brackets ("15 000 (piecpadsmit tūkstoši) eiro").
_BETWEEN = r"(?:[.,]-)?(?:\s*\([^()\d]{3,80}\))?"
_SCALE = "|".join(pattern for pattern, _ in SCALES)
_WORD_NUMBER = "|".join(f"(?:{pattern})" for pattern, _ in WORD_NUMBERS)
_AMOUNT = re.compile(
    # a stray full stop may stand between the number and its scale: "3,47. milj. euro"
    rf"(?<![\d.,])(?P<num>{_NUMBER_LOOSE})(?![\d%])(?:\.?\s*(?P<scale>{_SCALE}))?{_BETWEEN}\s*,?\s*"
    rf"(?P<cur>(?i:{EURO})|{LATS})(?!\w)"
    rf"|(?<![\w\d.,])(?P<word>{_WORD_NUMBER})(?P<scale3>{WORD_SCALES})\s+(?P<cur3>(?i:{EURO}))(?!\w)"
    rf"|(?<!\w)(?P<cur2>EUR|€|LVL|Ls)\s*:?\s*(?P<num2>{NUMBER_STRICT})(?![\d%])(?:\s*(?P<scale2>{_SCALE}))?"
)
#: A currency as every amount has one: no letter right after it ("EUR 5", "5 eiro"; not "pilsēta").
_CURRENCY_HINT = re.compile(rf"(?:{EURO}|{LATS})(?![^\W\d])", re.IGNORECASE)
_LATS = re.compile(rf"^(?:{LATS})$")


@dataclass(frozen=True)
class Amount:
    """A money amount in text: value, currency ("EUR" or "LVL") and where it stands."""

    value: float
    currency: str
    begin: int
    stop: int   # offset just past the amount


def _scale(word: str | None) -> int:
    if not word:
        return 1
    return next(factor for pattern, factor in SCALES if re.fullmatch(pattern, word, re.IGNORECASE))


def _word_number(word: str) -> float:
    return next(value for pattern, value in WORD_NUMBERS if re.fullmatch(pattern, word, re.IGNORECASE))


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text``, euro or lats, in order."""
    amounts: list[Amount] = []
    if not _CURRENCY_HINT.search(text):
        return amounts
    for match in _AMOUNT.finditer(text):
        number = match["num"] or match["num2"]
        value = _word_number(match["word"]) if number is None else Price.fromstring(number).amount_float
        if value is None:
            continue
        value = round(value * _scale(match["scale"] or match["scale2"] or match["scale3"]), 2)
        currency = "LVL" if _LATS.match(match["cur"] or match["cur2"] or match["cur3"]) else "EUR"
        amounts.append(Amount(value, currency, match.start(), match.end()))
    return amounts
