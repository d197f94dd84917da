"""``projwatch reextract`` in-process on a database whose pages the store pipeline stored from the
replica's articles: what an older reader kept is read again from the stored HTML, a second pass changes
nothing, ``--site`` limits it to one site's pages, nothing is ever alerted, and a missing database is
one line and exit 2."""
import asyncio
import tomllib

import pytest
from click.testing import CliRunner
from scrapy.utils.test import get_crawler

from crawler.items import PageItem
from crawler.pipelines import StorePipeline
from crawler.reading import PageReader
from crawler.writer import StoreWriter
from crawler.reextract_cli import reextract
from crawler.sites import site_from_entry
from storage import open_db
from storage.db import database_path
from tests.replica.content import blog_site, centrs_site

ENV = {"PROJWATCH_SITES": None, "PROJWATCH_DB": None}
TABLES = ("pages", "projects", "meetings", "partners", "funding", "fact_sources", "changes", "outbox")


def store(db, page_site) -> None:
    """The replica site's articles as the crawl's store pipeline stores them (a baseline run)."""
    site = site_from_entry(tomllib.loads(page_site.site_entry())["sites"][0], "test")
    writer = StoreWriter(database_path(db))
    pipeline = StorePipeline(writer, PageReader(0), site, baseline=True, routing={}, stats=get_crawler().stats)
    items = [PageItem(url=page_site.url(page_site.article_path(article)), site=site.name,
                      html=page_site.render_article(article)) for article in page_site.articles]

    async def process():
        for item in items:
            await pipeline.process_item(item)
    asyncio.run(process())
    writer.close()


@pytest.fixture
def stored(tmp_path):
    """(database path, site list path, the replica sites) with every article of two sites stored."""
    sites = [centrs_site(), blog_site()]
    for number, page_site in enumerate(sites):
        page_site.base_url = f"https://site{number}.example.lv"
    db = open_db(tmp_path / "projwatch.db")
    for page_site in sites:
        store(db, page_site)
    db.close()
    (tmp_path / "sites.toml").write_text("\n".join(page_site.site_entry() for page_site in sites), encoding="utf-8")
    return tmp_path / "projwatch.db", tmp_path / "sites.toml", sites


def invoke(db_path, sites_path, *args):
    return CliRunner().invoke(reextract, ["--db", str(db_path), "--sites", str(sites_path), *args], env=ENV)


def dump(db_path) -> dict:
    """Every row the store holds, but when each fact was last seen (the pass's own time)."""
    db = open_db(db_path)
    try:
        return {table: [{key: value for key, value in row.items() if key != "last_seen"} for row in db[table].rows]
                for table in TABLES}
    finally:
        db.close()


def age(db_path, site: str) -> None:
    """What an older reader would have kept of the site's pages: another title and text."""
    db = open_db(db_path)
    db.execute("UPDATE pages SET title = 'Vecais virsraksts', text = 'vecais teksts' WHERE site = ?", [site])
    db.close()


def titles(db_path, site: str) -> set[str]:
    return {row["title"] for row in dump(db_path)["pages"] if row["site"] == site}


def test_a_second_pass_changes_nothing(stored):
    db_path, sites_path, _ = stored
    first = invoke(db_path, sites_path)
    assert first.exit_code == 0, first.output
    before = dump(db_path)
    second = invoke(db_path, sites_path)
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith("re-read 12 pages:") and ", 0 changes recorded, nothing alerted" in second.stdout
    assert dump(db_path) == before
    assert before["outbox"] == [] and before["meetings"]


def test_an_older_reading_is_replaced_by_what_the_stored_html_says(stored):
    db_path, sites_path, sites = stored
    expected = titles(db_path, "centrs")
    before = dump(db_path)
    age(db_path, "centrs")
    result = invoke(db_path, sites_path)
    assert result.exit_code == 0, result.output
    assert titles(db_path, "centrs") == expected and "Vecais virsraksts" not in expected
    assert dump(db_path)["pages"] == before["pages"]


@pytest.mark.parametrize("site, count", [("centrs", 6), ("blogs", 6), ("portals", 0)])
def test_site_limits_it_to_one_sites_pages(stored, site, count):
    db_path, sites_path, _ = stored
    for name in ("centrs", "blogs"):
        age(db_path, name)
    result = invoke(db_path, sites_path, "--site", site)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"re-read {count} pages:")
    for name in ("centrs", "blogs"):
        assert (titles(db_path, name) == {"Vecais virsraksts"}) == (name != site)


def test_without_the_site_list_the_pages_are_read_with_the_generic_reader(stored, tmp_path):
    db_path, _, _ = stored
    age(db_path, "blogs")
    result = invoke(db_path, tmp_path / "nav.toml")
    assert result.exit_code == 0, result.output
    assert "Vecais virsraksts" not in titles(db_path, "blogs")


def test_a_missing_database_is_one_line_and_exit_2(tmp_path):
    missing = tmp_path / "projwatch.db"
    result = invoke(missing, tmp_path / "sites.toml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [f"Error: --db {missing}: no such database (run `projwatch run` first)"]
    assert not missing.exists()


def test_facts_found_anew_are_recorded_as_the_baseline_never_alerted(stored):
    db_path, sites_path, _ = stored
    db = open_db(db_path)
    meetings = db.execute("SELECT count(*) FROM meetings").fetchone()[0]
    db.execute("DELETE FROM fact_sources WHERE fact_table = 'meetings'")   # as if an older extractor missed them
    db.execute("DELETE FROM changes WHERE kind = 'new_meeting'")
    db.execute("DELETE FROM meetings")
    db.close()
    result = invoke(db_path, sites_path)
    assert result.exit_code == 0, result.output
    found = [row for row in dump(db_path)["changes"] if row["kind"] == "new_meeting"]
    assert meetings and len(found) == meetings and all(row["baseline"] for row in found)
    assert dump(db_path)["outbox"] == []
