"""What each page says a project is (programme, names, acronym, lead partner), and the project row
decided from all of its pages.

A project is known by all its pages: each page that states it leaves one row in
``project_statements``, replaced when the page is recorded again. The ``projects`` row takes each
attribute from the statements of every page: a named programme beats ``other``, the most stated value
beats a single mention (the page first seen wins a tie), and a later page adds what earlier ones lacked.
A project that has no name, English name or acronym is titled by the first page that stated it.
"""
from collections import Counter
from collections.abc import Mapping

from sqlite_utils import Database

from storage import sql

TABLE = "project_statements"
#: The attributes a page states of a project, as columns of ``project_statements`` and ``projects``.
ATTRIBUTES = ("name", "name_en", "acronym", "programme", "lead_partner", "lead_partner_country")
OTHER_PROGRAMME = "other"


def stated_attributes(project: Mapping) -> dict:
    """The attributes one extracted project (the extractor's dict shape) states."""
    lead = project.get("lead_partner") or {}
    return {"name": project.get("name"), "name_en": project.get("name_en"), "acronym": project.get("acronym"),
            "programme": project.get("programme"), "lead_partner": lead.get("name"),
            "lead_partner_country": lead.get("country")}


def state_project(db: Database, page_url: str, project_id: int, stated: Mapping) -> None:
    """Note what ``page_url`` states of the project; a second project of the same page that is the same
    stored project fills what the first left unknown."""
    row = sql.one(db, f"SELECT * FROM {TABLE} WHERE page_url = ? AND project_id = ?", [page_url, project_id])
    if row is None:
        sql.insert(db, TABLE, {"page_url": page_url, "project_id": project_id,
                               **{key: stated.get(key) for key in ATTRIBUTES}})
        return
    update = {key: stated[key] for key in ATTRIBUTES if stated.get(key) and not row[key]}
    if update:
        sql.update(db, TABLE, row["id"], update)


def forget_page(db: Database, page_url: str) -> set[int]:
    """Drop what the page stated of projects (it is about to be recorded again); the projects it named."""
    ids = {row[0] for row in db.execute(f"SELECT project_id FROM {TABLE} WHERE page_url = ?", [page_url])}
    db.execute(f"DELETE FROM {TABLE} WHERE page_url = ?", [page_url])
    return ids


def _most_stated(values: list[str]) -> str | None:
    """The value stated most often; a tie goes to the one stated first (``values`` is in stated order)."""
    counts = Counter(value for value in values if value)
    if not counts:
        return None
    return max(counts, key=lambda value: (counts[value], -values.index(value)))


def decide(statements: list[Mapping]) -> dict:
    """A project's attributes from its pages' statements (the pages first seen first)."""
    programmes = [s["programme"] for s in statements if s["programme"]]
    named = [key for key in programmes if key != OTHER_PROGRAMME]
    decided = {key: _most_stated([s[key] for s in statements]) for key in ("name", "name_en", "acronym")}
    decided["programme"] = _most_stated(named or programmes)
    decided["lead_partner"] = _most_stated([s["lead_partner"] for s in statements])
    decided["lead_partner_country"] = _most_stated(
        [s["lead_partner_country"] for s in statements if s["lead_partner"] == decided["lead_partner"]])
    return decided


def refresh_project(db: Database, project_id: int) -> None:
    """Decide the ``projects`` row from every page's statements; a project no page states any more
    keeps what it had."""
    statements = list(db.query(
        f"SELECT s.*, pages.title AS page_title FROM {TABLE} s LEFT JOIN pages ON pages.url = s.page_url"
        f" WHERE s.project_id = ? ORDER BY pages.first_seen, s.page_url", [project_id]))
    if not statements:
        return
    decided = decide(statements)
    page_title = next((s["page_title"] for s in statements if s["page_title"]), None)
    decided["title"] = decided["name"] or decided["name_en"] or decided["acronym"] or page_title
    sql.update(db, "projects", project_id, decided)


def page_project_statements(db: Database, page_url: str) -> dict[int, dict]:
    """Project id -> what ``page_url`` states of it (name, name_en, acronym, programme, lead_partner)."""
    found = {}
    for row in db.query(f"SELECT * FROM {TABLE} WHERE page_url = ? ORDER BY id", [page_url]):
        lead = ({"name": row["lead_partner"], "country": row["lead_partner_country"]}
                if row["lead_partner"] or row["lead_partner_country"] else None)
        found[row["project_id"]] = {**{key: row[key] for key in ("name", "name_en", "acronym", "programme")},
                                    "lead_partner": lead}
    return found
