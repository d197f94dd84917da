"""The cron job's stages in order: crawl (store, extract, diff) → place meetings on the map → judge
each site's health → deliver the alerts owed."""
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

from crawler.crawl import SiteReport, crawl_sites
from crawler.health import record_and_assess
from crawler.sites import Site
from notifications.channels import Channel, route_tags, routing_of
from notifications.deliver import DeliveryReport, deliver_pending
from storage import guarded
from storage.meeting_places import locate_meetings
from storage.outbox import unknown_project_tags

logger = logging.getLogger(__name__)


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
    settings = {**(overrides or {}), "PROJWATCH_ROUTING": routing_of(channels)}
    with guarded("the crawl"):
        reports = crawl_sites(sites, db, settings, no_baseline=no_baseline, on_site_done=on_site_done)
    with guarded("after the crawl"):
        return finish_run(sites, db, channels, reports, per_change=per_change)


def finish_run(sites: list[Site], db: Database, channels: list[Channel], reports: list[SiteReport], *,
               per_change: bool = False) -> JobResult:
    """The stages after the crawl: health, the map, delivery of the alerts owed."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    health = record_and_assess(db, reports, {site.name: site.start_urls[0] for site in sites}, now,
                               routing_of(channels))
    try:
        locate_meetings(db)   # the map's coordinates, for the cities no run asked about before
    except Exception:         # the map can wait for the next run; the alerts cannot
        logger.exception("geocoding meetings failed; the next run tries again")
    delivery = deliver_pending(db, channels, per_change=per_change)
    unmatched = unknown_project_tags(db, route_tags(channels, "project"))
    return JobResult(reports, health, delivery, unmatched)
