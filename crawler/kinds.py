"""Every kind the program speaks of, declared once: meeting kinds, funding kinds, change kinds,
programmes and the kinds of error a site's pages can fail with; and a ``Route``, the kinds (and sites,
programmes, projects) a channel wants.

Each kind has its key (what the extractor emits and the database stores), its Latvian label (what staff
read in alerts, feeds and Datasette), its English name where it has one, and, for changes, whether it is
alerted by default and the apprise tag that selects it. The extractor, storage, alerts, site health and
Datasette read this module (the database keeps a copy in ``labels``, so SQL can join it); a test fails
when any code emits a kind that is not declared here. This module imports nothing of ours.
"""
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    label: str                     # Latvian, as staff read it
    name_en: str | None = None
    alerted: bool = False          # changes: sent to staff by default
    tag: str | None = None         # changes: the apprise tag that selects it (beside its own key)
    site_fault: bool = False       # site errors: the site failed to answer (site health counts these)
    passing: bool = False          # site errors: a later run may well not meet it (the page is asked again)


MEETING_KINDS = (
    Kind("partner meeting", "partneru sanāksme", "partner meeting"),
    Kind("kick-off meeting", "atklāšanas sanāksme", "kick-off meeting"),
    Kind("closing meeting", "noslēguma sanāksme", "closing meeting"),
    Kind("city lab", "pilsētas laboratorija (City Lab)", "City Lab"),
    Kind("study visit", "pieredzes apmaiņas vizīte", "study visit"),
    Kind("conference", "konference", "conference"),
    Kind("workshop", "darbnīca", "workshop"),
    Kind("ceremony", "ceremonija", "ceremony"),
    Kind("visit", "vizīte", "visit"),
    Kind("event", "pasākums", "event"),
)

FUNDING_KINDS = (
    Kind("total", "kopējās izmaksas", "total cost"),
    Kind("partner", "partnera budžets", "partner budget"),
    Kind("eu", "ES finansējums", "EU funding"),
    Kind("national", "valsts finansējums", "national funding"),
    Kind("municipal", "pašvaldības līdzfinansējums", "municipal co-financing"),
    Kind("other", "cits finansējums", "other funding"),
)

CHANGE_KINDS = (
    Kind("new_meeting", "Jauna tikšanās", "new meeting", alerted=True, tag="meetings"),
    Kind("new_funding", "Jauns finansējums", "new funding", alerted=True, tag="funding"),
    Kind("changed_funding", "Mainīts finansējums", "changed funding", alerted=True, tag="funding"),
    Kind("removed_funding", "Finansējums vairs netiek minēts", "funding no longer stated", alerted=True,
         tag="funding"),
    Kind("new_project", "Jauns projekts", "new project"),
    Kind("site_unhealthy", "Vietne nedarbojas", "site stopped working", alerted=True, tag="health"),
    Kind("site_recovered", "Vietne atkal darbojas", "site works again", alerted=True, tag="health"),
)

PROGRAMMES = (
    Kind("urbact", "URBACT", "URBACT"),
    Kind("uia", "Pilsētu inovatīvās darbības (UIA)", "Urban Innovative Actions"),
    Kind("eui", "Eiropas Pilsētu iniciatīva", "European Urban Initiative"),
    Kind("icc", "Inteliģento pilsētu izaicinājums", "Intelligent Cities Challenge"),
    Kind("interreg-bsr", "Interreg Baltijas jūras reģiona programma", "Interreg Baltic Sea Region"),
    Kind("interreg-central-baltic", "Interreg Centrālā Baltijas jūras reģiona programma", "Interreg Central Baltic"),
    Kind("interreg-estonia-latvia", "Interreg Igaunijas–Latvijas programma", "Interreg Estonia–Latvia"),
    Kind("interreg-latvia-lithuania", "Interreg Latvijas–Lietuvas programma", "Interreg Latvia–Lithuania"),
    Kind("interreg-europe", "Interreg Europe", "Interreg Europe"),
    Kind("interreg-latvia-russia", "Latvijas–Krievijas pārrobežu sadarbības programma", "Latvia–Russia CBC"),
    Kind("interreg-latvia-belarus", "Latvijas–Lietuvas–Baltkrievijas pārrobežu sadarbības programma",
         "Latvia–Lithuania–Belarus CBC"),
    Kind("interreg-south-baltic", "Interreg Dienvidbaltijas programma", "Interreg South Baltic"),
    Kind("erasmus-plus", "Erasmus+", "Erasmus+"),
    Kind("horizon-2020", "Apvārsnis 2020", "Horizon 2020"),
    Kind("horizon-europe", "Apvārsnis Eiropa", "Horizon Europe"),
    Kind("eea-norway-grants", "EEZ un Norvēģijas finanšu instrumenti", "EEA and Norway Grants"),
    Kind("life", "LIFE", "LIFE"),
    Kind("creative-europe", "Radošā Eiropa", "Creative Europe"),
    Kind("europe-for-citizens", "Eiropa pilsoņiem", "Europe for Citizens"),
    Kind("digital-europe", "Digitālā Eiropa", "Digital Europe"),
    Kind("nordplus", "Nordplus", "Nordplus"),
    Kind("rdp-leader", "Lauku attīstības programma (LEADER)", "Rural Development Programme (LEADER)"),
    Kind("erdf-latvia", "ES fondu darbības programma (ERAF, ESF, KF)", "EU funds operational programme of Latvia"),
    Kind("rrf", "Atveseļošanas un noturības mehānisms", "Recovery and Resilience Facility"),
    Kind("other", "cita programma", "other programme"),
)

#: Why a site's page or request failed. ``http_NNN`` (an HTTP status) and the name of an unexpected
#: download exception are kinds too, labelled by ``site_error_label``.
SITE_ERRORS = (
    Kind("dns", "domēns nav atrodams", "host not found", site_fault=True, passing=True),
    Kind("refused", "serveris atteica savienojumu", "connection refused", site_fault=True, passing=True),
    Kind("timeout", "serveris neatbildēja laikā", "timeout", site_fault=True, passing=True),
    Kind("too_large", "lapa pārāk liela", "page too large"),
    Kind("ignored", "pieprasījums izlaists (robots.txt, pāradresācijas)", "request ignored"),
    Kind("not_text", "lapa nav teksts", "not a text page"),
    Kind("unreadable", "lapu nevar nolasīt", "unreadable page", passing=True),
    Kind("read", "lapas tekstu neizdevās nolasīt", "page could not be read", passing=True),
    Kind("worker", "lapas lasīšana avarēja (darba process)", "reading the page crashed its worker process",
         passing=True),
    # runs recorded before reading and extracting became one step counted an extractor failure apart
    Kind("extract", "lapas faktus neizdevās nolasīt", "page could not be extracted"),
    Kind("no_text", "lapā nav raksta teksta", "no article text"),
    Kind("storage", "datubāzē neizdevās saglabāt", "could not be stored", passing=True),
)

#: Every sort of kind by the name the ``labels`` table gives it.
SORTS: dict[str, tuple[Kind, ...]] = {
    "meeting": MEETING_KINDS, "funding": FUNDING_KINDS, "change": CHANGE_KINDS, "programme": PROGRAMMES,
    "site_error": SITE_ERRORS,
}


def keys(kinds: tuple[Kind, ...]) -> frozenset[str]:
    return frozenset(kind.key for kind in kinds)


def labels(kinds: tuple[Kind, ...]) -> dict[str, str]:
    """Key -> Latvian label."""
    return {kind.key: kind.label for kind in kinds}


ALERTED_CHANGES = frozenset(kind.key for kind in CHANGE_KINDS if kind.alerted)


def error_passes(key: str) -> bool:
    """Whether a site error may pass by the next run: a kind marked ``passing``, an HTTP 5xx or 429 (a
    4xx is the page's own), or an unexpected download exception."""
    if key.startswith("http_"):
        return key[5:6] == "5" or key == "http_429"
    kind = next((kind for kind in SITE_ERRORS if kind.key == key), None)
    return kind is None or kind.passing


def site_error_label(key: str) -> str:
    """A site error's Latvian label, also for an HTTP status ("http_503") or an unexpected exception."""
    if key.startswith("http_"):
        return f"HTTP kļūda {key[5:]}"
    return labels(SITE_ERRORS).get(key, key)


@dataclass(frozen=True)
class Route:
    """Which changes a channel wants. Each sort of condition that is given must hold; within a sort, any
    value will do; None: no condition of that sort (an empty route wants every alerted change). Storage
    decides whether a change is wanted (``storage.outbox.route_wants``): projects are matched by the keys
    of their names."""

    kinds: frozenset[str] | None = None         # change kinds (None: every one of ALERTED_CHANGES)
    sites: frozenset[str] | None = None         # site names of the site list
    programmes: frozenset[str] | None = None    # programme keys
    projects: frozenset[str] | None = None      # names or acronyms a project is known by, as tagged


#: Where alerts go: channel key -> its routes; the channel wants a change any of them wants (a target
#: named twice in the config has two).
Routing = Mapping[str, Sequence[Route]]
EVERYTHING = (Route(),)
