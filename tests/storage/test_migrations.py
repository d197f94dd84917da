"""Numbered migrations bring an older database up to date without losing what it holds."""
import sqlite3

from sqlite_utils import Database

from storage import open_db
from storage.migrations import MIGRATIONS


def test_a_database_from_before_006_is_upgraded(tmp_path):
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path, isolation_level=None))
    MIGRATIONS.apply(old, stop_before="006_partner_name_keys_and_finish_reason")
    project = old["projects"].insert({"first_seen": "t", "last_seen": "t", "programme": "urbact"}).last_pk
    old["partners"].insert({"project_id": project, "key": f"{project}|tartu", "name": "Tartu Pilsētas Dome",
                            "role": "lead", "first_seen": "t", "last_seen": "t"})
    old["runs"].insert({"site": "x", "started": "t", "finished": "t", "failed": False})
    old.close()

    db = open_db(path)
    assert next(db["partners"].rows)["name_key"] == "tartu pilsetas dome"
    assert "finish_reason" in db["runs"].columns_dict
    assert any(index.columns == ["name_key"] for index in db["partners"].indexes)
    assert [row["name"] for row in db["_sqlite_migrations"].rows][-1] == MIGRATIONS._migrations[-1].name


def test_a_database_from_before_007_keeps_its_projects_and_can_store_every_fact(tmp_path):
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path, isolation_level=None))
    MIGRATIONS.apply(old, stop_before="007_every_stated_fact")
    old["pages"].insert({"url": "u", "site": "s", "title": "Partneri tiekas Tartu", "first_seen": "t",
                         "last_seen": "t", "content_hash": "h"})
    named = old["projects"].insert({"first_seen": "t", "last_seen": "t", "name": "Gudrā pilsēta",
                                    "programme": "urbact"}).last_pk
    nameless = old["projects"].insert({"first_seen": "t", "last_seen": "t", "programme": "interreg-europe"}).last_pk
    for project in (named, nameless):
        old["fact_sources"].insert({"page_url": "u", "fact_table": "projects", "fact_id": project, "statement": "",
                                    "current": True, "first_seen": "t", "last_seen": "t"})
    old.close()

    db = open_db(path)
    assert {row["project_id"]: row["programme"] for row in db["project_statements"].rows} == {
        named: "urbact", nameless: "interreg-europe"}
    assert [row["title"] for row in db["projects"].rows] == ["Gudrā pilsēta", "Partneri tiekas Tartu"]
    db["partners"].insert({"project_id": named, "key": f"{named}|country:FI", "country": "FI", "role": "partner",
                           "first_seen": "t", "last_seen": "t"})
    assert [row["mentions"] for row in db["fact_sources"].rows] == [1, 1]
    assert any(index.columns == ["key"] and index.unique for index in db["partners"].indexes)


def test_runs_from_before_010_that_finished_are_walks_at_their_start(tmp_path):
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path, isolation_level=None))
    MIGRATIONS.apply(old, stop_before="010_listing_walks")
    for started, failed, reason in (("2026-11-30T08:00:00+00:00", False, "finished"),
                                    ("2026-11-30T08:30:00+00:00", False, "shutdown"),
                                    ("2026-11-30T09:00:00+00:00", True, "finished")):
        old["runs"].insert({"site": "x", "started": started, "finished": started, "failed": failed,
                            "finish_reason": reason})
    old.close()

    db = open_db(path)
    assert [(row["run_time"], row["walked"]) for row in db["runs"].rows_where(order_by="id")] == [
        ("2026-11-30T08:00:00+00:00", 1), ("2026-11-30T08:30:00+00:00", 0), ("2026-11-30T09:00:00+00:00", 0)]


def test_the_search_indexes_follow_their_text_and_only_their_text(tmp_path):
    db = open_db(tmp_path / "p.db")
    db["pages"].insert({"url": "u", "site": "s", "title": "Partneri tiekas Tartu", "text": "Projekta sanāksme",
                        "first_seen": "t", "last_seen": "t", "content_hash": "h"})
    statements = []
    db.conn.set_trace_callback(statements.append)
    db["pages"].update("u", {"last_seen": "t2", "next_check": "t3"})
    assert not [s for s in statements if "pages_fts" in s]        # a revalidated page: its index untouched
    db["pages"].update("u", {"text": "Noslēguma konference Valmierā"})
    assert [s for s in statements if "pages_fts" in s]
    assert [row["url"] for row in db["pages"].search("Valmierā")] == ["u"]
    assert list(db["pages"].search("sanāksme")) == []
    assert [row["url"] for row in db["pages"].search("Tartu")] == ["u"]
