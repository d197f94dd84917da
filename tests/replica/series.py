"""Runs of projwatch on a clock of your own, one after the other in one process, so that a day of
half-hourly runs takes seconds, not a day (the run's time is ``PROJWATCH_NOW``: ``crawler/clock.py``):

    python -m tests.replica.series SITES DB START RUNS [--every MINUTES] [--notify URL ...] [--step]

crawls the site list ``SITES`` into ``DB`` at ``START`` (ISO 8601 with an offset) and every ``MINUTES``
(default 30) after, ``RUNS`` times, on loopback settings. After each crawl the stages that follow it in
``crawler.job.run_job`` run here too (runs recorded, health, alerts delivered to the ``--notify``
targets; not the map), and the run's reports are printed as one JSON line: {"now": ..., "reports": [...]}. With ``--step`` the next run waits
for a line on stdin, so that a test can change the replica between two runs.
"""
import argparse
import json
import sys
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

from crawler.clock import run_time
from crawler.crawl import crawl_series
from crawler.sites import load_sites
from notifications.channels import build_channels, routing_of
from notifications.deliver import deliver_pending
from storage import open_db
from storage.outbox import Outbox
from storage.site_health import record_and_assess

LOOPBACK = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "RETRY_TIMES": 0, "DOWNLOAD_TIMEOUT": 10}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("start", type=run_time)
    parser.add_argument("runs", type=int)
    parser.add_argument("--every", type=float, default=30, metavar="MINUTES")
    parser.add_argument("--notify", action="append", default=[], metavar="URL")
    parser.add_argument("--step", action="store_true")
    args = parser.parse_args(argv)
    sites = load_sites(args.sites)
    channels = build_channels(tuple(args.notify), None)
    times = [args.start + n * timedelta(minutes=args.every) for n in range(args.runs)]

    db = open_db(args.db)
    routing = routing_of(channels)

    def after_run(now, reports) -> None:   # as run_job does after its crawl
        stamp = now.isoformat(timespec="seconds")
        record_and_assess(db, [report.as_run() for report in reports],
                          {site.name: site.start_urls[0] for site in sites}, stamp, routing)
        deliver_pending(Outbox(db, stamp), channels)
        print(json.dumps({"now": now.isoformat(), "reports": [asdict(report) for report in reports]}), flush=True)
        if args.step:
            sys.stdin.readline()

    try:
        crawl_series(sites, db, times, {**LOOPBACK, "PROJWATCH_ROUTING": routing},
                     after_run=after_run)
    finally:
        db.close()


if __name__ == "__main__":
    main(sys.argv[1:])
