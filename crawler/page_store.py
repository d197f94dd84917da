"""A page and its facts as the crawl stores them, in the writer's process (``crawler.writer``)."""
from collections.abc import Mapping
from datetime import datetime

from sqlite_utils import Database

from crawler.items import PageItem
from crawler.reading import PageRead
from storage import transaction
from storage.facts import RecordResult, record_page_facts
from storage.pages import SavedPage, Schedule, save_page


def store_page(db: Database, item: PageItem, page: PageRead, html_hash: str, now: datetime, schedule: Schedule,
               baseline: bool, routing: Mapping) -> tuple[SavedPage, RecordResult | None]:
    """The page and the facts of a new or changed text, in one transaction (alerted unless ``baseline``)."""
    with transaction(db, "the database"):
        saved = save_page(
            db, url=item.url, site=item.site, title=page.title, published=page.published, text=page.text,
            html=item.html, now=now, schedule=schedule, validators=item.validators,
            compressed_html=page.compressed_html, html_hash=html_hash,
        )
        if saved.outcome == "unchanged":
            return saved, None
        return saved, record_page_facts(
            db, page_url=item.url, version_id=saved.version_id, projects=page.projects,
            now=now.isoformat(timespec="seconds"), alert=not baseline, routing=routing,
        )
