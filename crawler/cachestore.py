"""The HTTP cache's storage: Scrapy's filesystem cache, one file a response instead of seven, written
on a thread of its own.

Scrapy's ``FilesystemCacheStorage`` writes seven files for each response (metadata twice, headers, body,
the rest of the response, the request's headers and body), each its own gzip stream; a crawl pays the
opens, writes and compressor set-ups on the reactor's thread for every page. Here a response is one
pickle in one gzip file (fast compression: it is a cache), in the same folder per request, and the
folder, the file and its compression are made on a thread of the cache's own while the reactor goes
on (a response read back before its write is done waits for it). A response cached by Scrapy's seven
files is still read, so an existing cache stays good.
"""
import gzip
import logging
import pickle
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from time import time

from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

FILE = "response.pickle.gz"
#: Pending writes kept before the finished ones are dropped (a spider stores hundreds of responses).
PRUNE_AT = 64

logger = logging.getLogger(__name__)


def _write(folder: Path, data: dict) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # One gzip member made in one call: GzipFile's streaming costs this thread (and the reactor, whose
        # lock it takes back after each piece) a dozen calls more a response.
        pickled = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        (folder / FILE).write_bytes(gzip.compress(pickled, compresslevel=1))
    except OSError as error:   # a disk full: the next run fetches the page whole, nothing worse
        logger.warning("http cache: %s not stored: %s", data["url"], error)


class OneFileCacheStorage(FilesystemCacheStorage):

    def open_spider(self, spider):
        super().open_spider(spider)
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="projwatch-cache")
        self._pending: dict[Path, Future] = {}   # folder -> its latest write, until read back or done

    def close_spider(self, spider):
        """Every response stored is on disk when the spider closes."""
        self._writer.shutdown(wait=True)
        self._pending.clear()
        super().close_spider(spider)

    def retrieve_response(self, spider, request):
        folder = Path(self._get_request_path(spider, request))
        pending = self._pending.pop(folder, None)   # (only the reactor's thread touches the dict)
        if pending is not None:
            pending.result()
        path = folder / FILE
        try:
            if 0 < self.expiration_secs < time() - path.stat().st_mtime:
                return None   # expired
            with gzip.open(path, "rb") as stored:
                data = pickle.load(stored)  # noqa: S301 (our own cache)
        except FileNotFoundError:
            if not (folder / "pickled_meta").exists():   # not in Scrapy's seven files either
                return None
            return super().retrieve_response(spider, request)
        except (OSError, EOFError, pickle.UnpicklingError, zlib.error):   # cut short by a crash: not cached
            return None
        request.meta["cache_timestamp"] = data["timestamp"]
        response = {**data["response"], "headers": Headers(data["response"]["headers"])}
        cls = responsetypes.from_args(headers=response["headers"], url=response["url"], body=response["body"])
        return cls(**response)

    def store_response(self, spider, request, response):
        folder = Path(self._get_request_path(spider, request))
        data = {"timestamp": time(), "url": request.url, "method": request.method,
                "response": {"url": response.url, "status": response.status, "headers": dict(response.headers),
                             "body": response.body, "flags": response.flags, "protocol": response.protocol}}
        if len(self._pending) >= PRUNE_AT:   # a miss is read back before it is stored: drop the writes done
            self._pending = {path: write for path, write in self._pending.items() if not write.done()}
        self._pending[folder] = self._writer.submit(_write, folder, data)
