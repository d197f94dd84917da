"""The HTTP cache's storage: Scrapy's filesystem cache, one file a response instead of seven.

Scrapy's ``FilesystemCacheStorage`` writes seven files for each response (metadata twice, headers, body,
the rest of the response, the request's headers and body), each its own gzip stream; a crawl pays the
opens, writes and compressor set-ups on the reactor's thread for every page. Here a response is one
pickle in one gzip file (fast compression: it is a cache), in the same folder per request; a response
cached by Scrapy's seven files is still read, so an existing cache stays good.
"""
import gzip
import pickle
import zlib
from pathlib import Path
from time import time

from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

FILE = "response.pickle.gz"


class OneFileCacheStorage(FilesystemCacheStorage):

    def retrieve_response(self, spider, request):
        path = Path(self._get_request_path(spider, request)) / FILE
        try:
            if 0 < self.expiration_secs < time() - path.stat().st_mtime:
                return None   # expired
            with gzip.open(path, "rb") as stored:
                data = pickle.load(stored)  # noqa: S301 (our own cache)
        except FileNotFoundError:
            return super().retrieve_response(spider, request)
        except (OSError, EOFError, pickle.UnpicklingError, zlib.error):   # cut short by a crash: not cached
            return None
        request.meta["cache_timestamp"] = data["timestamp"]
        response = {**data["response"], "headers": Headers(data["response"]["headers"])}
        cls = responsetypes.from_args(headers=response["headers"], url=response["url"], body=response["body"])
        return cls(**response)

    def store_response(self, spider, request, response):
        folder = Path(self._get_request_path(spider, request))
        folder.mkdir(parents=True, exist_ok=True)
        data = {"timestamp": time(), "url": request.url, "method": request.method,
                "response": {"url": response.url, "status": response.status, "headers": dict(response.headers),
                             "body": response.body, "flags": response.flags, "protocol": response.protocol}}
        with gzip.open(folder / FILE, "wb", compresslevel=1) as out:
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
