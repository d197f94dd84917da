"""Plain SQL for the page's hot path (a page's facts are ~100 statements): each statement is built once
per table and column set and prepared once per connection (sqlite3's statement cache), where
sqlite-utils' ``Table`` methods look the table's columns up again on every call."""
from collections.abc import Iterable, Mapping
from functools import lru_cache

from sqlite_utils import Database


@lru_cache(maxsize=None)
def _insert(table: str, columns: tuple[str, ...], verb: str) -> str:
    names = ", ".join(f'"{column}"' for column in columns)
    return f'{verb} INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'


@lru_cache(maxsize=None)
def _update(table: str, columns: tuple[str, ...], key: str) -> str:
    sets = ", ".join(f'"{column}" = ?' for column in columns)
    return f'UPDATE "{table}" SET {sets} WHERE "{key}" = ?'


@lru_cache(maxsize=None)
def _upsert(table: str, columns: tuple[str, ...], key: str) -> str:
    sets = ", ".join(f'"{column}" = excluded."{column}"' for column in columns if column != key)
    return f'{_insert(table, columns, "INSERT")} ON CONFLICT ("{key}") DO UPDATE SET {sets}'


def insert(db: Database, table: str, row: Mapping) -> int:
    """Insert ``row``; its rowid."""
    return db.conn.execute(_insert(table, tuple(row), "INSERT"), tuple(row.values())).lastrowid


def insert_new(db: Database, table: str, rows: Iterable[Mapping]) -> None:
    """Insert the rows that break no unique constraint; ignore the others (rows of one column set)."""
    rows = list(rows)
    if rows:
        db.conn.executemany(_insert(table, tuple(rows[0]), "INSERT OR IGNORE"),
                            [tuple(row.values()) for row in rows])


def update(db: Database, table: str, key_value, values: Mapping, key: str = "id") -> None:
    """Set ``values`` in the row whose ``key`` column is ``key_value``."""
    if values:
        db.conn.execute(_update(table, tuple(values), key), (*values.values(), key_value))


def upsert(db: Database, table: str, row: Mapping, key: str) -> None:
    """Insert ``row``, or update the row with its ``key`` to it."""
    db.conn.execute(_upsert(table, tuple(row), key), tuple(row.values()))


def one(db: Database, sql: str, params: Iterable = ()) -> dict | None:
    """The first row ``sql`` selects, as a dict, or None."""
    cursor = db.conn.execute(sql, tuple(params))
    row = cursor.fetchone()
    return None if row is None else dict(zip((column[0] for column in cursor.description), row))
