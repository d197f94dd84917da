"""The HTTP cache's storage: a site's responses in one SQLite file, written on a thread of its own.

Scrapy's ``FilesystemCacheStorage`` makes a folder for each request and writes seven files in it
(metadata twice, headers, body, the rest of the response, the request's headers and body); projwatch
wrote one file a request's folder before. On the machines here making a file costs 0.3 to 1.2 ms of
CPU (the file system's journal), several times what compressing the page does, and leaves tens of
thousands of files to back up. Here a site's responses are rows of one SQLite file
(``<cache>/<site>/responses.sqlite``, WAL): a response is one pickle, gzipped (fast compression: it
is a cache), stored whole or not at all, by the request's fingerprint. The rows are written on a
thread of the cache's own while the reactor goes on (a response read back before its write is done
waits for it). A response cached before, in a folder of its own as one file or as Scrapy's seven, is
still read, so an existing cache stays good.
"""
import gzip
import logging
import pickle
import sqlite3
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from time import time

from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

DATABASE = "responses.sqlite"
SCHEMA = "CREATE TABLE IF NOT EXISTS responses (fingerprint TEXT PRIMARY KEY, stored REAL NOT NULL, data BLOB NOT NULL)"
FOLDER_FILE = "response.pickle.gz"   # a request folder's one file, as projwatch cached responses before
#: Pending writes kept before the finished ones are dropped (a spider stores hundreds of responses).
PRUNE_AT = 64

logger = logging.getLogger(__name__)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)   # each statement its own transaction
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")   # a crash loses the last writes, never the file
        connection.execute(SCHEMA)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


class SqliteCacheStorage(FilesystemCacheStorage):

    def open_spider(self, spider):
        super().open_spider(spider)
        folder = Path(self.cachedir, spider.name)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / DATABASE
        try:
            self._reads = _connect(path)
        except sqlite3.DatabaseError as error:   # not a database (a copy cut short): set aside, start anew
            logger.warning("http cache: %s unreadable (%s), set aside as %s.broken", path, error, path.name)
            path.replace(path.with_name(path.name + ".broken"))
            self._reads = _connect(path)
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="projwatch-cache")
        self._writes = self._writer.submit(_connect, path).result()   # used on the cache's thread only
        self._pending: dict[str, Future] = {}   # fingerprint -> its latest write, until read back or done

    def close_spider(self, spider):
        """Every response stored is on disk when the spider closes."""
        self._writer.submit(self._writes.close)
        self._writer.shutdown(wait=True)
        self._pending.clear()
        self._reads.close()
        super().close_spider(spider)

    def retrieve_response(self, spider, request):
        key = self._fingerprinter.fingerprint(request).hex()
        pending = self._pending.pop(key, None)   # (only the reactor's thread touches the dict)
        if pending is not None:
            pending.result()
        row = self._reads.execute("SELECT stored, data FROM responses WHERE fingerprint = ?", [key]).fetchone()
        if row is None:   # cached before, in the request's own folder?
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
        key = self._fingerprinter.fingerprint(request).hex()
        data = {"timestamp": time(), "url": request.url, "method": request.method,
                "response": {"url": response.url, "status": response.status, "headers": dict(response.headers),
                             "body": response.body, "flags": response.flags, "protocol": response.protocol}}
        if len(self._pending) >= PRUNE_AT:   # a miss is read back before it is stored: drop the writes done
            self._pending = {key: write for key, write in self._pending.items() if not write.done()}
        self._pending[key] = self._writer.submit(self._write, key, data)

    def _write(self, key: str, data: dict) -> None:
        try:
            # One gzip member made in one call: GzipFile's streaming costs this thread (and the reactor, whose
            # lock it takes back after each piece) a dozen calls more a response.
            pickled = gzip.compress(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), compresslevel=1)
            self._writes.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?)", [key, data["timestamp"], pickled])
        except (OSError, sqlite3.Error) as error:   # a disk full: the next run fetches the page whole, nothing worse
            logger.warning("http cache: %s not stored: %s", data["url"], error)
