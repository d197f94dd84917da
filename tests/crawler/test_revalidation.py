"""Revalidation polite to every CMS: a site that sends no ETag or Last-Modified is not downloaded again on
every run; its articles' checks follow what earlier checks found; a change is still caught and alerted once.

Runs play on a clock of our own (``-s PROJWATCH_NOW=…``; a day of runs in one process with
``tests.replica.series``), against a replica that sends validators or not."""
import ast
import json
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
import sqlite_utils
from scrapy.http import XmlResponse

from spiders.news import feed_entries, parse_date
from tests.conftest import ROOT
from tests.replica import Article, ReplicaSite, serve_sites
from tests.replica.site import Fault

START = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)
FUNDED = "projekts-zalie-pagalmi"


MORE = "Sīkāka informācija pieejama pašvaldības mājaslapā un pa tālruni darba dienās. " * 25   # a page's bulk


def blog(validators: bool) -> ReplicaSite:
    """A WordPress-like blog of 12 articles: 4 published in the last days, 4 with no date, 4 of last year."""
    recent = [Article(f"jaunums-{n}", f"Jaunums {n}", f"2026-11-{27 + n}", (f"Novadā notika pasākums numur {n}.", MORE))
              for n in range(4)]
    recent[0] = Article(FUNDED, "Sākas projekts “Zaļie pagalmi”", "2026-11-30", (
        "Valmiera kopā ar partneriem īsteno Interreg Baltijas jūras reģiona programmas projektu “Zaļie pagalmi” "
        "(Green Yards).", "Projekta kopējais apjoms ir 1 155 991.00 EUR, no tā Valmieras budžets – 184 300.00 EUR.",
        MORE))
    undated = [Article(f"bez-datuma-{n}", f"Ziņa bez datuma {n}", None, (f"Pašvaldība informē par jaunumu {n}.", MORE))
               for n in range(4)]
    old = [Article(f"pagajusais-gads-{n}", f"Vecā ziņa {n}", f"2025-0{n + 3}-10", (f"Pērn notika sapulce {n}.", MORE))
           for n in range(4)]
    return ReplicaSite("blog", "blogs", "Attīstības aģentūra", [*recent, *undated, *old], validators=validators)


@pytest.fixture(params=[False, True], ids=["no validators", "validators"])
def site(request):
    with serve_sites(blog(validators=request.param)) as (served,):
        yield served


def article_fetches(site: ReplicaSite) -> Counter:
    paths = {site.article_path(article) for article in site.articles}
    return Counter(path for path, status, _ in site.served if status == 200 and path in paths)


def play(tmp_path, site: ReplicaSite, runs: int, *, between=lambda hours: None, notify: tuple[str, ...] = ()):
    """``runs`` half-hourly runs from START in one process (``tests.replica.series``); ``between(hours)``
    after each (the replica may change then). Each run's (hours, report, articles fetched)."""
    sites = tmp_path / "sites.toml"
    sites.write_text(site.site_entry(), encoding="utf-8")
    site.reset_counts()
    command = [sys.executable, "-m", "tests.replica.series", str(sites), str(tmp_path / "p.db"), START.isoformat(),
               str(runs), "--step", *(option for url in notify for option in ("--notify", url))]
    process = subprocess.Popen(command, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    played = []
    try:
        for n in range(runs):
            line = process.stdout.readline()
            assert line, process.stderr.read()[-3000:]
            played.append((n / 2, json.loads(line)["reports"][0], article_fetches(site)))
            between(n / 2)
            site.reset_counts()
            process.stdin.write("\n")
            process.stdin.flush()
        assert process.wait(timeout=60) == 0, process.stderr.read()[-3000:]
    finally:
        process.kill()
    return played


def old_ones_due_in_a_week(tmp_path, site: ReplicaSite) -> None:
    """After the first run: the old articles' next checks a week on. The store spreads their first ones over
    ``recheck_days`` by URL (``storage.pages``), and the replica's URLs carry the port it was given: with
    about one port in forty, one of them fell due within the hour, on a run that was to fetch nothing."""
    db = sqlite_utils.Database(tmp_path / "p.db")
    for article in site.articles[8:]:
        db["pages"].update(site.url(site.article_path(article)),
                           {"next_check": (START + timedelta(days=7)).isoformat(timespec="seconds")})
    db.close()


def test_an_unchanged_rerun_downloads_little_and_the_runs_table_says_what_it_cost(tmp_path, site):
    served = []

    def between(hours):
        served.append(list(site.served))
        if hours == 0:
            old_ones_due_in_a_week(tmp_path, site)

    (_, first, first_fetched), (_, second, second_fetched) = played = play(tmp_path, site, 2, between=between)
    assert len(first_fetched) == 12
    if site.validators:   # today's figures: every fresh article asked again, each a 304
        assert second["bytes"] == 0 and second["revalidated"] >= 8
    else:                 # nothing is due half an hour on; only the first listing page and the feed are read
        assert second["bytes"] <= 0.10 * first["bytes"] and not second_fetched
        assert {path for path, _, _ in served[1]} <= {"/robots.txt", "/jaunumi/", "/feed/"}
    for (_, report, _), answers in zip(played, served):     # the report counts what the site sent
        assert report["bytes"] == sum(size for _, status, size in answers if status == 200)
        assert report["revalidated"] == sum(status == 304 for _, status, _ in answers)
    runs = list(sqlite_utils.Database(tmp_path / "p.db")["runs"].rows_where(order_by="id"))
    assert [run["bytes"] for run in runs] == [first["bytes"], second["bytes"]]


def test_a_day_of_half_hourly_runs_fetches_each_article_at_most_4_times(tmp_path):
    with serve_sites(blog(validators=False)) as (site,):
        played = play(tmp_path, site, 48)
    fetches = sum((fetched for _, _, fetched in played), Counter())
    assert not any(report["failed"] or report["changed"] for _, report, _ in played)
    assert max(fetches.values()) <= 4
    fresh = [site.article_path(article) for article in site.articles[:8]]
    assert [fetches[path] for path in fresh] == [4] * 8        # new ones: at 0, 3, 9 and 21 hours
    assert all(1 <= fetches[site.article_path(article)] <= 2 for article in site.articles[8:])   # old: weekly
    assert [hours for hours, _, fetched in played if set(fresh) & set(fetched)] == [0, 3, 9, 21]
    first, *later = [report["bytes"] for _, report, _ in played]
    assert sum(later) < 5 * first           # the day's 47 re-runs together, against the first run


@pytest.mark.parametrize("edited_at, caught_at", [(0.5, 3), (4, 9)])
def test_an_edit_in_the_first_days_is_caught_at_the_next_due_check_and_alerted_once(
        tmp_path, smtp_server, edited_at, caught_at):
    mail_url, mailbox = smtp_server
    mails = []

    def between(hours):
        mails.append(len(mailbox.messages))
        if hours == edited_at:
            site.edit_article(FUNDED, "184 300.00 EUR", "190 000.00 EUR")

    with serve_sites(blog(validators=False)) as (site,):
        played = play(tmp_path, site, 2 * caught_at + 3, between=between, notify=(mail_url,))
        funded = site.article_path(site.articles[0])
    # checked at 0, 3, 9 … hours (the storage tests pin the shorter wait after a change)
    assert [hours for hours, _, fetched in played if funded in fetched] == [0, 3, 9][:2 + (caught_at == 9)]
    assert [hours for hours, report, _ in played if report["changed"]] == [caught_at]
    assert [count for (hours, _, _), count in zip(played, mails) if hours < caught_at] == [0] * (2 * caught_at)
    assert [count for (hours, _, _), count in zip(played, mails) if hours >= caught_at] == [1] * 3
    db = sqlite_utils.Database(tmp_path / "p.db")
    assert [json.loads(row["new_value"])["amount"] for row in db["changes"].rows_where("kind = 'changed_funding'")] \
        == [190000.0]
    assert "190 000,00" in mailbox.messages[0].get_body(preferencelist=("plain",)).get_content()


@pytest.mark.parametrize("updated, fetched", [(0.25, True), (-1, False)])
def test_a_feed_date_after_the_last_fetch_makes_a_known_article_due(tmp_path, updated, fetched):
    """An old article, not due for days, is fetched at once when the feed says it changed since."""
    def feed_says_changed(hours):
        if hours == 0:
            old_ones_due_in_a_week(tmp_path, site)
        stamp = (START + timedelta(hours=updated)).isoformat()
        site.faults["/feed/"] = Fault(
            body=(f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title>'
                  f'<link href="{site.url(site.article_path(old))}"/><updated>{stamp}</updated></entry></feed>'
                  ).encode(), content_type="application/atom+xml")

    with serve_sites(blog(validators=False)) as (site,):
        old = site.articles[-1]
        played = play(tmp_path, site, 3, between=feed_says_changed)
    assert [set(fetched) for _, _, fetched in played[1:]] == [{site.article_path(old)} if fetched else set(), set()]


def test_the_spider_imports_nothing_from_storage():
    tree = ast.parse((ROOT / "spiders" / "news.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {name for name in imported if name.split(".")[0] == "storage"}


@pytest.mark.parametrize("value, expected", [
    ("2026-12-01T08:00:00+02:00", datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)),
    ("2026-12-01T08:00:00Z", datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)),
    ("2026-12-01", datetime(2026, 12, 1, 0, 0, tzinfo=timezone.utc)),     # a day: its start
    ("Tue, 01 Dec 2026 08:00:00 +0200", datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)),
    ("1. decembris", None),
    ("", None),
])
def test_feed_and_sitemap_dates_are_read_in_utc(value, expected):
    assert parse_date(value) == expected


def test_a_feed_item_date_is_its_latest():
    body = ('<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            '<item><link>/a/</link><pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate>'
            '<dc:date>2026-12-01T09:00:00+00:00</dc:date></item><item><link>/b/</link></item></channel></rss>')
    response = XmlResponse("https://x.lv/feed/", body=body.encode())
    assert feed_entries(response) == [("https://x.lv/a/", datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)),
                                      ("https://x.lv/b/", None)]
