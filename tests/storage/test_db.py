"""``storage/db.py``: opening the database creates and migrates it, in WAL mode with foreign keys on, and
a path that cannot be a database is a ``StorageError`` naming it."""
import sqlite3

import pytest

from storage import StorageError, open_db
from storage.db import database_path
from storage.migrations import MIGRATIONS

TABLES = {"pages", "page_versions", "projects", "meetings", "funding", "partners", "changes", "outbox", "runs",
          "site_health", "labels"}


def test_a_new_database_is_created_with_every_migration(tmp_path):
    db = open_db(tmp_path / "projwatch.db")
    assert TABLES <= set(db.table_names())
    applied = [row["name"] for row in db["_sqlite_migrations"].rows]
    assert applied == [migration.name for migration in MIGRATIONS._migrations]
    assert db.execute("SELECT count(*) FROM labels").fetchone()[0] > 0
    db.close()


def test_opening_again_keeps_what_the_database_holds(tmp_path):
    path = tmp_path / "projwatch.db"
    db = open_db(path)
    db["runs"].insert({"site": "centrs", "started": "t", "finished": "t", "failed": False})
    db.close()
    again = open_db(path)
    assert again.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
    assert again.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(MIGRATIONS._migrations)
    again.close()


def test_the_database_is_in_wal_mode_with_foreign_keys_on(tmp_path):
    db = open_db(tmp_path / "projwatch.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):   # a source of a page never stored
        db["page_versions"].insert({"url": "https://nav.example/x", "fetched_at": "t", "content_hash": "h",
                                    "text": ""})
    db.close()


def test_database_path_is_the_open_file(tmp_path):
    db = open_db(tmp_path / "projwatch.db")
    assert database_path(db) == tmp_path / "projwatch.db"
    db.close()


def test_a_missing_folder_is_a_storage_error_naming_it(tmp_path):
    missing = tmp_path / "nav-mapes"
    with pytest.raises(StorageError, match=f"folder does not exist: {missing}"):
        open_db(missing / "projwatch.db")
    assert not missing.exists()


@pytest.mark.parametrize("content", [b"this is not a database, just some text " * 200,
                                     b"SQLite format 3\x00" + b"\xff" * 4000])     # a header, then garbage
def test_a_file_that_is_no_database_is_a_storage_error_naming_it(tmp_path, content):
    path = tmp_path / "projwatch.db"
    path.write_bytes(content)
    with pytest.raises(StorageError, match=f"cannot open database {path}"):
        open_db(path)
