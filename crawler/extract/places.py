"""Places in Latvian text → ISO 3166-1 alpha-2 codes.

Country names come from pycountry's Latvian locale (nominative only) and are declined here with an
endings table; cities and regions that partners come from or meet in are listed with their Latvian
exonyms. Each form knows its case, so the venue of an event (a locative: "Somijā", "Oulu",
"Sentkventinā") can be told from where people come from (a genitive: "no Jorkas").
"""
import gettext
import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

#: The country of the sites we read: a body or a meeting with no other place named is here.
HOME_COUNTRY = "LV"

#: Paradigm → case → ending replacing the lemma's own ending (the first key of the row).
DECLENSIONS: dict[str, dict[str, str]] = {
    "a": {"nom": "a", "gen": "as", "dat": "ai", "acc": "u", "loc": "ā"},          # Somija, Mesīna
    "e": {"nom": "e", "gen": "es", "dat": "ei", "acc": "i", "loc": "ē"},          # Portugāle, Brisele
    "s": {"nom": "s", "gen": "a", "dat": "am", "acc": "u", "loc": "ā"},           # Tukums
    "is": {"nom": "is", "gen": "a", "dat": "im", "acc": "i", "loc": "ī"},         # Birzgalis
    "pils": {"nom": "s", "gen": "s", "dat": "ij", "acc": "i", "loc": "ī"},        # Ventspils
    "cēsis": {"nom": "is", "gen": "u", "dat": "īm", "acc": "is", "loc": "īs"},    # Cēsis
    "plural_i": {"nom": "i", "gen": "u", "dat": "iem", "acc": "us", "loc": "os"}, # Limbaži, Birži
    "plural_as": {"nom": "as", "gen": "u", "dat": "ām", "acc": "as", "loc": "ās"},  # Atēnas
    "fixed": {"any": ""},                                                          # Oulu, Tartu
}

#: Country names pycountry lacks or words differently in everyday Latvian: (name, code, paradigm).
COUNTRY_EXTRAS: tuple[tuple[str, str, str], ...] = (
    ("Čehija", "CZ", "a"), ("Krievija", "RU", "a"), ("Holande", "NL", "e"), ("Anglija", "GB", "a"),
    ("Skotija", "GB", "a"), ("Moldova", "MD", "a"), ("Amerika", "US", "a"), ("Turcija", "TR", "a"),
    ("Maķedonija", "MK", "a"), ("Ziemeļmaķedonija", "MK", "a"),
)

#: Compass prefixes that make a region of a country: "Dienvidigaunija" is in EE.
REGION_PREFIXES = ("Dienvid", "Ziemeļ", "Austrum", "Rietum", "Centrāl")

#: Cities and regions: (Latvian lemma, code, paradigm). Latvian ones let us see a Latvian body.
CITIES: tuple[tuple[str, str, str], ...] = (
    # Latvia
    ("Rīga", "LV", "a"), ("Ventspils", "LV", "pils"), ("Daugavpils", "LV", "pils"),
    ("Valmiera", "LV", "a"), ("Cēsis", "LV", "cēsis"), ("Liepāja", "LV", "a"), ("Jelgava", "LV", "a"),
    ("Jūrmala", "LV", "a"), ("Rēzekne", "LV", "e"), ("Smiltene", "LV", "e"), ("Valka", "LV", "a"),
    ("Alūksne", "LV", "e"), ("Limbaži", "LV", "plural_i"), ("Tukums", "LV", "s"), ("Kuldīga", "LV", "a"),
    ("Skrunda", "LV", "a"), ("Gaujiena", "LV", "a"), ("Nereta", "LV", "a"), ("Ape", "LV", "e"),
    ("Rauna", "LV", "a"), ("Grundzāle", "LV", "e"), ("Palsmane", "LV", "e"), ("Salacgrīva", "LV", "a"),
    ("Rūjiena", "LV", "a"), ("Mazsalaca", "LV", "a"), ("Aloja", "LV", "a"), ("Sigulda", "LV", "a"),
    ("Ogre", "LV", "e"), ("Bauska", "LV", "a"), ("Dobele", "LV", "e"), ("Talsi", "LV", "plural_i"),
    ("Saldus", "LV", "fixed"), ("Madona", "LV", "a"), ("Gulbene", "LV", "e"), ("Balvi", "LV", "plural_i"),
    ("Ludza", "LV", "a"), ("Krāslava", "LV", "a"), ("Preiļi", "LV", "plural_i"), ("Jēkabpils", "LV", "pils"),
    ("Līvāni", "LV", "plural_i"), ("Olaine", "LV", "e"), ("Salaspils", "LV", "pils"), ("Kocēni", "LV", "plural_i"),
    ("Burtnieki", "LV", "plural_i"), ("Beverīna", "LV", "a"), ("Aizkraukle", "LV", "e"), ("Ādaži", "LV", "plural_i"),
    ("Vidzeme", "LV", "e"), ("Kurzeme", "LV", "e"), ("Zemgale", "LV", "e"), ("Latgale", "LV", "e"),
    ("Sēlija", "LV", "a"),
    # Estonia
    ("Tallina", "EE", "a"), ("Tartu", "EE", "fixed"), ("Pērnava", "EE", "a"), ("Viljandi", "EE", "fixed"),
    ("Valga", "EE", "a"), ("Võru", "EE", "fixed"), ("Vōru", "EE", "fixed"), ("Veru", "EE", "fixed"),
    ("Setomaa", "EE", "fixed"), ("Olustvere", "EE", "e"), ("Peltsama", "EE", "a"), ("Narva", "EE", "a"),
    ("Rakvere", "EE", "e"),
    # Lithuania
    ("Viļņa", "LT", "a"), ("Kauņa", "LT", "a"), ("Klaipēda", "LT", "a"), ("Šauļi", "LT", "plural_i"),
    ("Paņeveža", "LT", "a"), ("Birži", "LT", "plural_i"), ("Rokišķi", "LT", "plural_i"),
    ("Utena", "LT", "a"), ("Zarasi", "LT", "plural_i"), ("Palanga", "LT", "a"), ("Jonava", "LT", "a"),
    ("Ignalina", "LT", "a"), ("Visagina", "LT", "a"), ("Pasvale", "LT", "e"), ("Joniški", "LT", "plural_i"),
    ("Mažeiķi", "LT", "plural_i"), ("Akmene", "LT", "e"),
    # Finland, Sweden, Norway, Denmark
    ("Helsinki", "FI", "fixed"), ("Oulu", "FI", "fixed"), ("Tampere", "FI", "fixed"), ("Turku", "FI", "fixed"),
    ("Lahti", "FI", "fixed"), ("Lapēnranta", "FI", "a"), ("Espo", "FI", "fixed"), ("Vāsa", "FI", "a"),
    ("Stokholma", "SE", "a"), ("Gēteborga", "SE", "a"), ("Upsala", "SE", "a"), ("Solna", "SE", "a"),
    ("Malme", "SE", "e"), ("Oslo", "NO", "fixed"), ("Bergena", "NO", "a"), ("Stavangera", "NO", "a"),
    ("Trondheima", "NO", "a"), ("Kopenhāgena", "DK", "a"), ("Orhūsa", "DK", "a"),
    # Central and western Europe
    ("Berlīne", "DE", "e"), ("Hamburga", "DE", "a"), ("Minhene", "DE", "e"), ("Ķelne", "DE", "e"),
    ("Halle", "DE", "e"), ("Giterslo", "DE", "fixed"), ("Brēmene", "DE", "e"),
    ("Varšava", "PL", "a"), ("Krakova", "PL", "a"), ("Gdaņska", "PL", "a"), ("Mazovija", "PL", "a"),
    ("Lodza", "PL", "a"), ("Poznaņa", "PL", "a"), ("Vroclava", "PL", "a"),
    ("Brisele", "BE", "e"), ("Antverpene", "BE", "e"), ("Amsterdama", "NL", "a"), ("Roterdama", "NL", "a"),
    ("Hāga", "NL", "a"), ("Parīze", "FR", "e"), ("Sentkventina", "FR", "a"), ("Saint-Quentin", "FR", "fixed"),
    ("Lione", "FR", "e"), ("Strasbūra", "FR", "a"), ("Londona", "GB", "a"), ("Jorka", "GB", "a"),
    ("Edinburga", "GB", "a"), ("Dublina", "IE", "a"), ("Luksemburga", "LU", "a"),
    ("Vīne", "AT", "e"), ("Prāga", "CZ", "a"), ("Brno", "CZ", "fixed"), ("Bratislava", "SK", "a"),
    ("Budapešta", "HU", "a"), ("Ļubļana", "SI", "a"), ("Zagreba", "HR", "a"),
    # Southern Europe
    ("Roma", "IT", "a"), ("Milāna", "IT", "a"), ("Mesīna", "IT", "a"), ("Messina", "IT", "a"),
    ("Turīna", "IT", "a"), ("Boloņa", "IT", "a"), ("Madride", "ES", "e"), ("Barselona", "ES", "a"),
    ("Roquetas", "ES", "fixed"), ("Lisabona", "PT", "a"),
    ("Portalegre", "PT", "fixed"), ("Porto", "PT", "fixed"), ("Atēnas", "GR", "plural_as"),
    ("Trikala", "GR", "a"), ("Saloniki", "GR", "plural_i"), ("Bukareste", "RO", "e"),
    ("Botosani", "RO", "fixed"), ("Botoşani", "RO", "fixed"), ("Sofija", "BG", "a"), ("Belgrada", "RS", "a"),
    # Belarus, Russia, Ukraine
    ("Minska", "BY", "a"), ("Braslava", "BY", "a"), ("Glubokoje", "BY", "fixed"), ("Postavi", "BY", "plural_i"),
    ("Novopolocka", "BY", "a"), ("Polocka", "BY", "a"), ("Vitebska", "BY", "a"), ("Grodņa", "BY", "a"),
    ("Pleskava", "RU", "a"), ("Maskava", "RU", "a"), ("Sanktpēterburga", "RU", "a"), ("Kijiva", "UA", "a"),
)


def _table(code: str, paradigm: str, names: str) -> tuple[tuple[str, str, str], ...]:
    return tuple((name, code, paradigm) for name in names.split())


#: More towns and cities, by country and paradigm: Latvia's towns and parish centres (so that a body
#: named after one is seen as Latvian) and the Latvian exonyms of Europe's capitals and regional cities.
MORE_CITIES: tuple[tuple[str, str, str], ...] = (
    *_table("LV", "a", "Iecava Kandava Viļaka Ķekava Carnikava Roja Dundaga Dagda Grobiņa Jaunjelgava Kārsava "
                       "Lubāna Pāvilosta Seda Krimulda Vārkava Aglona Jaunpiebalga Vecpiebalga Pārgauja Trikāta "
                       "Skulte Vaiņode Rucava Nīca Ērberģe"),
    *_table("LV", "e", "Līgatne Ikšķile Sabile Stende Viesīte Zilupe Koknese Cesvaine Mārupe Engure Auce Baldone "
                       "Durbe Ilūkste Lielvārde Piltene Priekule Staicele Subate Aizpute Aknīste Ērģeme Jaunpils Alsunga"),
    *_table("LV", "plural_i", "Ērgļi Saulkrasti Strenči Viļāni Vecumnieki Brocēni Varakļāni Ropaži Rugāji Riebiņi "
                              "Priekuļi Ieriķi Naukšēni Brenguļi Kauguri Babīte Ozolnieki Jaunsvirlauka"),
    *_table("LV", "s", "Ķegums Mērsrags Inčukalns"),
    *_table("LV", "pils", "Valdemārpils Mālpils Krustpils"),
    *_table("LV", "plural_as", "Pļaviņas Jaunolaine"),
    *_table("EE", "a", "Jõgeva Põlva Rapla Antsla Tõrva Räpina Elva"),
    *_table("EE", "e", "Kuresāre Paide Sangaste Rõuge Karula"),
    *_table("EE", "fixed", "Hāpsalu Jõhvi Haapsalu Kuressaare Pärnu Tallinn Otepää Karksi Mulgi Misso Vastseliina"),
    *_table("LT", "a", "Alīta Tauraģe Palanga Ukmerģe"),
    *_table("LT", "e", "Marijampole Plunģe Šilute Kretinga Rietava Ķelme Kelme"),
    *_table("LT", "plural_i", "Telši Anīkšči Kupiški Druskininki Šalčininki Trakai Raseiņi"),
    *_table("FI", "a", "Vanta Kotka Kajāni"),
    *_table("FI", "e", "Jiveskile"),
    *_table("FI", "fixed", "Pori Kuopio Porvo Rovaniemi Joensū Hämeenlinna Kouvola Mikkeli Kemi Raahe"),
    *_table("SE", "a", "Lunda Kalmāra Vesterosa Linšēpinga Noršēpinga Visbija Karlskruna Helsingborga"),
    *_table("SE", "fixed", "Ūmeo Ērebru Jenšēpinga"),
    *_table("NO", "e", "Tromse"),
    *_table("NO", "a", "Kristiansanna"),
    *_table("DK", "fixed", "Odense"),
    *_table("DK", "a", "Olborga"),
    *_table("DE", "e", "Frankfurte Štutgarte Drēzdene Hanovere Kīle Dortmunde Ēsene Greifsvalde Šverīne Lībeka"),
    *_table("DE", "a", "Diseldorfa Leipciga Nirnberga Rostoka Bonna Magdeburga Potsdama Flensburga"),
    *_table("PL", "a", "Gdiņa Sopota Ščecina Lubļina Belostoka Lomža Olština Bidgošča Torūņa Elbinga"),
    *_table("PL", "e", "Katovice"),
    *_table("PL", "plural_i", "Suvalki"),
    *_table("NL", "a", "Utrehta Eindhovena Groningena Leidene Māstrihta"),
    *_table("BE", "e", "Gente Ljēža Brige"),
    *_table("FR", "e", "Nante Lille Tulūze Monpeljē"),
    *_table("FR", "a", "Marseļa Nica Tulūza Renna"),
    *_table("FR", "fixed", "Bordo"),
    *_table("GB", "a", "Glāzgova Mančestra Birmingema Kārdifa Belfāsta"),
    *_table("GB", "e", "Liverpūle"),
    *_table("IE", "a", "Korka Golveja"),
    *_table("AT", "a", "Grāca Zalcburga Linca"),
    *_table("CH", "e", "Cīrihe Ženēva Berne Bāzele"),
    *_table("CZ", "a", "Ostrava Tābora Olomouca"),
    *_table("SK", "e", "Košice"),
    *_table("SI", "a", "Maribora"),
    *_table("HR", "a", "Splita Rijeka Pula Zadara Osijeka"),
    *_table("HU", "a", "Debrecena Segeda Peča"),
    *_table("IT", "a", "Venēcija Genuja Padova Verona Pīza Sjēna"),
    *_table("IT", "e", "Florence Neapole"),
    *_table("IT", "fixed", "Palermo Bari Bergamo Trento"),
    *_table("ES", "a", "Valensija Sevilja Saragosa Malaga Granada Kordova Kartahena"),
    *_table("ES", "fixed", "Bilbao"),
    *_table("PT", "a", "Braga Koimbra Evora Faro"),
    *_table("GR", "a", "Irakliona Larisa Patra"),
    *_table("RO", "a", "Kluža Timišoara Konstance Brašova"),
    *_table("RO", "plural_i", "Jaši"),
    *_table("BG", "a", "Varna Plovdiva Burgasa"),
    *_table("CY", "a", "Nikosija Limasola"),
    *_table("MT", "a", "Valleta"),
    *_table("IS", "a", "Reikjavīka"),
    *_table("UA", "a", "Ļviva Harkiva Odesa Dņipra Čerņigiva"),
    *_table("GE", "fixed", "Tbilisi Batumi"),
    *_table("MD", "a", "Kišiņeva"),
    *_table("RU", "a", "Novgoroda Kaļiņingrada"),
    *_table("US", "fixed", "ASV"),
    # Regions that partners are named after: "Katalonijas Politehniskā universitāte"
    *_table("ES", "a", "Katalonija Kastīlija Andalūzija Galīcija Navarra Murcija Asturija"),
    *_table("DE", "a", "Bavārija Saksija Tīringene Brandenburga Meklenburga Pomerānija"),
    *_table("IT", "a", "Lombardija Toskāna Sicīlija Sardīnija Apūlija Kalabrija Emīlija"),
    *_table("FR", "a", "Normandija Bretaņa Burgundija Provansa Oksitānija"),
    *_table("BE", "a", "Flandrija Valonija"),
    *_table("FI", "e", "Lapzeme Karēlija"),
    *_table("LT", "a", "Žemaitija Aukštaitija Dzūkija"),
    *_table("EE", "a", "Sāmsala Hījumā"),
)

#: Words that put an event online rather than in a country.
ONLINE_WORDS = re.compile(r"(?i)\b(?:tiešsaist\w*|attālināt\w*|online|virtuāl\w*|zoom|videokonferenc\w*"
                          r"|e-tikšan\w*|e-sanāksm\w*|videozvan\w*|videotikšan\w*|videosanāksm\w*"
                          r"|vebinār\w*|tīmekļseminār\w*|webinar\w*|(?:MS |Microsoft )?Teams|Webex|Google Meet|Skype)\b")

_WORD = re.compile(r"[A-ZĀČĒĢĪĶĻŅŠŪŽÕ][\w-]*")
_CODE_IN_PARENS = re.compile(r"\(([A-Z]{2})\)")
#: Two-letter parentheses that are abbreviations in Latvian text, not countries ("(ES)" is the EU).
NOT_COUNTRY_CODES = frozenset({"ES", "IT", "PR", "SM", "TV", "VA", "ID", "AI", "IR"})


@dataclass(frozen=True)
class Place:
    """A place word in text: the country it lies in, its case ("any" for indeclinable names such as
    "Oulu"), whether it is a country, and where it stands."""

    code: str
    case: str
    is_country: bool
    begin: int
    stop: int   # offset just past the word
    lemma: str = ""


def _declined(lemma: str, paradigm: str) -> dict[str, str]:
    endings = DECLENSIONS[paradigm]
    own_ending = next(iter(endings.values()))
    stem = lemma[: len(lemma) - len(own_ending)] if own_ending else lemma
    return {case: stem + ending for case, ending in endings.items()}


def _paradigm_of(name: str) -> str | None:
    if name.endswith("a"):
        return "a"
    if name.endswith("e"):
        return "e"
    return None


@lru_cache(maxsize=1)
def _country_names() -> list[tuple[str, str, str]]:
    """(Latvian name, code, paradigm) of every one-word country name, pycountry's plus our extras."""
    latvian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["lv"])
    names = []
    for country in pycountry.countries:
        for english in {country.name, getattr(country, "common_name", country.name)}:
            name = latvian.gettext(english)
            paradigm = _paradigm_of(name)
            if " " not in name and paradigm:
                names.append((name, country.alpha_2, paradigm))
    return names + list(COUNTRY_EXTRAS)


@lru_cache(maxsize=1)
def place_forms() -> dict[str, tuple[str, str, bool, str]]:
    """Every declined form → (code, case, is_country, lemma)."""
    forms: dict[str, tuple[str, str, bool, str]] = {}
    for lemma, code, paradigm in CITIES + MORE_CITIES:
        for case, form in _declined(lemma, paradigm).items():
            forms.setdefault(form, (code, case, False, lemma))
    for name, code, paradigm in _country_names():
        for case, form in _declined(name, paradigm).items():
            forms[form] = (code, case, True, name)
            for prefix in REGION_PREFIXES:
                forms.setdefault(prefix + form[0].lower() + form[1:], (code, case, True, name))
    for name, code in _english_country_names():
        forms.setdefault(name, (code, "any", True, name))
    return forms


@lru_cache(maxsize=1)
def town_genitives() -> frozenset[str]:
    """Every town's genitive form, including those equal to another case ("Ventspils", gen = nom),
    which ``place_forms`` records under the first case only."""
    forms = (_declined(lemma, paradigm).get("gen") for lemma, _code, paradigm in CITIES + MORE_CITIES)
    return frozenset(form for form in forms if form)


def _english_country_names() -> list[tuple[str, str]]:
    """One-word English country names ("Latvia", "Estonia") for the English pages of Latvian sites."""
    names = [(n, c.alpha_2) for c in pycountry.countries
             for n in {c.name, getattr(c, "common_name", c.name)} if n.isalpha()]
    return names + [("Czechia", "CZ"), ("Czech", "CZ")]  # "the Czech Republic"


def find_places(text: str) -> list[Place]:
    """Every known place word in ``text`` and every country code in parentheses ("(EE)")."""
    forms = place_forms()
    found = []
    for word in _WORD.finditer(text):
        entry = forms.get(word.group())
        if entry is None and "-" in word.group():
            entry = forms.get(word.group().split("-")[0])
        if entry is not None:
            found.append(Place(entry[0], entry[1], entry[2], word.start(), word.end(), entry[3]))
    for match in _CODE_IN_PARENS.finditer(text):
        code = match.group(1)
        if code not in NOT_COUNTRY_CODES and pycountry.countries.get(alpha_2=code):
            found.append(Place(code, "nom", True, match.start(1), match.end(1), code))
    return sorted(found, key=lambda p: p.begin)


def country_of(text: str) -> str | None:
    """The country of the first place named in ``text`` (a partner's name, a bracket), if any."""
    places = find_places(text)
    countries = [p for p in places if p.is_country]
    return (countries or places)[0].code if places else None


def is_online(text: str) -> bool:
    return bool(ONLINE_WORDS.search(text))
