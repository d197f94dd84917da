"""Which stored project an extracted project is: the identity rule, pure and free of SQLite.

One project goes by many names across pages and sites: "Pilsētu digitālās inovācijas",
"Digi Place – Pilsētu digitālās inovācijas", "Digital Innovation 4 Cities" and "DI4C" are one. Two
descriptions are the same project when

1. they share an acronym, or
2. they share a name (Latvian or English), compared after normalising case, diacritics, quotes and
   punctuation, and also after stripping a prefix such as "Digi Place –", or
3. they name the same programme and the same lead partner, or at least two common partners;

and never when both state an acronym and the acronyms differ.
"""
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# "Digi Place – Pilsētu digitālās inovācijas": the name proper follows the last such separator.
PREFIX_SEPARATOR = re.compile(r"\s[-–—:]\s|:\s")
# A stripped remainder shorter than this many words is too generic to identify a project
# ("Interreg Latvija – Lietuva" must not become "Lietuva").
MIN_STRIPPED_WORDS = 2
MIN_SHARED_PARTNERS = 2


def normalise(text: str | None) -> str:
    """Lower case, no diacritics, quotes or punctuation, single spaces: the form names are compared in."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


def name_keys(name: str | None) -> set[str]:
    """The normalised forms a project name is recognised by: the whole name and, if it has a prefix
    ("Digi Place – …"), the name without it."""
    if not name:
        return set()
    keys = {normalise(name)}
    remainder = PREFIX_SEPARATOR.split(name.strip(" \"'“”„«»"))[-1]
    if len(normalise(remainder).split()) >= MIN_STRIPPED_WORDS:
        keys.add(normalise(remainder))
    return keys - {""}


def acronym_key(acronym: str | None) -> str:
    """An acronym compared without case, spaces or punctuation ("DI4C", "Di-4C")."""
    return normalise(acronym).replace(" ", "")


@dataclass(frozen=True)
class ProjectSignature:
    """What a project is recognised by."""

    names: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()
    programme: str | None = None
    lead_partner: str = ""
    partners: frozenset[str] = frozenset()


def signature_of(project: Mapping) -> ProjectSignature:
    """The signature of one extracted project (the extractor's dict shape)."""
    lead = project.get("lead_partner") or {}
    partner_names = [lead.get("name")] + [p.get("name") for p in project.get("partners") or []]
    return ProjectSignature(
        names=frozenset(name_keys(project.get("name")) | name_keys(project.get("name_en"))),
        acronyms=frozenset({acronym_key(project.get("acronym"))} - {""}),
        programme=project.get("programme") or None,
        lead_partner=normalise(lead.get("name")),
        partners=frozenset({normalise(name) for name in partner_names} - {""}),
    )


def same_project(a: ProjectSignature, b: ProjectSignature) -> bool:
    """Whether two signatures describe one project (the rule in this module's docstring)."""
    if a.acronyms and b.acronyms and not a.acronyms & b.acronyms:
        return False
    if a.acronyms & b.acronyms or a.names & b.names:
        return True
    if not a.programme or a.programme != b.programme:
        return False
    same_lead = bool(a.lead_partner) and a.lead_partner == b.lead_partner
    return same_lead or len(a.partners & b.partners) >= MIN_SHARED_PARTNERS


def match_project(candidate: ProjectSignature, known: Iterable[tuple[int, ProjectSignature]]) -> int | None:
    """The id of the first (oldest) known project the candidate is, or None for a new project."""
    for project_id, signature in sorted(known, key=lambda pair: pair[0]):
        if same_project(candidate, signature):
            return project_id
    return None
