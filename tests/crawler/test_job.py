"""``crawler/job.py``'s stages after the crawl (``finish_run``) on a real database, with reports built
by hand and a real SMTP server as the channel: each report becomes a ``runs`` row, a site failing two
runs in a row is alerted once and its recovery once, and alerts a failed delivery kept are delivered by
the next run."""
from datetime import datetime, timedelta, timezone

from aiosmtpd.controller import Controller

from crawler.crawl import SiteReport
from crawler.job import JobResult, finish_run
from crawler.sites import Site
from crawler.stats import error_stat, stat
from notifications.channels import build_channels
from storage.runs import recent_runs
from tests.conftest import Mailbox, free_port

SITES = [Site(name=name, title=name.title(), start_urls=[f"https://{name}.example.lv/jaunumi"],
              articles=[r"/jaunumi/\d{4}/"]) for name in ("centrs", "blog")]
FIRST = datetime(2026, 11, 30, 8, tzinfo=timezone.utc)
UNHEALTHY = "Vietne nedarbojas: centrs"
RECOVERED = "Vietne atkal darbojas: centrs"


def site_report(site: str, run: int, ok: bool = True) -> SiteReport:
    """The report of the ``run``-th half-hourly run of ``site``: listings read, or none reachable."""
    started = FIRST + timedelta(minutes=30 * run)
    stats = {"start_time": started, "downloader/request_count": 8}
    if ok:
        stats |= {stat("listings_ok"): 2, stat("articles_found"): 6, stat("pages_seen"): 6}
    else:
        stats |= {error_stat("http_500"): 2}
    return SiteReport.from_stats(site, stats, started + timedelta(seconds=20), "finished", baseline=False)


def texts(mailbox) -> list[str]:
    return [message.get_body(preferencelist=("plain",)).get_content() for message in mailbox.messages]



def test_every_report_is_a_runs_row(db, smtp_server):
    channels = build_channels((smtp_server[0],), None)
    reports = [site_report("centrs", 0), site_report("blog", 0, ok=False)]
    result = finish_run(SITES, db, channels, reports)
    assert isinstance(result, JobResult) and result.reports == reports
    assert [(run["requests"], run["failed"], run["error_kinds"]) for run in recent_runs(db, "blog")] == [
        (8, 1, {"http_500": 2})]
    assert [run["articles_found"] for run in recent_runs(db, "centrs")] == [6]
    assert result.health == {} and result.delivery.sent == 0 and smtp_server[1].messages == []


def test_a_site_failing_twice_is_alerted_once_then_its_recovery(db, smtp_server):
    url, mailbox = smtp_server
    outcomes = [True, False, False, False, True]     # centrs; blog works throughout
    flips, mails = [], []
    for run, ok in enumerate(outcomes):   # each run a process of its own, with its own channels
        channels = build_channels((url,), None)
        result = finish_run(SITES, db, channels, [site_report("centrs", run, ok), site_report("blog", run)])
        flips.append({site: kind for site, (kind, _) in result.health.items()})
        mails.append(len(mailbox.messages))
    assert flips == [{}, {}, {"centrs": "site_unhealthy"}, {}, {"centrs": "site_recovered"}]
    assert mails == [0, 0, 1, 1, 2]
    assert UNHEALTHY in texts(mailbox)[0] and "nebija sasniedzama neviena sarakstu lapa" in texts(mailbox)[0]
    assert RECOVERED in texts(mailbox)[1]
    assert [row["healthy"] for row in db["site_health"].rows_where("site = 'centrs'")] == [1]
    assert len(recent_runs(db, "centrs")) == len(outcomes)


def test_an_alert_a_failed_delivery_kept_is_delivered_by_the_next_run(db):
    port = free_port()      # nothing listens there yet
    url = f"mailto://127.0.0.1:{port}?from=a@example.com&to=b@example.com&mode=insecure"
    for run in range(2):
        result = finish_run(SITES, db, build_channels((url,), None), [site_report("centrs", run, ok=False)])
    assert result.health["centrs"][0] == "site_unhealthy"
    assert (result.delivery.sent, result.delivery.failed) == (0, 1) and result.delivery.errors
    assert db.execute("SELECT status FROM outbox").fetchall() == [("pending",)]

    mailbox = Mailbox()
    server = Controller(mailbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        result = finish_run(SITES, db, build_channels((url,), None), [site_report("centrs", 2, ok=False)])
    finally:
        server.stop()
    assert result.health == {}      # no new flip: what is sent is the alert kept
    assert (result.delivery.sent, result.delivery.failed) == (1, 0)
    assert len(mailbox.messages) == 1 and UNHEALTHY in texts(mailbox)[0]
    assert db.execute("SELECT status FROM outbox").fetchall() == [("sent",)]
