"""Faults of the web, the disk and the operator: nothing stored before is lost, no alert is doubled,
and the run ends with a clear word."""
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time

import sqlite_utils

from tests.conftest import (FAST, ROOT, add_meeting_articles, article_urls, run_command, stored_urls,
                            wait_until_fetched)
from tests.crawler.test_run_faults import add_fault, page_html
from tests.replica import Article
from tests.replica.site import Fault

ALWAYS_DUE = {"fresh_days": 100000}


def test_a_page_that_never_answers_is_bounded_by_the_timeout(tmp_path, replica, run):
    site = replica.centrs
    add_fault(site, "kavejas", Fault(body=b"<html></html>", delay=6))
    started = time.monotonic()
    done = run("--sites", str(replica.write_sites(tmp_path / "sites.toml", site)), "-s", "DOWNLOAD_TIMEOUT=1")
    assert time.monotonic() - started < 30
    assert done.returncode == 0
    assert "timeout: article" in done.stderr
    assert stored_urls(tmp_path / "projwatch.db") == article_urls(site)


def test_lying_charset_header_and_pathological_html(tmp_path, replica, run):
    site = replica.centrs
    text = "Ģimeņu dienā Ūdru ciemā pulcējās ļoti daudz ķekavnieku un žūrijas locekļu."
    lying = add_fault(site, "meli", Fault(body=page_html("Ģimeņu diena", text).encode("utf-8"),
                                          content_type="text/html; charset=iso-8859-1"))
    deep = add_fault(site, "dzila", Fault(
        body=("<html><body>" + "<div>" * 10000 + "<p>Dziļi ligzdots teksts par sporta svētkiem pilsētā.</p>"
              + "</div>" * 10000 + "</body></html>").encode()))
    numbers = " ".join(f"{n % 28 + 1}. maijā {n * 37} EUR {n}.{n % 12 + 1}.2024." for n in range(8000))
    heavy = add_fault(site, "skaitli", Fault(body=page_html("Skaitļi", numbers).encode()))
    assert len(numbers) > 200_000

    done = run("--sites", str(replica.write_sites(tmp_path / "sites.toml", site)))
    assert done.returncode == 0, done.stderr
    db = sqlite_utils.Database(tmp_path / "projwatch.db")
    assert text in db["pages"].get(site.url(lying))["text"]
    assert site.url(heavy) in stored_urls(tmp_path / "projwatch.db")
    assert article_urls(site) - {site.url(deep)} <= stored_urls(tmp_path / "projwatch.db")


def test_a_database_locked_by_another_writer_is_a_clear_error(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs)
    assert run("--sites", str(sites)).returncode == 0
    before = stored_urls(tmp_path / "projwatch.db")
    other = sqlite3.connect(tmp_path / "projwatch.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "crawler", "run", "--sites", str(sites), "--db", str(tmp_path / "projwatch.db"),
             *FAST], cwd=tmp_path, capture_output=True, text=True, timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PROJWATCH_BUSY_TIMEOUT": "1"})
        assert time.monotonic() - started < 20
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert done.returncode == 74, done.stderr
    assert "database is locked" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert stored_urls(tmp_path / "projwatch.db") == before


def test_a_full_disk_loses_nothing_stored_before(tmp_path, replica, run):
    site = replica.centrs
    sites = replica.write_sites(tmp_path / "sites.toml", site, **ALWAYS_DUE)
    db_path = tmp_path / "projwatch.db"
    assert run("--sites", str(sites)).returncode == 0
    before = stored_urls(db_path)
    for n in range(30):
        site.add_article(Article(f"liela-{n}", f"Garš raksts {n}", "2024-11-20",
                                 tuple(f"Rindkopa {n}.{k}: " + "pilsētas attīstības plāns " * 60 for k in range(10))))
    limit = os.path.getsize(db_path) + 64 * 1024

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "crawler", "run", "--sites", str(sites), "--db", str(db_path), *FAST],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, preexec_fn=small_disk,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 74, done.stderr            # README: the database failed mid-run
    assert "storage: article" in done.stderr             # each page not stored is named, then one last line:
    assert done.stderr.strip().splitlines()[-1].startswith(f"projwatch: database {db_path}: ")
    assert "Traceback" not in done.stderr
    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert before <= stored_urls(db_path)
    orphans = db.execute("select count(*) from pages where url not in (select url from page_versions)")
    assert orphans.fetchone()[0] == 0
    assert run("--sites", str(sites)).returncode == 0          # room again: the next run catches up
    assert stored_urls(db_path) == article_urls(site)


def test_sigterm_stops_cleanly_and_the_next_run_resumes(tmp_path, replica, smtp_server):
    """A first run stopped half-way is no baseline yet: the run that completes it alerts nothing; the
    first change after that is alerted once."""
    mail_url, mailbox = smtp_server
    site = replica.centrs
    add_meeting_articles(site, 60, "jūnijam")
    db_path = tmp_path / "projwatch.db"
    command, env = run_command(replica.write_sites(tmp_path / "sites.toml", site, **ALWAYS_DUE), db_path,
                               "--notify", mail_url)
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    wait_until_fetched(site, 15)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr
    partial = stored_urls(db_path)
    assert 0 < len(partial) < len(article_urls(site))

    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert stored_urls(db_path) == article_urls(site)
    assert "baseline" in done.stdout and mailbox.messages == []

    add_meeting_articles(site, 1, "jūlijam")
    assert subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=120).returncode == 0
    assert len(mailbox.messages) == 1
    assert "2025-07-01 – 2025-07-02" in mailbox.messages[0].get_body(preferencelist=("plain",)).get_content()
