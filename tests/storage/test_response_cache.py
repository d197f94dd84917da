"""storage/response_cache.py: a site's cached responses in one SQLite file; a file that is no database is
set aside and a new one started, any other failure to open it is a StorageError."""
import pytest

from storage import StorageError
from storage.response_cache import ResponseFile


def test_a_response_is_stored_whole_and_replaced_by_a_newer_one(tmp_path):
    cache = ResponseFile(tmp_path / "responses.sqlite")
    assert cache.get("ab12") is None
    cache.put("ab12", 1.0, b"first")
    cache.put("ab12", 2.0, b"second")
    cache.close()
    assert ResponseFile(tmp_path / "responses.sqlite").get("ab12") == (2.0, b"second")


def test_a_file_that_is_no_database_is_set_aside_and_a_new_one_started(tmp_path):
    path = tmp_path / "responses.sqlite"
    path.write_bytes(b"not a database, " * 100)   # a copy cut short, say
    cache = ResponseFile(path)
    cache.put("ab12", 1.0, b"kept")
    assert cache.get("ab12") == (1.0, b"kept")
    assert (tmp_path / "responses.sqlite.broken").read_bytes() == b"not a database, " * 100


def test_a_file_that_cannot_be_opened_is_a_storage_error_and_is_left_alone(tmp_path):
    path = tmp_path / "responses.sqlite"
    path.mkdir()
    with pytest.raises(StorageError, match="http cache"):
        ResponseFile(path)
    assert path.is_dir() and not (tmp_path / "responses.sqlite.broken").exists()
