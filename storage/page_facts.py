"""What the database holds for one page: the facts it currently states (through ``fact_sources``), in
the extractor's output shape (../shared/corpus/README.md), so that the store can be held against the
extractor and scored with the same rules.

Per project the page states: the programme, names and lead partner this page gave it (its statements,
not the project's merged row), the partners, meetings, funding figures and periods it states now. A funding
figure stated twice on a page comes out twice.
"""
from collections import defaultdict

from sqlite_utils import Database

from storage.project_statements import page_project_statements


def _project(row: dict | None) -> dict:
    return {"name": None, "name_en": None, "acronym": None, "programme": None, "lead_partner": None,
            "partners": [], "meetings": [], "funding": [], "periods": [], **(row or {})}


def page_facts(db: Database, url: str) -> dict:
    """The page's stored facts as ``{"url", "title", "published", "projects": [...]}``."""
    page = next(db.query("SELECT title, published FROM pages WHERE url = ?", [url]), {})
    projects: dict[int, dict] = defaultdict(_project)
    for project_id, stated in page_project_statements(db, url).items():
        projects[project_id] = _project(stated)
    for row in db.query(
            "SELECT p.project_id, p.name, p.country, p.role FROM fact_sources s"
            " JOIN partners p ON s.fact_table = 'partners' AND p.id = s.fact_id"
            " WHERE s.page_url = ? AND s.current ORDER BY p.id", [url]):
        partner = {"name": row["name"], "country": row["country"]}
        project = projects[row["project_id"]]
        if row["role"] == "lead" and project["lead_partner"] is None:
            project["lead_partner"] = partner
        elif partner != project["lead_partner"]:
            project["partners"].append(partner)
    for row in db.query(
            'SELECT m.project_id, m.start, m."end", m.city, m.country, m.online, m.kind FROM fact_sources s'
            " JOIN meetings m ON s.fact_table = 'meetings' AND m.id = s.fact_id"
            " WHERE s.page_url = ? AND s.current ORDER BY m.start, m.id", [url]):
        projects[row.pop("project_id")]["meetings"].append({**row, "online": bool(row["online"])})
    for row in db.query(
            'SELECT p.project_id, p.start, p."end", p.label FROM fact_sources s'
            " JOIN periods p ON s.fact_table = 'periods' AND p.id = s.fact_id"
            " WHERE s.page_url = ? AND s.current ORDER BY p.start, p.id", [url]):
        projects[row.pop("project_id")]["periods"].append(row)
    for row in db.query(
            "SELECT f.project_id, s.statement, s.mentions, f.currency, f.kind, f.holder, f.share_pct"
            " FROM fact_sources s JOIN funding f ON s.fact_table = 'funding' AND f.id = s.fact_id"
            " WHERE s.page_url = ? AND s.current ORDER BY s.id", [url]):
        figure = {"amount": float(row["statement"]), "currency": row["currency"], "kind": row["kind"],
                  "holder": row["holder"], "share_pct": row["share_pct"]}
        projects[row["project_id"]]["funding"] += [figure] * (row["mentions"] or 1)
    return {"url": url, "title": page.get("title"), "published": page.get("published"),
            "projects": [projects[project_id] for project_id in sorted(projects)]}
