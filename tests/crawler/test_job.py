"""``crawler/job.py``: the stages after the crawl as ``run_job`` composes them (site health on the
``runs`` history, then delivery of the outbox), on a real database with reports built by hand and a
real SMTP server as the channel: each report becomes a ``runs`` row, a site failing two runs in a row is
alerted once and its recovery once, and alerts a failed delivery kept are delivered by the next run;
then ``projwatch run`` itself over a site that does not answer."""
from datetime import datetime, timedelta, timezone

import sqlite_utils
from aiosmtpd.controller import Controller

from crawler.cli_common import EXIT_SITE_FAILED
from crawler.crawl import SiteReport
from crawler.sites import Site
from crawler.stats import error_stat, stat
from notifications.channels import build_channels, routing_of
from notifications.deliver import deliver_pending
from storage.outbox import Outbox
from storage.runs import recent_runs
from storage.site_health import record_and_assess
from tests.conftest import FAST, Mailbox, closed_port, free_port, projwatch

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
    return SiteReport.from_stats(site, stats, started + timedelta(seconds=20), "finished", run_time=started,
                                 baseline=False)


def finish_run(db, channels, reports):
    """The stages of ``run_job`` after its crawl: (health flips, delivery report)."""
    now = reports[0].finished
    health = record_and_assess(db, [report.as_run() for report in reports],
                               {site.name: site.start_urls[0] for site in SITES}, now, routing_of(channels))
    return health, deliver_pending(Outbox(db, now), channels)


def texts(mailbox) -> list[str]:
    return [message.get_body(preferencelist=("plain",)).get_content() for message in mailbox.messages]



def test_every_report_is_a_runs_row(db, smtp_server):
    channels = build_channels((smtp_server[0],), None)
    reports = [site_report("centrs", 0), site_report("blog", 0, ok=False)]
    health, delivery = finish_run(db, channels, reports)
    assert [(run["requests"], run["failed"], run["error_kinds"]) for run in recent_runs(db, "blog")] == [
        (8, 1, {"http_500": 2})]
    assert [run["articles_found"] for run in recent_runs(db, "centrs")] == [6]
    assert health == {} and delivery.sent == 0 and smtp_server[1].messages == []


def test_a_site_failing_twice_is_alerted_once_then_its_recovery(db, smtp_server):
    url, mailbox = smtp_server
    outcomes = [True, False, False, False, True]     # centrs; blog works throughout
    flips, mails = [], []
    for run, ok in enumerate(outcomes):   # each run a process of its own, with its own channels
        channels = build_channels((url,), None)
        health, _ = finish_run(db, channels, [site_report("centrs", run, ok), site_report("blog", run)])
        flips.append({site: kind for site, (kind, _) in health.items()})
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
        health, delivery = finish_run(db, build_channels((url,), None), [site_report("centrs", run, ok=False)])
    assert health["centrs"][0] == "site_unhealthy"
    assert (delivery.sent, delivery.failed) == (0, 1) and delivery.errors
    assert db.execute("SELECT status FROM outbox").fetchall() == [("pending",)]

    mailbox = Mailbox()
    server = Controller(mailbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        health, delivery = finish_run(db, build_channels((url,), None), [site_report("centrs", 2, ok=False)])
    finally:
        server.stop()
    assert health == {}      # no new flip: what is sent is the alert kept
    assert (delivery.sent, delivery.failed) == (1, 0)
    assert len(mailbox.messages) == 1 and UNHEALTHY in texts(mailbox)[0]
    assert db.execute("SELECT status FROM outbox").fetchall() == [("sent",)]


def test_projwatch_run_records_each_run_and_alerts_a_site_that_stopped_answering_once(tmp_path, smtp_server):
    url, mailbox = smtp_server
    outputs = []
    with closed_port() as port:
        sites = tmp_path / "sites.toml"
        sites.write_text(f'[[sites]]\nname = "centrs"\ntitle = "Centrs"\nstart_urls = ["http://127.0.0.1:{port}/jaunumi"]\n'
                         "articles = ['/jaunumi/\\d{4}/']\n", encoding="utf-8")
        for _ in range(3):
            done = projwatch("run", "--db", str(tmp_path / "p.db"), "--sites", str(sites), "--notify", url, *FAST,
                             cwd=tmp_path)
            assert done.returncode == EXIT_SITE_FAILED, done.stderr
            outputs.append(done.stdout)
    assert ["centrs: UNHEALTHY" in output for output in outputs] == [False, True, False]
    assert len(mailbox.messages) == 1 and UNHEALTHY in texts(mailbox)[0]
    assert [row["failed"] for row in sqlite_utils.Database(tmp_path / "p.db")["runs"].rows] == [1, 1, 1]
