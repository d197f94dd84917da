"""crawler/cachestore.py: one file a response (on disk when the spider closes, and read back whole even
before), Scrapy's own format still read."""
from pathlib import Path

from scrapy import Request
from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.cachestore import FILE, OneFileCacheStorage


def storages(tmp_path):
    crawler = get_crawler(settings_dict={"HTTPCACHE_DIR": str(tmp_path), "HTTPCACHE_GZIP": True})
    spider = crawler._create_spider("news")
    ours, scrapys = OneFileCacheStorage(crawler.settings), FilesystemCacheStorage(crawler.settings)
    for storage in (ours, scrapys):
        storage.open_spider(spider)
    return spider, ours, scrapys


def page(url: str) -> HtmlResponse:
    return HtmlResponse(url, status=200, headers={"ETag": '"v1"', "Content-Type": "text/html; charset=utf-8"},
                        body="<html><body><p>Ziņa par projektu</p></body></html>".encode())


def test_a_response_is_one_file_and_comes_back_whole(tmp_path):
    spider, ours, _ = storages(tmp_path)
    request = Request("https://example.lv/zinas/1")
    ours.store_response(spider, request, page(request.url))
    back = ours.retrieve_response(spider, Request(request.url))   # its write may still be under way
    assert (back.status, back.body, back.headers[b"ETag"]) == (200, page(request.url).body, b'"v1"')
    assert isinstance(back, HtmlResponse)
    ours.close_spider(spider)
    folder = Path(ours._get_request_path(spider, request))
    assert [path.name for path in folder.iterdir()] == [FILE]


def test_a_response_cached_by_scrapys_seven_files_is_still_read(tmp_path):
    spider, ours, scrapys = storages(tmp_path)
    request = Request("https://example.lv/zinas/2")
    scrapys.store_response(spider, request, page(request.url))
    assert ours.retrieve_response(spider, Request(request.url)).body == page(request.url).body


def test_a_file_cut_short_is_no_cached_copy(tmp_path):
    spider, ours, _ = storages(tmp_path)
    request = Request("https://example.lv/zinas/3")
    ours.store_response(spider, request, page(request.url))
    ours.close_spider(spider)
    path = Path(ours._get_request_path(spider, request)) / FILE
    path.write_bytes(path.read_bytes()[:20])
    assert ours.retrieve_response(spider, Request(request.url)) is None
