"""Item pipelines: thin glue from a fetched page to the store, the extractor and the diff."""
import logging
import sqlite3
from datetime import datetime

from scrapy.exceptions import DropItem

from crawler.clock import run_time
from crawler.extract.page import read_page
from crawler.items import GoneItem, PageItem
from spiders.news import STATS
from storage import open_db
from storage.facts import record_page_facts
from storage.pages import Schedule, page_gone, page_unchanged, save_page

logger = logging.getLogger(__name__)


class StorePipeline:
    """Stores each article (a version when its text changed) and, in the same transaction, the facts
    extracted from a new or changed text with the changes they make and the alerts those owe.

    Settings: ``PROJWATCH_DB``; ``PROJWATCH_CHANNELS`` (channel key -> wanted change kinds);
    ``PROJWATCH_NOW``, the run's time, that every page is stamped and scheduled by. A site in its
    baseline (the spider says) has its facts recorded, not alerted.

    A page that cannot be read or parsed is a counted skip and leaves nothing behind, so that a later
    run (or a fixed parser) reads it afresh.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.channels = crawler.settings.getdict("PROJWATCH_CHANNELS")
        self.now = crawler.settings.get("PROJWATCH_NOW")
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.db = open_db(self.crawler.settings.get("PROJWATCH_DB"))

    def close_spider(self):
        self.db.close()

    def process_item(self, item: PageItem | GoneItem):
        try:
            if isinstance(item, GoneItem):
                site = self.crawler.spider.site
                page_gone(self.db, item.url, self._now(), site.recheck_days)
                return item
            return self._process(item)
        except sqlite3.Error as error:   # disk full, locked too long: this page is not stored, nor half of it
            self._skip("storage", item.url, error)

    def _now(self) -> datetime:
        return run_time(self.now)

    def _skip(self, kind: str, url: str, error) -> None:
        self.stats.inc_value(f"{STATS}/errors/{kind}")
        raise DropItem(f"{kind}: article {url} skipped: {error}")

    def _process(self, item: PageItem) -> PageItem:
        site = self.crawler.spider.site
        now = self._now()
        schedule = Schedule(site.fresh_days, site.recheck_days, site.first_wait_hours, site.fresh_wait_hours)
        self.stats.inc_value(f"{STATS}/pages_seen")
        if page_unchanged(self.db, item.url, item.html, now, schedule, item.validators):
            self.stats.inc_value(f"{STATS}/pages_unchanged")
            return item
        try:   # one odd page must not stop the crawl; it is not stored, so a fixed reader reads it
            page = read_page(item.html, item.url, title_css=site.title_css, body_css=site.body_css,
                             date_css=site.date_css)
        except Exception as error:
            logger.exception("read: article %s could not be read", item.url)
            self._skip("read", item.url, error)
        if not page.text.strip():
            self._skip("no_text", item.url, "no main text")
        with self.db.atomic():
            saved = save_page(
                self.db, url=item.url, site=item.site, title=page.entries.title, published=page.entries.published,
                text=page.text, html=item.html, now=now,
                schedule=schedule, validators=item.validators,
            )
            if saved.outcome != "unchanged":
                result = record_page_facts(
                    self.db, page_url=item.url, version_id=saved.version_id,
                    projects=page.entries.to_dict()["projects"], now=now.isoformat(timespec="seconds"),
                    alert=not self.crawler.spider.baseline, channels=self.channels,
                )
        self.stats.inc_value(f"{STATS}/pages_{saved.outcome}")
        if saved.outcome != "unchanged":
            self.stats.inc_value(f"{STATS}/facts", result.facts)
            self.stats.inc_value(f"{STATS}/changes", sum(result.changes.values()))
            self.stats.inc_value(f"{STATS}/alerts", result.alerts)
        return item
