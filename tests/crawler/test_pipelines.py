"""The store pipeline on its own: pages read in worker processes are stored in the order they came, pages
that come while the workers are busy go to them a few at a time, and a page that crashes its worker or
that the reader raises on is a counted skip of that page alone."""
import asyncio
from collections import Counter

import pytest
import sqlite_utils
from scrapy.exceptions import DropItem

from crawler.items import PageItem
from crawler.pipelines import StorePipeline
from crawler.processes import HelperPool
from crawler.reading import MAX_GROUP, PageReader
from crawler.writer import StoreWriter
from crawler.sites import Site
from crawler.stats import error_stat, stat
from storage import open_db
from storage.db import database_path
from tests.crawler.readers import CRASH, FAIL, SLOW, crashing_read, failing_read, slow_read
from tests.replica import Article
from tests.replica.content import centrs_site

SITE = Site(name="centrs", title="Digitālais centrs", start_urls=["http://127.0.0.1/jaunumi"],
            articles=[r"/jaunumi/\d{4}/"])


class Stats(Counter):
    def inc_value(self, key, count=1, start=0):
        self[key] += count


def items(marks: dict[int, str], count: int = 6) -> list[PageItem]:
    """``count`` article pages of the replica's centre, the n-th carrying ``marks[n]`` in its text."""
    site = centrs_site()
    site.base_url = "http://127.0.0.1"
    for n in range(count):
        site.add_article(Article(f"zina-{n}", f"Ziņa {n}", "2025-01-15", (
            f"No {n + 1}. līdz {n + 2}. jūnijam Tartu, Igaunijā notiks projekta “Dati {n}” partneru sanāksme. "
            f"{marks.get(n, '')}",)))
    ordered = sorted(site.articles[:count], key=lambda article: article.slug)
    return [PageItem(url=site.url(site.article_path(article)), site="centrs", html=site.render_article(article))
            for article in ordered]


def process(db, reader, page_items):
    """Hand the pipeline every item at once (as Scrapy does with the pages it has downloaded)."""
    stats = Stats()
    writer = StoreWriter(database_path(db))
    pipeline = StorePipeline(writer, reader, SITE, baseline=False, routing={}, stats=stats)

    async def run():
        return await asyncio.gather(*(pipeline.process_item(item) for item in page_items), return_exceptions=True)

    try:
        return asyncio.run(run()), stats
    finally:
        writer.close()
        reader.close()


def stored_order(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT url FROM page_versions ORDER BY id")]


@pytest.mark.parametrize("workers", [0, 2])
def test_a_sites_pages_are_stored_in_the_order_they_came(tmp_path, workers):
    page_items = items({0: SLOW})      # the first page takes longest to read
    db = open_db(tmp_path / "p.db")
    results, stats = process(db, PageReader(workers, reader=slow_read), page_items)
    assert not [r for r in results if isinstance(r, BaseException)]
    assert stored_order(db) == [item.url for item in page_items]
    assert stats[stat("pages_new")] == len(page_items)
    assert db.execute("SELECT count(*) FROM meetings").fetchone()[0] == len(page_items)


def test_a_page_that_crashes_its_worker_is_a_counted_skip(tmp_path):
    page_items = items({3: CRASH}, count=8)
    db = open_db(tmp_path / "p.db")
    reader = PageReader(2, reader=crashing_read)
    results, stats = process(db, reader, page_items)
    crashed = page_items[3].url
    assert isinstance(results[3], DropItem) and "worker" in str(results[3])
    assert [r for i, r in enumerate(results) if i != 3] == [item for i, item in enumerate(page_items) if i != 3]
    assert stats[error_stat("worker")] == 1
    assert stored_order(db) == [item.url for item in page_items if item.url != crashed]
    assert db.execute("SELECT count(*) FROM pages WHERE url = ?", [crashed]).fetchone()[0] == 0
    assert reader.crashes >= 2   # the pool, then the page alone


def test_pages_that_come_while_the_workers_are_busy_go_to_them_a_few_at_a_time(tmp_path, monkeypatch):
    page_items = items({}, count=30)
    sent = []
    submit = HelperPool.submit
    monkeypatch.setattr(HelperPool, "submit",
                        lambda pool, call, *args: sent.append((call, args)) or submit(pool, call, *args))
    db = open_db(tmp_path / "p.db")
    results, stats = process(db, PageReader(2), page_items)
    assert results == page_items and stored_order(db) == [item.url for item in page_items]
    reads = [len(args[0]) for call, args in sent if call.__name__ == "_read_in_worker"]
    assert sum(reads) == len(page_items)
    assert reads[:2] == [1, 1]                     # the first pages go at once, one to each worker
    assert len(reads) < len(page_items) / 2 and max(reads) == MAX_GROUP


def test_a_page_the_reader_raises_on_is_a_counted_skip_and_its_group_is_stored(tmp_path):
    page_items = items({5: FAIL}, count=12)
    failed = next(i for i, item in enumerate(page_items) if FAIL in item.html)
    db = open_db(tmp_path / "p.db")
    results, stats = process(db, PageReader(2, reader=failing_read), page_items)
    assert isinstance(results[failed], DropItem) and "ValueError" in str(results[failed])
    assert stats[error_stat("read")] == 1
    assert stored_order(db) == [item.url for i, item in enumerate(page_items) if i != failed]


def test_the_pool_and_in_process_reading_store_the_same(tmp_path):
    page_items = items({}, count=10)
    dumps = []
    for workers in (0, 2):
        db = open_db(tmp_path / f"{workers}.db")
        process(db, PageReader(workers), page_items)
        dumps.append({table: list(sqlite_utils.Database(db.conn)[table].rows)
                      for table in ("projects", "meetings", "partners", "funding", "fact_sources", "changes")})
        dumps[-1]["pages"] = [(r["url"], r["text"], r["title"], r["published"]) for r in db["pages"].rows]
    assert dumps[0]["meetings"]
    for rows in dumps:   # timestamps differ by when each ran
        for table in rows.values():
            for row in table:
                if isinstance(row, dict):
                    for key in ("first_seen", "last_seen", "detected_at"):
                        row.pop(key, None)
    assert dumps[0] == dumps[1]
