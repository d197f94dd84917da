"""Calls for the writer's tests, importable by name in the writer's process."""
import os
import sqlite3
import time


def note(db, number: int) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS notes (number INTEGER)")
    db.execute("INSERT INTO notes VALUES (?)", [number])
    return number * 2


def bad_sql(db) -> None:
    db.execute("INSERT INTO no_such_table VALUES (1)")


def die(db) -> None:
    os._exit(1)   # as the OOM killer would


def wait(db, seconds: float) -> None:
    """Keep the writer busy, so that the calls made meanwhile go to it as one group."""
    time.sleep(seconds)


def committed_notes(db, number: int) -> int:
    """``note``, and how many notes another connection sees: the committed ones."""
    note(db, number)
    path = db.execute("PRAGMA database_list").fetchone()[2]
    other = sqlite3.connect(path)
    try:
        return other.execute("SELECT count(*) FROM notes").fetchone()[0]
    finally:
        other.close()


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this error")


def fail_unpicklably(db) -> None:
    raise Unpicklable("odd")
