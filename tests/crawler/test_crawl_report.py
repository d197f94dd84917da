"""``crawler/crawl.py`` without crawling: a site's report read from its crawler's stats (errors by kind,
failed when no listing page came, the bytes the site sent, the ``runs`` row it becomes), the Scrapy
settings of a run (the HTTP cache beside the database, ``-s`` overrides winning)."""
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.cost import BYTES
from crawler.crawl import SiteReport, crawl_settings, http_cache_dir, reader_workers
from crawler.reading import default_workers
from crawler.stats import error_stat, stat
from storage import open_db
from storage.runs import recent_runs, record_run

FINISHED = datetime(2026, 11, 30, 8, 0, 30, tzinfo=timezone.utc)
STARTED = FINISHED - timedelta(seconds=12.34)


def stats(**counters) -> dict:
    """A crawler's stats at its end: Scrapy's own, and ours under ``projwatch/``."""
    return {"start_time": STARTED, "downloader/request_count": 14, "httpcache/revalidate": 5, BYTES: 48200,
            stat("listings_ok"): 2, stat("pages_seen"): 9, stat("pages_new"): 3, stat("pages_changed"): 1,
            stat("facts"): 7, stat("changes"): 2, stat("articles_found"): 12, **counters}


def report(values: dict, reason: str = "finished", baseline: bool = False) -> SiteReport:
    return SiteReport.from_stats("centrs", values, FINISHED, reason, run_time=STARTED, baseline=baseline)


def test_a_report_reads_the_crawlers_stats():
    assert report(stats(), baseline=True) == SiteReport(
        site="centrs", started="2026-11-30T08:00:17+00:00", finished="2026-11-30T08:00:30+00:00",
        requests=14, revalidated=5,
        bytes=48200, pages_seen=9, new=3, changed=1, facts=7, changes=2, errors=0, seconds=12.3, error_kinds={},
        articles_found=12, failed=False, finish_reason="finished", run_time="2026-11-30T08:00:17+00:00",
        walked=True, baseline=True)


def test_errors_are_counted_by_kind():
    errors = {error_stat("timeout"): 3, error_stat("http_404"): 1, error_stat("not_text"): 2}
    done = report(stats(**errors))
    assert done.error_kinds == {"timeout": 3, "http_404": 1, "not_text": 2}
    assert done.errors == 6


@pytest.mark.parametrize("listings_ok, failed", [(None, True), (0, True), (1, False)])
def test_a_site_failed_when_no_listing_page_came(listings_ok, failed):
    values = stats()
    del values[stat("listings_ok")]
    if listings_ok is not None:
        values[stat("listings_ok")] = listings_ok
    assert report(values).failed is failed


@pytest.mark.parametrize("reason, counters, walked", [
    ("finished", {}, True),
    ("finished", {error_stat("http_503"): 1}, False),         # a page failed: what it held is unseen or lost
    ("finished", {error_stat("storage"): 2}, False),          # pages not stored: asked again when reached
    ("finished", {error_stat("ConnectionLost"): 1}, False),   # an unexpected download error
    ("finished", {error_stat("http_404"): 1, error_stat("not_text"): 1}, True),   # the pages' own: they stay so
    ("finished", {stat("listings_ok"): 0}, False),            # no listing came at all
    ("shutdown", {}, False),                                  # stopped by a signal
    ("closespider_timeout", {}, False),                       # cut short by a time limit
])
def test_a_run_walked_the_listings_when_it_finished_and_no_page_met_an_error_that_may_pass(reason, counters, walked):
    assert report(stats(**counters), reason=reason).walked is walked


def test_a_crawler_that_never_started_has_an_empty_failed_report():
    done = report({}, reason="not started")
    assert (done.requests, done.bytes, done.errors, done.seconds, done.failed) == (0, 0, 0, 0.0, True)
    assert done.started == done.finished


def test_the_report_is_a_runs_row(tmp_path):
    done = report(stats(**{error_stat("timeout"): 2}), baseline=True)
    row = done.as_run()
    assert "baseline" not in row and "seconds" not in row
    db = open_db(tmp_path / "projwatch.db")
    record_run(db, row)
    [stored] = recent_runs(db, "centrs")
    assert {key: stored[key] for key in row} == {**row, "failed": 0}
    db.close()


def test_the_http_cache_lives_beside_the_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert http_cache_dir(Path("data/projwatch.db")) == str(tmp_path / "data" / "projwatch-httpcache")
    settings = crawl_settings()
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("HTTPCACHE_ENABLED")
    assert settings.getdict("ITEM_PIPELINES") == {"crawler.pipelines.StorePipeline": 300}


@pytest.mark.parametrize("name, value, read", [
    ("DOWNLOAD_DELAY", "0", lambda s, n: s.getfloat(n) == 0),
    ("AUTOTHROTTLE_ENABLED", "0", lambda s, n: s.getbool(n) is False),
    ("HTTPCACHE_DIR", "/srv/cache", lambda s, n: s[n] == "/srv/cache"),
    ("PROJWATCH_NOW", "2026-12-01T08:30:00+00:00", lambda s, n: s[n] == "2026-12-01T08:30:00+00:00"),
])
def test_overrides_win_over_projwatchs_settings(tmp_path, name, value, read):
    assert read(crawl_settings({name: value}), name)


@pytest.mark.parametrize("value, workers", [("0", 0), (3, 3), ("", None), (None, None)])
def test_reader_workers_come_from_the_setting_else_one_per_cpu(tmp_path, value, workers):
    settings = crawl_settings({"PROJWATCH_WORKERS": value})
    assert reader_workers(settings) == (default_workers() if workers is None else workers)
