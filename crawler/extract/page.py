"""A page of text or HTML → the project entries it reports (the README's output shape).

A page has projects only where it shows one: a project named in quotes, a project number, the page's
place in a site's projects section, or a programme that funds a project (named in a paragraph that
speaks of a single project, right before one, or beside its partners; not one only being applied to or
drafted). Every fact found on the page goes to the project named last before it (or the first one);
a funding programme that no named project holds stands for one more, unnamed project. A page with
project money but no such project (a municipality's grant scheme, a council's co-financing decision) gets
one unnamed project holding that money.
"""
import bisect
import dataclasses
import re
from dataclasses import dataclass, field

from .dates import Published, find_dates
from .published import find_date_line, find_url_date
from .html import read_article
from .meetings import Meeting
from .page_meetings import find_page_meetings
from .money import CO_FINANCING, Funding, find_page_funding
from .partners import Partner, find_partners
from .places import HOME_COUNTRY
from .periods import Period, find_periods
from .programmes import ProgrammeMention, find_programmes
from .projects import find_project_names, find_project_numbers
from .sentences import Sentence, split_sentences

_HTML = re.compile(r"(?i)<(?:!doctype|html|head|body|div|p|article|main|span|br)\b")
#: One project, not many: "projekts", "projekta", "projektā" ("projektu" is also "of projects").
#: An EU "iniciatīva" (ICC, UIA, EUI) is one where a programme is named beside it: "dalība iniciatīvā “…”".
#: In English pages: "the URBACT network", "an Erasmus+ Cooperation Partnership", "taking part in the
#: Intelligent Cities Challenge".
_SINGLE_PROJECT = re.compile(r"(?i)\bprojekt(?:s|a|am|ā)\b|\bproject\b|\btīkl(?:s|a|am|ā)\b|\biniciatīv(?:a|ā|ai)\b"
                             # an Erasmus+ youth exchange, a mobility or job shadowing is a project of its own
                             r"|\b(?:jauniešu|skolēnu) apmaiņ(?:a|ā|ai|u)\b|\bmobilitāt(?:e|ē|ei|i)\b|\bēnošan\w*"
                             r"|\bnetwork\b|\bpartnership\b|\binitiative\b|\btaking part in\b|\btakes part in\b"
                             r"|\bparticipat(?:es|ing) in\b|\bprojektu\s+(?:vada|koordinē)\b")
#: A project named right after its programme is one project: "Interreg … programmas projektu, kurā …",
#: "Erasmus+ skolu sadarbības partnerību" ("projektu" also is "of projects": only before a clause, a name or
#: a verb: "… programmas projektu īsteno …").
_PROGRAMME_PROJECT = re.compile(r"(?i)^\W*(?:[\w+-]+\W+){0,4}?"
                                # the programme's period is part of its name: "… programmas 2014.–2020. gadam"
                                r"(?:\d{4}\.?\s*[–—-]\s*\d{4}\.?\s*gad\w*\s+)?"
                                r"(?:projekt(?:s|a|ā|am)\b|partnerīb(?:a|u|ā)\b"
                                r"|projektu(?=\s*[,.;:(“\"„]"
                                r"|\s+(?:par|kur\w*|kas|ar|īsteno\w*|realizē\w*|vad\w*|uzsāk\w*|sāk\w*)\b"
                                # or its number: "projektu LV-RU-031", "projektu Nr. 5.6.2"
                                r"|\s+(?-i:[A-Z]{2,}[\w.-]*\d|Nr\.))"
                                r")"
                                r"|\b(?:sadarbības|skolu|stratēģisk\w*|daudzpusēj\w*)\s+partnerīb(?:a|u|ā|as)\b"
                                # one exchange: "Erasmus+ jauniešu apmaiņā"
                                r"|^\W*(?:[\w+-]+\W+){0,2}?apmaiņ(?:a|u|ā)\b")
#: A programme named in a sentence about its partners: "darbs ar sadarbības partneriem programmā Comenius".
#: … or beside the quoted names of its projects: "LEADER konkursā atbalstīti projekti: “A” un “B”".
_WITH_PARTNERS = re.compile(r"(?i)\bpartner(?:i|iem|us|u)\b|\bprojekt\w*\s*:?\s+[“\"„]")
#: Working in projects (locative or dative plural) after the programme's name: "Grundtvig projektos".
_IN_PROJECTS = re.compile(r"(?i)^\W*(?:[\w+-]+\W+){0,4}?projekt(?:os|iem)\b")
_ANY_PROJECT = re.compile(r"(?i)\bprojekt|\bproject|\bnetwork\b|\bpartnership\b")
#: "Project" words that name a draft document, not a project: "lēmuma projekts", "tehniskais projekts".
_DRAFT = re.compile(r"(?i)\b(?:lēmum\w*|noteikumu|budžeta|likuma|nolikuma|rīkojuma|līguma|plānojuma|tehnisk\w*"
                    r"|būv|ēkas|vienkāršotās|saistošo)\s+projekt\w*|\b(?:likum|būv)projekt\w*")
#: A programme named only as the one a project will be applied to does not fund a project yet:
#: "lai sagatavotu projekta pieteikumu Interreg … programmas nākamajam uzsaukumam".
_PREPARATION = re.compile(r"(?i)\bsagatavo\w*\s+(?:\w+\s+){0,3}(?:pieteikum|iesniegum)\w*|\bpotenciāl\w*\s+"
                          r"(?:projektu\s+)?(?:iesniedzēj|pieteicēj|partner)\w*|\bprojekt\w* ide\w*"
                          r"|\biespējam\w*\s+(?:kopīg\w*\s+)?projekt\w*|\b(?:nākam|jaun|atvērt)\w*\s+(?:projektu\s+)?uzsaukum\w*"
                          # "pieteikumu sagatavošanai", "atrast sadarbības partnerus", "kā iesaistīties … programmā"
                          r"|\bpieteikum\w*\s+sagatavo\w*|\b(?:atrast|meklē\w*|satikt)\s+(?:\w+\s+)?partner\w*"
                          r"|\b(?:iesaistīties|pieteikties|piedalīties)\s+(?:\S+\s+){0,6}?(?:programm|konkurs|uzsaukum)\w*")
#: How many characters after a programme's name may name its project ("… programmas projektu, kurā").
AFTER_WINDOW = 80
#: A paragraph about drafting a project ("Projekta izstrādes procesā tikās …") speaks of none that exists yet.
_DRAFTING = re.compile(r"(?i)\bprojekt\w*\s+izstrād(?:es|ē|ei)\b")
#: A page in a site's projects section ("/projekti/aktivie-projekti/…", "/projekts/…") is about a project.
_PROJECTS_SECTION = re.compile(r"(?i)/(?:projekt[a-zāēīū_]*|[a-z_]*_projekti|projects?)/")
#: The municipality or its council as the one who grants money on a page.
_MUNICIPALITY_GRANTS = re.compile(r"(?i)\b(?:pašvaldība|dome)\s+(?:\w+\s+){0,2}?"
                                  r"(?:atbalst|piešķīr|piešķir|līdzfinansē)\w*")
_TITLE_SUFFIX = re.compile(r"\s+\|\s+[^|]+$")  # " | Ventspils Digitālais Centrs"


@dataclass
class Project:
    name: str | None = None
    name_en: str | None = None
    acronym: str | None = None
    programme: str | None = None
    lead_partner: Partner | None = None
    partners: list[Partner] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "name": self.name, "name_en": self.name_en, "acronym": self.acronym, "programme": self.programme,
            "lead_partner": self.lead_partner.to_dict() if self.lead_partner else None,
            "partners": [p.to_dict() for p in self.partners],
            "meetings": [m.to_dict() for m in self.meetings],
            "funding": [f.to_dict() for f in self.funding],
            "periods": [p.to_dict() for p in self.periods],
        }


@dataclass
class PageEntries:
    url: str | None
    title: str | None
    published: str | None
    projects: list[Project]

    def to_dict(self) -> dict:
        return {"url": self.url, "title": self.title, "published": self.published,
                "projects": [p.to_dict() for p in self.projects]}


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text[:5000]))


def _title_of(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return _TITLE_SUFFIX.sub("", line) if len(line) <= 300 else None
    return None


def _speaks_of_project(text: str, pattern: re.Pattern = _ANY_PROJECT) -> bool:
    """Whether ``text`` speaks of a project (one, with ``_SINGLE_PROJECT``), not of a draft document."""
    if not pattern.search(text):
        return False
    return "projekt" not in text.lower() or bool(pattern.search(_DRAFT.sub("", text)))   # every draft is a "projekt…"


def _project_programmes(sentences: list[Sentence], programmes: list[ProgrammeMention]) -> list[ProgrammeMention]:
    """The mentions of programmes that fund a project here: in a paragraph that speaks of one project,
    right before one, or in a sentence about partners; never where a project is only being prepared.
    Each sentence is looked at once, however many programmes it names."""
    paragraphs = {s.paragraph for s in sentences if _speaks_of_project(s.text, _SINGLE_PROJECT)}
    drafting = {s.paragraph for s in sentences if "izstrād" in s.text.lower() and _DRAFTING.search(s.text)}
    starts = [s.start for s in sentences]
    seen: dict[int, tuple[bool, bool]] = {}    # sentence index → (not preparation, speaks of partners)
    found = []
    for mention in programmes:
        at = bisect.bisect_right(starts, mention.begin) - 1     # the sentence the mention stands in
        if at < 0:
            continue
        sentence = sentences[at]
        if at not in seen:
            seen[at] = (not (_PREPARATION.search(sentence.text) or sentence.paragraph in drafting),
                        bool(_WITH_PARTNERS.search(sentence.text)))
        allowed, with_partners = seen[at]
        offset = mention.stop - sentence.start
        after = sentence.text[offset:offset + AFTER_WINDOW]
        # projects in the plural ("programmas Grundtvig projektos") where the next paragraph speaks of one
        follows = sentence.paragraph + 1 in paragraphs and _IN_PROJECTS.search(after) is not None
        if allowed and (sentence.paragraph in paragraphs or follows or with_partners
                        or _PROGRAMME_PROJECT.search(after)):
            found.append(mention)
    return found


def _outermost(meetings: list[Meeting]) -> list[Meeting]:
    """Meetings less the events held inside another one's dates (the items of a conference's programme)."""
    def inside(inner: Meeting, outer: Meeting) -> bool:
        return (inner is not outer and len(inner.start) == len(outer.start) and len(inner.end) == len(outer.end)
                and outer.start <= inner.start and inner.end <= outer.end
                and (outer.start, outer.end) != (inner.start, inner.end))
    return [m for m in meetings if not any(inside(m, other) for other in meetings)]


def _owner(offset: int, starts: list[int]) -> int:
    """Index of the project named last before ``offset`` (the first project for facts before any name)."""
    index = 0
    for i, start in enumerate(starts):
        if start <= offset:
            index = i
    return index


def _programme_for(begin: int, programmes: list[ProgrammeMention]) -> str | None:
    if len({m.key for m in programmes}) <= 1:
        return programmes[0].key if programmes else None
    return min(programmes, key=lambda m: abs(m.begin - begin)).key


def _unique_partners(partners: list[Partner]) -> list[Partner]:
    """Each partner once: the first mention of a name (a lead mention wins) or of a bare country."""
    ordered = sorted(partners, key=lambda p: not p.is_lead)
    seen, unique = set(), []
    for partner in ordered:
        key = (partner.name or "").casefold() or partner.country
        if key not in seen and (partner.name or partner.country):
            seen.add(key)
            unique.append(partner)
    return sorted(unique, key=lambda p: p.begin)


def _paid_by_programme(item: Funding, programme: str | None) -> Funding:
    """Money granted to a project with no payer named is its programme's (an Erasmus+ or Interreg grant);
    a national or unnamed programme ("other") leaves it "other"."""
    if item.granted and item.kind == "other" and programme not in (None, "other"):
        return dataclasses.replace(item, kind="eu")
    return item


def _paid_by_scheme(item: Funding, text: str) -> Funding:
    """Money granted with no payer named, on a page with no project where the municipality grants it
    (its own grant scheme: "Pašvaldība atbalsta pagalmu labiekārtošanu"), is the municipality's."""
    if item.granted and _MUNICIPALITY_GRANTS.search(text):
        return dataclasses.replace(item, kind="municipal")
    return item


#: Words that name a cooperation project's partners or the project itself where no name, number or programme
#: does: "projekta partneriem", "partneru sanāksme", "saistībā ar pārrobežu sadarbības projektu", partners
#: in a programme ("ar sadarbības partneriem mūžizglītības programmā").
_PARTNERS_OF_A_PROJECT = re.compile(r"(?i)\bprojekta\s+(?:sadarbības\s+)?partner\w*|\bpartneru\s+(?:sanāksm|tikšan)\w*"
                                    r"|\bsadarbības\s+projekt(?:s|a|am|ā|u)\b"
                                    r"|\bpartner\w*\s+(?:[^\W\d]+\s+){0,2}programm\w*")


#: Gatherings that a programme or a network holds, not a project for its partners: info days, calls, contests,
#: conferences of a whole programme.
_OF_A_PROGRAMME = re.compile(r"(?i)\binformatīv\w*|\bkonsultācij\w*|\biesniedzēj\w*|\bpieteicēj\w*|\buzsaukum\w*"
                             r"|\bkonkurs\w*|\bpieteikšan\w*|\bkonferenc\w*|\bforum\w*|\bkongres\w*")
#: Programmes whose every activity is a project of its own, so that naming one names a project: a school's
#: or a library's mobility "Erasmus+ vizīte Francijā", a Nordplus exchange, a Comenius visit ("other").
MOBILITY_PROGRAMMES = frozenset({"erasmus-plus", "nordplus", "other"})
#: Named programmes of exchanges between partner bodies (not "other", which may be any scheme).
EXCHANGE_PROGRAMMES = frozenset({"erasmus-plus", "nordplus"})


def _names_a_mobility_programme(sentences: list[Sentence], programmes: list[ProgrammeMention]) -> bool:
    """Whether the page names a mobility programme other than as the one a project is prepared for."""
    starts = [s.start for s in sentences]
    return any(m.key in MOBILITY_PROGRAMMES
               and not _PREPARATION.search(sentences[max(0, bisect.bisect_right(starts, m.begin) - 1)].text)
               for m in programmes)


def _meetings_of_partners(text: str, in_projects_section: bool, sentences: list[Sentence], published: Published,
                          programmes: list[ProgrammeMention]) -> list[Meeting]:
    """On a page that shows no project by name, number or programme in one paragraph, the meetings it
    reports where it speaks of a cooperation project's partners, stands in the site's section of projects,
    or names a mobility programme ("Erasmus+ vizīte Francijā"), less a programme's own info days, calls
    and conferences."""
    if not (_PARTNERS_OF_A_PROJECT.search(text) or in_projects_section
            or _names_a_mobility_programme(sentences, programmes)):
        return []
    sentences = [s for s in sentences if not _OF_A_PROGRAMME.search(s.text)]
    dates = [find_dates(sentence.text, published) for sentence in sentences]
    return _outermost(find_page_meetings(sentences, dates, published))


def _build_projects(text: str, published: Published, in_projects_section: bool = False) -> list[Project]:
    sentences = split_sentences(text)
    names = find_project_names(text)
    programmes = find_programmes(text)
    funding_programmes = _project_programmes(sentences, programmes)
    if not (names or find_project_numbers(text) or funding_programmes or in_projects_section):
        # a grant scheme's money still counts, where its own words say what money it is
        funding = [_paid_by_scheme(f, text) for f in find_page_funding(sentences, require_cue=True)]
        # a page with no project that grants co-financing still reports project money (a council's decision)
        funding = funding if _speaks_of_project(text) or CO_FINANCING.search(text) else []
        # a gathering of a project's partners still counts, where the page names them as such
        meetings = _meetings_of_partners(text, in_projects_section, sentences, published, programmes)
        programme = next((m.key for m in programmes if m.key in MOBILITY_PROGRAMMES), None) if meetings else None
        # the mobilities of a named programme of exchanges are a cooperation: the bodies abroad that the page
        # names take part, and with them ours (ours alone tell no cooperation)
        partners = _unique_partners(find_partners([(s.text, s.start) for s in sentences], text, programme,
                                                  False)) if programme in EXCHANGE_PROGRAMMES else []
        partners = partners if any(p.country not in (None, HOME_COUNTRY) for p in partners) else []
        return ([Project(programme=programme, meetings=meetings, funding=funding,
                         lead_partner=next((p for p in partners if p.is_lead), None),
                         partners=[p for p in partners if not p.is_lead])]
                if funding or meetings else [])
    funding = find_page_funding(sentences)

    dates = [find_dates(sentence.text, published) for sentence in sentences]
    meetings = find_page_meetings(sentences, dates, published)
    periods = [period for sentence, found in zip(sentences, dates)
               for period in find_periods(sentence.text, sentence.start, published, found)]
    page_programme = programmes[0].key if programmes else None
    partners = find_partners([(s.text, s.start) for s in sentences], text, page_programme,
                             any(m.cooperation for m in programmes))

    projects = [Project(n.name, n.name_en, n.acronym, _programme_for(n.begin, programmes)) for n in names]
    projects = projects or [Project(programme=page_programme)]
    # a programme that funds a project here but none of those named ("vienu … programmas ietvaros, otru –
    # Rīcības programmas ietvaros") stands for one more project, unnamed
    held = {p.programme for p in projects}
    for key in dict.fromkeys(m.key for m in funding_programmes):
        if key not in held:
            projects.append(Project(programme=key))
            held.add(key)
    starts = [n.begin for n in names] or [0]
    for meeting in _outermost(meetings):
        projects[_owner(meeting.begin, starts)].meetings.append(meeting)
    for item in funding:
        project = projects[_owner(item.begin, starts)]
        project.funding.append(_paid_by_programme(item, project.programme))
    for period in periods:
        projects[_owner(period.begin, starts)].periods.append(period)
    for partner in _unique_partners(partners):
        project = projects[_owner(partner.begin, starts)]
        if partner.is_lead and project.lead_partner is None:
            project.lead_partner = partner
        else:
            project.partners.append(partner)
    return projects


@dataclass(frozen=True)
class ReadPage:
    """A fetched page read once: its main text (paragraphs apart by blank lines) and its entries."""
    text: str
    entries: PageEntries


def extract_text(text: str, url: str | None = None, published: str | None = None,
                 title: str | None = None) -> PageEntries:
    """The project entries of a page's main text; ``published`` falls back on the URL's date and a date
    line at the top of the text, ``title`` on the text's first line."""
    published = published or find_url_date(url) or find_date_line(text)
    in_section = bool(url and _PROJECTS_SECTION.search(url.split("//", 1)[-1]))
    return PageEntries(url, title or _title_of(text), published,
                       _build_projects(text, Published.parse(published), in_section))


def read_page(html: str, url: str | None = None, published: str | None = None, *, title_css: str | None = None,
              body_css: str | None = None, date_css: str | None = None) -> ReadPage:
    """One road from fetched HTML to entries: the crawl, ``projwatch extract`` and ``reextract`` take it.
    The text it returns is what a page store keeps; ``extract_text`` on it (with the entries' published
    date) gives the same entries again."""
    article = read_article(html, url, title_css=title_css, body_css=body_css, date_css=date_css)
    return ReadPage(article.text, extract_text(article.text, url, published or article.published, article.title))


def extract_page(text_or_html: str, url: str | None = None, published: str | None = None) -> PageEntries:
    """The project entries of one page, given as plain text or as HTML."""
    if looks_like_html(text_or_html):
        return read_page(text_or_html, url, published).entries
    return extract_text(text_or_html, url, published)
