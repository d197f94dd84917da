"""The HTTP cache policy: RFC 2616 revalidation, without hiding a broken server."""
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy


class RevalidatePolicy(RFC2616Policy):
    """RFC 2616 lets a cache answer with its stale copy when the server fails (5xx). A monitor must not:
    a site that answers 500 has to show as an error, so only a 304 confirms the cached copy."""

    def is_cached_response_valid(self, cachedresponse, response, request) -> bool:
        return response.status == 304


class RevalidateCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's cache middleware, without its error recovery: when a revalidation gets no answer at all
    (refused, timeout, connection lost) Scrapy hands back the cached copy, so a site that is down would
    look unchanged run after run. Here the error goes on to the retry and the spider's errback, where it
    is counted; the cached copy stays for the next 304."""

    def process_exception(self, request, exception, spider=None):
        return None
