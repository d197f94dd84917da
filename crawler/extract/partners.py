"""The bodies that carry out a project together, and their countries.

Found from: the lead partner ("Projekta galvenais/vadošais partneris ir …", "… (vadošais partneris)",
"…, kā vadošais partneris"); partner lists ("projekta partneri – A (Itālija), B un C",
"partneriem no Lietuvas – …"); countries listed as such ("partneri no 6 valstīm: Lietuvas, …",
"pārstāvētas 4 valstis – …"); names with a country in brackets ("Mesīna (Itālija)", "Olustveres (EE)");
quoted bodies in a partnership agreement; nationalities ("Norvēģu partneriem", "the Croatian
municipality"); a country's genitive before a body or group ("Igaunijas Mulgi pagasts", "viesojās Polijas
seniori") and its locative after a partner or a body that takes part ("partneriem Lietuvā", "sadarbojas ar
skolām Somijā"); groups "from" a country that visit within a project; and, for a cross-border programme,
bodies of its other country ("Biržu rajona pašvaldības", "Zarasu ģimnāzija"). A partner named without a
country on these Latvian pages is Latvian; Latvia itself counts where a Latvian body takes part in a
cooperation (a foreign partner, a cooperation programme with the site's own body named, two home bodies).
"""
import re
from dataclasses import dataclass

from .places import HOME_COUNTRY, Place, find_places

#: Nouns that make a phrase a body (an organisation), in Latvian and English.
BODY_NOUNS = (r"pašvaldīb\w*|dome\w*|centr\w*|reģion\w*|aģentūr\w*|augstskol\w*|universitāt\w*|akadēmij\w*|skol(?!ēn)\w*"
              r"|biedrīb\w*|asociācij\w*|muzej\w*|bibliotēk\w*|tehnikum\w*|park\w*|koledž\w*|iestād\w*"
              r"|pārstāvj\w*|delegācij\w*|(?i:planning region|municipality|city council|university|agency)"
              # Estonian and Lithuanian local bodies in Latvian: "Võru pagasts", "Valgas apriņķis"
              r"|pagast\w*|apriņķ\w*")

#: More nouns of a body, seen only after a country's name ("Baltkrievijas Braslavas rajona izpildkomiteja"):
#: schools by their kind, the bodies of Belarusian and Russian districts, and other organisations.
FOREIGN_BODY_NOUNS = (r"vidusskol\w*|pamatskol\w*|arodskol\w*|ģimnāzij\w*|izpildkomitej\w*|administrācij\w*"
                      r"|organizācij\w*"
                      r"|institūcij\w*|fond(?:s|a|am|u)\b|pilsēt(?:a|ai|u)\b")

#: Groups of people who come from a body of a country, in the nominative or dative ("Polijas seniori",
#: "Igaunijas kolēģiem", "Krievijas puse"); a genitive ("Slovēnijas skolēnu grupa") is rather a group of
#: ours that went there, so it is left out.
GROUP_NOUNS = (r"skolēn(?:i|iem)|jaunieš(?:i|iem)|skolotāj(?:i|iem)|senior(?:i|iem)|kolēģ(?:i|iem)|pārstāv(?:ji|jiem)"
               r"|delegācij(?:a|ai)|dalībniek(?:i|iem)|partner(?:i|is|iem|im|us|u)|pus(?:e|i)")

#: Plural dative and locative endings: "Latgales reģiona pašvaldībām" is many unnamed bodies, not one.
PLURAL_ENDINGS = ("ām", "ās", "iem", "os")

#: Programmes whose projects are cooperation between bodies, so a Latvian body taking part is a partner.
COOPERATION_PROGRAMMES = frozenset({
    "urbact", "uia", "eui", "icc", "interreg-bsr", "interreg-central-baltic", "interreg-estonia-latvia",
    "interreg-latvia-lithuania", "interreg-europe", "interreg-latvia-russia", "interreg-latvia-belarus",
    "interreg-south-baltic", "erasmus-plus", "horizon-2020", "horizon-europe", "creative-europe",
    "europe-for-citizens", "nordplus",
})

#: Countries of each cross-border programme: a body from one of them named on the page takes part.
PROGRAMME_COUNTRIES: dict[str, frozenset[str]] = {
    "interreg-latvia-lithuania": frozenset({"LV", "LT"}),
    "interreg-estonia-latvia": frozenset({"EE", "LV"}),
    "interreg-latvia-russia": frozenset({"LV", "RU"}),
    "interreg-latvia-belarus": frozenset({"LV", "LT", "BY"}),
    "interreg-central-baltic": frozenset({"FI", "EE", "LV", "SE"}),
    "interreg-south-baltic": frozenset({"DK", "DE", "LT", "PL", "SE"}),
}

#: Nationality words (genitive plural) → country: "Norvēģu partneriem", "igauņu kolēģiem" (but not "krievu
#: skolēni", who may be pupils of a Latvian school).
NATIONALITIES: dict[str, str] = {
    "latviešu": "LV", "lietuviešu": "LT", "igauņu": "EE", "somu": "FI", "zviedru": "SE", "norvēģu": "NO",
    "dāņu": "DK", "vācu": "DE", "poļu": "PL", "franču": "FR", "itāļu": "IT", "spāņu": "ES",
    "portugāļu": "PT", "grieķu": "GR", "rumāņu": "RO", "baltkrievu": "BY", "krievu": "RU", "ukraiņu": "UA",
    "holandiešu": "NL", "beļģu": "BE", "čehu": "CZ", "islandiešu": "IS", "īru": "IE", "britu": "GB",
}

#: English nationality adjectives → country, for English pages: "the Croatian municipality", "a Polish school".
ENGLISH_NATIONALITIES: dict[str, str] = {
    "latvian": "LV", "lithuanian": "LT", "estonian": "EE", "finnish": "FI", "swedish": "SE", "norwegian": "NO",
    "danish": "DK", "icelandic": "IS", "german": "DE", "polish": "PL", "czech": "CZ", "slovak": "SK",
    "slovenian": "SI", "croatian": "HR", "hungarian": "HU", "romanian": "RO", "bulgarian": "BG", "greek": "GR",
    "cypriot": "CY", "maltese": "MT", "italian": "IT", "spanish": "ES", "portuguese": "PT", "french": "FR",
    "belgian": "BE", "dutch": "NL", "luxembourgish": "LU", "austrian": "AT", "irish": "IE", "british": "GB",
    "belarusian": "BY", "ukrainian": "UA", "georgian": "GE", "turkish": "TR",  # not "Russian": a
    # "Russian school" in Latvia is a Latvian school that teaches in Russian
}
#: English nouns of a body or partner after a nationality adjective.
ENGLISH_BODIES = r"municipalit\w*|cit(?:y|ies)|towns?|schools?|universit\w*|partners?|regions?|organi[sz]ations?|agenc\w*"
ENGLISH_BODY_STEMS = ("municipalit", "city", "cities", "town", "school", "universit", "partner", "region", "organi",
                      "agenc")

#: Words after which a list of partners follows, and the kind of list.
_LEAD_AFTER = re.compile(r"(?i)(?:galvenais|vadošais)\s+partneris\s*(?:ir|[–—:-])\s*|\b(?:projektu|kuru)\s+vada\s+"
                         r"|\blead\s+partner\s+(?:of\s+the\s+project\s+)?is\s+")
_LEAD_BEFORE = re.compile(r"(?i)\s*(?:\(\s*|,?\s+kā\s+)(?:vadošais|galvenais)\s+partneris\)?")
_LIST_MARKER = re.compile(
    r"(?i)\bpartner(?:i|iem|us|is|u|s)\b(?:\s+no\s+(?P<from>\w+))?\s*(?:ir\s+|[–—:-]\s*|ir\s*[–—:-]\s*"
    # English: "Partners: A (Estonia), B and C", "The other partners are …", "Its partners include …"
    r"|are\s+|include\s+)(?=\S)"
)
#: "partneri no 6 valstīm: …", "no 8 valstīm (Vācija, …)", "Projekta dalībvalstis: …", "partnervalstis – …".
_COUNTRY_LIST = re.compile(r"(?i)(?:(?:\d+|vairāk\w*|\w+iem|\w+ām)\s+valst(?:is|īm|u)\s*"
                           r"(?:[:–—(-]|,\s*(?:tostarp|t\.\s?sk\."
                           r"|tai skaitā|to skaitā|proti|no tām))|\b(?:dalīb|partner)valst\w*\s*[:–—-])\s*")
_FROM = re.compile(r"(?i)\s*no\s+")
#: "partneri no …", "partneri ir skolas no …", "partners are schools from …".
_PARTNER_FROM = re.compile(r"(?i)\bpartner\w*\s+(?:(?:ir|are)\s+(?:[^\W\d]+(?:,\s*|\s+)){0,6}?)?(?:no|from)\s+")
_UNKNOWN_TOWN = re.compile(r"[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w-]+\s+")
_GENERIC_PARTNER = re.compile(r"(?i)\bsadarbības\s+$")
#: Bodies "from" countries in a sentence that says they take part: "Projektā piedalās skolas no Latvijas,
#: Lietuvas un Itālijas", "sadarbojas organizācijas no …".
_MEMBERS_FROM = re.compile(r"(?i)\b(?:organizācij|skol|pašvaldīb|iestād|institūcij|universitāt|augstskol|pilsēt"
                           r"|uzņēmum|pārstāv|dalībniek|biedrīb|komand|jaunieš|skolotāj|speciālist|grup"
                           r"|bibliotēk|muzej|centr|ģimnāzij|vidusskol|pamatskol|asociācij|aģentūr|apvienīb"
                           r"|bērnudārz|pirmsskol|partnerskol|partneriestād|kolēģ|klub|koledž|fond)\w*"
                           r"(?:\s+[“\"„][^“”\"„\n]{1,60}[”\"“])?\s+no\s+")   # "grupu “…” no Katalonijas"
#: Groups of people "from" countries who visit within a project ("projekta ietvaros viesojās skolēni no
#: Norvēģijas", "jauniešu apmaiņā viesojās jaunieši no …"): their bodies take part in it.
_VISITORS_FROM = re.compile(r"(?i)\b(?:skolēn|skolotāj|jaunieš|senior|dalībniek|pārstāv|delegācij|komand|speciālist"
                            r"|studen|vies|pilsēt|vadītāj)\w*\s+no\s+")
_IN_A_PROJECT = re.compile(r"(?i)\bprojekt(?:a|ā|u)\b|\b(?:jauniešu\s+)?apmaiņ(?:a|ā|as)\b|\bmobilitāt(?:e|ē|es)\b")
_TAKING_PART = re.compile(r"(?i)\b(?:kopā ar|piedalās|piedalījās|piedalīsies|sadarbo(?:j|s)\w*|iesaist\w*|apvieno\w*"
                          r"|koordinē\w*|īsteno\w*"
                          r"|konsorcij\w*"
                          r"|partnerīb\w*|tīkl(?:s|ā|a)\b)")
#: What every match of ``_TAKING_PART`` holds, looked for first (most sentences hold none).
_TAKING_PART_WORDS = ("kopā ar", "piedal", "sadarbo", "iesaist", "apvieno", "koordinē", "īsteno", "konsorcij",
                      "partnerīb", "tīkl")
_LIST_GLUE = re.compile(r"\s*(?:,|\bun\b|\band\b)?\s*")
#: A note in brackets after a country of a list: its town or bodies ("no Vācijas (Halle), Itālijas (Matera)").
_NOTE = re.compile(r"\s*\([^()]{1,80}\)")
#: Words of going somewhere: a foreign body named after one is where we went ("apmeklēja Lietuvas skolu").
_WENT_TO = re.compile(r"(?i)\b(?:apmeklēj\w*|devā(?:s|mies)|brauc\w*|brauciens|ekskursij\w*|iepazīt\w*)")
#: A body or group right after a country's genitive ("Igaunijas Mulgi pagasta pašvaldība", "Polijas
#: seniori", "Beļģijas pilsētas Ģentes pašvaldības"), up to three words apart.
#: A state's envoys are guests, not partners: "Vācijas vēstniecības pārstāvji", "Somijas vēstnieks".
STATE_WORDS = r"vēstniec\w*|vēstniek\w*|konsul\w*|ministrij\w*|valdīb\w*|prezident\w*"
#: A region ("Latvijas un Lietuvas pierobežas reģionos") is an area, and a body in the plural dative or
#: locative is many unnamed ones; neither is a partner.
_AFTER_COUNTRY = re.compile(rf"(?:\s+(?:un\s+)?(?!{STATE_WORDS})[\w“”„\"-]+){{0,2}}?\s+"
                            rf"(?:(?!reģion)(?P<body>{BODY_NOUNS}|{FOREIGN_BODY_NOUNS})"
                            rf"|(?:{GROUP_NOUNS})\b)")
#: A partner, or a body where the sentence says it takes part, right before a country in the locative
#: ("partneriem Lietuvā", "sadarbosies ar skolām Somijā, Grieķijā un Rumānijā").
_PARTNER_BEFORE = re.compile(r"(?i)\bpartner\w*\s+(?:(?:ir|atrodas|darbojas|strādā)\s+)?$")
_BODY_BEFORE = re.compile(rf"(?i)(?<!\w)(?:{BODY_NOUNS}|{FOREIGN_BODY_NOUNS}|{GROUP_NOUNS})\s+$")
#: The site's own body on a page of a cooperation programme: it writes of itself ("mūsu skola", "mēs"),
#: or names a body after a word that is no foreign place ("Kolkas skolas skolēni").
_OWN_BODY = re.compile(r"(?i)\b(?:mūsu|mēs|mums)\b")
_NAMED_BODY = re.compile(r"(?<!\w)([A-ZĀČĒĢĪĶĻŅŠŪŽ]\w+(?:as|es|us|u))\s+"
                         r"(?:skol|bibliotēk|muzej|pašvaldīb|biedrīb|centr"
                         r"|dome|ģimnāzij|vidusskol|pamatskol)\w*")
_VISIT = re.compile(r"(?i)\b(?:apmeklēj\w*|viesoj\w*|viesos\w*|ieradās|ierodas|apciemoj\w*|uzņ[eē]m(?:a|ām|s|sim|ot)?\b)")
_PARTNERSHIP_AGREEMENT = re.compile(r"(?i)partnerīb\w*\s+līgum\w*|sadarbības\s+partner\w*")
_QUOTED = re.compile(r"[“\"„«]([^“”\"„«»\n]{2,80})[”\"“»]")
_NATIONALITY = re.compile(r"(?i)\b(" + "|".join(NATIONALITIES) + r")\s+(?:partner|kolēģ)\w*")
_ENGLISH_NATIONALITY = re.compile(r"(?i)\b(" + "|".join(ENGLISH_NATIONALITIES) + rf")\s+(?:{ENGLISH_BODIES})\b")
_NAME_WITH_COUNTRY = re.compile(r"([A-ZĀČĒĢĪĶĻŅŠŪŽ][^()\n,;:.]{0,60}?)\s*\(([^()]{2,30})\)")
_BODY_NOUN = re.compile(rf"(?<!\w)(?:{BODY_NOUNS})\b(?![ \t]+(?:{BODY_NOUNS})\b)")
_ANY_BODY_NOUN = re.compile(rf"(?<!\w)(?:{BODY_NOUNS}|{FOREIGN_BODY_NOUNS})\b(?![ \t]+(?:{BODY_NOUNS}|{FOREIGN_BODY_NOUNS})\b)")
#: A project's quoted name speaks of places, not of its partners: "projektā „Tūrisma attīstība Latgales –
#: Utenas pārrobežu reģionā”".
_PROJECT_NAME = re.compile(r"(?i)projekt\w*\s+[“\"„«]([^“”\"„«»\n]{3,200})[”\"“»]")
#: A body's name stays within its sentence: "Jelgava, 17. jūl., LETA. Bauskas novada dome" is of Bauska only.
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-ZĀČĒĢĪĶĻŅŠŪŽ])")
#: How far a list of countries may reach after the words that open it ("partneri no …", "6 valstīm: …").
LIST_WINDOW = 400
#: How far before a country its partner or body word may stand ("partneriem ir Lietuvā").
BEFORE_WINDOW = 60
#: How many short lines after "Projekta partneri:" may be its list, and how long one of them may be.
LIST_LINES, LIST_LINE_LENGTH = 8, 120
#: How many words before a body noun may name its place: "Smiltenes un Tukuma novadu pašvaldība".
BODY_NAME_WORDS = 5
_ITEM_SPLIT = re.compile(r"\s*,\s*|\s+(?:un|and(?:\s+the)?)\s+(?=[A-ZĀČĒĢĪĶĻŅŠŪŽ“\"„])|\s*;\s*")
_LEADING_FILLER = re.compile(r"(?i)^(?:projekta\s+|ar\s+|ir\s+|un\s+|the\s+|and\s+|[–—:-]\s*)+")


@dataclass(frozen=True)
class Partner:
    name: str | None
    country: str | None
    is_lead: bool
    begin: int

    def to_dict(self) -> dict:
        return {"name": self.name, "country": self.country}


@dataclass(frozen=True)
class Body:
    """A named organisation ("Smiltenes novada pašvaldība") and where its names place it."""

    name: str
    countries: tuple[str, ...]
    places: tuple[str, ...]  # the lemmas of the places in its name
    is_plural: bool
    begin: int


def _country_in(text: str) -> str | None:
    places = find_places(text)
    countries = [p.code for p in places if p.is_country]
    return (countries or [p.code for p in places] or [None])[-1]


def _clean(item: str) -> str:
    item = _LEADING_FILLER.sub("", item.strip(" .–—-"))
    close = item.find(")")
    return item[:close + 1] if close >= 0 else item


def _items(segment: str, begin: int, default_country: str | None) -> list[Partner]:
    """Partners of a list segment: an item that is only a country gives its country to the item before
    ("Tartu pilsēta, Igaunija"), unless that item named a place of another country: then it is one more
    partner known by its country ("skolas Somijā, Portugālē un Čehijā")."""
    partners: list[Partner] = []
    placed = False    # the item before named a place
    for raw in _ITEM_SPLIT.split(segment):
        item = _clean(raw)
        if not item or not any(ch.isupper() for ch in item):
            continue
        places = find_places(item)
        words = re.findall(r"\w+", item)
        if partners and places and len(words) <= len(places) and all(p.is_country for p in places):
            if placed and partners[-1].country != places[-1].code:
                partners.append(Partner(None, places[-1].code, False, begin))
            else:
                previous = partners.pop()
                partners.append(Partner(previous.name, places[-1].code, previous.is_lead, previous.begin))
            placed = True
            continue
        placed = bool(places)
        country = _country_in(item) or default_country or HOME_COUNTRY
        partners.append(Partner(item.split("(")[0].strip() or item, country, False, begin))
    return partners


def _segments(sentence: str) -> list[tuple[str, int, re.Match]]:
    """The text after each list marker, up to the next marker or the sentence end."""
    lowered = sentence.lower()     # every marker names a partner or who leads: most sentences have none
    if "partner" not in lowered and "vada" not in lowered:
        return []
    markers = sorted(list(_LEAD_AFTER.finditer(sentence)) + list(_LIST_MARKER.finditer(sentence)),
                     key=lambda m: m.start())
    kept = [m for i, m in enumerate(markers) if not (i and m.start() < markers[i - 1].end())]
    return [(sentence[m.end():(kept[i + 1].start() if i + 1 < len(kept) else len(sentence))], m.end(), m)
            for i, m in enumerate(kept)]


def _lead_before(sentence: str, offset: int) -> list[Partner]:
    partners = []
    if "partneris" not in sentence.lower():
        return partners
    for match in _LEAD_BEFORE.finditer(sentence):
        head = re.split(r"(?i),|\bno\s|\bun\s|\bar\s|\bir\s", sentence[:match.start()])[-1].strip()
        if head and head[0].isupper():
            partners.append(Partner(head, _country_in(head) or HOME_COUNTRY, True, offset + match.start()))
    return partners


def _listed(sentence: str, offset: int) -> list[Partner]:
    partners = []
    for segment, start, marker in _segments(sentence):
        is_lead = bool(_LEAD_AFTER.fullmatch(marker.group()))
        countries_from = _FROM.match(segment)
        if countries_from and not is_lead:  # "Pārējie partneri ir no Īrijas, Ungārijas un Zviedrijas"
            partners += [Partner(None, code, False, offset + start)
                         for code in _leading_countries(segment[countries_from.end():][:LIST_WINDOW])]
            continue
        default = None
        if not is_lead and marker["from"]:
            default = _country_in(marker["from"])
        items = _items(segment, offset + start, default)
        if is_lead:
            items = [Partner(p.name, p.country, True, p.begin) for p in items[:1]]
        partners += items
    return partners


def _country_lists(sentence: str, offset: int) -> list[Partner]:
    partners: list[Partner] = []
    lowered = sentence.lower()
    if "valst" not in lowered and "partner" not in lowered and " no " not in lowered:
        return partners
    for match in _COUNTRY_LIST.finditer(sentence) if "valst" in lowered else ():
        rest = sentence[match.end():match.end() + LIST_WINDOW]
        partners += [Partner(None, p.code, False, offset + match.end() + p.begin)
                     for p in find_places(rest) if p.is_country]
    matches = list(_PARTNER_FROM.finditer(sentence)) if "partner" in lowered else []
    if _VISIT.search(sentence):
        # "(projekta) partneri no …" came visiting as partners; a visiting "sadarbības partneris no …"
        # is a friend of the town, not one of the project's partners
        matches = [m for m in matches if not _GENERIC_PARTNER.search(sentence, max(0, m.start() - 20), m.start())]
        if _IN_A_PROJECT.search(sentence):  # a group that came within the project takes part in it
            matches += _VISITORS_FROM.finditer(sentence)
    elif _takes_part(sentence):
        matches += _MEMBERS_FROM.finditer(sentence)
    for match in matches:
        rest = sentence[match.end():match.end() + LIST_WINDOW]
        codes = _leading_countries(rest) or _country_after_town(rest) or _foreign_place_first(rest)
        partners += [Partner(None, code, False, offset + match.start()) for code in codes]
    return partners


def _takes_part(sentence: str) -> bool:
    """Whether the sentence says bodies take part ("piedalās", "sadarbojas", "kopā ar")."""
    lowered = sentence.lower()
    return any(word in lowered for word in _TAKING_PART_WORDS) and _TAKING_PART.search(sentence) is not None


def _foreign_place_first(text: str) -> list[str]:
    """"(skolēni no) Tartu", "(grupa no) Katalonijas": a foreign town or region gives its country."""
    places = find_places(text[:40])
    return [places[0].code] if places and places[0].begin == 0 and places[0].code != HOME_COUNTRY else []


def _country_after_town(text: str) -> list[str]:
    """"(partneri no) Antslas Igaunijā": a town we do not know, then its country."""
    town = _UNKNOWN_TOWN.match(text)
    places = find_places(text[town.end():town.end() + 40]) if town else []
    return [places[0].code] if places and places[0].begin == 0 and places[0].is_country else []


def _leading_countries(text: str) -> list[str]:
    """The countries that open ``text`` as a list: "Igaunijas, Somijas un Latvijas …" → EE, FI, LV."""
    places = find_places(text)
    if not places or not places[0].is_country or _LIST_GLUE.fullmatch(text, 0, places[0].begin) is None:
        return []
    return [place.code for place in _country_run(text, places, 0)[0]]


def _past_note(text: str, stop: int) -> int:
    """Where a list goes on after a country that ends at ``stop``: past its note in brackets, if any."""
    note = _NOTE.match(text, stop)
    return note.end() if note else stop


def _countries_beside(sentence: str, offset: int) -> list[Partner]:
    """Foreign countries whose bodies the sentence names: a country's genitive before a body or group
    ("Igaunijas Mulgi pagasts", "viesojās Polijas seniori"), or a locative after a partner, or after a body
    that takes part ("partneriem Lietuvā", "sadarbojas ar skolām Somijā un Grieķijā"). A body named after
    a word of going there ("apmeklēja Lietuvas skolu") is only a place visited."""
    partners: list[Partner] = []
    places = find_places(sentence)
    if not any(place.is_country for place in places):
        return partners
    taking_part = _takes_part(sentence)
    went = _WENT_TO.search(sentence)
    went_at = went.start() if went else len(sentence)
    at = 0
    while at < len(places):
        place = places[at]
        if not place.is_country or place.case not in ("gen", "loc"):
            at += 1
            continue
        run, after = _country_run(sentence, places, at)       # "Igaunijas, Somijas un Latvijas"
        stop, at = run[-1].stop, after
        before = sentence[max(0, place.begin - BEFORE_WINDOW):place.begin]
        if place.case == "gen":
            body = _AFTER_COUNTRY.match(sentence, stop)
            found = (body is not None and not (body["body"] or "").endswith(PLURAL_ENDINGS)
                     and went_at > place.begin)
        else:
            found = bool(_PARTNER_BEFORE.search(before)) or (
                taking_part and bool(_BODY_BEFORE.search(before)) and went_at > place.begin)
        if found:
            partners += [Partner(None, p.code, False, offset + place.begin) for p in run if p.code != HOME_COUNTRY]
    return partners


def _country_run(text: str, places: list[Place], at: int) -> tuple[list[Place], int]:
    """The countries listed from ``places[at]`` on, joined by commas and "un", and the index of the
    first place after them."""
    run, position, after = [places[at]], _past_note(text, places[at].stop), at + 1
    for place in places[at + 1:]:
        if place.begin < position:    # a place in the note after the country before
            after += 1
            continue
        if not place.is_country or _LIST_GLUE.fullmatch(text, position, place.begin) is None:
            break
        run.append(place)
        position, after = _past_note(text, place.stop), after + 1
    return run, after


def _bracketed(sentence: str, offset: int) -> list[Partner]:
    """"Name (Country)", "Name (EE)": the name starts at its first place word where it has one."""
    partners = []
    for match in _NAME_WITH_COUNTRY.finditer(sentence) if "(" in sentence else ():
        inside = find_places(f"({match.group(2)})")
        if not inside or len(re.findall(r"\w+", match.group(2))) > 2:
            continue
        name = match.group(1).strip()
        places_in_name = find_places(name)
        if places_in_name:
            name = name[places_in_name[0].begin:]
        partners.append(Partner(name, inside[0].code, False, offset + match.start()))
    return partners


def _nationalities(sentence: str, offset: int) -> list[Partner]:
    lowered = sentence.lower()     # the nouns are looked for first: most sentences have none
    partners = []
    if "partner" in lowered or "kolēģ" in lowered:
        partners += [Partner(None, NATIONALITIES[m.group(1).lower()], False, offset + m.start())
                     for m in _NATIONALITY.finditer(sentence)]
    if (any(word in lowered for word in ENGLISH_BODY_STEMS)
            and any(word in lowered for word in ENGLISH_NATIONALITIES)):
        partners += [Partner(None, ENGLISH_NATIONALITIES[m.group(1).lower()], False, offset + m.start())
                     for m in _ENGLISH_NATIONALITY.finditer(sentence)]
    return partners


def _agreement_partners(sentence: str, offset: int, text: str) -> list[Partner]:
    """Quoted bodies in a partnership agreement, placed by where the page puts them elsewhere."""
    if "partner" not in sentence.lower() or not _PARTNERSHIP_AGREEMENT.search(sentence):
        return []
    partners = []
    for match in _QUOTED.finditer(sentence):
        name = match.group(1)
        for mention in re.finditer(re.escape(name) + r"[”\"“»]?\s*", text):
            after = find_places(text[mention.end():mention.end() + 30])
            if after and after[0].begin == 0:
                partners.append(Partner(name, after[0].code, False, offset + match.start()))
                break
    return partners


def find_bodies(text: str, nouns: re.Pattern | None = None) -> list[Body]:
    """Organisations named after a place: "Smiltenes un Tukuma novadu pašvaldību", "Vidzeme planning region";
    ``nouns`` may widen the nouns of a body (``_ANY_BODY_NOUN``)."""
    bodies = []
    for noun in (nouns or _BODY_NOUN).finditer(text):
        line = _SENTENCE_END.split(text[max(0, noun.start() - 80):noun.start()].rsplit("\n", 1)[-1])[-1]
        words = " ".join(line.split()[-BODY_NAME_WORDS:])
        places = [p for p in find_places(words) if not p.is_country]
        if not places:
            continue
        name = f"{words[places[0].begin:]} {noun.group()}"
        plural = noun.group().endswith(PLURAL_ENDINGS) and len(places) == 1
        bodies.append(Body(name, tuple(dict.fromkeys(p.code for p in places)), tuple(p.lemma for p in places),
                           plural, noun.start()))
    return bodies


def _with_list_lines(sentences: list[tuple[str, int]], at: int) -> str:
    """A sentence that ends in a colon, with the short lines after it as the items of its list
    ("Projekta partneri:" / "Biržu rajona pašvaldība" / "Biržai, Lietuva")."""
    sentence = sentences[at][0]
    if not sentence.endswith(":"):
        return sentence
    lines = []
    for line, _ in sentences[at + 1:at + 1 + LIST_LINES]:
        if len(line) > LIST_LINE_LENGTH or line.endswith(":"):
            break
        lines.append(line.rstrip(" .;"))
    return f"{sentence} {', '.join(lines)}"


def _names_own_body(text: str) -> bool:
    """Whether a page names a body of its own site's country (see ``_OWN_BODY`` and ``_NAMED_BODY``)."""
    if _OWN_BODY.search(text):
        return True
    return any(not [p for p in find_places(m.group(1)) if p.code != HOME_COUNTRY] for m in _NAMED_BODY.finditer(text))


def find_partners(sentences: list[tuple[str, int]], text: str, programme: str | None,
                  cooperation_programme: bool = False) -> list[Partner]:
    """Every partner the page names, in order, with the home country added where the project is a
    cooperation: a foreign partner, a cooperation programme or two home bodies working together.
    ``cooperation_programme`` marks a programme of cooperation outside the README's keys (Comenius, …)."""
    partners: list[Partner] = []
    for at, (sentence, offset) in enumerate(sentences):
        partners += (_lead_before(sentence, offset) + _listed(_with_list_lines(sentences, at), offset)
                     + _country_lists(sentence, offset)
                     + _bracketed(sentence, offset) + _nationalities(sentence, offset)
                     + _countries_beside(sentence, offset)
                     + _agreement_partners(sentence, offset, text))
    names = [m.span(1) for m in _PROJECT_NAME.finditer(text)]
    bodies = [b for b in find_bodies(text) if not b.is_plural and not any(a <= b.begin < z for a, z in names)]
    programme_countries = PROGRAMME_COUNTRIES.get(programme or "", frozenset())
    if programme_countries - {HOME_COUNTRY}:
        # a body of the programme's other country, by any noun of a body ("Zarasu ģimnāzija")
        partners += [Partner(b.name, code, False, b.begin) for b in find_bodies(text, _ANY_BODY_NOUN)
                     if not b.is_plural and not any(a <= b.begin < z for a, z in names)
                     for code in b.countries if code != HOME_COUNTRY and code in programme_countries]
    # a body of home alone before one named with a foreign place too ("Rūjienas un Mulgi pagasta")
    home_bodies = sorted((b for b in bodies if HOME_COUNTRY in b.countries), key=lambda b: len(b.countries))
    home_places = {place for b in home_bodies for place in b.places}
    by_programme = cooperation_programme or programme in COOPERATION_PROGRAMMES
    foreign = any(p.country and p.country != HOME_COUNTRY for p in partners)
    if (foreign or by_programme or len(home_places) > 1) and not any(p.country == HOME_COUNTRY for p in partners):
        partners += [Partner(b.name, HOME_COUNTRY, False, b.begin) for b in home_bodies[:1]]
        if not home_bodies and (foreign or (by_programme and _names_own_body(text))):
            partners.append(Partner(None, HOME_COUNTRY, False, 0))
    return sorted(partners, key=lambda p: p.begin)
