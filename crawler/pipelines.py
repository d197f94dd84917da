"""Item pipelines: thin glue from a fetched page to the store, the extractor and the diff."""
import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime

from scrapy.exceptions import DropItem

from crawler.clock import NOW_SETTING, run_time
from crawler.items import GoneItem, PageItem
from crawler.page_store import store_page
from crawler.reading import PageReader, ReadFailed, Selectors, WorkerCrashed
from crawler.sites import Site
from crawler.stats import error_stat, stat
from crawler.writer import StoreWriter
from storage import StorageError
from storage.pages import Schedule, content_hash, page_gone, page_unchanged


class StorePipeline:
    """Stores each article (a version when its text changed) and, in the same transaction, the facts
    extracted from a new or changed text with the changes they make and the alerts those owe.

    Settings (``crawler.crawl`` sets them on each crawler): ``PROJWATCH_WRITER`` (the ``StoreWriter``, the
    one process that runs every statement of the crawl), ``PROJWATCH_READER`` (the ``PageReader``, one
    pool of worker processes for every site), ``PROJWATCH_SITE`` (this crawler's ``Site``),
    ``PROJWATCH_BASELINE`` (the site is in its baseline: facts recorded, not alerted), ``PROJWATCH_ROUTING``
    (channel key -> its routes), ``PROJWATCH_NOW`` (the run's time, that every page is stamped and
    scheduled by; unset, the time the pipeline starts).

    Pages are read in the reader's worker processes and stored by the writer process while the next ones
    download; a site's pages are stored in the order they came, whichever was read first, each whole or
    not at all (``crawler.writer``). A page that cannot be read or parsed (or crashes its worker) is a
    counted skip and leaves nothing behind, so that a later run (or a fixed parser) reads it afresh.
    """

    def __init__(self, writer: StoreWriter, reader: PageReader, site: Site, *, baseline: bool,
                 routing: Mapping, stats, now: datetime | None = None):
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
        names = ("PROJWATCH_WRITER", "PROJWATCH_READER", "PROJWATCH_SITE")
        if any(settings.get(name) is None for name in names):
            raise ValueError(f"StorePipeline needs {', '.join(names)} (crawler.crawl.crawl_sites)")
        return cls(*(settings.get(name) for name in names), baseline=settings.getbool("PROJWATCH_BASELINE"),
                   routing=settings.getdict("PROJWATCH_ROUTING"), stats=crawler.stats,
                   now=run_time(settings.get(NOW_SETTING)))

    async def process_item(self, item: PageItem | GoneItem):
        if isinstance(item, GoneItem):
            try:
                await self._write(page_gone, item.url, self.now, self.site.recheck_days)
            except StorageError as error:
                self._skip("storage", item.url, error)
            return item
        self.stats.inc_value(stat("pages_seen"))
        html_hash = content_hash(item.html)
        try:   # disk full, locked too long: this page is not stored, nor half of it
            unchanged = item.known and await self._write(page_unchanged, item.url, item.html, self.now,
                                                          self.schedule, item.validators, html_hash)
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
            stored = self._write(store_page, item, page, html_hash, self.now, self.schedule, self.baseline,
                                 self.routing)   # queued in the site's page order
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
        """``call(db, *args)`` in the writer, queued behind every call asked for before it."""
        return asyncio.wrap_future(self.writer.submit(call, *args))

    def _skip(self, kind: str, url: str, error) -> None:
        self.stats.inc_value(error_stat(kind))
        raise DropItem(f"{kind}: article {url} skipped: {error}")
