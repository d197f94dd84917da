"""crawler/cachestore.py: a site's responses in one SQLite file (on disk when the spider closes, and read back
whole even before); what was cached in a folder a request, as one file or as Scrapy's seven, still read."""
import gzip
import pickle
import sqlite3
from pathlib import Path

from scrapy import Request
from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.cachestore import DATABASE, FOLDER_FILE, SqliteCacheStorage


def storages(tmp_path):
    crawler = get_crawler(settings_dict={"HTTPCACHE_DIR": str(tmp_path), "HTTPCACHE_GZIP": True})
    spider = crawler._create_spider("news")
    ours, scrapys = SqliteCacheStorage(crawler.settings), FilesystemCacheStorage(crawler.settings)
    for storage in (ours, scrapys):
        storage.open_spider(spider)
    return spider, ours, scrapys


def page(url: str) -> HtmlResponse:
    return HtmlResponse(url, status=200, headers={"ETag": '"v1"', "Content-Type": "text/html; charset=utf-8"},
                        body="<html><body><p>Ziņa par projektu</p></body></html>".encode())


def test_a_response_is_a_row_of_the_sites_file_and_comes_back_whole(tmp_path):
    spider, ours, _ = storages(tmp_path)
    requests = [Request(f"https://example.lv/zinas/{n}") for n in range(1, 4)]
    for request in requests:
        ours.store_response(spider, request, page(request.url))
    back = ours.retrieve_response(spider, Request(requests[0].url))   # its write may still be under way
    assert (back.status, back.body, back.headers[b"ETag"]) == (200, page(requests[0].url).body, b'"v1"')
    assert isinstance(back, HtmlResponse)
    ours.close_spider(spider)
    assert [path.name for path in (tmp_path / spider.name).iterdir()] == [DATABASE]   # no file a response
    stored = sqlite3.connect(tmp_path / spider.name / DATABASE).execute("SELECT count(*) FROM responses").fetchone()
    assert stored == (3,)


def test_a_response_cached_in_a_folder_of_its_own_is_still_read(tmp_path):
    spider, ours, _ = storages(tmp_path)
    request = Request("https://example.lv/zinas/4")
    folder = Path(ours._get_request_path(spider, request))
    folder.mkdir(parents=True)
    response = page(request.url)
    data = {"timestamp": 1.0, "url": request.url, "method": "GET",   # as projwatch cached a response before
            "response": {"url": response.url, "status": 200, "headers": dict(response.headers), "body": response.body,
                         "flags": [], "protocol": None}}
    (folder / FOLDER_FILE).write_bytes(gzip.compress(pickle.dumps(data)))
    ours.close_spider(spider)
    spider, ours, _ = storages(tmp_path)   # a run that finds the old cache
    assert ours.retrieve_response(spider, Request(request.url)).body == response.body
    assert ours.retrieve_response(spider, Request("https://example.lv/zinas/5")) is None


def test_a_response_cached_by_scrapys_seven_files_is_still_read(tmp_path):
    spider, ours, scrapys = storages(tmp_path)
    request = Request("https://example.lv/zinas/2")
    scrapys.store_response(spider, request, page(request.url))
    ours.close_spider(spider)
    spider, ours, _ = storages(tmp_path)   # a run that finds the old cache
    assert ours.retrieve_response(spider, Request(request.url)).body == page(request.url).body


def test_a_cache_that_cannot_be_opened_is_not_used_and_the_crawl_goes_on(tmp_path, caplog):
    (tmp_path / "news" / DATABASE).mkdir(parents=True)   # a folder where the file should be
    spider, ours, _ = storages(tmp_path)
    request = Request("https://example.lv/zinas/7")
    ours.store_response(spider, request, page(request.url))
    assert ours.retrieve_response(spider, Request(request.url)) is None
    ours.close_spider(spider)
    assert "http cache: not used this run" in caplog.text
