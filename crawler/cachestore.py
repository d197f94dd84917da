"""The HTTP cache's storage: a site's responses in one SQLite file, written on a thread of its own.

Scrapy's ``FilesystemCacheStorage`` makes a folder for each request and writes seven files in it
(metadata twice, headers, body, the rest of the response, the request's headers and body); projwatch
wrote one file a request's folder before. On the machines here making a file costs 0.3 to 1.2 ms of
CPU (the file system's journal), several times what compressing the page does, and leaves tens of
thousands of files to back up. Here a site's responses are rows of one SQLite file
(``<cache>/<site>/responses.sqlite``, ``storage.response_cache``): a response is one pickle, gzipped
(fast compression: it is a cache), stored whole or not at all, by the request's fingerprint. The rows are written on a
thread of the cache's own while the reactor goes on (a response read back before its write is done
waits for it). A response cached before, in a folder of its own as one file or as Scrapy's seven, is
still read, so an existing cache stays good.
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

from storage import StorageError
from storage.response_cache import ResponseFile

DATABASE = "responses.sqlite"
FOLDER_FILE = "response.pickle.gz"   # a request folder's one file, as projwatch cached responses before
#: Pending writes kept before the finished ones are dropped (a spider stores hundreds of responses).
PRUNE_AT = 64

logger = logging.getLogger(__name__)


class SqliteCacheStorage(FilesystemCacheStorage):

    def open_spider(self, spider):
        super().open_spider(spider)
        folder = Path(self.cachedir, spider.name)
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="projwatch-cache")
        self._pending: dict[str, Future] = {}   # fingerprint -> its latest write, until read back or done
        try:   # a connection for each thread: reads on the reactor's, writes on the cache's
            folder.mkdir(parents=True, exist_ok=True)
            self._reads = ResponseFile(folder / DATABASE)
            self._writes = self._writer.submit(ResponseFile, folder / DATABASE).result()
            # responses cached before, a folder a request: looked for only where there are any (each look
            # is two file-system calls, for every page a first run asks)
            self._folders = any(entry.is_dir() for entry in folder.iterdir())
        except (OSError, StorageError) as error:   # a full disk, say: every page fetched whole, nothing worse
            logger.warning("http cache: not used this run: %s", error)
            self._reads = self._writes = None

    def close_spider(self, spider):
        """Every response stored is on disk when the spider closes."""
        if self._writes is not None:
            self._writer.submit(self._writes.close)
            self._reads.close()
        self._writer.shutdown(wait=True)
        self._pending.clear()
        super().close_spider(spider)

    def retrieve_response(self, spider, request):
        if self._reads is None:
            return None
        key = self._fingerprinter.fingerprint(request).hex()
        pending = self._pending.pop(key, None)   # (only the reactor's thread touches the dict)
        if pending is not None:
            pending.result()
        try:
            row = self._reads.get(key)
        except StorageError as error:   # a disk that fails to read: fetched whole, nothing worse
            logger.warning("http cache: %s not read: %s", request.url, error)
            return None
        if row is None:   # cached before, in the request's own folder?
            if not self._folders:
                return None
            folder = Path(self._get_request_path(spider, request))
            if (folder / "pickled_meta").exists():
                return super().retrieve_response(spider, request)   # Scrapy's seven files
            try:
                row = (folder / FOLDER_FILE).stat().st_mtime, (folder / FOLDER_FILE).read_bytes()
            except FileNotFoundError:
                return None
        stored, blob = row
        if 0 < self.expiration_secs < time() - stored:
            return None
        try:
            data = pickle.loads(gzip.decompress(blob))  # noqa: S301 (our own cache)
        except (OSError, EOFError, zlib.error, pickle.UnpicklingError):   # cut short by a crash: not cached
            return None
        request.meta["cache_timestamp"] = data["timestamp"]
        response = {**data["response"], "headers": Headers(data["response"]["headers"])}
        cls = responsetypes.from_args(headers=response["headers"], url=response["url"], body=response["body"])
        return cls(**response)

    def store_response(self, spider, request, response):
        if self._writes is None:
            return
        key = self._fingerprinter.fingerprint(request).hex()
        data = {"timestamp": time(), "url": request.url, "method": request.method,
                "response": {"url": response.url, "status": response.status, "headers": dict(response.headers),
                             "body": response.body, "flags": response.flags, "protocol": response.protocol}}
        if len(self._pending) >= PRUNE_AT:   # a miss is read back before it is stored: drop the writes done
            self._pending = {stored: write for stored, write in self._pending.items() if not write.done()}
        self._pending[key] = self._writer.submit(self._write, key, data)

    def _write(self, key: str, data: dict) -> None:
        try:
            # One gzip member made in one call: GzipFile's streaming costs this thread (and the reactor, whose
            # lock it takes back after each piece) a dozen calls more a response.
            pickled = gzip.compress(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), compresslevel=1)
            self._writes.put(key, data["timestamp"], pickled)
        except (OSError, StorageError) as error:   # a disk full: the next run fetches the page whole, nothing worse
            logger.warning("http cache: %s not stored: %s", data["url"], error)
