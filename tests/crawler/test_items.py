"""``crawler/items.py``: what the spider hands the pipeline — a page under the URL it was asked by, with
its HTML, whether its answer carried validators (true unless the spider says not) and whether the store
knew it at the run's start (true unless the spider says not), or word that a stored page is gone — plain
records Scrapy's item machinery accepts."""
import pytest
from itemadapter import ItemAdapter, is_item

from crawler.items import GoneItem, PageItem

URL = "https://novads.example.lv/jaunumi/2024/partneri"


def test_a_page_item_carries_validators_unless_told_not():
    assert PageItem(url=URL, site="centrs", html="<p></p>").validators is True
    assert PageItem(url=URL, site="centrs", html="<p></p>", validators=False).validators is False


@pytest.mark.parametrize("item, fields", [
    (PageItem(url=URL, site="centrs", html="<p>Rīga</p>"), {"url": URL, "site": "centrs", "html": "<p>Rīga</p>",
                                                           "validators": True, "known": True}),
    (GoneItem(url=URL, site="centrs"), {"url": URL, "site": "centrs"}),
])
def test_items_are_scrapy_items_with_exactly_their_fields(item, fields):
    assert is_item(item)
    assert ItemAdapter(item).asdict() == fields


def test_a_gone_item_is_no_page():
    assert GoneItem(url=URL, site="centrs") != PageItem(url=URL, site="centrs", html="")
    assert not isinstance(GoneItem(url=URL, site="centrs"), PageItem)
