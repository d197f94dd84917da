"""What the writer does with a page: the page and the facts of a new or changed text in one transaction;
an unchanged text records nothing more; facts that fail to store leave no page behind."""
from datetime import datetime, timezone

import pytest

from crawler.items import PageItem
from crawler.page_store import store_page
from crawler.reading import Selectors, read
from storage import open_db
from storage.pages import Schedule, content_hash
from tests.replica import Article
from tests.replica.content import centrs_site

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "projwatch.db")
    yield db
    db.close()


def page_item() -> PageItem:
    site = centrs_site()
    site.base_url = "http://127.0.0.1"
    article = Article("tiksanas", "Partneru tikšanās Tartu", "2026-02-20", (
        "No 12. līdz 13. martam Tartu, Igaunijā notiks projekta “Gudras pilsētas dati” partneru sanāksme.",))
    site.add_article(article)
    return PageItem(url=site.url(site.article_path(article)), site="centrs", html=site.render_article(article))


def stored(db, item: PageItem, projects=None):
    page = read(item.html, item.url, Selectors())
    if projects is not None:
        page = type(page)(page.text, page.title, page.published, projects, page.compressed_html)
    return store_page(db, item, page, content_hash(item.html), NOW, Schedule(), False, {})


def test_a_new_page_is_stored_with_its_facts_and_an_unchanged_one_adds_nothing(db):
    item = page_item()
    saved, result = stored(db, item)
    assert saved.outcome == "new" and result.facts >= 1
    assert db.execute("SELECT city FROM meetings").fetchall() == [("Tartu",)]
    again, nothing = stored(db, item)
    assert again.outcome == "unchanged" and nothing is None
    assert db.execute("SELECT count(*) FROM page_versions").fetchone()[0] == 1


def test_facts_that_cannot_be_stored_leave_no_page_behind(db):
    with pytest.raises(AttributeError):   # a meeting that is not a mapping
        stored(db, page_item(), projects=[{"meetings": "not a list of meetings"}])
    assert db.execute("SELECT count(*) FROM pages").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM page_versions").fetchone()[0] == 0
