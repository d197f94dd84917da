"""Item pipelines: thin glue from a fetched page to the store."""
from datetime import datetime, timezone

from scrapy.exceptions import DropItem

from crawler.extract.html import read_article
from crawler.items import PageItem
from spiders.news import STATS
from storage import open_db
from storage.pages import save_page


class StorePipeline:
    """Reads the article out of the page and stores it as a page and, when its text changed, a version."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.db = open_db(self.crawler.settings.get("PROJWATCH_DB"))

    def close_spider(self):
        self.db.close()

    def process_item(self, item: PageItem):
        site = self.crawler.spider.site
        article = read_article(item.html, item.url, title_css=site.title_css, body_css=site.body_css,
                               date_css=site.date_css)
        if not article.text.strip():
            self.stats.inc_value(f"{STATS}/errors/no_text")
            raise DropItem(f"no article text in {item.url}")
        saved = save_page(
            self.db, url=item.url, site=item.site, title=article.title, published=article.published,
            text=article.text, html=item.html, now=datetime.now(timezone.utc),
            fresh_days=site.fresh_days, recheck_days=site.recheck_days,
        )
        self.stats.inc_value(f"{STATS}/pages_seen")
        self.stats.inc_value(f"{STATS}/pages_{saved.outcome}")
        return item
