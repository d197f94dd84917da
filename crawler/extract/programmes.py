"""Funding programmes named on a page → the README's programme keys.

Aliases are regular expressions over Latvian and English names. *Strong* aliases name a programme
outright; *weak* ones (ERAF, "Eiropas Savienības fondi") only say that EU structural money is involved
and stand for Latvia's own operational programme when nothing stronger is named (the Rural Support
Service likewise for LEADER); an open call ("projektu konkurss") is `other` only where neither is.
Project numbers of the cross-border programmes ("LLI-136", "EE-LV00057", "Est-Lat24") name their
programme too. Erasmus+'s predecessors are `other` mentions marked as cooperation.
"""
import bisect
import re
from dataclasses import dataclass

#: (programme key, alias pattern); where two overlap in text, the longer mention wins.
PROGRAMME_ALIASES: tuple[tuple[str, str], ...] = (
    ("interreg-latvia-belarus", r"Latvijas\s*[–—-]\s*Lietuvas\s*[–—-]\s*Baltkrievijas"),
    ("interreg-latvia-belarus", r"Latvijas\s*[–—-]\s*Baltkrievijas|Latvia\s*[–—-]\s*Lithuania\s*[–—-]\s*Belarus"
                                r"|Latvia\s*[–—-]\s*Belarus"),
    ("interreg-latvia-russia", r"Latvijas\s*[–—-]\s*Krievijas|Igaunijas\s*[–—-]\s*Latvijas\s*[–—-]\s*Krievijas"
                               r"|Latvia\s*[–—-]\s*Russia|Estonia\s*[–—-]\s*Latvia\s*[–—-]\s*Russia|EST-LAT-RUS|Est-Lat-Rus"
                               r"|Latvijas\s*[–—-]\s*Igaunijas\s*[–—-]\s*Krievijas"),
    # either country first: "Latvijas–Lietuvas" and "Lietuvas–Latvijas"
    ("interreg-latvia-lithuania", r"Latvij\w*\s*[–—-]\s*Lietuv\w*|Lietuv\w*\s*[–—-]\s*Latvij\w*|Latvia\s*[–—-]\s*Lithuania"
                                  r"|LatLit"),
    ("interreg-estonia-latvia", r"Igaunij\w*\s*[–—-]\s*Latvij\w*|Latvij\w*\s*[–—-]\s*Igaunij\w*|Estonia\s*[–—-]\s*Latvia"),
    ("interreg-central-baltic", r"Centrāl\w* Baltij\w*(?: jūras reģiona)?(?: programm\w*)?|Central Baltic"),
    ("interreg-bsr", r"Baltijas jūras reģiona programm\w*|Baltic Sea Region|Interreg BSR"),
    ("interreg-south-baltic", r"Dienvidbaltijas|South Baltic"),
    ("interreg-europe", r"Interreg Europe|Interreg Eiropa\w*|INTERREG IV\s?C|Interreg IV\s?C|INTERREG III\s?C|Interreg III\s?C|(?<![\w-])PGI-?\d{4,}"),
    ("urbact", r"URBACT"),
    ("uia", r"Urban Innovative Actions|Pilsētu inovatīv\w* darbīb\w*|\bUIA\b"),
    ("eui", r"European Urban Initiative|Eiropas Pilsētu iniciatīv\w*|\bEUI\b"),
    ("icc", r"Intelligent Cities Challenge|(?:Inteliģento|Viedo|Gudro) pilsētu izaicinājum\w*|\bICC\b"),
    # "Erasmus+: Jaunatne darbībā" is Erasmus+'s youth chapter, not its predecessor
    ("erasmus-plus", r"Erasmus\s?\+\s*:\s*[„“\"]?Jaunatne darbībā|(?:Erasmus|ERASMUS)\s?\+|Erasmus plus|Erasmus|ERASMUS|20\d\d-\d-[A-Z]{2}0\d-KA\d{3}"),
    ("horizon-europe", r"Horizon Europe|Apvārsn\w* Eiropa|programm\w* [„“\"]?Apvārsnis Eiropa"),
    ("horizon-2020", r"Horizon 2020|Apvārsn\w* 2020"),
    ("eea-norway-grants", r"EEZ un Norvēģijas|Eiropas Ekonomikas zonas finanšu instrument\w*|EEZ finanšu instrument\w*"
                          r"|Norvēģijas finanšu instrument\w*|Norvēģijas grant\w*|EEA and Norway Grants|Norway Grants"
                          r"|EEA Grants"),
    ("life", r"\bLIFE\b(?! Sciences)"),
    ("creative-europe", r"Radoš\w* Eirop\w*|Creative Europe"),
    # Europe for Citizens project numbers carry "CITIZ": "567890-CITIZ-1-2016-1-IT-CITIZ-TT"
    ("europe-for-citizens", r"Eiropa\s*[–—-]?\s*pilsoņiem|Eiropas pilsoņu programm\w*|Europe for Citizens|\d-CITIZ-"),
    ("digital-europe", r"Digitāl\w* Eirop\w*|Digital Europe"),
    ("nordplus", r"Nordplus|NORDPLUS"),
    ("rdp-leader", r"Lauku attīstības programm\w*|\bLEADER\b|\bLeader\b|ELFLA|Eiropas Lauksaimniecības fond\w* lauku attīstībai"
                   r"|sabiedrības virzītas vietējās attīstības stratēģij\w*|Rural Development Programme"
                   r"|vietējās rīcības grup\w*|Lauku attīstības fond\w*|Lauksaimniecības fond\w* lauku attīstībai"),
    ("rrf", r"Atveseļošanas (?:un noturības )?(?:mehānism|fond)\w*|Recovery and Resilience|\bANM\b"
            r"|\d\.\d\.\d\.\d\.i\.\d/\d/\d\d/[A-Z]/CFLA/\d{3}"),
    ("erdf-latvia", r"Izaugsme un nodarbinātība|struktūrfond\w*|Kohēzijas fond\w*|Cohesion Fund"
                    r"|Kohēzijas politikas programm\w*|\d\.\d\.\d\.\d/(?:\d/)?\d\d/[A-Z]/\d{3}\b"),
    ("other", r"\bCERV\b|Valsts kultūrkapitāla fond\w*|Latvijas vides aizsardzības fond\w*"
              r"|Klimata pārmaiņu finanšu instrument\w*|\bKPFI\b|Emisijas kvotu izsolīšanas instrument\w*|\bEKII\b"
              r"|Sabiedrības integrācijas fond\w*|Eiropas Solidaritātes korpus\w*|European Solidarity Corps"
              # the Swiss contribution, and the fisheries fund that LEADER-like groups also hand out
              r"|Latvijas\s*(?:[–—-]|un)?\s*Šveices sadarbības programm\w*|Šveices (?:finanšu )?(?:programm|ieguldījum)\w*"
              r"|Eiropas (?:Jūrlietu un )?[Zz]ivsaimniecības fond\w*|Rīcības programm\w* zivsaimniecības"),
)

#: Programmes for cooperation between bodies outside the README's keys, so `other`: Erasmus+'s predecessors
#: (the Lifelong Learning Programme's Comenius, Grundtvig and Leonardo da Vinci; Youth in Action) and the
#: Nordic-Baltic mobility programme. A body of the site's country that takes part in one is a partner.
COOPERATION_OTHER_ALIASES: tuple[str, ...] = (
    r"\bComenius\b|\bCOMENIUS\b|\bGrundtvig\b|\bGRUNDTVIG\b|Leonardo da Vin[cč]\w*|LEONARDO DA VINCI",
    r"Mūžizglītības programm\w*|mūžizglītības programm\w*|Lifelong Learning Programme",
    r"[„“\"]?Jaunatne darbībā|Youth in Action",
    r"Ziemeļvalstu un Baltijas valstu mobilitātes programm\w*|Nordic-Baltic Mobility",
)

#: Phrases that look like a programme's alias and are none: a municipality's own grant contest
#: ("Tukuma novada pašvaldības kultūras projektu konkurss") funds projects but is no programme.
NOT_PROGRAMME_ALIASES: tuple[str, ...] = (
    r"pašvaldības\s+(?:\w+\s+){0,2}projektu konkurs\w*",
)

#: A call that a municipality organises is its own grant scheme, not a programme: "Konkursa organizētājs –
#: X novada pašvaldība", "pašvaldība izsludina iedzīvotāju iniciatīvu projektu konkursu".
_MUNICIPAL_CALL = re.compile(r"(?i)konkursa\s+organizētājs\s*[:–—-]?\s*(?:\w+\s+){0,3}pašvaldība"
                             r"|pašvaldība\s+izsludin\w*\s+(?:\w+\s+){0,3}projektu konkurs")

#: Aliases that only say EU structural money is involved: Latvia's operational programme, if nothing else;
#: and the Rural Support Service and local development strategies, that stand for LEADER where no other
#: programme is named (they also hand out the fisheries fund).
WEAK_ALIASES: tuple[tuple[str, str], ...] = (
    ("erdf-latvia", r"\bERAF\b|\bERDF\b|\bESF\b|Eiropas [Rr]eģionāl\w* attīstības fond\w*|Eiropas [Ss]ociāl\w* fond\w*"),
    ("rdp-leader", r"Lauku atbalsta dienest\w*|vietēj\w* attīstības stratēģij\w*"),
)

#: An open call for projects is a programme of its own (`other`) only where nothing else is named.
FALLBACK_ALIASES: tuple[tuple[str, str], ...] = (
    ("other", r"projektu konkurs\w*"),
)

#: Project-number prefixes → programme ("Nr. LLI-136", "projekta nr. Est-Lat24").
PROJECT_NUMBER_PREFIXES: tuple[tuple[str, str], ...] = (
    ("interreg-latvia-lithuania", r"LLI|LL"),
    ("interreg-estonia-latvia", r"EE-LV|Est-?Lat|EST-?LAT"),
    ("interreg-latvia-russia", r"LVIII|LVR|ELRI"),
    ("interreg-latvia-belarus", r"LLB|ENI-LLB|LLB-\d"),     # "LLB-2-255"
    ("interreg-central-baltic", r"CB"),
    ("interreg-bsr", r"#C"),
    ("interreg-south-baltic", r"STHB\.\d\d\.\d\d\.\d\d|STHB"),
)



COOPERATION_OTHER = "other (cooperation)"   # the table tag of COOPERATION_OTHER_ALIASES' mentions

#: Project numbers stand alone: no letter, digit or dash right before them (checked after the match).
_NUMBER_ROWS = tuple((key, rf"(?:{prefix})-?\d{{2,}}") for key, prefix in PROJECT_NUMBER_PREFIXES)


_LEADING_BOUNDARY = re.compile(r"(^|\|)(\\b|\(\?<!\\w\)|\(\?<!\[\\w-\]\))([A-Za-z0-9#])")


def _fast(pattern: str) -> str:
    """``pattern`` with each leading word boundary moved behind the first letter ("\\bERAF" → "E(?<![\\w-]E)RAF"),
    where it means the same and lets the regex engine scan for the letter instead of trying every place."""
    def moved(m: re.Match) -> str:
        before = r"[\w-]" if "-" in m[2] else r"\w"
        return rf"{m[1]}{m[3]}(?<!{before}{re.escape(m[3])})"
    return _LEADING_BOUNDARY.sub(moved, pattern)


_STRONG = ([(key, re.compile(_fast(pattern)), False) for key, pattern in PROGRAMME_ALIASES]
           + [(COOPERATION_OTHER, re.compile(_fast(pattern)), False) for pattern in COOPERATION_OTHER_ALIASES]
           + [(key, re.compile(pattern), True) for key, pattern in _NUMBER_ROWS])
_WEAK = [(key, re.compile(_fast(pattern)), False) for key, pattern in WEAK_ALIASES]
_FALLBACK = ([(key, re.compile(pattern), False) for key, pattern in FALLBACK_ALIASES]
             + [("", re.compile(pattern, re.IGNORECASE), False) for pattern in NOT_PROGRAMME_ALIASES])


@dataclass(frozen=True)
class ProgrammeMention:
    key: str
    begin: int
    stop: int   # offset just past the mention
    cooperation: bool = False  # an `other` programme of cooperation between bodies (Comenius, …)


def _stands_alone(text: str, begin: int) -> bool:
    return begin == 0 or not (text[begin - 1].isalnum() or text[begin - 1] in "_-")


def _mentions(text: str, table: list[tuple[str, re.Pattern, bool]]) -> list[ProgrammeMention]:
    """Mentions in order; where aliases overlap, the longest wins
    ("Latvijas–Lietuvas–Baltkrievijas" over "Latvijas–Lietuvas")."""
    candidates = [ProgrammeMention(key, m.start(), m.end()) for key, pattern, alone in table
                  for m in pattern.finditer(text) if not alone or _stands_alone(text, m.start())]
    kept: list[ProgrammeMention] = []          # in text order, never overlapping
    for mention in sorted(candidates, key=lambda m: (m.begin - m.stop, m.begin)):
        at = bisect.bisect_left(kept, mention.begin, key=lambda k: k.begin)
        if (at == 0 or kept[at - 1].stop <= mention.begin) and (at == len(kept) or mention.stop <= kept[at].begin):
            kept.insert(at, mention)
    return [ProgrammeMention("other", m.begin, m.stop, True) if m.key == COOPERATION_OTHER else m for m in kept]


def find_programmes(text: str) -> list[ProgrammeMention]:
    """Programme mentions in ``text`` in order: strong aliases, else weak ones, else an open call."""
    tables = (_STRONG, _WEAK) if _MUNICIPAL_CALL.search(text) else (_STRONG, _WEAK, _FALLBACK)
    for table in tables:
        found = [m for m in _mentions(text, table) if m.key]
        if found:
            return found
    return []
