"""One generic news spider, driven by a site-list entry: requests and link following only."""
import re
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy import Request, signals
from scrapy.exceptions import (
    CannotResolveHostError, DontCloseSpider, DownloadCancelledError, DownloadConnectionRefusedError,
    DownloadTimeoutError, IgnoreRequest,
)
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.spiders import CrawlSpider, Rule
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.items import GoneItem, PageItem
from crawler.sites import Site
from crawler.stats import error_stat, stat

# Every request revalidates its cached copy (ETag / Last-Modified → 304) instead of trusting it.
REVALIDATE = {"Cache-Control": "max-age=0"}
GONE = {"http_404", "http_410"}

_ERROR_KINDS = (
    (CannotResolveHostError, "dns"),
    (DownloadConnectionRefusedError, "refused"),
    (DownloadTimeoutError, "timeout"),
    (DownloadCancelledError, "too_large"),
    (IgnoreRequest, "ignored"),     # robots.txt, too many redirects, offsite
)


@dataclass(frozen=True)
class Plan:
    """What the store knows of a site's articles, as plain values (``crawler.crawl`` builds it)."""
    known: frozenset[str] = frozenset()     # every stored article URL of the site
    due: tuple[str, ...] = ()               # those to ask the server about on this run
    last_fetched: Mapping[str, str] = field(default_factory=dict)   # URL -> when last fetched (ISO, UTC)
    # those stored by the site's last run that walked its listings to their end: a listing page showing
    # only these has nothing new past it (an article stored by a run cut short since may stand before
    # new ones that run never reached)
    walked: frozenset[str] = frozenset()


def error_kind(failure) -> str:
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    for exception, kind in _ERROR_KINDS:
        if failure.check(exception):
            return kind
    return failure.type.__name__


def feed_links(response: Response) -> list[str]:
    """The item links of an RSS or Atom feed, absolute."""
    return [url for url, _ in feed_entries(response)]


def feed_entries(response: Response) -> list[tuple[str, datetime | None]]:
    """Each item of an RSS or Atom feed: its link (absolute) and its latest date (Atom's ``updated`` or
    ``published``, RSS's ``dc:date`` or ``pubDate``), None where it has none readable."""
    selector = response.selector
    selector.remove_namespaces()
    entries = []
    for item in selector.xpath("//item | //entry"):
        link = item.xpath("link/text()").get() or item.xpath("link[not(@rel) or @rel='alternate']/@href").get()
        if link and link.strip():
            dates = item.xpath("updated/text() | date/text() | published/text() | pubDate/text()").getall()
            entries.append((response.urljoin(link.strip()), max(filter(None, map(parse_date, dates)), default=None)))
    return entries


def parse_date(value: str | None) -> datetime | None:
    """A feed's or sitemap's date (ISO 8601, W3C, or RFC 822) in UTC; None when unreadable. A date
    without a time is taken at its start: a page fetched later that day is not fetched again for it on
    every run of the day."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        date = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            date = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return (date if date.tzinfo else date.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def page_text(response: TextResponse) -> str:
    """The page as text. A charset header can lie (servers often default to ISO-8859-1): a body that is
    valid UTF-8 and not plain ASCII is UTF-8, whatever the header says, since text in another encoding
    almost never decodes as UTF-8."""
    if response.encoding.lower().replace("_", "-") not in ("utf-8", "utf8") and not response.body.isascii():
        try:
            return response.body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return response.text


class NewsSpider(CrawlSpider):
    """Follows a site's listing pages (and sitemaps / feeds) to its articles.

    New articles are always fetched; known ones when the revalidation plan says they are due, or when a
    feed item's date or a sitemap's ``<lastmod>`` is later than their last fetch (cheap signals first).
    Later runs walk a listing's pagination only as far as its pages show articles that the last complete
    walk had not seen (``Plan.walked``): a run cut short, or a page that failed, leaves no new article
    behind for good.

    Archive discovery: on a site's first run (``archive``) its sitemaps are read and list the whole
    archive; the pagination of its listings is held back and walked only if the sitemaps listed no
    article. Later runs skip the sitemaps and find new articles on the listings and feeds.
    """

    name = "news"

    def __init__(self, site: Site, plan: Plan, archive: bool = False,
                 *args, **kwargs):
        self.name = site.name
        self.site = site
        self.plan = plan
        self.archive = archive      # the first run: the sitemaps are read
        self._holding = archive and bool(site.sitemap_urls)    # pagination waits for the sitemaps
        self._held: list[Request] = []
        self._sitemap_follow = [re.compile(pattern) for pattern in site.sitemap_follow]
        self.allowed_domains = list(site.allowed_domains)
        self.start_urls = list(site.start_urls)
        self._article_patterns = [re.compile(pattern) for pattern in site.articles]
        self._due = set(plan.due)
        self._found: set[str] = set()
        self._requested: set[str] = set()
        self._article_links = LinkExtractor(allow=site.articles, restrict_css=site.listing_css or (), unique=True)
        self._shows_new: dict[str, bool] = {}   # listing URL -> whether it showed an article not stored yet
        self._listings_requested: set[str] = set()   # listing links followed (not held back, not skipped)
        self.rules = [Rule(self._article_links,
                           callback="parse_article",
                           follow=False, process_request="request_article", errback="count_error")]
        if site.follow:   # an empty allow list would match every link of the site
            self.rules.append(Rule(LinkExtractor(allow=site.follow, unique=True), follow=True,
                                   process_links="unrequested_listings", process_request="request_listing",
                                   errback="count_error"))
        super().__init__(*args, **kwargs)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._release_pagination, signal=signals.spider_idle)
        return spider

    def _release_pagination(self) -> None:
        """At the end of a first run: walk the held pagination only if the sitemaps listed nothing."""
        if not self._holding:
            return
        self._holding = False
        if self.crawler.stats.get_value(stat("sitemap_articles"), 0) or not self._held:
            self.crawler.stats.set_value(stat("pagination_skipped"), len(self._held))
            return
        for request in self._held:
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    async def start(self) -> AsyncIterator[Request]:
        for url in self.start_urls:
            # No callback: CrawlSpider parses it with the rules, then calls parse_start_url.
            yield Request(url, errback=self.count_error, headers=REVALIDATE, meta={"listing": True})
        for url in self.site.sitemap_urls if self.archive else ():
            yield Request(url, callback=self.parse_sitemap, errback=self.count_error, headers=REVALIDATE,
                          meta={"listing": True})
        for url in self.site.feed_urls:
            yield Request(url, callback=self.parse_feed, errback=self.count_error, headers=REVALIDATE,
                          meta={"listing": True})
        # Due articles that no listing links to any more (deep archive) are revalidated directly;
        # the dupefilter drops the second request where a listing links to them too.
        for url in self.plan.due:
            request = self._article_request(url, listed=False)
            if request:
                yield request

    # -- listings ---------------------------------------------------------------------------------

    def _count_listing(self) -> None:
        self.crawler.stats.inc_value(stat("listings_ok"))

    def parse_start_url(self, response: Response, **kwargs):
        self._count_listing()
        if self._is_article(response.url) and isinstance(response, TextResponse):
            yield self._item(response)

    def unrequested_listings(self, links: list) -> list:
        """The rule's hook for listing links, before they become requests: a listing's pagination links
        every other listing page (a hundred links a page), and a link followed already would only be
        dropped by the dupefilter after its request was built and passed through every middleware."""
        return [link for link in links if link.url not in self._listings_requested]

    def request_listing(self, request: Request, response: Response) -> Request | None:
        request.headers.update(REVALIDATE)
        request.meta["listing"] = True
        if not self.archive and not self._listing_shows_new(response):
            # New articles come first on a listing: past a page of walked ones, the next pages hold none.
            self.crawler.stats.inc_value(stat("listings_skipped"))
            return None
        if self._holding:
            self._held.append(request)
            return None
        self._listings_requested.add(request.url)
        return request

    def _listing_shows_new(self, response: Response) -> bool:
        if response.url not in self._shows_new:
            self._shows_new[response.url] = any(link.url not in self.plan.walked
                                                for link in self._article_links.extract_links(response))
        return self._shows_new[response.url]

    def parse_sitemap(self, response: Response):
        if response.url.endswith("/robots.txt"):
            self._count_listing()
            urls = list(sitemap_urls_from_robots(response.body, base_url=response.url))
            yield from (Request(url, callback=self.parse_sitemap, errback=self.count_error,
                                headers=REVALIDATE, meta={"listing": True}) for url in urls)
            return
        body = response.body
        if gzip_magic_number(response):
            body = gunzip(body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        try:
            sitemap = Sitemap(body)
        except Exception as error:   # lxml refuses what is no XML at all
            self._listing_unreadable(response, error)
            return
        if sitemap.type not in ("urlset", "sitemapindex"):
            self._listing_unreadable(response, f"not a sitemap ({sitemap.type})")
            return
        self._count_listing()
        for entry in sitemap:
            url = entry["loc"]
            if sitemap.type == "sitemapindex":
                if self._sitemap_follow and not any(pattern.search(url) for pattern in self._sitemap_follow):
                    continue
                yield Request(url, callback=self.parse_sitemap, errback=self.count_error, headers=REVALIDATE,
                              meta={"listing": True})
            elif self._is_article(url):
                self.crawler.stats.inc_value(stat("sitemap_articles"))
                request = self._article_request(url, changed=parse_date(entry.get("lastmod")))
                if request:
                    yield request

    def parse_feed(self, response: Response):
        self._count_listing()
        for url, date in feed_entries(response):
            if self._is_article(url):
                request = self._article_request(url, changed=date)
                if request:
                    yield request

    # -- articles ---------------------------------------------------------------------------------

    def _is_article(self, url: str) -> bool:
        return any(pattern.search(url) for pattern in self._article_patterns)

    def _article_request(self, url: str, listed: bool = True, changed: datetime | None = None) -> Request | None:
        """``changed``: when a feed or sitemap says the article last changed; a known article that
        changed after its last fetch is due now."""
        if changed and url in self.plan.known and url not in self._due:
            fetched = self.plan.last_fetched.get(url)
            if fetched and changed > datetime.fromisoformat(fetched):
                self._due.add(url)
                self.crawler.stats.inc_value(stat("due_by_date"))
        return self._article(Request(url, callback=self.parse_article, errback=self.count_error), listed)

    def request_article(self, request: Request, response: Response) -> Request | None:
        """The rule's hook for article links on listing pages."""
        return self._article(request, listed=True)

    def _article(self, request: Request, listed: bool) -> Request | None:
        """Fetch new articles; revalidate known ones only when due; stop at the site's max_pages.
        ``listed``: the site showed this link now (not just our memory of it), which site health counts."""
        if listed and request.url not in self._found:
            self._found.add(request.url)
            self.crawler.stats.inc_value(stat("articles_found"))
        known = request.url in self.plan.known
        if request.url in self._requested or (known and request.url not in self._due):
            return None
        if not known and self.site.max_pages and len(self._requested - self.plan.known) >= self.site.max_pages:
            return None
        self._requested.add(request.url)
        request.headers.update(REVALIDATE)
        return request

    def parse_article(self, response: Response):
        # A NUL byte early on marks binary content, whatever the Content-Type says (as git decides).
        if not isinstance(response, TextResponse) or b"\x00" in response.body[:8192]:
            self.crawler.stats.inc_value(error_stat("not_text"))
            self.logger.warning("not_text: article %s (%s)", response.url,
                                response.headers.get("Content-Type", b"").decode("latin-1"))
            return
        yield self._item(response)

    def _item(self, response: TextResponse) -> PageItem:
        # Stored under the URL the site links to (and the schedule knows), not where it redirected.
        url = (response.meta.get("redirect_urls") or [response.url])[0]
        validators = bool(response.headers.get("ETag") or response.headers.get("Last-Modified"))
        return PageItem(url=url, site=self.site.name, html=page_text(response), validators=validators,
                        known=url in self.plan.known)

    # -- errors -----------------------------------------------------------------------------------

    def count_error(self, failure):
        kind = error_kind(failure)
        listing = failure.request.meta.get("listing", False)
        self.crawler.stats.inc_value(error_stat(kind))
        self.logger.warning("%s: %s %s (%s)", kind, "listing" if listing else "article", failure.request.url,
                            failure.getErrorMessage())
        if not listing and kind in GONE and failure.request.url in self.plan.known:
            # A stored article the site took down: not asked again before its next re-check.
            yield GoneItem(url=failure.request.url, site=self.site.name)

    def _listing_unreadable(self, response: Response, error) -> None:
        self.crawler.stats.inc_value(error_stat("unreadable"))
        self.logger.warning("unreadable: listing %s (%s)", response.url, error)
