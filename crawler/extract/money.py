"""Euro amounts of project money and what kind of money each is.

Amounts are found by ``amounts``; those in lats are skipped. The kind says whose money it is and which
fund pays it (the corpus README's kinds), read from the words of the amount's own clause: the cue nearest before
the amount, else the first one after it ("10 012,50 EUR Programmas līdzfinansējums"). Where the
clause names none, the page around it may: a list's lead-in, a card's label line, a table's header,
a council's decision to grant co-financing, a municipality's own contest for projects (what a recipient
gets there is its money), the amount before it whose predicate it leaves out (``find_page_funding``);
page.py adds the programme that pays a project's granted money.
"""
import re
from dataclasses import dataclass
from typing import Iterable

from .amounts import EURO, LATS, NUMBER_STRICT, find_amounts
from .places import place_forms, town_genitives
from .programmes import COOPERATION_OTHER_ALIASES, PROGRAMME_ALIASES
from .sentences import Sentence

#: The names of the programmes that fund projects: money they give is EU or programme money. The
#: cooperation programmes outside the README's keys (Erasmus+'s predecessors, the Nordic-Baltic mobility
#: programme) give programme money too: "Comenius apakšprogrammas finansējums skolai".
#: (Those names open with a capital, a quote or "mūž": the lookahead lets the engine skip other words at once.)
PROGRAMME_NAMES = "|".join([pattern for key, pattern in PROGRAMME_ALIASES if key != "other"]
                           + [r"(?=[A-ZĀČĒĢĪĶĻŅŠŪŽ„“\"]|mūž)"
                              rf"(?:{'|'.join(COOPERATION_OTHER_ALIASES)})"])

#: Bodies whose own budget within a project is a partner's budget ("Digitālā centra budžets"), in the
#: genitive and dative.
HOLDER_WORDS = (r"pašvaldības|pašvaldībai|domes|domei|centra|centram|novada|novadam|partnera|partnerim"
                r"|universitātes|universitātei|aģentūras|aģentūrai|augstskolas|augstskolai|biedrības|biedrībai"
                r"|skolas|skolai|asociācijas|asociācijai|iestādes|iestādei|reģiona|reģionam|tehnikuma|tehnikumam"
                r"|koledžas|koledžai|muzeja|muzejam|bibliotēkas|bibliotēkai|parka|parkam|direkcijas|direkcijai"
                r"|institūta|institūtam|fonda|fondam|uzņēmuma|uzņēmumam|nodibinājuma"
                r"|nodibinājumam|pilsētas|pilsētai|apvienības|apvienībai|kameras|kamerai|slimnīcas|slimnīcai"
                r"|ģimnāzijas|ģimnāzijai|vidusskolas|vidusskolai|pamatskolas|pamatskolai|arodskolas|arodskolai"
                r"|bērnudārza|bērnudārzam")

#: English nouns that end the name of a body that may hold a budget within a project.
BODY_NOUNS_EN = (r"Region|Agency|Municipality|Council|University|Centre|Center|School|College|Institute"
                 r"|Association|Foundation|Museum|Library|Office|Board|Chamber|Authority|Company")
#: A body's name in English: capitalised words ending in one of BODY_NOUNS_EN ("Zemgale Planning Region").
_BODY_EN = rf"(?:(?-i:[A-ZĀČĒĢĪĶĻŅŠŪŽ])[\w-]*\s+){{0,4}}(?-i:{BODY_NOUNS_EN})\b"

#: The capitalised words of a name before its noun ("Zemgale Planning " before "Region").
_NAME_BEFORE = re.compile(r"(?:[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w-]*\s+){1,4}$")

#: The holders in the dative, who a budget is for: "Projekta budžets mūsu skolai ir 52 450 eiro".
HOLDER_DATIVES = "|".join(word for word in HOLDER_WORDS.split("|") if word.endswith(("ai", "am", "ei", "im")))

#: The EU funds and their Latvian abbreviations (ERAF, ESF, KF, ELFLA, EJZF, TPF…).
EU_FUNDS = (r"\bERAF\b|\bERDF\b|\bESF\+?|\bKF\b|\bELFLA\b|\bELGF\b|\bEJZF\b|\bEJZAF\b|\bTPF\b|\bENPI\b|\bENI\b"
            r"|\bRRF\b|\bCEF\b|European Regional Development Fund|European Social Fund|Eiropas reģionāl\w* attīstības fond\w*|Eiropas Sociālā fond\w*|Kohēzijas fond\w*"
            r"|Eiropas Lauksaimniecības fond\w*|Eiropas Jūrlietu\w*|Taisnīgas pārkārtošanās fond\w*"
            # the EEA and Norway Grants' financial mechanisms
            r"|\bEEZ\b|Norvēģijas finanšu instrument\w*|EEA and Norway Grants|Norway Grants|EEA Grants"
            r"|Recovery and Resilience Facility")

#: (kind, cue pattern). Where two cues end at the same place, the earlier row wins.
KIND_CUES: tuple[tuple[str, str], ...] = (
    # a municipality's or the state's whole budget (its revenue and spending) is no project's money
    ("none", r"budžeta\s+(?:kopēj\w*\s+)?(?:ieņēmum|izdevum)\w*|\bpamatbudžet\w*"),
    # "the remaining costs" are no total: who pays them (after the amount) tells their kind
    ("rest", r"(?:pārēj|atlikuš)\w*\s+(?:projekta\s+)?(?:izmaks|finansējum|summ|daļ)\w*"
             # a part of the total ("Of the total, EUR 30,000 is the state budget grant") is no total either
             r"|(?:of|from)\s+the\s+total\b|\bno\s+(?:projekta\s+)?kopēj\w*\s+(?:summ|izmaks|budžet|finansējum)\w*"),
    # a loan the municipality takes for a project is borrowed money, neither its own co-financing nor a grant;
    # a call's money is the call's, even where it names the fund that pays it ("kārtā pieejamais publiskais
    # finansējums"): before the funds' rows, so that it wins where both end at one place
    ("other", r"\baizņ[eē]m\w*"
              r"|(?:konkurs|kārt|atlas|uzsaukum)(?:a|ā|as|ai)\s+(?:\w+\s+){0,2}?(?:finansējum|budžet|apjom)\w*"
              # the most one project may get, to the noun it qualifies ("maksimālais ERAF finansējums",
              # "the maximum grant"); "nevar pārsniegt 50 000 eiro"
              r"|(?:maksimāl\w*|maximum)"
              r"(?:\s+(?:\w+\s+){0,2}?(?:finansējum|atbalst|apjom|summ|grant|funding|amount|support)\w*)?"
              r"|(?:nevar|nedrīkst|nevarēs)\s+pārsniegt\b|\bnepārsnie\w*"),
    # a sum of grants ("piešķīra finansējumu par kopējo summu …") is the payer's before it, else a total
    # … and so is "kopā" (in all) after the payer: "programmas finansējums projektam kopā bija …" ("kopā ar",
    # together with, stays a total's cue as it was)
    ("sum", r"kopēj\w*\s+summ\w*|kopsumm\w*|kopā\b(?!\s+ar\b)"),
    ("municipal", r"pašvaldības (?:budžeta |\w+ )?(?:līdz)?(?:finansējum|līdzekļ|ieguldījum)\w*"
                  # a municipal body's own co-financing: "pagasta pārvaldes līdzfinansējums",
                  # "novada līdzfinansējums"
                  r"|(?:pārvaldes|novada|pilsētas|domes)\s+(?:\w+\s+)?līdzfinansējum\w*"
                  # money from a municipal body's budget: "no pagasta pārvaldes budžeta"; co-financing set aside
                  # in it: "projektu līdzfinansēšanai pašvaldības budžetā rezervēti", "pašvaldības budžetā
                  # līdzfinansējumu" (an allocation in it for anything else is no cue: "budžetā izglītībai")
                  r"|\bno\s+(?:\w+\s+){0,2}?(?:pašvaldības|pārvaldes|novada|pilsētas|domes)\s+budžet\w*"
                  r"|līdzfinansē\w*\s+(?:\w+\s+){0,3}?(?:pašvaldības|pārvaldes|novada|pilsētas|domes)\s+(?:[\w.]+\s+){0,2}?"
                  r"budžetā\s+(?:\w+\s+)?(?:rezervē|paredzē|ieplānot)\w*"
                  r"|(?:pašvaldības|pārvaldes|novada|pilsētas|domes)\s+(?:[\w.]+\s+){0,2}?budžetā\s+(?:\w+\s+){0,3}?"
                  r"līdzfinansē\w*"
                  # the council's deputies give the money: "deputāti … iedalīja līdzekļus"
                  r"|deputāt\w*\s+(?:\S+\s+){0,8}?(?:iedalī|piešķīr|piešķir)\w*\s+(?:\S+\s+){0,2}?"
                  r"(?:līdzekļ|līdzfinansējum|finansējum)\w*"
                  r"|municipal(?:ity's)? co-?financing"
                  # a budget table's label ("pašvaldība – 12 000 EUR"); co-financing the council grants
                  r"|\bpašvaldība\s*[–—:|-]|\bdome\w*\s+(?:[\w.]+\s+){0,8}?līdzfinansējum\w*"
                  # the municipality as the one who pays: "ko līdzfinansē Ogres novada pašvaldība ar 1 200 eiro"
                  r"|(?:(?:līdz)?finansē(?:ja|s|jusi)?|sedz|sedza|segs)\s+(?:\w+\s+){0,3}?pašvaldība\b"
                  # … or as the subject: "pašvaldība nodrošinās līdzfinansējumu", "pašvaldība sedz"
                  r"|\bpašvaldība\s+(?:\w+\s+)?(?:nodrošin|sedz|sedza|segs|līdzfinansē|finansē|piešķīr|piešķir)\w*"
                  r"(?:\s+(?:\w+\s+)?(?:līdz)?finansējum\w*)?"
                  # English: "the municipality co-finances EUR 20,000", "the city will co-finance", "the
                  # municipality's contribution"
                  r"|(?:municipality|city|town|council)\s+(?:will\s+)?(?:co-?)?financ(?:es|ed|e)\b"
                  r"|(?:municipality|city|town|council)['’]s\s+(?:own\s+)?(?:contribution|co-?financing|funding)"),
    ("partner", rf"(?P<holder>(?:(?-i:[A-ZĀČĒĢĪĶĻŅŠŪŽ])\w*\s+)*(?:(?:{HOLDER_WORDS})\s+)*(?:{HOLDER_WORDS}))\s+(?:\w+\s+){{0,3}}?"
                # "budžetā" (in its budget) is what the body sets aside, not its budget within a project
                r"(?:budžet(?!ā)\w*|izmaks\w*|finansējuma daļ\w*|daļa\b|projektā\s+(?:paredzēt|piešķirt)\w*)|partner\w* budžet\w*"
                # English: "Valmiera's budget", "Ventspils City Council's part", "the Digital Centre's part of
                # the grant", "The Valmiera budget in the network"
                r"|(?P<holder_en>(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*)*)['’]s\s+(?:own\s+)?(?:budget|part|share|costs?)"
                r"(?:\s+(?:of|in)\s+the\s+(?:grant|budget|project|network|funding))?"
                r"|(?-i:The)\s+(?P<holder_town>(?-i:[A-Z])\w+)\s+budget\b|partner['’]?s?\s+budget"
                # a named body's budget: "Kurzeme Planning Region budget", "the budget of Riga Technical
                # University" (BODY_NOUNS_EN; "the budget of the project" names no body). The row opens with
                # the body's noun, not its name, so that it fails at once at most words; classify() reads
                # the name's words before the noun.
                rf"|(?P<holder_body>(?-i:(?=[A-Z])(?:{BODY_NOUNS_EN})))\s+(?:own\s+)?budget\b"
                rf"|budget\s+of\s+(?:the\s+)?(?P<holder_body_of>{_BODY_EN})"
                # the body named after the budget, in the dative: "budžets mūsu skolai" (the project's
                # total budget, "kopējais budžets …", is no one body's)
                rf"|(?<!kopējais\s)budžets\s+(?:\w+\s+)?(?P<holder_after>{HOLDER_DATIVES})\b"),
    ("national", r"valsts budžet\w*|valsts (?:līdz)?finansējum\w*|valsts ieguldījum\w*"
                 # a target grant ("mērķdotācija") is given from the state budget
                 r"|mērķdotācij\w*|nacionāl\w* (?:līdz)?finansējum\w*"
                 r"|valsts dotācij\w*|state budget(?: grant| funding)?|national co-?financing"
                 # a ministry or the Cabinet gives the state's money (a fund named nearer names EU money)
                 r"|ministrij\w*|Ministru kabinet\w*|\bMK\b|\bministry\b"),
    ("eu", rf"{EU_FUNDS}|Eiropas Savienīb\w*|\bES\b (?:fondu )?(?:līdz)?finansējum\w*"
           r"|programmas (?:līdz)?finansējum\w*|programmas līdzekļ\w*"
           # the public aid of a granted project (ELFLA and state money the programme pays out)
           r"|publisk\w* (?:finansējum|atbalst)\w*|Interreg\w*|Erasmus\+?|grant\w*"
           r"|Lauku atbalsta dienest\w*|Centrālā finanšu un līgumu aģentūr\w*|\bCFLA\b|finanšu instrument\w*|\bEU\b"
           # the Commission and the EU programmes outside PROGRAMME_NAMES' keys give EU money too
           r"|Eiropas Komisij\w*|European Commission|Eiropas Solidaritātes korpus\w*|European Solidarity Corps"
           # English: "EUR 78,400 from the programme", "programme co-financing"; then the programmes' names
           # (PROGRAMME_NAMES, a row of their own in _CUES)
           r"|from the programme|programme (?:co-?)?(?:funding|financing)|European Union"
           r"|(?:sedz|finansē|līdzfinansē)\w*\s+(?:\w+\s+)?(?:programm|iniciatīv)\w*"),
    ("other", r"privāt\w*|partneru (?:līdz)?(?:finansējum|līdzekļ|ieguldījum)\w*|(?:projekta )?partneri\b"
              r"|partners['’]?\s+(?:own\s+)?(?:contribution|co-?financing)"
              r"|ne (?:lielāk|vairāk)\w* (?:kā|par)|līdz pat|konkurs\w*"),
    ("total", r"kopēj\w*|kopā\s+ar\b"
              r"|projekta (?:izmaksas|budžets|vērtība|apjoms|izdevumi|summa|kopsumma)|\btotal\b"
              # English: "the project budget", "the cost of the second phase"
              r"|project(?:['’]s)?\s+(?:budget|costs?|value)\b"
              r"|(?:budget|costs?|value)\s+of\s+the\s+(?:\w+\s+)?(?:project|phase)\b"
              # a phase's budget is its total: "projekta otrās fāzes budžets", "Pirmās fāzes izmaksas"
              r"|fāz(?:es|ei)\s+(?:budžet|izmaks)\w*"
              # … and so is the budget a sentence that opens with a phase names ("Otrajā fāzē partneri
              # pēta …, tās budžets ir …"); a body's budget named nearer wins (an earlier row)
              r"|fāz\w*(?:\s+\S+){0,12}?\s+budžet(?!ā)\w*"
              # so are a stage's costs ("būvdarbu otrās kārtas izmaksas"): a call has money, not costs
              r"|(?:posm|kārt|etap)(?:a|as|ai|am)\s+(?:\w+\s+)?izmaks\w*"
              # the eligible costs are the project's total as the programme counts it
              r"|attiecinām\w*\s+izmaks\w*"
              # "493 000 eiro vērts projekts": what the project is worth
              r"|^\s*vērt(?:s|a|am|u|ā|ais|ajam)\b"
              # "par pusmiljonu eiro pārbūvēs ielu": the works the amount pays for, named right after it
              r"|^\s*(?:\w+\s+)?(?:pār|iz|at|re)?(?:būvē|būvēt|būvēs|jaunot|jaunos|konstruē|konstruēs)\w*"),
)
#: Cue rows that name no kind of money but steer the choice of one (no budget, the rest, a sum).
STEERING_CUES = frozenset({"none", "rest", "sum"})

#: Words that make an amount project money at all, when no kind cue names it.
FUNDING_WORDS = (r"finansējum\w*|līdzfinans\w*|finansē\w*|izmaks\w*|budžet\w*|apjom\w*|piešķir\w*|atbalst\w*|sedz\w*"
                 r"|ieguldījum\w*|funding|budget\w*|co-?financ\w*|contribution|costs?\b")

#: Words that make an amount a price or a wage, not project money.
NOT_FUNDING_WORDS = (r"\bcen\w*|maksā\b|maksa\b|\b(?:mēneš)?alg\w*|atalgojum\w*|biļet\w*|ieejas|dāvan\w*|naudas balv\w*|\bsod\w*"
                     r"|ziedo\w*|saziedo\w*|stipendij\w*|pabalst\w*|nodokl\w*|ieņēmum\w*"
                     # English prices, fees, wages and prizes
                     r"|\bticket\w*|\bprice\w*|\bfees?\b|\badmission|\bsalar\w*|\bwages?\b|\bprizes?\b")

#: Money a project is to attract from others ("piesaistīt 1,4 miljonus eiro privāto investīciju") is a result
#: it aims at, not the project's own money.
_ATTRACTED_AFTER = re.compile(r"(?i)^\s*(?:\w+\s+)?privāt\w*\s+investīcij\w*")
#: Only the aim is meant ("plānots piesaistīt", "piesaistīs"): money a project attracted ("piesaistīti 16 200
#: eiro ELFLA finansējuma") is its own.
_ATTRACTED_BEFORE = re.compile(r"(?i)\bpiesaist(?:īt|īs|īsim|īsies|ītu)\s+(?:\w+\s+){0,2}$")
#: Each cue begins a word: the engine then gives up at once inside words instead of trying every alternative.
#: The programmes' names follow the eu row, matched with their own case as programmes.py matches them.
_CUES = [(kind, re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE)) for kind, pattern in KIND_CUES]
_EU_ROW = next(index for index, (kind, _) in enumerate(_CUES) if kind == "eu")
_CUES.insert(_EU_ROW + 1, ("eu", re.compile(rf"(?<!\w)(?:{PROGRAMME_NAMES})")))
#: Money granted to a project, where no cue says who pays: "Projektam piešķirtais finansējums – 18 550 EUR".
_GRANTED = re.compile(r"(?i)\bpiešķir\w*\s+(?:\w+\s+)?finansējum\w*|\bfinansējum\w*\s+(?:\w+\s+)?piešķir\w*")
_FUNDING = re.compile(rf"(?<!\w)(?:{FUNDING_WORDS})", re.IGNORECASE)
_NOT_FUNDING = re.compile(rf"(?<!\w)(?:{NOT_FUNDING_WORDS})", re.IGNORECASE)
_PERCENT_BEFORE = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s?%")
_PERCENT_AFTER = re.compile(r"^\s*\(\s*(\d{1,3}(?:[.,]\d+)?)\s?%")
#: The base a share is counted from ("90% no projekta kopējām izmaksām") names no kind of the amount it stands by.
_SHARE_BASE = re.compile(r"(?i)\d{1,3}(?:[.,]\d+)?\s?%\s*(?:apmērā\s+)?no\s+(?:\w+\s+){0,3}?"
                         r"(?:izmaks|budžet|finansējum)\w*")
#: Where the words between two amounts stop speaking of the first: the first comma, "un", "tostarp".
#: " un " or " and " before a capital continues a name ("EEZ un Norvēģijas finanšu instruments", "Recovery and
#: Resilience Facility") and breaks nothing.
_CLAUSE_BREAK = re.compile(r",|;|\s(?:un|and)\s(?![A-ZĀČĒĢĪĶĻŅŠŪŽ])|\s(?:tostarp|t\.\s?sk\.|including)\s")


@dataclass(frozen=True)
class Funding:
    amount: float
    currency: str
    kind: str
    holder: str | None
    share_pct: float | None
    begin: int
    #: money granted with no payer named ("projektam piešķirtais finansējums", "kopējais piešķirtais
    #: finansējums"): the programme that funds the project pays it, or the municipality its own scheme
    granted: bool = False

    def to_dict(self) -> dict:
        return {"amount": self.amount, "currency": self.currency, "kind": self.kind,
                "holder": self.holder, "share_pct": self.share_pct}


#: A town's own budget within a project, named by the town alone: "Valmieras budžets 2. fāzē ir 85 000 EUR".
#: "Valmieras daļa – 245 000 EUR" is the town's part too.
_TOWN_BUDGET = re.compile(r"(?P<holder>(?-i:[A-ZĀČĒĢĪĶĻŅŠŪŽ])\w+)\s+(?:budžet(?!ā)\w*|finansējuma daļ\w*|daļa\b)",
                          re.IGNORECASE)


def _is_town_genitive(word: str) -> bool:
    # any town's genitive, also where it equals another case ("Ventspils", "Daugavpils"): looking the
    # word up in place_forms() alone gives only its first case, "nom" for those
    form = place_forms().get(word)
    return word in town_genitives() and not (form and form[2])


def _last_cue(context: str) -> tuple[str, re.Match] | None:
    best = None
    for match in _TOWN_BUDGET.finditer(context):
        if _is_town_genitive(match["holder"]):
            best = ("partner", match)
    for kind, pattern in _CUES:
        for match in pattern.finditer(context):
            if best is None or match.end() > best[1].end():
                best = (kind, match)
    return best


def _first_cue(context: str) -> tuple[str, re.Match] | None:
    best = None
    for kind, pattern in _CUES:
        match = pattern.search(context)
        if match and (best is None or match.start() < best[1].start()):
            best = (kind, match)
    return best


def _percent(before: str, after: str) -> float | None:
    found = _PERCENT_AFTER.search(after) or (list(_PERCENT_BEFORE.finditer(before)) or [None])[-1]
    return float(found.group(1).replace(",", ".")) if found else None


def _cue(before: str, after: str) -> tuple[str, re.Match] | None:
    """The cue of an amount: the nearest before it, else the first after it. "The remaining costs" before
    it leave the kind to the payer after it ("… sedz pašvaldība"), or to "other"."""
    before, after = _SHARE_BASE.sub(_blank, before), _SHARE_BASE.sub(_blank, after)
    cue = _last_cue(before)
    if cue is not None and cue[0] == "sum":
        payer = _last_cue(before[:cue[1].start()])
        # … unless a cost word stands between: "ES fondu projekta izmaksas kopā ir …" is the whole cost
        costs = payer and _COST_WORD.search(before, payer[1].end(), cue[1].start())
        cue = payer if payer and payer[0] in _PAYERS and not costs else ("total", cue[1])
    if cue is None or cue[0] == "rest":
        after_cue = _first_cue(after)
        cue = after_cue if after_cue and after_cue[0] != "rest" else cue and ("other", cue[1])
    if cue is not None and cue[0] == "sum":     # a sum named after the amount, with no payer: a total
        cue = ("total", cue[1])
    return cue


#: The kinds that say who pays.
_PAYERS = ("eu", "national", "municipal", "partner")


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


def classify(before: str, after: str, require_cue: bool = False,
             lead_in: str = "", scheme: bool = False) -> tuple[str, str | None] | None:
    """Kind and holder of an amount from its clause's words; ``None`` where it is no project money.
    Without a cue of its own, a list's ``lead_in`` gives it; else funding words alone ("piešķirti",
    "budžets") make it "other" money, unless ``require_cue``; on a page of a municipality's own grant
    contest (``scheme``), the support a recipient gets ("saņems 1 200 eiro") is the municipality's.
    Under a lead-in of partners' budgets ("Partneru budžeti: Jelgavas pilsētas pašvaldība – 310 000 EUR"),
    a municipality named bare is a partner."""
    cue = _cue(before, after)
    lead = _cue(lead_in, "") if lead_in else None
    if cue is None or (lead and lead[0] == "partner" and cue[0] == "municipal"
                       and not _MONEY_NOUN.search(cue[1].group())):
        cue = lead or cue
    if cue is None:
        if (scheme and _RECEIVES.search(f"{before} {after}") and not _NOT_FUNDING.search(before)
                and not _MAY_GET.search(before)):
            return "municipal", None
        if require_cue or _NOT_FUNDING.search(before) or not (_FUNDING.search(before) or _FUNDING.search(after)):
            return None
        return "other", None
    kind, match = cue
    if kind == "none":
        return None
    groups = match.groupdict()
    holder = (groups.get("holder") or groups.get("holder_en") or groups.get("holder_town")
              or groups.get("holder_after") or groups.get("holder_body_of"))
    if groups.get("holder_body"):       # the body's noun: its name's words stand before it
        name = _NAME_BEFORE.search(match.string, max(0, match.start() - 80), match.start())
        holder = (name.group() if name else "") + groups["holder_body"]
    return kind, holder.strip() if holder else None


#: A whole's cost or value named between a payer and "kopā": the amount is the total, not the payer's.
_COST_WORD = re.compile(r"(?i)\b(?:izmaks|budžet|vērtīb|costs?\b|budget)")
#: What a recipient may get ("var saņemt", "līdz 3 000 eiro") is a contest's maximum, not an award.
_MAY_GET = re.compile(r"(?i)\b(?:var|varēs|varēja|varētu|drīkst)\b|\blīdz\s*$")


#: A municipal cue that names money ("pašvaldības līdzfinansējums") says whose money it is even under a
#: lead-in of partners' budgets; one that names only the municipality ("pašvaldība –") is a partner there.
_MONEY_NOUN = re.compile(r"(?i)finansē|līdzekļ|ieguldījum|budžet|sedz|segs|co-?financ|contribution|funding")


def _clause_bounds(sentence: str, begin: int, end: int) -> tuple[int, int]:
    """Split the words between two amounts at the first clause break: the first amount's clause ends
    there and the second one's begins. Without a break, the words belong to both."""
    found = _CLAUSE_BREAK.search(sentence, begin, end)
    return (found.start(), found.start()) if found else (end, begin)


def find_funding(sentence: str, offset: int = 0, require_cue: bool = False, lead_in: str = "",
                 label: str = "", scheme: bool = False) -> list[Funding]:
    """The euro amounts of project money in one sentence, each with its kind and share. Amounts in lats
    are no project's euro: their words stay in the clauses of the euro amounts around them. An amount
    with no cue of its own in a list takes its kind from the list's lead-in: the words before the colon
    that opens it, in this sentence or ``lead_in`` (the sentence that opened the list). A card's ``label``
    (the line before, "Konkursā pieejamais finansējums") stands before the sentence's first amount."""
    amounts = [a for a in find_amounts(sentence) if a.currency == "EUR"]
    gaps = [_clause_bounds(sentence, a.stop, b.begin) for a, b in zip(amounts, amounts[1:])]
    funding: list[Funding] = []
    for index, amount in enumerate(amounts):
        before_begin = gaps[index - 1][1] if index else 0
        after_end = gaps[index][0] if index < len(gaps) else _clause_bounds(sentence, amount.stop, len(sentence))[0]
        before, after = sentence[before_begin:amount.begin], sentence[amount.stop:after_end]
        if label and not index and not _WORDS.search(before):   # the line opens with its amount
            before = f"{label}\n{before}"
        if _ATTRACTED_AFTER.search(after) or _ATTRACTED_BEFORE.search(before):
            continue
        colon = sentence.rfind(":", 0, amount.begin)
        kind = (_elided(before, after, funding[-1] if funding else None)
                or classify(before, after, require_cue, sentence[:colon] if colon >= 0 else lead_in, scheme))
        if kind is None:
            continue
        granted = kind[0] in ("other", "total") and kind[1] is None and bool(_GRANTED.search(before)
                                                                             or _GRANTED.search(after))
        funding.append(Funding(amount.value, "EUR", kind[0], kind[1], _percent(before, after),
                               offset + amount.begin, granted))
    return funding


def _elided(before: str, after: str, previous: Funding | None) -> tuple[str, str | None] | None:
    """The kind of the amount before, where this one's words leave the predicate out and name no kind:
    "Pirmā projekta izmaksas ir 45 000 EUR, otrā – 62 000 EUR"."""
    if previous is None or not _ELLIPSIS.match(before) or _cue(before, after) is not None:
        return None
    return previous.kind, None


#: Words that leave the predicate out: a few words and a dash ("otrā –", "bet jauniešu biedrībai –").
#: A numbered label may be one of the words ("bet 2.1. rīcībā –", "otrajā kārtā 3. –"), a bare number not.
_ELLIPSIS = re.compile(r"^[\s,;]*(?:(?:un|bet|savukārt|a)\s+)?(?:(?:[^\s\d]+|\d+(?:\.\d+)*\.|\d+(?:\.\d+)+)\s+){0,3}"
                       r"[–—-]\s*$")
#: A card's label on its own line, its amount on the next: "Konkursā pieejamais finansējums" / "40 000 EUR".
_LABEL = re.compile(r"^[^\d.!?:;]{3,80}$")
#: A word (a currency code is not one): a label names the amount only where its line opens with it.
_WORDS = re.compile(r"[^\W\d_]{4,}")
#: A council's decision to grant co-financing: the co-financing a page speaks of after it, with no payer
#: named, is the municipality's ("Dome sēdē lēma par līdzfinansējuma piešķiršanu biedrību projektiem").
_COUNCIL_GRANTS = re.compile(r"(?i)\b(?:dome|domes|deputāt\w*)\s+(?:[\w.]+\s+){0,8}?"
                             r"(?:līdzfinansējum\w*|piešķīr\w*\s+(?:\w+\s+)?līdzfinansējum\w*)")
CO_FINANCING = re.compile(r"(?i)līdzfinansē\w*")
#: A municipality's own contest for projects ("pašvaldības rīkotais iedzīvotāju projektu konkurss",
#: "pašvaldība izsludina līdzfinansējuma konkursu"): the support it gives the projects is its own money. A
#: contest of anything else (photos, prizes) is no grant scheme.
_MUNICIPAL_CONTEST = re.compile(r"(?i)\b(?:pašvaldīb|dome|novada\s+pašvaldīb)\w*\s+(?:\w+\s+){0,2}?"
                                r"(?:rīko|izsludin|organizē)\w*\s+(?:\S+\s+){0,3}?"
                                r"(?:projekt|iniciatīv|grant|līdzfinansējum|atbalst)\w*\s+konkurs\w*")
#: A recipient getting or being granted money: "saņems 900 eiro", "Lielāko summu – 2 000 eiro – saņems …",
#: "biedrībai piešķirti 700 eiro".
_RECEIVES = re.compile(r"(?i)\bsaņem\w*|\bsaņēm\w*|\bpiešķir\w*|\bpiešķīr\w*")
#: A list's item: a line opened by a bullet or a dash, or ended by ";" (the lines of "…mājām:" below it).
_LIST_ITEM = re.compile(r"^\s*[•·*▪–—-]|;\s*$")
#: A table's row: cells split by "|" or tabs; a header row that names the currency gives it to the rows below.
_TABLE_ROW = re.compile(r"\||\t")
_CURRENCY_WORD = re.compile(rf"(?<!\w)(?:{EURO}|{LATS})(?!\w)", re.IGNORECASE)
_BARE_NUMBER_CELL = re.compile(rf"(?<![\w.,])({NUMBER_STRICT})(?=\s*(?:\||\t|$))")


def _table_row(text: str) -> str:
    """A table row's bare numbers with the header's euro: "ERAF | 642 600,00" → "ERAF | 642 600,00 EUR"."""
    return _BARE_NUMBER_CELL.sub(r"\1 EUR", text)


def find_page_funding(sentences: Iterable[Sentence], require_cue: bool = False) -> list[Funding]:
    """The funding of a page's sentences in order. A list's items without a cue of their own take the
    kind of its lead-in (the sentence ending in ":" and the one before it, whose amount the list breaks
    down); the rows of a table whose header names the euro are read as euro."""
    funding: list[Funding] = []
    previous, list_lead, list_opener, euro_table, council, scheme = "", "", "", False, "", False
    for sentence in sentences:
        text = sentence.text
        is_row = bool(_TABLE_ROW.search(text))
        if is_row and euro_table and not _CURRENCY_WORD.search(text):
            text = _table_row(text)
        euro_table = is_row and (euro_table or bool(_CURRENCY_WORD.search(text)))
        # the list's last item ends with a full stop: "…;" / "…;" / "… – 900 EUR."
        if not (_LIST_ITEM.search(text) or previous.endswith((":", ";"))):
            list_lead, list_opener = "", ""
        lead_in = list_lead
        council = council or (text if "līdzfinansējum" in text.lower() and _COUNCIL_GRANTS.search(text) else "")
        if council and not lead_in and CO_FINANCING.search(text):
            lead_in = council
        # a list after a council's decision to grant co-financing, opened by words that name no money of
        # their own ("Atbalstu saņems:"), lists the council's co-financing, whatever the sentence before
        # the lead-in says of other funds
        if council and lead_in and list_opener and _cue(list_opener, "") is None:
            lead_in = _COUNCIL_GRANTS.search(council).group()    # its words up to the co-financing
        label = previous if _LABEL.match(previous) else ""
        # (the plain word test first: the pattern is searched only in the few sentences of a contest)
        scheme = scheme or ("onkurs" in text and bool(_MUNICIPAL_CONTEST.search(text)))
        funding += find_funding(text, sentence.start, require_cue, lead_in, label, scheme)
        if text.endswith(":"):
            list_lead, list_opener = f"{previous} {text}", text
        previous = text
    return funding
