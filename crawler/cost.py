"""What a run costs a site: the bytes of its 200 answers and its 304s, counted as they come off the wire.

Scrapy's own downloader stats count after the HTTP cache, which hands a 304's cached body on as a 200 (so
``downloader/response_bytes`` counts bytes the site never sent, and ``downloader/response_status_count/304``
stays 0). This middleware sits between the cache and the network (above ``HttpCacheMiddleware``'s 900).
"""
from scrapy import Request
from scrapy.http import Response

STATS = "projwatch/cost"
BYTES = f"{STATS}/bytes"                 # bytes of the bodies of 200 answers, as sent (compressed or not)
NOT_MODIFIED = f"{STATS}/not_modified"   # 304 answers: the cached copy was still good


class SiteCost:
    """Downloader middleware counting ``projwatch/cost/bytes`` and ``projwatch/cost/not_modified``."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        if "cached" in response.flags:      # answered by the cache alone, nothing asked of the site
            return response
        if response.status == 200:
            self.stats.inc_value(BYTES, len(response.body))
        elif response.status == 304:
            self.stats.inc_value(NOT_MODIFIED)
        return response
