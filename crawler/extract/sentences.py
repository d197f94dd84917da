"""Sentences and paragraphs of Latvian news text.

A full stop ends a sentence only where a capital letter or an opening quote follows and the word before
it is not an abbreviation ("Nr.", "t.sk.", "g.") or a lone initial ("N. Kleinberga"), and what stands
before it is more than a date ("15.–16.05.2023. Rīgā notika …" is one sentence).
"""
import re
from dataclasses import dataclass

from .places import place_forms

ABBREVIATIONS = frozenset({
    "nr", "t.sk", "g", "š.g", "u.c", "piem", "pl", "plkst", "utt", "utml", "sk", "st", "tel", "att",
    "d", "lpp", "ed", "prof", "dr", "mg", "mr", "mrs", "vs", "no", "sia", "as",
})

#: A sentence starts with a capital letter, or with a date: "… grupas. 15. maijā viesi apmeklēja …".
_BOUNDARY = re.compile(r"(?<=[.!?])[ \t\u00a0]+(?=[“\"„«(]?[A-ZĀČĒĢĪĶĻŅŠŪŽ]"
                       r"|[0-3]?\d\.\s*(?i:janv|febr|mart|apr|maij|jūn|jūl|aug|sept|okt|nov|dec))|\n+")
_WORD_BEFORE = re.compile(r"(\S+)\.$")
#: A chunk that is only a date or a range of dates ("15.–16.05.2023.", "No 18.06.2024. līdz 20.06.2024.")
#: opens the sentence after it.
_ONLY_A_DATE = re.compile(r"^(?i:no\s+)?[\d.\s–—/-]+(?:(?i:līdz)\s+[\d.\s–—/-]+)?$")
#: A scale abbreviation before a currency code is one amount, not a sentence end: "246 tūkst. EUR".
_SCALE_BEFORE_CURRENCY = re.compile(r"(?i)\d\s*(?:tūkst|milj|mljrd)\.$")
_CURRENCY_AFTER = re.compile(r"(?:EUR|LVL|Ls)\b")
#: A numeric date before a venue in the locative is within the sentence: "notika 28.11.–02.12. Portugālē".
_NUMERIC_DATE_END = re.compile(r"\d\.\d{1,2}\.(?:\d{4}\.)?$")
_NEXT_WORD = re.compile(r"[\w-]+")


def _venue_follows(chunk: str, text: str, at: int) -> bool:
    """Whether ``chunk`` ends in a numeric date and the word at ``at`` is a place in the locative."""
    if not _NUMERIC_DATE_END.search(chunk):
        return False
    word = _NEXT_WORD.match(text, at)
    entry = place_forms().get(word.group()) if word else None
    return entry is not None and entry[1] == "loc"


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset of the sentence in the page text
    paragraph: int  # index of the paragraph (block separated by a blank line) it belongs to


def _ends_with_abbreviation(chunk: str) -> bool:
    found = _WORD_BEFORE.search(chunk)
    if not found:
        return False
    word = found.group(1).lower().lstrip("(“\"„")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with their offsets; blank lines start a new paragraph."""
    sentences: list[Sentence] = []
    paragraph, start = 0, 0
    for boundary in _BOUNDARY.finditer(text):
        chunk = text[start:boundary.start()]
        if "\n" not in boundary.group() and (_ends_with_abbreviation(chunk) or _ONLY_A_DATE.match(chunk)
                                             or _venue_follows(chunk, text, boundary.end())
                                             or (_SCALE_BEFORE_CURRENCY.search(chunk)
                                                 and _CURRENCY_AFTER.match(text, boundary.end()))):
            continue
        _append(sentences, text, start, boundary.start(), paragraph)
        if boundary.group().count("\n") > 1:
            paragraph += 1
        start = boundary.end()
    _append(sentences, text, start, len(text), paragraph)
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        sentences.append(Sentence(stripped, start + chunk.index(stripped[0]), paragraph))
