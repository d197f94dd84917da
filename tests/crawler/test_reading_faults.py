"""A run over many sites: stopped by SIGTERM to the process group (as systemd or a terminal stops it,
the reading workers too), it stores whole pages only, and the next run ends where an uninterrupted one
reading in-process would; killed outright, it leaves no reader or writer process behind; sites crawl a
bounded number at once."""
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from bench.measure import process_tree
from tests.conftest import add_meeting_articles, article_urls, projwatch, run_command, stored_urls, wait_until_fetched


def page_facts(db_path, urls) -> dict[str, str]:
    done = projwatch("facts", "--db", str(db_path), *sorted(urls), cwd=db_path.parent)
    assert done.returncode == 0, done.stderr
    return {json.loads(line)["url"]: line for line in done.stdout.splitlines()}


def test_sigterm_to_the_process_group_leaves_whole_pages_and_the_next_run_completes(tmp_path, replica):
    site = replica.centrs
    add_meeting_articles(site, 60, "jūnijam")
    db_path = tmp_path / "projwatch.db"
    command, env = run_command(replica.write_sites(tmp_path / "sites.toml", site), db_path)
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    wait_until_fetched(site, 15)
    os.killpg(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr, stderr[-4000:]

    partial = stored_urls(db_path)
    assert 0 < len(partial) < len(article_urls(site))
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT count(*) FROM pages WHERE url NOT IN (SELECT url FROM page_versions)").fetchone()[0] == 0
    meeting_pages = {url for url in partial if "/junijam-" in url}
    with_meeting = {row[0] for row in db.execute(
        "SELECT DISTINCT page_url FROM fact_sources WHERE fact_table = 'meetings' AND current")}
    assert meeting_pages and meeting_pages <= with_meeting     # each stored page has its facts: none half-stored
    db.close()

    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert stored_urls(db_path) == article_urls(site)
    clean = tmp_path / "clean.db"      # uninterrupted, and read in-process: the same facts, page by page
    clean_command, _ = run_command(tmp_path / "sites.toml", clean)
    assert subprocess.run(clean_command, cwd=tmp_path, env={**env, "PROJWATCH_WORKERS": "0"}, capture_output=True,
                          timeout=120).returncode == 0
    assert page_facts(db_path, article_urls(site)) == page_facts(clean, article_urls(site))


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_run_leaves_no_reading_or_writing_process_behind(tmp_path, replica):
    site = replica.centrs
    add_meeting_articles(site, 60, "jūnijam")
    command, env = run_command(replica.write_sites(tmp_path / "sites.toml", site), tmp_path / "projwatch.db",
                               "-s", "PROJWATCH_WORKERS=2")
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_fetched(site, 15)
    deadline = time.monotonic() + 10
    while len(helpers := set(process_tree(process.pid)) - {process.pid}) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(helpers) >= 5   # the resource tracker, the fork server, two readers, the writer
    process.kill()              # as the OOM killer or a timeout would: no chance to close anything
    process.wait()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in helpers if _running(pid)]


def test_sites_crawl_a_bounded_number_at_once_and_every_one_is_crawled(tmp_path, replica, run):
    two = (replica.centrs, replica.portal)
    sites = replica.write_sites(tmp_path / "sites.toml", *two)
    for site in two:
        site.latency = 0.15     # each site takes over a second: were they crawled together, they would overlap
    done = run("--sites", str(sites), "-s", "PROJWATCH_CONCURRENT_SITES=1", "-s", "PROJWATCH_WORKERS=0")
    assert done.returncode == 0, done.stderr
    assert stored_urls(tmp_path / "projwatch.db") == set().union(*(article_urls(site) for site in two))
    db = sqlite3.connect(tmp_path / "projwatch.db")
    runs = db.execute("SELECT site, started, finished FROM runs ORDER BY started, finished").fetchall()
    assert sorted(site for site, _, _ in runs) == sorted(site.name for site in two)
    for (_, _, finished), (_, started, _) in zip(runs, runs[1:]):
        assert finished <= started      # one site at a time: the next starts as one ends
