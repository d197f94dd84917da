"""Projects named on a page: names, English names, acronyms and project numbers.

A project name is a quoted phrase next to the word "projekts" in any case ("projekta “Digi Place”",
"“Green Railway” projekts", "projekts: “…”"), optionally followed by its English or Latvian twin in
brackets or after "latviski –", and an acronym ("akronīms – “3I solution for PS”",
"(projekta saīsinājums DI4C)", "(ICC)").
"""
import re
from dataclasses import dataclass

OPEN_QUOTES = "“\"„«"
CLOSE_QUOTES = "”\"“»"
_QUOTED = rf"[{OPEN_QUOTES}](?P<{{group}}>[^{OPEN_QUOTES}{CLOSE_QUOTES}\n]{{{{2,200}}}}?)[{CLOSE_QUOTES}]"


def _quoted(group: str) -> str:
    return _QUOTED.format(group=group)


#: "projekts" in every case, and "tīkls" (a network is an URBACT project): "URBACT tīkla “Zaļie pagalmi”";
#: in English also "network" and "partnership" (an Erasmus+ Cooperation Partnership "Silver Surfers").
_PROJECT_WORD = r"(?i:projekt(?:s|a|am|u|ā|iem)?|project|tīkl(?:s|a|am|ā)|network|partnership)\b"
#: A project's number between the word and the name: "projekts Nr. 5.6.2", "projektu LV-RU-031".
_NUMBER = r"(?:\s*\(?(?i:Nr|nr)\.\s*[\w./-]+\)?|\s+[A-Z]{2,}[\w.-]*\d[\w.-]*)?"
_NAME_AFTER = re.compile(rf"{_PROJECT_WORD}{_NUMBER}\s*:?\s+{_quoted('name')}")
#: "“Green Railway” projekts": only the nominative, and not where another quoted name follows it.
_NAME_BEFORE = re.compile(rf"{_quoted('name')}\s+(?i:projekts|project)\b(?!\s*:?\s*[{OPEN_QUOTES}])")
_TWIN = re.compile(rf"\s*\(\s*(?:(?i:angliski|latviski)\s*[–—-]?\s*)?(?:{_quoted('twin')}\s*\)?|(?P<plain>[^()]{{3,200}})\))")
_NOT_A_TWIN = re.compile(r"(?i)akronīm|saīsinājum|acronym|\bnr\.|\d{3}")
_ACRONYM = re.compile(
    rf"(?i:akronīms|saīsinājums|acronym)\s*[–—:-]?\s*(?:{_quoted('quoted')}|(?P<token>[A-Z0-9][\w+-]{{1,20}}))"
)
_ACRONYM_IN_BRACKETS = re.compile(r"^\s*(?:\((?P<bracket>[A-Z][A-Za-z0-9+-]{1,15})\)|(?P<bare>[A-Z][a-z]*[A-Z][A-Za-z0-9]*)\b)")
#: Project numbers: "Nr. LLI-136", "projekta nr. Est-Lat24", "Nr. 22-09-AL10-A019.2201-000004".
#: Latvia's operational programmes number their projects by measure: "Nr. 8.1.2.0/17/I/032".
_PROJECT_NUMBER = re.compile(r"(?i:projekt\w*\s+)?(?i:Nr)\.:?\s*(?P<number>[A-Z][A-Za-z]{1,5}[\w-]*\d[\w.-]*"
                             r"|\d{2}-\d{2}-[\w.-]+|\d\.\d\.\d\.\d/[\w/.-]*\w|\d{4,}-[A-Z][\w.-]*\w)")
_PLAIN_LATIN = re.compile(r"^[A-Za-z0-9 ,.:;&/'’+-]+$")
#: English words that tell an English project name from a Latvian one written without diacritics.
ENGLISH_WORDS = frozenset({"the", "and", "for", "of", "in", "with", "to", "on", "a", "an", "by", "as", "from",
                           "through", "towards", "public", "smart", "city", "cities", "green", "digital"})


@dataclass
class ProjectName:
    name: str
    name_en: str | None
    acronym: str | None
    begin: int


@dataclass(frozen=True)
class ProjectNumber:
    number: str
    begin: int


def _is_english(text: str) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return bool(_PLAIN_LATIN.match(text)) and bool(words & ENGLISH_WORDS)


def _name_and_twin(name: str, twin: str | None) -> tuple[str, str | None]:
    """Latvian name first: "“Green railway” (latviski – Zaļais dzelzceļš)" swaps the two."""
    if twin and _is_english(name) and not _is_english(twin):
        return twin, name
    if _is_english(name) and twin is None:
        return name, name
    return name, twin if twin and _is_english(twin) else None


def _acronym_after(text: str, end: int) -> str | None:
    window = text[end:end + 200]
    found = _ACRONYM.search(window)
    if found and "." not in window[:found.start()]:
        return (found["quoted"] or found["token"]).strip()
    bracket = _ACRONYM_IN_BRACKETS.match(window)
    if bracket:
        return bracket["bracket"] or bracket["bare"]
    return None


def find_project_names(text: str) -> list[ProjectName]:
    """Each project named in ``text``, in order of first mention, with its twin name and acronym."""
    found: list[ProjectName] = []
    matches = sorted(list(_NAME_AFTER.finditer(text)) + list(_NAME_BEFORE.finditer(text)), key=lambda m: m.start())
    for match in matches:
        name = " ".join(match["name"].split()).strip(" .,")
        end = match.end()
        twin_match = _TWIN.match(text, end)
        twin = None
        if twin_match and not _NOT_A_TWIN.search(twin_match.group()):
            twin = " ".join((twin_match["twin"] or twin_match["plain"]).split())
            end = twin_match.end()
        latvian, english = _name_and_twin(name, twin)
        acronym = _acronym_after(text, end)
        known = next((project for project in found if _same_name(latvian, project)), None)
        if known is None:
            found.append(ProjectName(latvian, english, acronym, match.start()))
        else:  # a later mention may add what the first one left out
            known.name_en = known.name_en or english
            known.acronym = known.acronym or acronym
    return found


def _name_key(name: str) -> str:
    return re.sub(r"\W+", "", name.casefold()).rstrip("s")


def _same_name(name: str, project: ProjectName) -> bool:
    """Whether ``name`` is one of ``project``'s names: its own, English or acronym, up to case and plural."""
    return _name_key(name) in {_name_key(n) for n in (project.name, project.name_en, project.acronym) if n}


def find_project_numbers(text: str) -> list[ProjectNumber]:
    return [ProjectNumber(m["number"].rstrip(".-"), m.start()) for m in _PROJECT_NUMBER.finditer(text)]
