"""``storage/db.py``: opening the database creates and migrates it, in WAL mode with foreign keys on, and
a path that cannot be a database is a ``StorageError`` naming it."""
import sqlite3

import pytest

from storage import StorageError, guarded, open_db, transaction
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


def test_an_sqlite_error_in_a_guarded_block_is_storages_own(db):
    with pytest.raises(StorageError, match="^reading pages: no such table: nowhere$") as raised:
        with guarded("reading pages"):
            db.execute("SELECT * FROM nowhere")
    assert not raised.value.temporary   # a bad statement: the next run meets it again
    assert isinstance(raised.value.__cause__, sqlite3.OperationalError)


def test_a_busy_database_is_a_temporary_storage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PROJWATCH_BUSY_TIMEOUT", "0")
    holder, waiter = open_db(tmp_path / "projwatch.db"), open_db(tmp_path / "projwatch.db")
    holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(StorageError) as raised:
        with transaction(waiter, "storing a page"):
            waiter.execute("INSERT INTO runs (site, started) VALUES ('x', 'now')")
    assert raised.value.temporary and "locked" in str(raised.value)
    holder.execute("ROLLBACK")
    holder.close(), waiter.close()


def test_a_failed_transaction_stores_none_of_its_block(db):
    with pytest.raises(StorageError):
        with transaction(db, "storing a page"):
            db.execute("INSERT INTO runs (site, started) VALUES ('x', 'now')")
            db.execute("INSERT INTO nowhere VALUES (1)")
    assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def test_no_code_above_storage_touches_sqlite3():
    """Storage's errors are storage's: only storage/ imports sqlite3 (and so catches its errors)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for package in ("crawler", "spiders", "notifications"):
        for path in (root / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module] if isinstance(node, ast.ImportFrom) else []
                if "sqlite3" in names:
                    offenders.append(str(path.relative_to(root)))
    assert offenders == []
