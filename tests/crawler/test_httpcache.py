"""``crawler/httpcache.py``: RFC 2616 revalidation without hiding a broken server. Only a 304 confirms the
cached copy; a 5xx answer, or no answer at all (refused, timeout), reaches the crawl as what it is,
never as the stale copy. Checked on the policy itself and on the HTTP cache as projwatch's settings
configure it (Scrapy's middleware chain, a real cache folder)."""
import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadConnectionRefusedError, DownloadFailedError, DownloadTimeoutError
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.http import HtmlResponse, Request, Response
from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list
from scrapy.utils.request import RequestFingerprinter
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import load_object
from twisted.internet.error import ConnectionLost

from crawler.httpcache import RevalidatePolicy

URL = "https://centrs.example.lv/jaunumi"
PAGE = "<html><body><a href='/jaunumi/2024/raksts'>Raksts</a></body></html>".encode()


def policy() -> RevalidatePolicy:
    settings = Settings()
    settings.setmodule("crawler.settings")
    return RevalidatePolicy(settings)


def answer(status: int, body: bytes = b"", **headers) -> Response:
    return HtmlResponse(URL, status=status, body=body, headers={"Date": "Mon, 30 Nov 2026 08:00:00 GMT", **headers})


@pytest.mark.parametrize("status", [200, 301, 304, 404, 500, 502, 503, 504])
def test_only_a_304_confirms_the_cached_copy(status):
    cached = answer(200, PAGE, ETag='"v1"')
    assert policy().is_cached_response_valid(cached, answer(status), Request(URL)) is (status == 304)


@pytest.fixture
def cache(tmp_path):
    """The HTTP cache middleware projwatch's settings put in Scrapy's chain, on a real cache folder,
    holding ``PAGE`` for ``URL`` from an earlier run."""
    settings = Settings()
    settings.setmodule("crawler.settings")
    settings.set("HTTPCACHE_DIR", str(tmp_path / "projwatch-httpcache"))
    crawler = Crawler(Spider, settings)            # not crawling: no reactor needed
    chain = build_component_list(crawler.settings.getwithbase("DOWNLOADER_MIDDLEWARES"))
    [cls] = [load_object(path) for path in chain if issubclass(load_object(path), HttpCacheMiddleware)]
    middleware = cls(crawler.settings, MemoryStatsCollector(crawler))
    middleware.crawler = crawler
    assert isinstance(middleware.policy, RevalidatePolicy)
    crawler.request_fingerprinter = RequestFingerprinter(crawler)
    crawler.spider = Spider.from_crawler(crawler, "centrs")
    middleware.spider_opened(crawler.spider)
    first = revalidation()
    assert middleware.process_request(first) is None
    middleware.process_response(first, answer(200, PAGE, ETag='"v1"'))
    yield middleware
    middleware.spider_closed(crawler.spider)


def revalidation() -> Request:
    """A request as the spider asks: always to the server, conditionally."""
    return Request(URL, headers={"Cache-Control": "max-age=0"})


def test_an_unchanged_page_answers_304_and_the_crawl_gets_the_cached_copy(cache):
    request = revalidation()
    assert cache.process_request(request) is None                   # asked of the server, not served stale
    assert request.headers.get("If-None-Match") == b'"v1"'

    got = cache.process_response(request, answer(304, ETag='"v1"'))

    assert (got.status, got.body) == (200, PAGE) and "cached" in got.flags


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_server_error_reaches_the_crawl_not_the_stale_copy(cache, status):
    request = revalidation()
    cache.process_request(request)

    got = cache.process_response(request, answer(status, b"Internal error"))

    assert got.status == status and got.body == b"Internal error"


@pytest.mark.parametrize("error", [DownloadConnectionRefusedError(), DownloadTimeoutError(), DownloadFailedError(),
                                   ConnectionLost(), OSError("Network is unreachable")],
                         ids=["refused", "timeout", "failed", "lost", "oserror"])
def test_no_answer_reaches_the_crawl_as_an_error_not_the_stale_copy(cache, error):
    """A site that is down (refused, timing out) must show as down: the error goes on to the retry and
    the spider's errback, where it is counted; Scrapy's own middleware would hand back the cached copy."""
    request = revalidation()
    cache.process_request(request)

    assert cache.process_exception(request, error) is None

    later = revalidation()                                         # the copy stays for the next 304
    cache.process_request(later)
    assert cache.process_response(later, answer(304)).body == PAGE
