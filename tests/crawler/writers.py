"""Calls for the writer's tests, importable by name in the writer's process."""
import os


def note(db, number: int) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS notes (number INTEGER)")
    db.execute("INSERT INTO notes VALUES (?)", [number])
    return number * 2


def bad_sql(db) -> None:
    db.execute("INSERT INTO no_such_table VALUES (1)")


def die(db) -> None:
    os._exit(1)   # as the OOM killer would
