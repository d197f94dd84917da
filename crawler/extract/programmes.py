"""Funding programmes named on a page → the README's programme keys.

Aliases are regular expressions over Latvian and English names. *Strong* aliases name a programme
outright; *weak* ones (ERAF, "Eiropas Savienības fondi") only say that EU structural money is involved
and stand for Latvia's own operational programme when nothing stronger is named. Project numbers of
the cross-border programmes ("LLI-136", "EE-LV00057", "Est-Lat24") name their programme too.
"""
import re
from dataclasses import dataclass

#: (programme key, alias pattern); where two overlap in text, the longer mention wins.
PROGRAMME_ALIASES: tuple[tuple[str, str], ...] = (
    ("interreg-latvia-belarus", r"Latvijas\s*[–—-]\s*Lietuvas\s*[–—-]\s*Baltkrievijas"),
    ("interreg-latvia-belarus", r"Latvijas\s*[–—-]\s*Baltkrievijas|Latvia\s*[–—-]\s*Lithuania\s*[–—-]\s*Belarus"
                                r"|Latvia\s*[–—-]\s*Belarus"),
    ("interreg-latvia-russia", r"Latvijas\s*[–—-]\s*Krievijas|Igaunijas\s*[–—-]\s*Latvijas\s*[–—-]\s*Krievijas"
                               r"|Latvia\s*[–—-]\s*Russia"),
    ("interreg-latvia-lithuania", r"Latvij\w*\s*[–—-]\s*Lietuv\w*|Latvia\s*[–—-]\s*Lithuania|LatLit"),
    ("interreg-estonia-latvia", r"Igaunij\w*\s*[–—-]\s*Latvij\w*|Estonia\s*[–—-]\s*Latvia"),
    ("interreg-central-baltic", r"Centrālā Baltijas jūras reģiona(?: programm\w*)?|Central Baltic"),
    ("interreg-bsr", r"Baltijas jūras reģiona programm\w*|Baltic Sea Region|Interreg BSR"),
    ("interreg-south-baltic", r"Dienvidbaltijas|South Baltic"),
    ("interreg-europe", r"Interreg Europe|Interreg Eiropa\w*|INTERREG IVC|Interreg IV C"),
    ("urbact", r"URBACT"),
    ("uia", r"Urban Innovative Actions|Pilsētu inovatīvās darbības|Pilsētu inovatīvo darbību"),
    ("eui", r"European Urban Initiative|Eiropas Pilsētu iniciatīv\w*"),
    ("icc", r"Intelligent Cities Challenge|Inteliģento pilsētu izaicinājum\w*"),
    ("erasmus-plus", r"Erasmus\s?\+|Erasmus plus|Erasmus"),
    ("horizon-europe", r"Horizon Europe|Apvārsnis Eiropa|programm\w* [„“\"]?Apvārsnis Eiropa"),
    ("horizon-2020", r"Horizon 2020|Apvārsnis 2020"),
    ("eea-norway-grants", r"EEZ un Norvēģijas|Eiropas Ekonomikas zonas finanšu instrument\w*"
                          r"|Norvēģijas finanšu instrument\w*|EEA and Norway Grants|Norway Grants"),
    ("life", r"\bLIFE\b(?! Sciences)"),
    ("creative-europe", r"Radošā Eiropa|Creative Europe"),
    ("europe-for-citizens", r"Eiropa pilsoņiem|Europe for Citizens"),
    ("digital-europe", r"Digitālā Eiropa|Digital Europe"),
    ("nordplus", r"Nordplus"),
    ("rdp-leader", r"Lauku attīstības programm\w*|\bLEADER\b|\bLeader\b|ELFLA|Eiropas Lauksaimniecības fond\w* lauku attīstībai"
                   r"|sabiedrības virzītas vietējās attīstības stratēģij\w*|Rural Development Programme"),
    ("rrf", r"Atveseļošanas (?:un noturības )?(?:mehānism|fond)\w*|Recovery and Resilience"),
    ("erdf-latvia", r"Izaugsme un nodarbinātība|struktūrfond\w*|Kohēzijas fond\w*|Cohesion Fund"),
    ("other", r"\bCERV\b|projektu konkurs\w*"),
)

#: Aliases that only say EU structural money is involved: Latvia's operational programme, if nothing else.
WEAK_ALIASES: tuple[tuple[str, str], ...] = (
    ("erdf-latvia", r"\bERAF\b|\bERDF\b|\bESF\b|Eiropas Reģionālās attīstības fond\w*|Eiropas Sociālā fond\w*"),
)

#: Project-number prefixes → programme ("Nr. LLI-136", "projekta nr. Est-Lat24").
PROJECT_NUMBER_PREFIXES: tuple[tuple[str, str], ...] = (
    ("interreg-latvia-lithuania", r"LLI|LL"),
    ("interreg-estonia-latvia", r"EE-LV|Est-?Lat|EST-?LAT"),
    ("interreg-latvia-russia", r"LVIII|LVR|ELRI"),
    ("interreg-latvia-belarus", r"LLB|ENI-LLB"),
    ("interreg-central-baltic", r"CB"),
    ("interreg-bsr", r"#C"),
)



_NUMBER_ROWS = tuple((key, rf"(?<![\w-])(?:{prefix})-?\d{{2,}}") for key, prefix in PROJECT_NUMBER_PREFIXES)
_STRONG = [(key, re.compile(pattern)) for key, pattern in PROGRAMME_ALIASES + _NUMBER_ROWS]
_WEAK = [(key, re.compile(pattern)) for key, pattern in WEAK_ALIASES]


@dataclass(frozen=True)
class ProgrammeMention:
    key: str
    begin: int
    end: int


def _mentions(text: str, table: list[tuple[str, re.Pattern]]) -> list[ProgrammeMention]:
    """Mentions in order; where aliases overlap, the longest wins
    ("Latvijas–Lietuvas–Baltkrievijas" over "Latvijas–Lietuvas")."""
    candidates = [ProgrammeMention(key, m.start(), m.end()) for key, pattern in table for m in pattern.finditer(text)]
    kept: list[ProgrammeMention] = []
    for mention in sorted(candidates, key=lambda m: (m.begin - m.end, m.begin)):
        if all(mention.end <= k.begin or mention.begin >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.begin)


def find_programmes(text: str) -> list[ProgrammeMention]:
    """Programme mentions in ``text`` in order; weak aliases only where no strong one is found."""
    return _mentions(text, _STRONG) or _mentions(text, _WEAK)
