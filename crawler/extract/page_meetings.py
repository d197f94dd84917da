"""A page's meetings: each once by its dates, the mention naming its venue winning; placed where the
undated sentence before it, the title, or a town the page placed in brackets says; a journey told in one
sentence ended on the day a later sentence tells of the return; and, where no sentence dates a
meeting, the one a labelled time line gives ("Norises laiks: 12.–14. maijs").
"""
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .dates import DateSpan, Published
from .meetings import (MAX_MEETING_DAYS, QUOTED, STRONG_GATHERING, Meeting, find_meetings, gathering_cue,
                       meeting_kind, venue_of)
from .places import HOME_COUNTRY, country_of, is_online, place_forms
from .sentences import Sentence


#: Words of coming home: the date of a sentence that tells of the return ends the journey told before it
#: ("Mājās skolēni atgriezīsies sestdien, 8. aprīlī.").
_RETURN = re.compile(r"(?i)\batgriez\w*|\bmājup\w*|\bpārbrauk\w*|\bpārbrauc\w*")


def extended_by_return(meeting: Meeting, sentence: str, dates: Sequence[DateSpan]) -> Meeting | None:
    """``meeting`` lasting until the day of a return ``sentence`` after it (the date nearest its word of
    coming home), where that is a return within a meeting's length; else ``None``."""
    back = _RETURN.search(sentence)
    if not dates or not back:
        return None
    nearest = min(dates, key=lambda d: min(abs(d.begin - back.end()), abs(d.finish - back.start())))
    if nearest.start != nearest.end:
        return None
    end = nearest.end
    if len(end) != len(meeting.start) or not meeting.end < end:
        return None  # one end without a year, or a return before the journey
    days = _days_between(meeting.start, end)
    return replace(meeting, end=end) if days is not None and days + 1 <= MAX_MEETING_DAYS else None


def _days_between(start: str, end: str) -> int | None:
    """Days from one ISO date to another, also for two yearless ("--MM-DD") dates of one year."""
    def parse(value: str) -> date:
        return date.fromisoformat("2000" + value[1:] if value.startswith("--") else value)  # 2000: a leap year

    try:
        return (parse(end) - parse(start)).days
    except ValueError:
        return None


def better_of(kept: Meeting, found: Meeting) -> Meeting:
    """Of two mentions of one meeting, the one that names its venue: a title's "tikās ar partneriem" tells
    less than the text's "tikās Ignalinā"."""
    return found if found.placed and not kept.placed else kept


#: Month words: a sentence with one speaks of a dated event of its own.
_MONTH_WORD = re.compile(r"(?i)\b(?:janvār|februār|mart|aprīl|maij|jūnij|jūlij|august|septembr|oktobr|novembr"
                         r"|decembr)\w*")


@dataclass(frozen=True)
class Venue:
    city: str | None
    country: str | None
    online: bool


def undated_venue(sentence: str, title: bool = False) -> Venue | None:
    """The venue that a sentence without a date or a month names for a gathering ("Partneru tikšanās šoreiz
    notika Valgā.", or a title "Erasmus+ vizīte Francijā"), for the dated mention of it that follows;
    ``None`` where it names none. A sentence other than a title needs a cue of a gathering."""
    if _MONTH_WORD.search(sentence) or (not title and gathering_cue(sentence) is None):
        return None
    if is_online(sentence):
        return Venue(None, None, True)
    city, country = venue_of(sentence, 0)
    return Venue(city, country, False) if city is not None or country != HOME_COUNTRY else None


def placed_at(meeting: Meeting, venue: Venue | None) -> Meeting:
    """``meeting`` held at ``venue`` where its own sentence named none."""
    if meeting.placed or venue is None:
        return meeting
    return replace(meeting, city=venue.city, country=venue.country, online=venue.online, placed=True)


#: A labelled line that gives an event's or a short project's own time ("Norises laiks: 12.–14. maijs",
#: "Ieviešanas laiks: 07.10.2015.-12.10.2015."), and one that gives its place ("Norises vieta: Tartu").
_TIME_LABEL = re.compile(r"(?i)^\W*(?:projekta\s+)?(?:(?:norises|ieviešanas|īstenošanas)\s+(?:laiks|datums|periods)"
                         r"|datums|laiks)\s*:")
_PLACE_LABEL = re.compile(r"(?i)^\W*(?:norises\s+)?vieta\s*:")


def labelled_time(sentence: str, dates: Sequence[DateSpan]) -> DateSpan | None:
    """The one date or short range a labelled time line gives, else ``None``."""
    if len(dates) != 1 or not _TIME_LABEL.search(sentence):
        return None
    days = dates[0].days
    return dates[0] if days is None or 1 <= days <= MAX_MEETING_DAYS else None


def labelled_meeting(span: DateSpan, offset: int, sentences: Sequence[str]) -> Meeting | None:
    """The gathering a page tells by a labelled time line: held where a place line or its first undated
    sentence of a gathering says, else at home; ``None`` where no sentence tells of a gathering."""
    told = [s for s in sentences if STRONG_GATHERING.search(QUOTED.sub(" ", s)) and not _MONTH_WORD.search(s)]
    if not told:
        return None
    places = [undated_venue(s, title=True) for s in sentences if _PLACE_LABEL.search(s)]
    venue = next((v for v in places + [undated_venue(s) for s in told] if v is not None), None)
    kind = meeting_kind(" ".join(told))
    meeting = Meeting(span.start, span.end, None, HOME_COUNTRY, False, kind, offset + span.begin, False)
    return placed_at(meeting, venue)


def _placed_in_context(found: list[Meeting], at: int, sentences: Sequence[Sentence],
                       dates: Sequence[Sequence[DateSpan]], first: bool) -> list[Meeting]:
    """``found`` (the meetings of sentence ``at``) held where the undated sentence before it in its
    paragraph says, or, for the page's ``first`` meeting, where the title says, where their own sentence
    named no venue. The venues of undated sentences are sought only when needed."""
    if all(m.placed for m in found):
        return found
    before = at > 0 and sentences[at - 1].paragraph == sentences[at].paragraph and not dates[at - 1]
    venue = undated_venue(sentences[at - 1].text) if before else None
    found = [placed_at(m, venue) for m in found]
    if first and not dates[0]:
        found[0] = placed_at(found[0], undated_venue(sentences[0].text, title=True))
    return found


def _ended_by_return(found: list[Meeting], last: Meeting | None, sentence: Sentence,
                     spans: Sequence[DateSpan]) -> tuple[list[Meeting], Meeting | None]:
    """The sentence's meetings, and the earlier one it ends, where it tells of a return: a sentence of its
    own ends the journey told ``last``; within a journey's sentence ("… devās uz Somiju, bet 10. septembrī
    atgriezās mājās") the date that is no meeting ends it."""
    if not found:
        returned = extended_by_return(last, sentence.text, spans) if last else None
        return ([returned], last) if returned else ([], None)
    rest = [span for span in spans if sentence.start + span.begin not in {m.begin for m in found}]
    return found[:-1] + [extended_by_return(found[-1], sentence.text, rest) or found[-1]], None


#: A town the place tables do not know, with its country in brackets after it somewhere on the page
#: ("Salamankas pilsēta (Spānija)", "Aveiro (Portugāle)", "Akureiri pilsētas bibliotēka (Islande)"): a
#: meeting "Salamankā" or a journey "uz Akureiri" is in that country.
_TOWN_WITH_COUNTRY = re.compile(r"(?<!\w)([A-ZĀČĒĢĪĶĻŅŠŪŽ][^\W\d]{3,})(?:\s+(?:pilsēt|novad|reģion|provinc|city|town)"
                                r"\w*)?(?:\s+[a-zāčēģīķļņšūž]\w+)?\s*\(([^()\n]{2,30})\)")
#: A capitalised word in the locative, or after "uz" (towards): where a meeting of an unknown town was
#: held ("Salamankā"), or where a journey went ("brauksim uz Akureiri").
_LOCATIVE_WORD = re.compile(r"(?<![\w“„\"«])([A-ZĀČĒĢĪĶĻŅŠŪŽ][^\W\d]{3,}(?:ā|ē|ī|os|ās|ēs))(?!\w)"
                            r"|\buz\s+([A-ZĀČĒĢĪĶĻŅŠŪŽ][^\W\d]{3,})(?!\w)")
#: Endings stripped to compare a town's forms: "Salamankas", "Salamankā" and "Salamanka" share "Salamank".
_TOWN_ENDING = re.compile(r"(?:as|es|ās|ēs|os|ai|ei|ā|ē|ī|a|e|u|s|i)$")


def _town_stem(word: str) -> str:
    return _TOWN_ENDING.sub("", word)


def page_towns(text: str) -> dict[str, str]:
    """Stems of towns the place tables do not know → the foreign country the page gives them in brackets."""
    forms = place_forms()
    towns: dict[str, str] = {}
    for match in _TOWN_WITH_COUNTRY.finditer(text):
        code = country_of(match.group(2))
        if code and code != HOME_COUNTRY and match.group(1) not in forms:
            towns.setdefault(_town_stem(match.group(1)), code)
    return towns


def placed_in_page_town(meeting: Meeting, sentence: str, towns: dict[str, str]) -> Meeting:
    """``meeting`` held in the country of an unknown town its sentence names in the locative, where its
    sentence named no known venue and the page gave that town's country."""
    if meeting.placed or not towns:
        return meeting
    plain = QUOTED.sub(" ", sentence)
    for match in _LOCATIVE_WORD.finditer(plain):
        word = match.group(1) or match.group(2)
        code = towns.get(_town_stem(word))
        if code and word not in place_forms():
            return replace(meeting, country=code, placed=True)
    return meeting


def find_page_meetings(sentences: Sequence[Sentence], dates: Sequence[Sequence[DateSpan]],
                       published: Published) -> list[Meeting]:
    """The meetings of a page's sentences (``dates`` are each sentence's dates), each once by its dates
    (the mention naming its venue wins), placed by context and ended by returns; where no sentence dates
    a meeting, the one a labelled time line gives."""
    meetings: dict[tuple[str, str], Meeting] = {}
    last: Meeting | None = None
    towns: dict[str, str] | None = None
    for at, (sentence, spans) in enumerate(zip(sentences, dates)):
        found = find_meetings(sentence.text, sentence.start, published, spans)
        if not all(m.placed for m in found):
            towns = page_towns(" ".join(s.text for s in sentences)) if towns is None else towns
            found = [placed_in_page_town(m, sentence.text, towns) for m in found]
        found = _placed_in_context(found, at, sentences, dates, first=not meetings)
        found, ended = _ended_by_return(found, last, sentence, spans)
        if ended is not None:
            del meetings[(ended.start, ended.end)]
        for meeting in found:
            key = (meeting.start, meeting.end)
            meetings[key] = better_of(meetings[key], meeting) if key in meetings else meeting
            last = meetings[key]
    return list(meetings.values()) or _labelled_meetings(sentences, dates)


def _labelled_meetings(sentences: Sequence[Sentence], dates: Sequence[Sequence[DateSpan]]) -> list[Meeting]:
    """The meeting a labelled time line ("Norises laiks: …") gives to the gathering the page tells of."""
    for sentence, spans in zip(sentences, dates):
        span = labelled_time(sentence.text, spans)
        meeting = labelled_meeting(span, sentence.start, [s.text for s in sentences]) if span else None
        if meeting is not None:
            return [meeting]
    return []
