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
    assert [row["name"] for row in db["_sqlite_migrations"].rows][-1] == "006_partner_name_keys_and_finish_reason"
