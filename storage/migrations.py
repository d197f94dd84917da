"""Numbered schema migrations (sqlite-utils Migrations): each runs once, in order, in a transaction."""
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from storage.identity import normalise

MIGRATIONS = Migrations("projwatch")


@MIGRATIONS(name="001_pages")
def pages(db: Database) -> None:
    db["pages"].create(
        {
            "url": str, "site": str, "title": str, "published": str,
            "first_seen": str, "last_seen": str, "next_check": str,
            "content_hash": str, "html_hash": str, "text": str,
        },
        pk="url",
        not_null={"site", "first_seen", "last_seen", "content_hash"},
    )
    db["pages"].create_index(["site"])
    db["page_versions"].create(
        {"id": int, "url": str, "fetched_at": str, "content_hash": str, "text": str, "html": bytes},
        pk="id",
        foreign_keys=[("url", "pages", "url")],
        not_null={"url", "fetched_at", "content_hash"},
    )
    db["page_versions"].create_index(["url", "fetched_at"])
    db["pages"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")


@MIGRATIONS(name="002_facts")
def facts(db: Database) -> None:
    """Projects and their facts, where each fact was stated, the changes found and the alerts owed."""
    db["projects"].create(
        {
            "id": int, "name": str, "name_en": str, "acronym": str, "programme": str,
            "lead_partner": str, "lead_partner_country": str, "first_seen": str, "last_seen": str,
        },
        pk="id",
        not_null={"first_seen", "last_seen"},
    )
    db["project_aliases"].create(
        {"id": int, "project_id": int, "kind": str, "alias": str, "key": str, "first_seen": str},
        pk="id",
        foreign_keys=[("project_id", "projects", "id")],
        not_null={"project_id", "kind", "alias", "key", "first_seen"},
    )
    db["project_aliases"].create_index(["project_id", "kind", "key"], unique=True)
    db["project_aliases"].create_index(["key"])
    db["partners"].create(
        {"id": int, "project_id": int, "key": str, "name": str, "country": str, "role": str,
         "first_seen": str, "last_seen": str},
        pk="id",
        foreign_keys=[("project_id", "projects", "id")],
        not_null={"project_id", "key", "name", "role", "first_seen", "last_seen"},
    )
    db["partners"].create_index(["key"], unique=True)
    db["partners"].create_index(["project_id"])
    db["meetings"].create(
        {"id": int, "project_id": int, "key": str, "start": str, "end": str, "city": str,
         "country": str, "online": bool, "kind": str, "first_seen": str, "last_seen": str},
        pk="id",
        foreign_keys=[("project_id", "projects", "id")],
        not_null={"project_id", "key", "start", "end", "first_seen", "last_seen"},
    )
    db["meetings"].create_index(["key"], unique=True)
    db["meetings"].create_index(["project_id", "start"])
    db["funding"].create(
        {"id": int, "project_id": int, "key": str, "amount": float, "currency": str, "kind": str,
         "holder": str, "share_pct": float, "first_seen": str, "last_seen": str},
        pk="id",
        foreign_keys=[("project_id", "projects", "id")],
        not_null={"project_id", "key", "amount", "kind", "first_seen", "last_seen"},
    )
    db["funding"].create_index(["key"], unique=True)
    db["funding"].create_index(["project_id"])
    db["fact_sources"].create(
        {"id": int, "page_url": str, "version_id": int, "fact_table": str, "fact_id": int,
         "statement": str, "current": bool, "first_seen": str, "last_seen": str},
        pk="id",
        foreign_keys=[("page_url", "pages", "url"), ("version_id", "page_versions", "id")],
        not_null={"page_url", "fact_table", "fact_id", "statement", "current", "first_seen", "last_seen"},
    )
    db["fact_sources"].create_index(["page_url", "fact_table", "fact_id", "statement"], unique=True)
    db["fact_sources"].create_index(["fact_table", "fact_id"])
    db["changes"].create(
        {"id": int, "kind": str, "project_id": int, "fact_table": str, "fact_id": int,
         "old_value": str, "new_value": str, "page_url": str, "detected_at": str},
        pk="id",
        foreign_keys=[("project_id", "projects", "id"), ("page_url", "pages", "url")],
        not_null={"kind", "project_id", "page_url", "detected_at"},
    )
    db["changes"].create_index(["detected_at"])
    db["changes"].create_index(["project_id"])
    db["outbox"].create(
        {"id": int, "change_id": int, "channel": str, "status": str, "attempts": int,
         "last_error": str, "created_at": str, "sent_at": str},
        pk="id",
        foreign_keys=[("change_id", "changes", "id")],
        not_null={"change_id", "channel", "status", "attempts", "created_at"},
        defaults={"status": "pending", "attempts": 0},
    )
    db["outbox"].create_index(["change_id", "channel"], unique=True)
    db["outbox"].create_index(["channel", "status"])


@MIGRATIONS(name="003_runs_and_site_health")
def runs_and_site_health(db: Database) -> None:
    """Per-site statistics of every run, each site's health, and changes that belong to a site (a site
    that stopped working) rather than to a project."""
    db["runs"].create(
        {
            "id": int, "site": str, "started": str, "finished": str, "requests": int, "revalidated": int,
            "errors": int, "error_kinds": str, "articles_found": int, "pages_seen": int, "new": int,
            "changed": int, "facts": int, "changes": int, "failed": bool,
        },
        pk="id",
        not_null={"site", "started", "finished"},
    )
    db["runs"].create_index(["site", "started"])
    db["site_health"].create(
        {"site": str, "healthy": bool, "since": str, "reason": str},
        pk="site",
        not_null={"healthy", "since"},
    )
    db["changes"].add_column("site", str)
    db["changes"].transform(not_null={"project_id": False, "page_url": False})


#: Every name, English name and acronym a project goes by, once each, in the order first seen.
_ALIASES_OF = """(SELECT group_concat(alias, ' · ') FROM (
    SELECT alias FROM project_aliases WHERE project_id = {project_id} AND kind != 'page'
    GROUP BY alias ORDER BY min(id)))"""


@MIGRATIONS(name="004_meeting_places_and_project_search")
def meeting_places_and_project_search(db: Database) -> None:
    """Coordinates of meetings' cities (for the map), and full-text search over project names and
    aliases: ``projects.aliases`` follows ``project_aliases`` by triggers, the index follows ``projects``."""
    db["meetings"].add_column("latitude", float)
    db["meetings"].add_column("longitude", float)
    db["projects"].add_column("aliases", str)
    for event, rows in (("insert", ["new"]), ("update", ["old", "new"]), ("delete", ["old"])):
        updates = "".join(
            f"UPDATE projects SET aliases = {_ALIASES_OF.format(project_id=f'{row}.project_id')}"
            f" WHERE id = {row}.project_id;\n"
            for row in rows
        )
        db.execute(f"CREATE TRIGGER project_aliases_{event} AFTER {event.upper()} ON project_aliases"
                   f" BEGIN\n{updates}END")
    db.execute(f"UPDATE projects SET aliases = {_ALIASES_OF.format(project_id='projects.id')}")
    db["projects"].enable_fts(["name", "name_en", "acronym", "aliases"], create_triggers=True,
                              tokenize="unicode61 remove_diacritics 2")


@MIGRATIONS(name="005_places")
def places(db: Database) -> None:
    """What the gazetteer answered for each city (no coordinates: not found), so it is asked once."""
    db["places"].create({"city": str, "country": str, "latitude": float, "longitude": float},
                        pk=("city", "country"))


@MIGRATIONS(name="006_partner_name_keys_and_finish_reason")
def partner_name_keys_and_finish_reason(db: Database) -> None:
    """Partners' normalised names, indexed, so that project identity finds candidates without a scan;
    and how each run ended, so that a site stays in its baseline until a run has crawled it to its end."""
    db["partners"].add_column("name_key", str)
    for partner_id, name in db.execute("SELECT id, name FROM partners").fetchall():
        db["partners"].update(partner_id, {"name_key": normalise(name)})
    db["partners"].create_index(["name_key"])
    db["runs"].add_column("finish_reason", str)


@MIGRATIONS(name="007_every_stated_fact")
def every_stated_fact(db: Database) -> None:
    """Keep every fact a page states: a partner known only by its country (no name), a figure a page
    states twice (``fact_sources.mentions``), and what each page says a project is
    (``project_statements``), from which the project's programme, names and lead partner are decided;
    ``projects.title`` names every project, one with no name by its first page's title; the periods
    and phases of projects (``periods``); and which changes a site's baseline recorded (not news)."""
    db["partners"].transform(not_null={"name": False})
    db["fact_sources"].add_column("mentions", int, not_null_default=1)
    db["project_statements"].create(
        {"id": int, "page_url": str, "project_id": int, "name": str, "name_en": str,
         "acronym": str, "programme": str, "lead_partner": str, "lead_partner_country": str},
        pk="id",
        foreign_keys=[("page_url", "pages", "url"), ("project_id", "projects", "id")],
        not_null={"page_url", "project_id"},
    )
    db["project_statements"].create_index(["page_url", "project_id"], unique=True)
    db["project_statements"].create_index(["project_id"])
    db["projects"].add_column("title", str)
    db["changes"].add_column("baseline", bool, not_null_default=False)
    db["periods"].create(
        {"id": int, "project_id": int, "key": str, "start": str, "end": str, "label": str, "first_seen": str,
         "last_seen": str},
        pk="id",
        foreign_keys=[("project_id", "projects", "id")],
        not_null={"project_id", "key", "start", "end", "first_seen", "last_seen"},
    )
    db["periods"].create_index(["key"], unique=True)
    db["periods"].create_index(["project_id"])
    db.execute(
        "INSERT INTO project_statements (page_url, project_id, name, name_en, acronym, programme,"
        " lead_partner, lead_partner_country)"
        " SELECT DISTINCT s.page_url, p.id, p.name, p.name_en, p.acronym, p.programme,"
        " p.lead_partner, p.lead_partner_country FROM fact_sources s JOIN projects p ON p.id = s.fact_id"
        " WHERE s.fact_table = 'projects' AND s.current")
    db.execute(
        "UPDATE projects SET title = coalesce(name, name_en, acronym, (SELECT pages.title FROM fact_sources s"
        " JOIN pages ON pages.url = s.page_url WHERE s.fact_table = 'projects' AND s.fact_id = projects.id"
        " ORDER BY s.first_seen LIMIT 1))")


@MIGRATIONS(name="008_labels")
def labels(db: Database) -> None:
    """Every kind's Latvian label (``crawler.kinds``), so that SQL can show words instead of codes; its
    rows are written afresh each time the database is opened (``storage.db``)."""
    db["labels"].create({"sort": str, "key": str, "label": str, "name_en": str, "alerted": bool, "tag": str},
                        pk=("sort", "key"), not_null={"label"})


@MIGRATIONS(name="009_adaptive_revalidation_and_site_cost")
def adaptive_revalidation_and_site_cost(db: Database) -> None:
    """How long a page whose answers carry no validators (no ETag, no Last-Modified) waits before its
    next check, learned from its checks (``pages.wait_hours``; NULL: the page has validators and is
    revalidated by conditional requests); and what each run cost each site in bytes of 200 answers
    (``runs.bytes``; ``runs.requests`` and ``runs.revalidated``, the 304s, were there)."""
    db["pages"].add_column("wait_hours", float)
    db["runs"].add_column("bytes", int)


@MIGRATIONS(name="010_listing_walks")
def listing_walks(db: Database) -> None:
    """Which runs walked a site's listings to their end (``runs.walked``) and the time their pages were
    stamped by (``runs.run_time``): a later run walks past every page showing an article stored since,
    by a run cut short. Earlier runs that finished are taken as walks, at their start."""
    db["runs"].add_column("run_time", str)
    db["runs"].add_column("walked", bool)
    db.execute("UPDATE runs SET run_time = started, walked = (finish_reason = 'finished' AND NOT failed)")


def _reindex_only_on_change(db: Database, table: str, columns: tuple[str, ...]) -> None:
    """``table``'s full-text index is written again on an update only where an indexed column changed
    (sqlite-utils' trigger does it on every update: a page's ``last_seen``, a project's)."""
    quoted = ", ".join(f'"{column}"' for column in columns)
    old = ", ".join(f'old."{column}"' for column in columns)
    new = ", ".join(f'new."{column}"' for column in columns)
    changed = " OR ".join(f'old."{column}" IS NOT new."{column}"' for column in columns)
    db.execute(f'DROP TRIGGER IF EXISTS "{table}_au"')
    db.execute(
        f'CREATE TRIGGER "{table}_au" AFTER UPDATE OF {quoted} ON "{table}" WHEN {changed} BEGIN\n'
        f'  INSERT INTO "{table}_fts" ("{table}_fts", rowid, {quoted}) VALUES(\'delete\', old.rowid, {old});\n'
        f'  INSERT INTO "{table}_fts" (rowid, {quoted}) VALUES (new.rowid, {new});\nEND')


@MIGRATIONS(name="011_search_index_on_change")
def search_index_on_change(db: Database) -> None:
    """The search indexes of pages and projects are written again only when their text changes: a
    revalidated page (its ``last_seen``, ``next_check``) and a project seen again rewrote them each time."""
    _reindex_only_on_change(db, "pages", ("title", "text"))
    _reindex_only_on_change(db, "projects", ("name", "name_en", "acronym", "aliases"))
