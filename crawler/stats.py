"""The names of the crawl's counters in Scrapy's stats, one home for the spider, the pipeline and the
report: ``projwatch/<name>``, and ``projwatch/errors/<kind>`` per error kind (``crawler.kinds.SITE_ERRORS``)."""

STATS = "projwatch"          # the prefix of every counter of ours
ERRORS = f"{STATS}/errors"   # + "/<kind>": a request or page that failed, by kind
#: What a run costs a site, counted as the answers come off the wire (``crawler.cost.SiteCost``).
BYTES = f"{STATS}/cost/bytes"                 # bytes of the bodies of 200 answers, as sent (compressed or not)
NOT_MODIFIED = f"{STATS}/cost/not_modified"   # 304 answers: the cached copy was still good


def stat(name: str) -> str:
    """The stats key of one of our counters."""
    return f"{STATS}/{name}"


def error_stat(kind: str) -> str:
    """The stats key counting errors of ``kind``."""
    return f"{ERRORS}/{kind}"
