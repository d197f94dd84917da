"""Runs of projwatch on a clock of your own, one after the other in one process, so that a day of
half-hourly runs takes seconds, not a day (the run's time is ``PROJWATCH_NOW``: ``crawler/clock.py``):

    python -m tests.replica.series SITES DB START RUNS [MINUTES]

crawls the site list ``SITES`` into ``DB`` at ``START`` (ISO 8601 with an offset) and every ``MINUTES``
(default 30) after, ``RUNS`` times, on loopback settings; each run's reports are recorded in ``runs`` (as
the job does, so later runs are no first runs) and printed as one JSON line: {"now": ..., "reports": [...]}.
"""
import json
import sys
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

from crawler.clock import run_time
from crawler.crawl import crawl_series
from crawler.sites import load_sites
from storage import open_db
from storage.runs import record_run

LOOPBACK = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "RETRY_TIMES": 0, "DOWNLOAD_TIMEOUT": 10}


def main(argv: list[str]) -> None:
    sites_path, db_path, start, runs, *rest = argv
    every = timedelta(minutes=float(rest[0]) if rest else 30)
    first = run_time(start)
    times = [first + n * every for n in range(int(runs))]

    def after_run(now, reports) -> None:
        db = open_db(db_path)
        try:
            for report in reports:
                record_run(db, report.as_run())
        finally:
            db.close()
        print(json.dumps({"now": now.isoformat(), "reports": [asdict(report) for report in reports]}), flush=True)

    crawl_series(load_sites(sites_path), Path(db_path), times, LOOPBACK, after_run=after_run)


if __name__ == "__main__":
    main(sys.argv[1:])
