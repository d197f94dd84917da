"""Meetings of a project: dated gatherings of its partners or representatives.

A sentence holds a meeting where it has a day-level date, a cue and none of the words of things that
are not meetings (contracts, decisions, council sittings, deadlines, twin-town visits of no project).
The cue is a gathering word (sanāksme, tikšanās, vizīte, City Lab, konference, darbnīca, the mobilities
of Erasmus+-style exchanges: ēnošana, kursi, prakse, jauniešu apmaiņa…); or a journey or people of the
project somewhere, held only abroad ("skolēni devās uz Spāniju", "dalībnieki strādāja Grieķijā"); or
guests arriving from a place abroad, held here ("pie mums atbrauca skolēni no Itālijas"). Dates after
"kopš", "līdz" or "sākot ar" are deadlines and starts, not events; a range of more than two weeks (two
months for a mobility) is a period. The venue is the first place in the locative ("Somijā", "Oulu",
"mūsu skolā"), a place after "uz" in the accusative, or a genitive before a place noun ("Spānijas
pilsētā Kadisā"), never a place people come from ("no Tartu", "no partnerskolām Polijā"); online words
make it online; with none, the meeting took place at home in Latvia. Where a sentence contrasts two
dated gatherings ("…, bet 16. martā … tiešsaistē"), each clause has its own venue and online words.
(A page's meetings, each once, placed and ended by the sentences around them: ``page_meetings``.)
"""
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import DateSpan, Published, find_dates
from .places import HOME_COUNTRY, Place, country_of, find_places, is_online, place_forms

#: Words of gatherings (stems, matched case-insensitively at a word start): nouns of every kind of
#: meeting, and the verbs that report or announce one ("tikās", "tiksies", "pulcējās", "viesojās").
#: *Strong* ones name a gathering of people outright; the others ("pasākums", "sēde", "noslēguma …")
#: may as well name a measure, a sitting or a report.
STRONG_GATHERING_WORDS = (
    "sanāksm", "sapulc", "tikšanā", "tikšanos", "tikšanās", "tikās", "tiksies", "tikties", "tiekas",
    "tikāmies", "tiksimies", "satikās", "pulcēj", "sapulcēj", "vizīt", "viesoj", "viesosies", "city lab",
    "konferenc", "videokonferenc", "seminār", "vebinār", "tīmekļseminār", "darbnīc", "forum", "kongres",
    "simpozij", "stažē", "studiju brauc", "studiju vizīt", "pieredzes apmaiņ", "mācību brauc", "pieredzes brauc",
    "apaļā galda", "hakaton", "jauniešu apmaiņ", "skolēnu apmaiņ", "apmaiņas brauc",
    # Erasmus+ learning, teaching and training activities of partner schools
    "mācību mobilitāt", "mācīšanās mobilitāt", "mācīšanas mobilitāt", "skolēnu mobilitāt",
    "skolotāju mobilitāt", "mobilitātē", "ēnošan", "darba ēnošan", "ēnoja", "ēnojām", "ēnos", "ēnot",
    "darba vērošan", "stundu vērošan", "job shadowing",
    "viesģimen", "mācību nedēļ", "projekta nedēļ", "starptautiskā nedēļ", "starptautiskās nedēļ",
    "starptautisko nedēļ", "kursā", "kursos", "kursus", "kursiem", "mācību praks", "darba praks",
    "vasaras skol", "ziemas skol", "starptautiskā nometn", "starptautiskās nometn", "starptautiskajā nometn",
    # delegations and visits: "delegācija ieradīsies", "ciemojās partnerskolā", "bija ciemos Lietuvā"
    "delegācij", "ciemoj", "ciemos", "apciemo",
    "kick-off", "meeting", "workshop", "conference", "study visit", "webinar", "seminar", "hosted", "gathered",
    "met in", "met at", "met online", "visit", "youth exchange", "learning mobility",
)
#: Weak "mobilitāte" only where it is held or lived through: alone it also names transport ("mobilitātes
#: punkts", "Eiropas mobilitātes nedēļa").
WEAK_GATHERING_WORDS = ("mobilitāte notik", "mobilitāte notiks", "mobilitāte norisin", "mobilitātes laikā",
                        "mobilitātēs", "mobilitātes dalībniek", "praksē",
                        "pasākum", "ceremonij",
                        # trainings of the project's people ("brīvprātīgie piedalījās ievada apmācībās")
                        "apmācīb", "apmācībās", "sēde", "sēdē", "atklāšan", "noslēguma", "uzsākšanas", "ceremony")
GATHERING_WORDS = STRONG_GATHERING_WORDS + WEAK_GATHERING_WORDS
#: Verbs of a journey: on a project's page a dated trip abroad is a mobility or a visit to the partners
#: ("skolēni devās uz Spāniju"), but a trip at home is an outing, so these hold only with a venue abroad.
TRAVEL_WORDS = ("devā", "dosies", "dodas", "dodam", "aizbrauc", "aizbrauk", "brauc", "izbrauc", "aizceļo", "ceļo",
                "aizlido", "lidoj", "pavadīj", "travelled", "traveled")
#: Guests, and verbs of guests arriving or being received: these hold where the sentence names where the
#: guests come from abroad ("pie mums atbrauca skolēni no Itālijas", "viesi no Rokišķiem"), and the meeting
#: then took place here; guests from nowhere named may as well be a group's own visitors of no project.
ARRIVAL_WORDS = ("ieradā", "ieradī", "ieradu", "atbrauc", "atbrauk", "uzņēma", "uzņēmām", "uzņems", "uzņemsim",
                 "uzņēmusi", "uzņēmuši", "sagaidīj", "sagaidī", "uzturējā", "uzturēsie", "viesi", "viesus", "viesiem",
                 "ciemiņ")
#: Verbs of receiving guests in the first person: "we" are the hosts, so the gathering is held at home
#: ("partnerus uzņemsim savā skolā", "uzņēmām kolēģus no …"), wherever the guests come from.
HOSTING_WORDS = ("uzņēmām", "uzņemsim", "uzņemam", "sagaidījām", "sagaidīsim", "sagaidām", "viesos mums")
#: People who arrive as guests (an arrival of goods from abroad is no visit): "ieradās skolotāji no Ungārijas".
PEOPLE_WORDS = ("skolēn", "skolotāj", "pedagog", "audzēkņ", "studen", "jaunieš", "bērn", "viesi", "viesus", "viesiem",
                "ciemiņ", "kolēģ", "partner", "pārstāv", "delegācij", "speciālist", "dalībniek", "darbiniek",
                "darbiniec", "amatperson", "vadītāj", "biedr", "grup", "komand", "cilvēk", "draug", "eksperti",
                "mākslinie")
#: Words of mobilities, which may last longer than any meeting ("no 1. līdz 26. maijam audzēkņi bija
#: praksē Vācijā"): with them a range is an event up to ``MAX_MOBILITY_DAYS``.
MOBILITY_WORDS = ("mobilitāt", "ēnošan", "ēnoja", "praks", "stažē", "jauniešu apmaiņ", "skolēnu apmaiņ", "kursos",
                  "kursus")

#: Words of things dated like meetings that are not meetings: contracts, council sittings,
#: applications. *Soft* ones (decisions, approvals, deadlines) only rule out a sentence that has no
#: strong gathering word: "partneru sanāksmē apstiprināja darba plānu" is still a meeting.
NOT_MEETING_WORDS = ("līgum", "domes sēd", "pieteikum", "iesniegt", "parakstīj", "parakstīšan", "contract",
                     "council sitting")
SOFT_NOT_MEETING_WORDS = ("nolēm", "lēmum", "pieņēm", "termiņ", "apstiprin", "būvniecīb", "pabeigt", "atskait",
                          "ziņojum", "maksājum",
                          # public shows: an exhibition's or a stage's opening is no gathering of partners
                          "izstād", "koncert", "izrād", "festivāl",
                          "concert", "exhibition", "festival", "deadline",
                          # transport mobility and good practice are no mobilities of people
                          "mobilitātes punkt", "mobilitātes plān", "labajā praksē", "labākajā praksē")

#: A twin town's visit is no project meeting unless the sentence ties it to a project or a programme:
#: "viesojās sadraudzības pilsētas delegācija" is not, "Erasmus+ apmaiņa sadraudzības pilsētā" is.
_TWINNING = re.compile(r"(?i)\bsadraudzīb\w*|\bdraudzības pilsēt\w*|\btwin (?:town|cit)\w*")
_OF_A_PROJECT = re.compile(r"(?i)\bprojekt\w*|\bproject|\berasmus|\binterreg|\bleader\b|\bnordplus|\burbact"
                           r"|\bprogramm\w*")

#: Words before a date that make it a start or a deadline rather than the day of an event.
NOT_EVENT_BEFORE = re.compile(r"(?i)(?:\bkopš|\blīdz|\bsākot ar|\bpēc|\bpirms)\s+(?:\w+\s+){0,2}$")

#: Words that make a gathering at a named venue an in-person one, its online words being about taking part
#: from afar: "notiks klātienē Valmierā, tiešraide tiešsaistē", "reģistrēties tiešsaistē".
_IN_PERSON = re.compile(r"(?i)\bklātien\w*|\breģistr\w*|\bpiesak\w*|\bpieteikties|\btiešraid\w*|\btranslē\w*"
                        r"|\bpieslēg\w*|\bin person\b|\bregist\w*|\blivestream\w*|\bhybrid\b|\bhibrīd\w*")

#: A meeting moved to another day keeps only the dates after the word that moves it; a cancelled one has none.
_RESCHEDULED = re.compile(r"(?i)\bpārcel\w*")
_CANCELLED = re.compile(r"(?i)\batcel(?:ts|ta|ti|tas|tie|tā|a|ām|s)\b")

#: The longest a meeting lasts; longer ranges are project periods.
MAX_MEETING_DAYS = 14
#: The longest a mobility (a placement, a long pupils' exchange) lasts.
MAX_MOBILITY_DAYS = 62



def _stems(words: Sequence[str]) -> re.Pattern:
    """A pattern of any of ``words`` at a word start, case-insensitively."""
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + ")")


_GATHERING = _stems(GATHERING_WORDS)
STRONG_GATHERING = _stems(STRONG_GATHERING_WORDS)
_TRAVEL = _stems(TRAVEL_WORDS)
_ARRIVAL = _stems(ARRIVAL_WORDS)
_PEOPLE = _stems(PEOPLE_WORDS)
_HOSTING = re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(w) for w in HOSTING_WORDS) + r")(?!\w)")
#: Words that describe a project rather than tell an event: "projektā piedalās partneri Somijā", "sākās".
_DESCRIBING = re.compile(r"(?i)(?<!\w)(?:sākās|sākas|sāksies|uzsāka|uzsākts|uzsākta|ilgs|ilgst\w*|īsteno|īstenos"
                         r"|piedalās|piedalīsies|darbojas|apvieno)(?!\w)")
_MOBILITY = _stems(MOBILITY_WORDS)
_NOT_MEETING = _stems(NOT_MEETING_WORDS)
_SOFT_NOT_MEETING = _stems(SOFT_NOT_MEETING_WORDS)


@dataclass(frozen=True)
class Meeting:
    start: str
    end: str
    city: str | None
    country: str | None
    online: bool
    kind: str | None
    begin: int
    #: Whether the sentence named the venue (or put it online), rather than the meeting being at home by default.
    placed: bool = True

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "city": self.city, "country": self.country,
                "online": self.online, "kind": self.kind}


#: Meeting kinds by their words, first match wins.
MEETING_KINDS: tuple[tuple[str, str], ...] = (
    ("kick-off meeting", r"(?:atklāšanas|uzsākšanas|ievad)\w* (?:sanāksm|tikšan|pasākum|konferenc)|kick-off"),
    ("closing meeting", r"noslēguma (?:sanāksm|tikšan|pasākum|konferenc)"),
    ("city lab", r"city lab"),
    ("study visit", r"mācību (?:vizīt|brauc|mobilitāt|nedēļ)|mācīšan\w* mobilitāt|mobilitātē|pieredzes apmaiņ"
                    r"|pieredzes brauc|studiju (?:brauc|vizīt)|stažē|ēnošan|ēnoj|vērošan|job shadowing|kursā|kursos"
                    r"|kursus|praks"
                    r"|study visit|learning mobility"),
    ("conference", r"konferenc|conference|forum|kongres|simpozij"),
    ("workshop", r"darbnīc|seminār|vebinār|workshop|webinar|apaļā galda|hakaton|vasaras skol|ziemas skol|nometn"),
    ("ceremony", r"ceremonij|svinīg|ceremony"),
    ("partner meeting", r"partneru (?:sanāksm|tikšan)|sanāksm|sapulc|tikšan|tikās|tiks|tiek|pulcēj|sēd|meeting"),
    ("visit", r"vizīt|viesoj|ciemoj|ciemos|apciemo|delegācij|viesi|viesus|ciemiņ|devās|dosies|brauc|ieradā|ieradī"
              r"|atbrauc|uzņēm|uzturēj"),
    ("event", r"pasākum"),
)
_KINDS = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in MEETING_KINDS]


def meeting_kind(sentence: str) -> str | None:
    return next((kind for kind, pattern in _KINDS if pattern.search(sentence)), None)


#: A place in the accusative after "uz" is where people went: "devās pieredzes apmaiņas braucienā uz Viļņu".
_TOWARDS = re.compile(r"(?i)\buz\s+$")
#: English sentences name places in one form only: "Valmiera hosted", "in Tartu". Words no Latvian sentence has.
_ENGLISH = re.compile(r"\b(?:the|The|and|of|from|for|with|in|at|On|on)\b")
#: In English, a place right after "from", in brackets or after people "of" is where people or a body come
#: from: "young musicians from Valmiera", "Valga Rural Municipality (Estonia)", "representatives of Cēsis".
_ENGLISH_ORIGIN = re.compile(r"(?:\bfrom\s+|\(\s*|\b(?:representatives|delegation|delegates|staff|members|team)"
                             r"\s+of\s+(?:the\s+)?)$")


#: A place right after "no", or after "no" and one plural noun, is where guests come from, whatever its
#: case: "delegācija no Veru pagasta", "skolēni no partnerskolām Polijā un Grieķijā".
_ORIGIN = re.compile(r"(?i)\bno\s+(?:[^\W\d]+(?:ām|iem|ēm|īm|ajām|ajiem)\s+)?$")
#: A place in the genitive is the venue where a locative of a place noun follows ("Spānijas pilsētā Kadisā",
#: "Turcijas partnerskolā", "Itālijas ziemeļos"), or after "uz" its accusative ("uz Lietuvas pilsētu Šauļiem").
_VENUE_NOUN = (r"\s+(?:galvas)?(?:pilsēt|partnerskol|skol|reģion|provinc|ciemat|pašvaldīb|novad|apriņķ|ziemeļ|dienvid"
               r"|austrum|rietum|piekrast|uzņēmum|iestād|organizācij|universitāt|augstskol|bibliotēk|muzej)\w*?")
_VENUE_NOUN_AFTER = re.compile(_VENUE_NOUN + r"(?:ā|ē|ī|os|ās|ēs)(?!\w)")
_VENUE_NOUN_TOWARDS = re.compile(_VENUE_NOUN + r"(?:u|i|us)(?!\w)")
#: What may stand between two places of one list: "Polijā un Grieķijā", "Lietuvā, Polijā".
_LIST_JOIN = re.compile(r"^\s*(?:,|un|,\s*un)\s*$")


def _origins(sentence: str, places: Sequence[Place]) -> set[int]:
    """Indexes of the places that name where people come from: after "no", and the places listed with them."""
    origins: set[int] = set()
    for i, place in enumerate(places):
        if _ORIGIN.search(sentence[max(0, place.begin - 40):place.begin]):
            origins.add(i)
        elif i - 1 in origins and _LIST_JOIN.match(sentence[places[i - 1].stop:place.begin]):
            origins.add(i)
    return origins


def _is_venue(sentence: str, place: Place, english: bool) -> bool:
    parts = sentence[place.begin:place.stop].split("-")
    if len(parts) > 1 and all(part in place_forms() for part in parts):
        return False  # "Estonia-Latvia", "Igaunijas-Latvijas": a programme's name, not a venue
    if english and _ENGLISH_ORIGIN.search(sentence[max(0, place.begin - 30):place.begin]):
        return False
    if place.case in ("loc", "any"):
        return True
    if place.case == "gen" and not english:
        towards = _TOWARDS.search(sentence[max(0, place.begin - 6):place.begin])
        return bool(_VENUE_NOUN_AFTER.match(sentence, place.stop)
                    or (towards and _VENUE_NOUN_TOWARDS.match(sentence, place.stop)))
    if place.case == "acc":
        return bool(_TOWARDS.search(sentence[max(0, place.begin - 6):place.begin]))
    return english and place.case == "nom"


def _guests_from_abroad(sentence: str) -> bool:
    """Whether the sentence names a place abroad that people come from ("no Itālijas", "no Rokišķiem")."""
    places = find_places(sentence)
    return any(places[i].code != HOME_COUNTRY for i in _origins(sentence, places))


#: Words that put a gathering at home, the site's own place: "mūsu skolā", "mūsu novadā", "pie mums" (not
#: "mūsu partnerskolā", which is abroad).
_HOME_VENUE = re.compile(r"(?i)\bmūsu\s+(?!partner)[^\W\d]+(?:ā|ē|ī|os|ās|ēs)(?!\w)|\bpie\s+mums\b")


def _home_venues(sentence: str) -> list[Place]:
    return [Place(HOME_COUNTRY, "loc", True, m.start(), m.end(), "") for m in _HOME_VENUE.finditer(sentence)]


#: A programme's line of dates and places: "6.–10. oktobris – Ljutomera (Slovēnija): …", the town as
#: named (in the nominative) and its country in brackets, right after the date.
_AGENDA_VENUE = re.compile(r"\s*[–—:-]\s*([A-ZĀČĒĢĪĶĻŅŠŪŽ][^\W\d]+(?:[ -][A-ZĀČĒĢĪĶĻŅŠŪŽ][^\W\d]+)?)\s*"
                           r"\(([^()\n]{2,30})\)")


def venue_of(sentence: str, after: int) -> tuple[str | None, str | None]:
    """City and country of a town with its country in brackets right after the date ("– Ljutomera
    (Slovēnija)"), else of the first place in the locative after the date, else anywhere in the sentence;
    with none, no city and the home country."""
    agenda = _AGENDA_VENUE.match(sentence, after)
    code = country_of(agenda.group(2)) if agenda else None
    if code:
        return agenda.group(1), code
    places = find_places(sentence)
    english = bool(_ENGLISH.search(sentence))
    origins = set() if english else _origins(sentence, places)
    located = [p for i, p in enumerate(places) if i not in origins and _is_venue(sentence, p, english)]
    located = sorted(located + _home_venues(sentence), key=lambda p: p.begin)
    ordered = [p for p in located if p.begin >= after] + [p for p in located if p.begin < after]
    if not ordered:
        return None, HOME_COUNTRY
    venue = ordered[0]
    city = None if venue.is_country or not venue.lemma else venue.lemma
    return city, venue.code


#: Where a sentence turns to another gathering: "…notika 2. februārī Biržos, bet 16. martā partneri tikās
#: tiešsaistē". Each dated clause then has its own venue and online words.
_CONTRAST = re.compile(r"(?i)[,;]\s*(?:bet|savukārt|taču|turpretī|but|while|whereas)\b|;")


def _clauses(sentence: str, spans: Sequence[DateSpan]) -> list[tuple[int, int]] | None:
    """The sentence's contrasted clauses as (begin, end) where two or more of them hold a date, else ``None``."""
    cuts = [m.start() for m in _CONTRAST.finditer(sentence)]
    if not cuts:
        return None
    bounds = list(zip([0] + cuts, cuts + [len(sentence)]))
    dated = {next(i for i, (b, e) in enumerate(bounds) if b <= span.begin < e) for span in spans}
    return bounds if len(dated) > 1 else None


def _is_event_date(sentence: str, span: DateSpan, longest: int) -> bool:
    if NOT_EVENT_BEFORE.search(sentence[:span.begin]):
        return False
    days = span.days
    return days is None or 1 <= days <= longest


#: A name in quotes: its words name a project or a body, not a gathering ("projekts “Viedā mobilitāte”").
QUOTED = re.compile(r"[“„\"«][^”“\"»\n]{0,150}[”\"»]")


def gathering_cue(sentence: str) -> str | None:
    """What makes the sentence tell of a gathering: a "gathering" word outside quoted names, a journey or
    people somewhere ("travel", held only abroad: "dalībnieki strādāja Grieķijā") or guests' "arrival"
    (where they come from abroad or are "pie mums"); ``None`` for none."""
    plain = QUOTED.sub(" ", sentence)
    if _GATHERING.search(plain):
        return "gathering"
    people = _PEOPLE.search(plain)
    if _ARRIVAL.search(plain) and people and (_guests_from_abroad(sentence) or _HOME_VENUE.search(plain)
                                              or _HOSTING.search(plain)):
        return "arrival"
    if _TRAVEL.search(plain) or (people and not _DESCRIBING.search(plain)):
        return "travel"
    return None


def find_meetings(sentence: str, offset: int, published: Published,
                  dates: Sequence[DateSpan] | None = None) -> list[Meeting]:
    """The meetings one sentence reports or announces; ``dates`` are its dates where already found."""
    dates = find_dates(sentence, published) if dates is None else dates
    if not dates:
        return []
    cue = gathering_cue(sentence)
    if cue is None or _NOT_MEETING.search(sentence):
        return []
    if _SOFT_NOT_MEETING.search(sentence) and not STRONG_GATHERING.search(sentence):
        return []
    if _CANCELLED.search(sentence) or (_TWINNING.search(sentence) and not _OF_A_PROJECT.search(sentence)):
        return []
    moved = _RESCHEDULED.search(sentence)
    meetings = []
    longest = MAX_MOBILITY_DAYS if _MOBILITY.search(sentence) else MAX_MEETING_DAYS
    spans = [span for span in dates
             if _is_event_date(sentence, span, longest) and not (moved and span.begin < moved.start())]
    clauses = _clauses(sentence, spans)
    for span in spans:
        begin, end = next((b, e) for b, e in clauses if b <= span.begin < e) if clauses else (0, len(sentence))
        clause = sentence[begin:end]
        online = is_online(clause)
        city, country = venue_of(clause, span.finish - begin)
        if online and (city is not None or country != HOME_COUNTRY) and _IN_PERSON.search(clause):
            online = False  # held at a venue, online only for those who register or watch from afar
        city, country = (None, None) if online else (city, country)
        if cue == "travel" and (online or country == HOME_COUNTRY):
            continue  # a trip at home is an outing, not a mobility
        placed = online or city is not None or country != HOME_COUNTRY
        meetings.append(Meeting(span.start, span.end, city, country, online, meeting_kind(clause) or meeting_kind(sentence),
                                offset + span.begin, placed))
    return meetings
