"""Crawling every site of the site list in one Scrapy process, with a report per site."""
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from sqlite_utils import Database
from twisted.internet.defer import Deferred, DeferredList, DeferredSemaphore
from twisted.python.failure import Failure

from crawler import settings as default_settings
from crawler.clock import NOW_SETTING, run_time
from crawler.kinds import error_passes
from crawler.reading import PageReader, default_workers
from crawler.sites import Site
from crawler.stats import BYTES, ERRORS, stat
from crawler.writer import StoreWriter
from spiders.news import NewsSpider, Plan
from storage.db import database_path
from storage.pages import revalidation_plan
from storage.runs import has_completed_run

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteReport:
    site: str
    started: str
    finished: str
    requests: int
    revalidated: int      # answered 304 Not Modified: the cached body was reused
    bytes: int            # bytes of the 200 answers: what the run cost the site
    pages_seen: int
    new: int
    changed: int
    facts: int            # project facts stated by the new and changed pages
    changes: int          # changes those facts made
    errors: int
    seconds: float
    error_kinds: dict[str, int]
    articles_found: int   # distinct article links the listings, feeds and sitemaps showed
    failed: bool          # no listing page could be fetched
    finish_reason: str    # Scrapy's: "finished", or "shutdown" when stopped by a signal
    run_time: str         # the run's time, that its pages are stamped by (``pages.first_seen``)
    walked: bool          # the listings were walked to their end: finished, and no page met an error that
                          # may pass (``crawler.kinds.error_passes``: what it held is asked again)
    baseline: bool        # no run has crawled the site to its end yet: facts recorded, nothing alerted

    @classmethod
    def from_stats(cls, site: str, stats: dict, finished: datetime, finish_reason: str, *, run_time: datetime,
                   baseline: bool) -> "SiteReport":
        def count(key: str) -> int:
            return int(stats.get(stat(key), 0))

        errors = {key.rsplit("/", 1)[1]: int(value) for key, value in stats.items()
                  if key.startswith(f"{ERRORS}/")}
        started = stats.get("start_time", finished)
        failed = count("listings_ok") == 0
        return cls(
            site=site,
            started=started.isoformat(timespec="seconds"),
            finished=finished.isoformat(timespec="seconds"),
            requests=int(stats.get("downloader/request_count", 0)),
            revalidated=int(stats.get("httpcache/revalidate", 0)),
            bytes=int(stats.get(BYTES, 0)),
            pages_seen=count("pages_seen"), new=count("pages_new"), changed=count("pages_changed"),
            facts=count("facts"), changes=count("changes"),
            errors=sum(errors.values()), error_kinds=errors, articles_found=count("articles_found"),
            seconds=round((finished - started).total_seconds(), 1),
            failed=failed, finish_reason=finish_reason, run_time=run_time.isoformat(timespec="seconds"),
            walked=finish_reason == "finished" and not failed and not any(map(error_passes, errors)),
            baseline=baseline,
        )

    def as_run(self) -> dict:
        """This report as a row of the ``runs`` table."""
        row = asdict(self)
        del row["baseline"], row["seconds"]
        return row


def crawl_settings(overrides: dict | None = None) -> Settings:
    """projwatch's Scrapy settings with ``overrides`` (the HTTP cache goes beside the database unless an
    override says otherwise: ``_start_run``)."""
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.update(overrides or {}, priority="cmdline")
    return settings


def http_cache_dir(db_path: Path) -> str:
    """The HTTP cache of the database at ``db_path``: a folder beside it."""
    return str(db_path.resolve().with_suffix("")) + "-httpcache"


def reader_workers(settings: Settings) -> int:
    """The reading worker processes: ``PROJWATCH_WORKERS`` (a setting, else the environment; 0 reads
    in-process), by default one per CPU."""
    value = settings.get("PROJWATCH_WORKERS")
    return default_workers() if value in (None, "") else int(value)


def crawl_sites(sites: list[Site], db: Database, overrides: dict | None = None, no_baseline: bool = False,
                on_site_done: Callable[[SiteReport], None] = lambda report: None) -> list[SiteReport]:
    """Crawl ``sites`` concurrently into the open database ``db``; one report per site crawled, in order
    (a run stopped by a signal leaves out the sites whose turn had not come).

    Every site's pipeline stores through one writer process (``crawler.writer``: the crawl's one
    connection to the database, ``db``'s file) and reads pages in one pool of worker processes. At most
    ``PROJWATCH_CONCURRENT_SITES`` sites are crawled at once (each holds its connections and queues while
    it runs), the next one starting as one ends, so that file handles and memory do not grow with the
    length of the site list.

    A site is in its baseline (facts recorded, not alerted) until a run has crawled it to its end,
    unless ``no_baseline``. The run's time is ``PROJWATCH_NOW`` of ``overrides`` where set, else now."""
    now = run_time((overrides or {}).get(NOW_SETTING))
    return crawl_series(sites, db, [now], overrides, no_baseline=no_baseline, on_site_done=on_site_done)[0]


def crawl_series(sites: list[Site], db: Database, times: Sequence[datetime], overrides: dict | None = None, *,
                 no_baseline: bool = False, on_site_done: Callable[[SiteReport], None] = lambda report: None,
                 after_run: Callable[[datetime, list[SiteReport]], None] = lambda now, reports: None,
                 ) -> list[list[SiteReport]]:
    """One run of ``crawl_sites`` at each of ``times`` (a clock of your own: a day of half-hourly runs
    in seconds), one after the other in this process; ``after_run`` sees each run's reports before the
    next run plans (where a series records them in ``runs``). Scrapy's reactor runs once per process,
    hence one call for the whole series; the writer and the reader's pool serve every run."""
    settings = crawl_settings(overrides)
    process = CrawlerProcess(settings)
    reader = PageReader(reader_workers(settings))
    writer = StoreWriter(database_path(db))   # every statement of the crawl, in a process of its own
    results: list[list[SiteReport]] = []

    def next_run(_=None):
        if len(results) < len(times):
            now = times[len(results)]
            run = _start_run(process, reader, writer, sites, db, now, no_baseline, on_site_done)
            run.addCallback(lambda reports: (results.append(reports), after_run(now, reports)))
            run.addCallback(next_run)
        return None

    next_run()
    try:
        process.start()
    finally:
        writer.close()   # the writes asked for are done
        reader.close()
    return results


def _start_run(process: CrawlerProcess, reader: PageReader, writer: StoreWriter, sites: list[Site], db: Database,
               now: datetime, no_baseline: bool, on_site_done: Callable[[SiteReport], None]) -> Deferred:
    """Plan one run at ``now`` and start its crawlers, ``PROJWATCH_CONCURRENT_SITES`` at a time; fires
    with its reports, one per site crawled, in order. Each crawler gets the writer, the reader, its site,
    its baseline and the run's time as settings of its own (Scrapy copies the process's settings into
    each crawler: a process or a pool is not copied)."""
    waiting = DeferredSemaphore(max(1, process.settings.getint("PROJWATCH_CONCURRENT_SITES")))
    cache_dir = http_cache_dir(database_path(db))
    stored = {site.name: revalidation_plan(db, site.name, now) for site in sites}
    first_runs = {site.name: not has_completed_run(db, site.name) for site in sites}
    reports: dict[str, SiteReport] = {}
    stopping = []   # a signal stopped the crawl: the sites still waiting are not started

    def crawl(site: Site):
        if stopping:
            return None
        crawler = process.create_crawler(NewsSpider)
        crawler.settings.set("HTTPCACHE_DIR", cache_dir, priority="spider")   # under -s overrides
        crawler.settings.setdict({
            "PROJWATCH_WRITER": writer, "PROJWATCH_READER": reader, "PROJWATCH_SITE": site,
            "PROJWATCH_BASELINE": first_runs[site.name] and not no_baseline,
            NOW_SETTING: now.isoformat(timespec="seconds")}, priority="cmdline")

        def report(reason: str) -> SiteReport:
            return SiteReport.from_stats(site.name, crawler.stats.get_stats(), datetime.now(timezone.utc), reason,
                                         run_time=now, baseline=crawler.settings.getbool("PROJWATCH_BASELINE"))

        def closed(spider, reason):
            if reason == "shutdown":
                stopping.append(site.name)
            reports[site.name] = report(reason)
            on_site_done(reports[site.name])

        def ended(result):   # a crawler that could not start failed its site
            if isinstance(result, Failure):
                logger.error("%s: the crawl could not run: %s", site.name, result.getErrorMessage())
            if site.name not in reports:
                reports[site.name] = report("not started")
            return None

        crawler.signals.connect(closed, signal=signals.spider_closed, weak=False)
        # the store's plan as the spider's (the spider imports nothing of storage): the same fields
        return process.crawl(crawler, site=site, archive=first_runs[site.name], plan=Plan(**vars(stored[site.name]))
                             ).addBoth(ended)

    def all_reports(_) -> list[SiteReport]:
        # A site a signal stopped the run before (its turn had not come) has no report: it did not fail.
        return [reports[site.name] for site in sites if site.name in reports]

    crawls = [waiting.run(crawl, site) for site in sites]
    return DeferredList(crawls, consumeErrors=True).addCallback(all_reports)
