"""Item pipelines: thin glue from a fetched page to the store, the extractor and the diff."""
import asyncio
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from datetime import datetime

from scrapy.exceptions import DropItem
from sqlite_utils import Database

from crawler.clock import NOW_SETTING, run_time
from crawler.items import GoneItem, PageItem
from crawler.reading import PageRead, PageReader, ReadFailed, Selectors, WorkerCrashed
from crawler.sites import Site
from crawler.stats import error_stat, stat
from storage import StorageError, guarded, transaction
from storage.facts import RecordResult, record_page_facts
from storage.pages import SavedPage, Schedule, content_hash, page_gone, page_unchanged, save_page


class StorePipeline:
    """Stores each article (a version when its text changed) and, in the same transaction, the facts
    extracted from a new or changed text with the changes they make and the alerts those owe.

    Settings (``crawler.crawl`` sets them on each crawler): ``PROJWATCH_DB`` (the open database every
    site's pipeline shares), ``PROJWATCH_WRITER`` (the one thread every statement of the crawl runs on),
    ``PROJWATCH_READER`` (the ``PageReader``, one pool of worker processes for every site),
    ``PROJWATCH_SITE`` (this crawler's ``Site``), ``PROJWATCH_BASELINE`` (the site is in its baseline: facts recorded, not alerted),
    ``PROJWATCH_ROUTING`` (channel key -> its routes), ``PROJWATCH_NOW`` (the run's time, that
    every page is stamped and scheduled by; unset, the time the pipeline starts).

    Pages are read in the reader's worker processes and stored on the writer thread while the next ones
    download (SQLite lets go of the GIL while a statement runs; the connection is used by that one thread
    only); a site's pages are stored in the order they came, whichever was read first, one transaction
    each. A page that cannot be read or parsed (or crashes its worker) is a counted skip and leaves
    nothing behind, so that a later run (or a fixed parser) reads it afresh.
    """

    def __init__(self, db: Database, writer: Executor, reader: PageReader, site: Site, *, baseline: bool,
                 routing: Mapping, stats, now: datetime | None = None):
        self.db = db
        self.writer = writer
        self.reader = reader
        self.site = site
        self.selectors = Selectors(site.title_css, site.body_css, site.date_css)
        self.schedule = Schedule(site.fresh_days, site.recheck_days, site.first_wait_hours, site.fresh_wait_hours)
        self.now = now or run_time()   # the run's time
        self.baseline = baseline
        self.routing = routing
        self.stats = stats
        self._last: asyncio.Future | None = None   # the previous page's turn to be stored

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        names = ("PROJWATCH_DB", "PROJWATCH_WRITER", "PROJWATCH_READER", "PROJWATCH_SITE")
        if any(settings.get(name) is None for name in names):
            raise ValueError(f"StorePipeline needs {', '.join(names)} (crawler.crawl.crawl_sites)")
        return cls(*(settings.get(name) for name in names), baseline=settings.getbool("PROJWATCH_BASELINE"),
                   routing=settings.getdict("PROJWATCH_ROUTING"), stats=crawler.stats,
                   now=run_time(settings.get(NOW_SETTING)))

    async def process_item(self, item: PageItem | GoneItem):
        if isinstance(item, GoneItem):
            try:
                await self._write(self._gone, item.url)
            except StorageError as error:
                self._skip("storage", item.url, error)
            return item
        self.stats.inc_value(stat("pages_seen"))
        html_hash = content_hash(item.html)
        try:   # disk full, locked too long: this page is not stored, nor half of it
            unchanged = await self._write(self._unchanged, item, html_hash)
        except StorageError as error:
            self._skip("storage", item.url, error)
        if unchanged:
            self.stats.inc_value(stat("pages_unchanged"))
            return item
        previous, turn = self._last, asyncio.get_running_loop().create_future()
        self._last = turn
        try:
            try:   # one odd page must not stop the crawl; it is not stored, so a fixed reader reads it
                page, failure = await self.reader.read(item.html, item.url, self.selectors), None
            except (WorkerCrashed, ReadFailed) as error:
                page, failure = None, error
            if previous is not None:
                await previous
            if isinstance(failure, WorkerCrashed):
                self._skip("worker", item.url, failure)
            if isinstance(failure, ReadFailed):
                self._skip("read", item.url, failure)
            if not page.text.strip():
                self._skip("no_text", item.url, "no main text")
            stored = self._write(self._save, item, page, html_hash)   # queued in the site's page order
        finally:
            turn.set_result(None)
        try:
            saved, result = await stored
        except StorageError as error:   # disk full, locked too long: this page is not stored, nor half of it
            self._skip("storage", item.url, error)
        self.stats.inc_value(stat(f"pages_{saved.outcome}"))
        if result is not None:
            self.stats.inc_value(stat("facts"), result.facts)
            self.stats.inc_value(stat("changes"), sum(result.changes.values()))
            self.stats.inc_value(stat("alerts"), result.alerts)
        return item

    def _write(self, call: Callable, *args) -> asyncio.Future:
        """``call(db, *args)`` on the writer thread, queued behind every call asked for before it."""
        return asyncio.get_running_loop().run_in_executor(self.writer, call, self.db, *args)

    def _skip(self, kind: str, url: str, error) -> None:
        self.stats.inc_value(error_stat(kind))
        raise DropItem(f"{kind}: article {url} skipped: {error}")

    # -- on the writer thread ---------------------------------------------------------------------

    def _gone(self, db: Database, url: str) -> None:
        with guarded("the database"):
            page_gone(db, url, self.now, self.site.recheck_days)

    def _unchanged(self, db: Database, item: PageItem, html_hash: str) -> bool:
        with guarded("the database"):
            return page_unchanged(db, item.url, item.html, self.now, self.schedule, item.validators,
                                  html_hash=html_hash)

    def _save(self, db: Database, item: PageItem, page: PageRead, html_hash: str) -> tuple[SavedPage, RecordResult | None]:
        """The page and its facts, in one transaction."""
        with transaction(db, "the database"):
            saved = save_page(
                db, url=item.url, site=item.site, title=page.title, published=page.published,
                text=page.text, html=item.html, now=self.now,
                schedule=self.schedule, validators=item.validators,
                compressed_html=page.compressed_html, html_hash=html_hash,
            )
            if saved.outcome == "unchanged":
                return saved, None
            return saved, record_page_facts(
                db, page_url=item.url, version_id=saved.version_id, projects=page.projects,
                now=self.now.isoformat(timespec="seconds"), alert=not self.baseline, routing=self.routing,
            )
