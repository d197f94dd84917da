"""A site's cached HTTP responses in one SQLite file (``crawler.cachestore`` is Scrapy's side of it): a row
a request fingerprint, with when it was stored and the response as the cache pickled it. Each write is a
transaction of its own (WAL), so a response is stored whole or not at all. A connection is used on the
thread that opened it: the crawl reads on the reactor's thread and writes on the cache's own.
"""
import logging
import sqlite3
from pathlib import Path

from storage.db import guarded

SCHEMA = ("CREATE TABLE IF NOT EXISTS responses"
          " (fingerprint TEXT PRIMARY KEY, stored REAL NOT NULL, data BLOB NOT NULL)")
#: SQLite's page cache a connection, in KiB: rows are written once and read once by key, so SQLite's
#: default (2 MiB) only held memory: 64 connections at once (32 sites) grew a run by 150 MB.
CACHE_KIB = 64

logger = logging.getLogger(__name__)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)   # each statement its own transaction
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")   # a crash loses the last writes, never the file
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        connection.execute(SCHEMA)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


class ResponseFile:
    """The responses of ``path``. A file that is not a database (a copy cut short) is set aside as
    ``<name>.broken`` and a new one started: the cache only spares downloads. Any other failure to open
    it (a full disk, a folder it cannot write) is a ``StorageError``."""

    def __init__(self, path: Path):
        with guarded(f"the http cache {path}"):
            try:
                self._db = _connect(path)
            except sqlite3.DatabaseError as error:
                if getattr(error, "sqlite_errorcode", 0) & 0xFF not in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
                    raise
                logger.warning("http cache: %s unreadable (%s), set aside as %s.broken", path, error, path.name)
                path.replace(path.with_name(path.name + ".broken"))
                self._db = _connect(path)

    def get(self, fingerprint: str) -> tuple[float, bytes] | None:
        """(when stored, the data) of ``fingerprint``, or None."""
        with guarded("the http cache"):
            return self._db.execute("SELECT stored, data FROM responses WHERE fingerprint = ?",
                                    [fingerprint]).fetchone()

    def put(self, fingerprint: str, stored: float, data: bytes) -> None:
        with guarded("the http cache"):
            self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?)", [fingerprint, stored, data])

    def close(self) -> None:
        self._db.close()
