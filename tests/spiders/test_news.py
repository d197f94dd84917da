"""``spiders/news.py`` on its own: ``NewsSpider`` fed Scrapy responses built from the replica's pages
(rendered in-process, no server), with a real crawler's stats — which articles it asks for (new ones;
known ones only when due, or when a feed date or a sitemap ``lastmod`` is later than their last fetch;
no more new ones than ``max_pages``), when it walks a listing's pagination (held on a first run with
sitemaps, stopped past a page of known articles later), what it hands the pipeline (the page under the
URL the site links to; a GoneItem for a stored article that answers 404/410; nothing for a binary body)
— and its small pure helpers (``parse_date``, ``feed_entries``, ``page_text``, ``error_kind``)."""
import asyncio
import gzip
import subprocess
import sys
import tomllib
from datetime import datetime, timezone

import pytest
from scrapy import Request
from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError,
                               IgnoreRequest)
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.items import GoneItem, PageItem
from crawler.sites import site_from_entry
from crawler.stats import error_stat, stat
from spiders.news import NewsSpider, Plan, error_kind, feed_entries, page_text, parse_date
from tests.conftest import ROOT
from tests.replica import Article
from tests.replica.content import blog_site, centrs_site, wordpress_site

BASE = "https://novads.example.lv"
FETCHED = "2024-12-01T12:00:00+00:00"     # when a known article was last fetched, in the plans below


def replica(make=centrs_site):
    site = make()
    site.base_url = BASE
    return site


def site_config(page_site, **extra):
    """The replica site's ``[[sites]]`` entry as the spider gets it, with ``extra`` keys."""
    entry = tomllib.loads(page_site.site_entry())["sites"][0]
    return site_from_entry({**entry, **extra}, "test")


def news_spider(page_site, plan=Plan(), archive=False, **extra) -> NewsSpider:
    crawler = get_crawler(NewsSpider)
    spider = NewsSpider.from_crawler(crawler, site=site_config(page_site, **extra), plan=plan, archive=archive)
    crawler.spider = spider
    return spider


def page(page_site, path, cls=None, meta=None, **headers) -> Response:
    """The replica's page at ``path`` as Scrapy would hand it to the spider."""
    body, content_type, _ = page_site.page(path)
    url = page_site.url(path)
    cls = cls or (HtmlResponse if content_type.startswith("text/html") else XmlResponse)
    return cls(url, body=body.encode("utf-8"), headers={"Content-Type": content_type, **headers},
               request=Request(url, meta=dict(meta or {})))


def output(results) -> list:
    """What a callback yields, sync or async."""
    async def collect():
        return [result async for result in results]
    return asyncio.run(collect()) if hasattr(results, "__aiter__") else list(results or ())


def listing(spider, response) -> list:
    """A start URL's response, parsed as CrawlSpider parses it (rules and parse_start_url)."""
    return output(spider._parse(response))


def urls(results) -> list[str]:
    return [result.url for result in results if isinstance(result, Request)]


def article_url(page_site, index: int) -> str:
    return page_site.url(page_site.article_path(page_site.articles[index]))


def listed(page_site, number: int = 1) -> list[str]:
    """The article URLs the listing page ``number`` shows."""
    return [article_url(page_site, index) for index in range(page_site.per_page * (number - 1),
                                                              page_site.per_page * number)]


def count(spider, name: str) -> int:
    return spider.crawler.stats.get_value(stat(name), 0)


# -- which articles are asked for ------------------------------------------------------------------

@pytest.mark.parametrize("known, due, expected", [
    ((), (), [0, 1, 2]),              # a first run: every article the listing shows
    ((0, 1, 2), (), []),              # all stored, none due: none asked again
    ((0, 1, 2), (1,), [1]),           # stored and due: asked (revalidated)
    ((0,), (), [1, 2]),               # the new ones only
])
def test_a_listing_asks_for_new_articles_and_known_ones_only_when_due(known, due, expected):
    site = replica()
    plan = Plan(known=frozenset(article_url(site, i) for i in known), due=tuple(article_url(site, i) for i in due))
    spider = news_spider(site, plan)
    results = listing(spider, page(site, "/jaunumi", meta={"listing": True}))
    asked = [url for url in urls(results) if "/jaunumi/20" in url]
    assert asked == [article_url(site, i) for i in expected]
    assert count(spider, "articles_found") == 3 and count(spider, "listings_ok") == 1


@pytest.mark.parametrize("max_pages, known_due, expected", [
    (2, None, [0, 1]),            # three new on the listing, two allowed
    (1, 0, [0, 1]),               # a due known article does not use up the room for new ones
    (None, None, [0, 1, 2]),
])
def test_max_pages_bounds_the_new_articles_asked(max_pages, known_due, expected):
    site = replica()
    plan = Plan() if known_due is None else Plan(known=frozenset({article_url(site, known_due)}),
                                                 due=(article_url(site, known_due),))
    spider = news_spider(site, plan, **({"max_pages": max_pages} if max_pages else {}))
    results = listing(spider, page(site, "/jaunumi"))
    assert [url for url in urls(results) if "/jaunumi/20" in url] == [article_url(site, i) for i in expected]


def test_an_article_is_asked_once_however_often_it_is_linked():
    site = replica()
    spider = news_spider(site)
    first = listing(spider, page(site, "/jaunumi"))
    again = listing(spider, page(site, "/jaunumi?page=2"))   # its sidebar links page 1's articles again
    asked = [url for url in urls(first + again) if "/jaunumi/20" in url]
    assert len(asked) == len(set(asked)) == 6


# -- pagination ------------------------------------------------------------------------------------

def next_pages(results) -> list[str]:
    return [url for url in urls(results) if "?page=" in url]


@pytest.mark.parametrize("known, walked, goes_on", [
    (set(), set(), True),             # a page showing new articles: the next page may hold more
    ({0, 1}, {0, 1}, True),
    ({0, 1, 2}, {0, 1, 2}, False),    # a page of articles the last walk saw: the pages after it hold none new
    ({0, 1, 2}, {0}, True),           # stored since by a run cut short: the next page may hold what it missed
    ({0, 1, 2}, set(), True),         # no run has walked the listings to their end yet
])
def test_a_later_run_walks_pagination_only_past_pages_showing_articles_the_last_walk_did_not_see(
        known, walked, goes_on):
    site = replica()
    spider = news_spider(site, Plan(known=frozenset(article_url(site, i) for i in known),
                                    walked=frozenset(article_url(site, i) for i in walked)))
    results = listing(spider, page(site, "/jaunumi"))
    assert bool(next_pages(results)) == goes_on
    assert count(spider, "listings_skipped") == (0 if goes_on else len(site.articles) // site.per_page)
    assert [url for url in urls(results) if "/jaunumi/20" in url] == [
        article_url(site, i) for i in range(3) if i not in known]    # known articles are still not asked


def test_a_first_run_walks_every_listing_page_when_the_site_has_no_sitemap():
    site = replica()
    spider = news_spider(site, Plan(known=frozenset(listed(site))), archive=True)
    assert next_pages(listing(spider, page(site, "/jaunumi"))) == [site.url("/jaunumi?page=2")]


def test_a_listing_page_followed_once_is_not_asked_for_again_by_the_next_listing():
    site = replica()
    for n in range(60):     # three listing pages, each linking the others
        site.add_article(Article(f"vecs-{n}", f"Vecs {n}", "2020-01-15", ("Teksts.",)))
    spider = news_spider(site, archive=True)
    first = next_pages(listing(spider, page(site, "/jaunumi")))
    second = next_pages(output(spider._parse(page(site, "/jaunumi?page=2"))))
    assert first and not set(first) & set(second)


def test_a_first_run_holds_pagination_while_the_sitemaps_list_the_archive():
    site = replica(wordpress_site)
    spider = news_spider(site, archive=True, sitemap_urls=[site.url("/robots.txt")])
    results = listing(spider, page(site, "/"))
    assert next_pages(results) == [] and not [u for u in urls(results) if "/page/" in u]
    articles = output(spider.parse_sitemap(page(site, "/post-sitemap.xml")))
    assert set(urls(results + articles)) >= {article_url(site, i) for i in range(len(site.articles))}
    spider._release_pagination()      # spider_idle: the sitemaps listed articles, the held pages are dropped
    assert count(spider, "pagination_skipped") == 1     # /page/2/


# -- start requests --------------------------------------------------------------------------------

@pytest.mark.parametrize("archive", [True, False])
def test_start_asks_listings_feeds_sitemaps_on_a_first_run_only_and_due_articles(archive):
    site = replica(blog_site)
    deep = site.url("/vecs-raksts/")     # due, and no listing links to it any more
    spider = news_spider(site, Plan(known=frozenset({deep}), due=(deep,)), archive=archive,
                         sitemap_urls=[site.url("/sitemap.xml")])
    requests = output(spider.start())
    expected = [site.url("/jaunumi/"), *([site.url("/sitemap.xml")] if archive else []), site.url("/feed/"), deep]
    assert urls(requests) == expected
    assert all(request.headers.get("Cache-Control") == b"max-age=0" for request in requests)
    assert count(spider, "articles_found") == 0     # our memory of a link is no link the site shows


# -- feeds and sitemaps: a known article made due by its date --------------------------------------

def dated_feed(site, dates: dict[int, str], tag: str = "pubDate") -> str:
    """The replica's RSS feed with ``dates`` (article index -> date) on its items."""
    feed = site.render_feed()
    for index, date in dates.items():
        link = f"<link>{article_url(site, index)}</link>"
        feed = feed.replace(link, f"{link}<{tag}>{date}</{tag}>")
    return feed


def xml(url: str, body: str) -> XmlResponse:
    return XmlResponse(url, body=body.encode(), request=Request(url))


@pytest.mark.parametrize("tag, date, due", [
    ("pubDate", "Mon, 02 Dec 2024 08:00:00 +0000", True),     # later than the last fetch
    ("pubDate", "Sat, 30 Nov 2024 08:00:00 +0000", False),    # before it
    ("dc:date", "2024-12-01T12:00:00Z", False),               # the fetch itself: not later
    ("pubDate", "vakar", False),                               # unreadable: no signal
])
def test_a_known_article_is_due_when_the_feed_dates_it_after_its_last_fetch(tag, date, due):
    site = replica(blog_site)
    known = article_url(site, 0)
    spider = news_spider(site, Plan(known=frozenset({known}), last_fetched={known: FETCHED}))
    body = dated_feed(site, {0: date}, tag).replace("<rss ", '<rss xmlns:dc="http://purl.org/dc/elements/1.1/" ')
    asked = urls(output(spider.parse_feed(xml(site.url("/feed/"), body))))
    assert (known in asked) == due
    assert set(asked) - {known} == {article_url(site, i) for i in range(1, len(site.articles))}
    assert count(spider, "due_by_date") == int(due)


@pytest.mark.parametrize("lastmod, due", [("2024-12-02", True), ("2024-12-01", False), (None, False)])
def test_a_known_article_is_due_when_the_sitemap_lastmod_is_after_its_last_fetch(lastmod, due):
    site = replica(wordpress_site)
    known = article_url(site, 1)
    spider = news_spider(site, Plan(known=frozenset({known}), last_fetched={known: FETCHED}), archive=True)
    body = site.page("/post-sitemap.xml")[0]
    if lastmod:
        body = body.replace(f"<loc>{known}</loc>", f"<loc>{known}</loc><lastmod>{lastmod}</lastmod>")
    asked = urls(output(spider.parse_sitemap(xml(site.url("/post-sitemap.xml"), body))))
    assert (known in asked) == due
    assert count(spider, "sitemap_articles") == len(site.articles)


def test_robots_txt_names_the_sitemaps_and_an_index_is_read_as_sitemap_follow_says():
    site = replica(wordpress_site)
    spider = news_spider(site, archive=True, sitemap_follow=["post-sitemap"])
    robots = TextResponse(site.url("/robots.txt"), body=site.page("/robots.txt")[0].encode(),
                          request=Request(site.url("/robots.txt")))
    assert urls(output(spider.parse_sitemap(robots))) == [site.url("/sitemap_index.xml")]
    index = output(spider.parse_sitemap(page(site, "/sitemap_index.xml")))
    assert urls(index) == [site.url("/post-sitemap.xml")]       # not the static pages' sitemap


def test_a_gzipped_sitemap_is_read():
    site = replica(wordpress_site)
    spider = news_spider(site, archive=True)
    body = gzip.compress(site.page("/post-sitemap.xml")[0].encode())
    url = site.url("/post-sitemap.xml.gz")
    response = Response(url, body=body, headers={"Content-Type": "application/gzip"}, request=Request(url))
    assert set(urls(output(spider.parse_sitemap(response)))) == {article_url(site, i)
                                                                for i in range(len(site.articles))}


@pytest.mark.parametrize("body", ["<html><body>Lapa</body></html>", "<rss><channel/></rss>"])
def test_a_sitemap_that_is_none_is_an_unreadable_listing(body):
    site = replica(wordpress_site)
    spider = news_spider(site, archive=True)
    assert output(spider.parse_sitemap(xml(site.url("/sitemap.xml"), body))) == []
    assert spider.crawler.stats.get_value(error_stat("unreadable")) == 1
    assert count(spider, "listings_ok") == 0


# -- what the pipeline gets -------------------------------------------------------------------------

def test_an_article_page_is_one_page_item_with_its_text():
    site = replica()
    article = site.articles[1]
    items = output(news_spider(site).parse_article(page(site, site.article_path(article))))
    assert items == [PageItem(url=article_url(site, 1), site="centrs", html=site.render_article(article),
                              validators=False, known=False)]


@pytest.mark.parametrize("stored", [True, False])
def test_an_article_item_says_whether_the_store_knew_it_at_the_runs_start(stored):
    site = replica()
    url = article_url(site, 0)
    spider = news_spider(site, Plan(known=frozenset({url} if stored else ()), due=(url,)))
    [item] = output(spider.parse_article(page(site, site.article_path(site.articles[0]))))
    assert item.known is stored


@pytest.mark.parametrize("headers, validators", [
    ({}, False), ({"ETag": '"abc"'}, True), ({"Last-Modified": "Sun, 01 Dec 2024 12:00:00 GMT"}, True)])
def test_an_article_says_whether_its_answer_carried_validators(headers, validators):
    site = replica()
    [item] = output(news_spider(site).parse_article(page(site, site.article_path(site.articles[0]), **headers)))
    assert item.validators is validators


def test_a_redirected_article_is_kept_under_the_url_the_site_links_to():
    site = replica()
    linked = article_url(site, 0)
    moved = site.article_path(site.articles[0])
    response = page(site, moved, meta={"redirect_urls": [linked + "-veca", linked]})
    [item] = output(news_spider(site).parse_article(response))
    assert item.url == linked + "-veca"


@pytest.mark.parametrize("response_class, body, content_type", [
    (Response, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf"),
    (HtmlResponse, b"<html>\x00\x01\x02 binary</html>", "text/html"),    # a NUL byte: not text, whatever it says
])
def test_a_binary_answer_is_not_text_and_no_item(response_class, body, content_type):
    site = replica()
    url = article_url(site, 0)
    spider = news_spider(site)
    response = response_class(url, body=body, headers={"Content-Type": content_type}, request=Request(url))
    assert output(spider.parse_article(response)) == []
    assert spider.crawler.stats.get_value(error_stat("not_text")) == 1


def http_failure(url: str, status: int, listing: bool = False) -> Failure:
    request = Request(url, meta={"listing": listing})
    response = HtmlResponse(url, status=status, body=b"<html><h1>Lapa nav atrasta</h1></html>", request=request)
    failure = Failure(HttpError(response, "Ignoring non-200 response"))
    failure.request = request
    return failure


@pytest.mark.parametrize("status, stored, is_listing, gone", [
    (404, True, False, True),
    (410, True, False, True),
    (404, False, False, False),    # never stored: nothing to keep
    (503, True, False, False),     # the site failing to answer: not gone
    (404, True, True, False),      # a listing
])
def test_a_stored_article_that_answers_404_or_410_is_gone(status, stored, is_listing, gone):
    site = replica()
    url = article_url(site, 0)
    spider = news_spider(site, Plan(known=frozenset({url} if stored else ())))
    items = output(spider.count_error(http_failure(url, status, is_listing)))
    assert items == ([GoneItem(url=url, site="centrs")] if gone else [])
    assert spider.crawler.stats.get_value(error_stat(f"http_{status}")) == 1


# -- the helpers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("exception, kind", [
    (CannotResolveHostError("novads.example.lv"), "dns"),
    (DownloadConnectionRefusedError(), "refused"),
    (DownloadTimeoutError(), "timeout"),
    (IgnoreRequest("Forbidden by robots.txt"), "ignored"),
    (ValueError("odd"), "ValueError"),
])
def test_error_kind_names_a_failure(exception, kind):
    assert error_kind(Failure(exception)) == kind


def test_error_kind_names_an_http_status():
    assert error_kind(http_failure(BASE + "/x", 502)) == "http_502"


UTC = timezone.utc


@pytest.mark.parametrize("value, expected", [
    ("2024-12-02T08:30:00+02:00", datetime(2024, 12, 2, 6, 30, tzinfo=UTC)),
    ("2024-12-02T08:30:00Z", datetime(2024, 12, 2, 8, 30, tzinfo=UTC)),
    ("2024-12-02", datetime(2024, 12, 2, tzinfo=UTC)),          # a date alone: its start
    ("Mon, 02 Dec 2024 08:30:00 +0200", datetime(2024, 12, 2, 6, 30, tzinfo=UTC)),
    ("  2024-12-02T08:30:00  ", datetime(2024, 12, 2, 8, 30, tzinfo=UTC)),   # no offset: UTC
    ("", None), (None, None), ("vakar", None),
])
def test_parse_date_reads_feed_and_sitemap_dates_in_utc(value, expected):
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo == UTC    # not merely the same instant


def test_feed_entries_read_rss_and_atom_links_with_their_latest_date():
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<entry><link rel="alternate" href="/raksts/1/"/><link rel="enclosure" href="/a.jpg"/>'
            '<published>2024-11-01T10:00:00Z</published><updated>2024-11-03T10:00:00Z</updated></entry>'
            '<entry><link href="https://novads.example.lv/raksts/2/"/></entry></feed>')
    assert feed_entries(xml(BASE + "/feed.atom", atom)) == [
        (BASE + "/raksts/1/", datetime(2024, 11, 3, 10, tzinfo=UTC)), (BASE + "/raksts/2/", None)]
    site = replica(blog_site)
    rss = feed_entries(xml(site.url("/feed/"), dated_feed(site, {0: "Mon, 02 Dec 2024 08:00:00 +0000"})))
    assert rss[0] == (article_url(site, 0), datetime(2024, 12, 2, 8, tzinfo=UTC))
    assert [url for url, _ in rss] == [article_url(site, i) for i in range(len(site.articles))]


@pytest.mark.parametrize("body, charset, text", [
    ("Rīgā notiks tikšanās".encode(), "iso-8859-1", "Rīgā notiks tikšanās"),   # the header lies
    ("Café".encode("latin-1"), "iso-8859-1", "Café"),                         # the header is right
    ("Rīgā".encode(), "utf-8", "Rīgā"),
    (b"plain ascii", "iso-8859-1", "plain ascii"),
])
def test_page_text_trusts_a_utf8_body_over_the_charset_header(body, charset, text):
    response = HtmlResponse(BASE + "/x", body=b"<p>" + body + b"</p>",
                            headers={"Content-Type": f"text/html; charset={charset}"})
    assert page_text(response) == f"<p>{text}</p>"


def test_the_spider_imports_nothing_from_storage():
    """The spider selects and yields; only the pipeline and the crawl stage touch the store."""
    code = "import sys, spiders.news; print(sorted(m for m in sys.modules if m.split('.')[0] == 'storage'))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "[]"
