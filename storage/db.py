"""Opening the database: WAL so Datasette reads while cron writes, foreign keys, migrations."""
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from crawler.kinds import SORTS
from storage.migrations import MIGRATIONS

BUSY_TIMEOUT_ENV = "PROJWATCH_BUSY_TIMEOUT"   # seconds to wait for another writer (default 30)


#: SQLite's primary result codes of a database that may work on the next run: busy or locked by another
#: writer, a full disk, an I/O error.
TEMPORARY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR})


class StorageError(Exception):
    """The database cannot be opened or written; the message names the file and the cause.
    ``temporary``: busy, locked, full or an I/O error, which the next run may not meet (not a bad file)."""

    def __init__(self, message: str, *, temporary: bool = False):
        super().__init__(message)
        self.temporary = temporary


def is_temporary(error: sqlite3.Error) -> bool:
    """Whether an SQLite error is one of ``TEMPORARY_CODES`` (its extended code narrowed to the primary)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in TEMPORARY_CODES


@contextmanager
def guarded(what: str) -> Iterator[None]:
    """Storage's failures as storage's own: an SQLite error in the block is a ``StorageError`` ("``what``:
    the cause"), temporary where the next run may not meet it. Code above ``storage/`` catches that, never
    ``sqlite3``'s errors."""
    try:
        yield
    except sqlite3.Error as error:
        raise StorageError(f"{what}: {error}", temporary=is_temporary(error)) from error


@contextmanager
def transaction(db: Database, what: str) -> Iterator[None]:
    """One transaction (``db.atomic()``), guarded: all of the block is stored, or none of it and a
    ``StorageError``."""
    with guarded(what), db.atomic():
        yield


def sync_labels(db: Database) -> None:
    """The ``labels`` table as ``crawler.kinds`` declares it (a new kind or label shows at once); written
    only when it differs, so that opening the database stays a read."""
    rows = [{"sort": sort, "key": kind.key, "label": kind.label, "name_en": kind.name_en, "alerted": kind.alerted,
             "tag": kind.tag} for sort, declared in SORTS.items() for kind in declared]
    stored = {(row["sort"], row["key"]): row for row in db.query("SELECT * FROM labels")}
    if stored == {(row["sort"], row["key"]): {**row, "alerted": int(row["alerted"])} for row in rows}:
        return
    with db.atomic():
        db.execute("DELETE FROM labels")
        db["labels"].insert_all(rows)


def database_path(db: Database) -> Path:
    """The file of an open database."""
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def open_db(path: str | Path) -> Database:
    """Open (creating and migrating as needed) the projwatch database at ``path``."""
    path = Path(path)
    if path.parent and not path.parent.is_dir():
        raise StorageError(f"database folder does not exist: {path.parent}")
    with guarded(f"cannot open database {path}"):
        busy_seconds = float(os.environ.get(BUSY_TIMEOUT_ENV, "30"))
        # Not bound to the opening thread: the crawl stores on a writer thread of its own (one thread at a
        # time uses the connection: crawler.crawl and crawler.pipelines).
        db = Database(sqlite3.connect(path, timeout=busy_seconds, isolation_level=None, check_same_thread=False))
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")   # safe with WAL; a commit no longer waits on fsync
        MIGRATIONS.apply(db)
        sync_labels(db)
    return db
