"""The crawl's writer process: calls run in the order asked for and give back their results, an SQLite
error comes back as a ``StorageError`` and undoes that call alone, the calls made while the writer is busy
are committed together, and a writer that dies costs the calls it held, not the next ones."""
import pytest

from crawler.writer import StoreWriter
from storage import StorageError, open_db
from tests.crawler.writers import bad_sql, committed_notes, die, fail_unpicklably, note, wait


@pytest.fixture
def writer(tmp_path):
    open_db(tmp_path / "projwatch.db").close()
    writer = StoreWriter(tmp_path / "projwatch.db")
    yield writer
    writer.close()


def notes(writer) -> list[int]:
    db = open_db(writer.path)
    try:
        return [row[0] for row in db.execute("SELECT number FROM notes ORDER BY rowid")]
    finally:
        db.close()


def test_calls_run_in_the_order_asked_for_and_give_back_their_results(writer):
    asked = [writer.submit(note, number) for number in range(200)]   # the first ones wait for it to start
    assert [future.result(timeout=30) for future in asked] == [number * 2 for number in range(200)]
    assert notes(writer) == list(range(200))


def test_an_sqlite_error_is_a_storage_error_and_the_next_call_runs(writer):
    with pytest.raises(StorageError, match="no such table"):
        writer.submit(bad_sql).result(timeout=30)
    assert writer.submit(note, 1).result(timeout=30) == 2
    assert writer.crashes == 0


def test_a_failing_call_in_a_group_undoes_itself_alone(writer):
    writer.submit(wait, 0.5)
    group = [writer.submit(note, 1), writer.submit(bad_sql), writer.submit(note, 2)]   # while it waits
    assert group[0].result(timeout=30) == 2 and group[2].result(timeout=30) == 4
    with pytest.raises(StorageError, match="no such table"):
        group[1].result(timeout=30)
    assert notes(writer) == [1, 2]


def test_an_error_that_cannot_cross_to_the_crawl_fails_its_call_alone(writer):
    writer.submit(wait, 0.5)
    group = [writer.submit(note, 1), writer.submit(fail_unpicklably), writer.submit(note, 2)]
    with pytest.raises(RuntimeError, match="Unpicklable: odd"):
        group[1].result(timeout=30)
    assert group[0].result(timeout=30) == 2 and group[2].result(timeout=30) == 4
    assert notes(writer) == [1, 2]


def test_calls_made_while_the_writer_is_busy_are_committed_together(writer):
    writer.submit(note, 0).result(timeout=30)
    assert writer.submit(committed_notes, 0).result(timeout=30) == 1   # alone: it sees what was committed before it
    writer.submit(wait, 0.5)
    group = [writer.submit(committed_notes, number) for number in range(1, 4)]
    # each call of the group sees only what was committed before the group began
    assert [future.result(timeout=30) for future in group] == [2, 2, 2]
    assert writer.submit(committed_notes, 4).result(timeout=30) == 5


def test_a_writer_that_dies_fails_the_calls_it_held_and_the_next_call_starts_another(writer):
    assert writer.submit(note, 1).result(timeout=30) == 2
    writer.submit(wait, 0.5)
    held = [writer.submit(die), writer.submit(note, 2)]   # one group: the writer dies with both
    for future in held:
        with pytest.raises(StorageError, match="writer process stopped") as error:
            future.result(timeout=30)
        assert error.value.temporary
    assert writer.submit(note, 3).result(timeout=30) == 6
    assert writer.crashes == 1
    assert notes(writer) == [1, 3]
