"""Item pipelines: thin glue from a fetched page to the store, the extractor and the diff."""
import logging
import sqlite3
from datetime import datetime, timezone

from scrapy.exceptions import DropItem

from crawler.extract.html import read_article
from crawler.extract.page import extract_page
from crawler.items import PageItem
from spiders.news import STATS
from storage import open_db
from storage.facts import record_page_facts
from storage.pages import page_unchanged, save_page
from storage.runs import has_completed_run

logger = logging.getLogger(__name__)


class StorePipeline:
    """Stores each article (a version when its text changed) and, in the same transaction, the facts
    extracted from a new or changed text with the changes they make and the alerts those owe.

    Settings: ``PROJWATCH_DB``; ``PROJWATCH_CHANNELS`` (channel key -> wanted change kinds);
    ``PROJWATCH_NO_BASELINE`` (alert from a site's first run too). Until a run has crawled a site to
    its end, the site's facts are its baseline: recorded, not alerted.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.channels = crawler.settings.getdict("PROJWATCH_CHANNELS")
        self.no_baseline = crawler.settings.getbool("PROJWATCH_NO_BASELINE")
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.db = open_db(self.crawler.settings.get("PROJWATCH_DB"))
        self.alert = self.no_baseline or has_completed_run(self.db, self.crawler.spider.site.name)

    def close_spider(self):
        self.db.close()

    def process_item(self, item: PageItem):
        try:
            return self._process(item)
        except sqlite3.Error as error:   # disk full, locked too long: this page is not stored, nor half of it
            self.stats.inc_value(f"{STATS}/errors/storage")
            raise DropItem(f"storage: article {item.url} not stored: {error}") from error

    def _process(self, item: PageItem) -> PageItem:
        site = self.crawler.spider.site
        now = datetime.now(timezone.utc)
        self.stats.inc_value(f"{STATS}/pages_seen")
        if page_unchanged(self.db, item.url, item.html, now, site.fresh_days, site.recheck_days):
            self.stats.inc_value(f"{STATS}/pages_unchanged")
            return item
        article = read_article(item.html, item.url, title_css=site.title_css, body_css=site.body_css,
                               date_css=site.date_css)
        if not article.text.strip():
            self.stats.inc_value(f"{STATS}/errors/no_text")
            raise DropItem(f"no_text: article {item.url} has no main text")
        with self.db.atomic():
            saved = save_page(
                self.db, url=item.url, site=item.site, title=article.title, published=article.published,
                text=article.text, html=item.html, now=now,
                fresh_days=site.fresh_days, recheck_days=site.recheck_days,
            )
            self.stats.inc_value(f"{STATS}/pages_{saved.outcome}")
            if saved.outcome != "unchanged":
                self._record_facts(item.url, saved.version_id, article, now)
        return item

    def _record_facts(self, url, version_id, article, now) -> None:
        try:
            entries = extract_page(article.text, url=url, published=article.published)
        except Exception:   # a parser bug on one page must not stop the crawl; the page is kept
            logger.exception("extract: article %s could not be parsed", url)
            self.stats.inc_value(f"{STATS}/errors/extract")
            return
        result = record_page_facts(
            self.db, page_url=url, version_id=version_id, projects=entries.to_dict()["projects"],
            now=now.isoformat(timespec="seconds"), alert=self.alert, channels=self.channels,
        )
        self.stats.inc_value(f"{STATS}/facts", result.facts)
        self.stats.inc_value(f"{STATS}/changes", sum(result.changes.values()))
        self.stats.inc_value(f"{STATS}/alerts", result.alerts)
