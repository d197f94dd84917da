"""``projwatch reextract``: stored pages read again by this extractor, facts recorded, nothing alerted."""
import sqlite_utils
from filelock import FileLock

from tests.conftest import projwatch


def test_facts_an_older_extractor_missed_are_recorded_without_alerts(tmp_path, replica, run, smtp_server):
    mail_url, mailbox = smtp_server
    db_path = tmp_path / "projwatch.db"
    assert run("--sites", str(replica.write_sites(tmp_path / "sites.toml")), "--notify", mail_url,
               "--no-baseline").returncode == 0
    db = sqlite_utils.Database(db_path)
    meetings = sorted((row["start"], row["city"]) for row in db["meetings"].rows)
    outbox = db["outbox"].count
    assert meetings
    # As if an older extractor had not seen the meetings:
    db.execute("DELETE FROM fact_sources WHERE fact_table = 'meetings'")
    db.execute("DELETE FROM meetings")
    db.conn.commit()

    # --site: that site's pages only
    centrs_pages = db["pages"].count_where("site = 'centrs'")
    done = projwatch("reextract", "--db", str(db_path), "--site", "centrs", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"re-read {centrs_pages} pages" in done.stdout and 0 < centrs_pages < db["pages"].count
    sources = {row[0] for row in db.execute(
        "SELECT DISTINCT pages.site FROM fact_sources JOIN pages ON pages.url = fact_sources.page_url"
        " WHERE fact_table = 'meetings'")}
    assert sources == {"centrs"}
    assert 0 < db["meetings"].count < len(meetings)

    done = projwatch("reextract", "--db", str(db_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"re-read {db['pages'].count} pages" in done.stdout
    assert sorted((row["start"], row["city"]) for row in db["meetings"].rows) == meetings
    assert db["outbox"].count == outbox
    assert len(mailbox.messages) == 1          # the first run's digest, nothing since


def test_reextract_waits_for_no_run(tmp_path, replica, run):
    run("--sites", str(replica.write_sites(tmp_path / "sites.toml", replica.centrs)))
    with FileLock(f"{tmp_path / 'projwatch.db'}.lock"):
        done = projwatch("reextract", "--db", str(tmp_path / "projwatch.db"), cwd=tmp_path)
    assert done.returncode == 75 and "another run" in done.stderr


def test_reextract_needs_a_database(tmp_path):
    done = projwatch("reextract", "--db", str(tmp_path / "nope.db"), cwd=tmp_path)
    assert done.returncode == 2 and "no such database" in done.stderr
