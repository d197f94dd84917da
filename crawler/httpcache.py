"""The HTTP cache policy: RFC 2616 revalidation, without hiding a broken server."""
from scrapy.extensions.httpcache import RFC2616Policy


class RevalidatePolicy(RFC2616Policy):
    """RFC 2616 lets a cache answer with its stale copy when the server fails (5xx). A monitor must not:
    a site that answers 500 has to show as an error, so only a 304 confirms the cached copy."""

    def is_cached_response_valid(self, cachedresponse, response, request) -> bool:
        return response.status == 304
