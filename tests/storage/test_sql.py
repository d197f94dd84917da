"""storage/sql.py: the hot path's plain statements do what sqlite-utils' table methods did."""
import sqlite3

import pytest

from storage import sql


def test_insert_update_upsert_and_one_on_a_real_table(db):
    db.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT UNIQUE, size INTEGER)")
    first = sql.insert(db, "things", {"name": "a", "size": 1})
    second = sql.insert(db, "things", {"name": "b", "size": 2})
    assert (first, second) == (1, 2)
    sql.update(db, "things", first, {"size": 10})
    sql.update(db, "things", second, {})                       # nothing to set: nothing done
    sql.upsert(db, "things", {"name": "b", "size": 20}, key="name")
    sql.upsert(db, "things", {"name": "c", "size": 3}, key="name")
    sql.insert_new(db, "things", [{"name": "a", "size": 99}, {"name": "d", "size": 4}])   # 'a' is kept
    rows = list(db.query("SELECT name, size FROM things ORDER BY name"))
    assert rows == [{"name": "a", "size": 10}, {"name": "b", "size": 20}, {"name": "c", "size": 3},
                    {"name": "d", "size": 4}]
    assert sql.one(db, "SELECT size FROM things WHERE name = ?", ["c"]) == {"size": 3}
    assert sql.one(db, "SELECT size FROM things WHERE name = ?", ["zzz"]) is None


def test_a_broken_row_raises_what_sqlite_raises(db):
    db.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL)")
    sql.insert(db, "things", {"name": "a"})
    with pytest.raises(sqlite3.IntegrityError):
        sql.insert(db, "things", {"name": "a"})
