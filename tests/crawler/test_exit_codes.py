"""The run lock and the exit codes the README promises: 2 bad input from you, 74 the database failed
(locked or full), 75 another run holds the lock."""
import sqlite3

import pytest
from click.testing import CliRunner
from filelock import FileLock

from crawler.cli import main
from crawler.cli_common import EXIT_LOCKED, EXIT_STORAGE, RunLocked, UserError
from crawler.job import run_lock
from storage import StorageError, open_db


def test_exit_codes_are_the_readme_s():
    assert (UserError.exit_code, EXIT_STORAGE, EXIT_LOCKED) == (2, 74, 75)


def test_the_lock_is_held_for_the_block_and_released_after(tmp_path):
    db_path = tmp_path / "projwatch.db"
    with run_lock(db_path):
        with pytest.raises(RunLocked) as held:
            with run_lock(db_path):
                pass
        assert held.value.exit_code == 75
        assert str(db_path) + ".lock" in held.value.format_message()
    with run_lock(db_path):   # released: the next run takes it
        pass


def test_a_lock_held_by_another_process_raises_run_locked(tmp_path):
    db_path = tmp_path / "projwatch.db"
    with FileLock(f"{db_path}.lock"):
        with pytest.raises(RunLocked):
            with run_lock(db_path):
                pytest.fail("entered a held lock")


@pytest.mark.parametrize("folder", ["/proc", "/proc/self"])
def test_a_folder_where_no_lock_file_can_be_made_is_the_user_s_error(folder):
    """Not "another run holds it" (75, forever, from every cron run): the folder and why, exit 2."""
    with pytest.raises(UserError) as error:
        with run_lock(f"{folder}/x.db"):
            pytest.fail("entered a lock that cannot exist")
    message = error.value.format_message()
    assert error.value.exit_code == 2
    assert message.endswith(f"in the folder {folder}: No such file or directory")
    assert "another run" not in message


def test_run_with_a_db_in_proc_says_why_in_one_line_exit_2(tmp_path):
    """The new user's bad path: ``projwatch run --db /proc/x.db``."""
    (tmp_path / "sites.toml").write_text(
        '[[sites]]\nname = "x"\ntitle = "X"\nstart_urls = ["http://127.0.0.1:9/"]\narticles = ["/a/"]\n')
    done = CliRunner().invoke(main, ["run", "--sites", str(tmp_path / "sites.toml"), "--db", "/proc/x.db"])
    assert done.exit_code == 2, done.output
    lines = done.output.strip().splitlines()
    assert len(lines) == 1 and "/proc" in lines[0] and "lock file" in lines[0]


def test_a_database_locked_at_opening_is_74_not_the_user_s_error(tmp_path, monkeypatch):
    """Another writer holding a new database as migrations would start: locked (74), cron tries again."""
    monkeypatch.setenv("PROJWATCH_BUSY_TIMEOUT", "0.1")
    db_path = tmp_path / "projwatch.db"
    (tmp_path / "sites.toml").write_text(
        '[[sites]]\nname = "x"\ntitle = "X"\nstart_urls = ["http://127.0.0.1:9/"]\narticles = ["/a/"]\n')
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError) as error:
            open_db(db_path)
        assert error.value.temporary and "locked" in str(error.value)
        done = CliRunner().invoke(main, ["run", "--sites", str(tmp_path / "sites.toml"), "--db", str(db_path)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert done.exit_code == 74, done.output
    assert len(done.output.strip().splitlines()) == 1 and "database is locked" in done.output


def test_a_file_that_is_no_database_is_the_user_s_error(tmp_path):
    db_path = tmp_path / "projwatch.db"
    db_path.write_bytes(b"not a database, just text " * 100)
    with pytest.raises(StorageError) as error:
        open_db(db_path)
    assert not error.value.temporary
    (tmp_path / "sites.toml").write_text(
        '[[sites]]\nname = "x"\ntitle = "X"\nstart_urls = ["http://127.0.0.1:9/"]\narticles = ["/a/"]\n')
    done = CliRunner().invoke(main, ["run", "--sites", str(tmp_path / "sites.toml"), "--db", str(db_path)])
    assert done.exit_code == 2, done.output
