"""The cron job: one run at a time (the run lock), its stages in order: crawl (store, extract, diff) →
judge each site's health → place meetings on the map → deliver the alerts owed."""
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout
from sqlite_utils import Database

from crawler.cli_common import RunLocked, UserError
from crawler.crawl import SiteReport, crawl_sites
from crawler.sites import Site
from notifications.channels import Channel, route_tags, routing_of
from notifications.deliver import DeliveryReport, deliver_pending
from storage import guarded
from storage.meeting_places import locate_meetings
from storage.outbox import Outbox, unknown_project_tags
from storage.site_health import record_and_assess

logger = logging.getLogger(__name__)


def take_run_lock(db_path: Path | str) -> FileLock:
    """The database's run lock, taken: one projwatch writer at a time (``run``, ``reextract``, ``serve``'s
    migrations). A second one raises ``RunLocked`` (75) at once; a folder where the lock file cannot be
    created (no write permission, a read-only mount, not a real folder) is the user's error
    (``UserError``, 2), named with its cause."""
    lock_path = Path(f"{db_path}.lock")
    try:
        with open(lock_path, "a"):   # FileLock would take a file it cannot create for a held lock
            pass
    except OSError as error:
        raise UserError(f"--db {db_path}: cannot create the lock file in the folder {lock_path.parent}: "
                        f"{error.strerror or error}") from None
    lock = FileLock(lock_path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise RunLocked(f"another run holds {lock_path}; not starting a second one") from None
    return lock


@contextmanager
def run_lock(db_path: Path | str) -> Iterator[None]:
    """The run lock (``take_run_lock``) held while the block runs."""
    lock = take_run_lock(db_path)
    try:
        yield
    finally:
        lock.release()


@dataclass(frozen=True)
class JobResult:
    reports: list[SiteReport]
    health: dict[str, tuple[str, str | None]]   # site -> (change kind, problem) where health flipped
    delivery: DeliveryReport
    unmatched_project_tags: list[str]            # ``project:`` tags of the targets no project matches yet


def run_job(sites: list[Site], db: Database, channels: list[Channel], *, per_change: bool = False,
            no_baseline: bool = False, overrides: dict | None = None,
            on_site_done: Callable[[SiteReport], None] = lambda report: None) -> JobResult:
    """One run of projwatch over ``sites`` into the open (migrated) database ``db``: every stage uses it.
    A database that fails a stage (full, locked too long) raises ``StorageError``; a page it fails is
    the crawl's counted skip."""
    routing = routing_of(channels)
    with guarded("the crawl"):
        reports = crawl_sites(sites, db, {**(overrides or {}), "PROJWATCH_ROUTING": routing},
                              no_baseline=no_baseline, on_site_done=on_site_done)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with guarded("after the crawl"):
        health = record_and_assess(db, [report.as_run() for report in reports],
                                   {site.name: site.start_urls[0] for site in sites}, now, routing)
        try:
            locate_meetings(db)   # the map's coordinates, for the cities no run asked about before
        except Exception:         # the map can wait for the next run; the alerts cannot
            logger.exception("geocoding meetings failed; the next run tries again")
        delivery = deliver_pending(Outbox(db, now), channels, per_change=per_change)
        unmatched = unknown_project_tags(db, route_tags(channels, "project"))
    return JobResult(reports, health, delivery, unmatched)
