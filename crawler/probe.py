"""``projwatch probe``: what a site offers, checked before it is added to the site list.

A handful of polite requests (robots.txt first and obeyed, projwatch's User-Agent, a pause between
requests): the page, the listings, feeds and sitemaps of the CMS families the page looks like, each
counted with the family's own ``articles`` regexes, exactly as the spider would (Scrapy's LinkExtractor,
``Sitemap`` and ``sitemap_urls_from_robots``, Protego for robots.txt). Plain ``urllib`` does the fetching:
a few sequential requests need no crawler, and its answer (a status or an error per address) is what
the probe reports.
"""
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.families import Family, base_url, load_families
from crawler.sites import Site, site_from_entry
from spiders.news import feed_links

MAX_BYTES = 8 * 1024 * 1024
MAX_SITEMAPS = 4          # sitemap files read per probe (an index and a few of its children)
SAMPLES = 3


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int | None        # None: no answer (DNS, refused, timeout)
    body: bytes = b""
    content_type: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


Fetch = Callable[[str], Fetched]


def http_fetch(user_agent: str, timeout: float = 15, delay: float = 1.0) -> Fetch:
    """A fetcher over urllib: redirects followed, ``delay`` seconds between requests, bodies capped."""
    last = [0.0]

    def fetch(url: str) -> Fetched:
        time.sleep(max(0.0, last[0] + delay - time.monotonic()))
        request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept-Encoding": "identity"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return Fetched(answer.geturl(), answer.status, answer.read(MAX_BYTES),
                               answer.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as error:
            return Fetched(url, error.code, b"", "", f"HTTP {error.code}")
        except (urllib.error.URLError, OSError, ValueError) as error:
            return Fetched(url, None, error=str(getattr(error, "reason", error)))
        finally:
            last[0] = time.monotonic()

    return fetch


@dataclass
class Source:
    kind: str                 # "listing", "feed" or "sitemap"
    url: str
    answer: str               # "200", "404", "not reached: …", "disallowed by robots.txt"
    articles: list[str] = field(default_factory=list)


@dataclass
class Probe:
    """What probing a site found: the sources tried and the article links each showed."""
    url: str                  # the page probed: where the given URL led (a moved domain redirects)
    tried: list[str] = field(default_factory=list)       # "GET url: answer", in order
    sources: list[Source] = field(default_factory=list)
    family: Family | None = None
    title: str | None = None
    unreachable: str | None = None

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(url for source in self.sources for url in source.articles))


class Prober:
    """Fetches each address once, robots.txt first and obeyed."""

    def __init__(self, fetch: Fetch, user_agent: str):
        self.fetch_raw, self.user_agent = fetch, user_agent
        self.cache: dict[str, Fetched] = {}
        self.tried: list[str] = []
        self.robots: dict[str, Protego | None] = {}
        self.sitemaps_read = 0

    def robots_for(self, url: str) -> Protego | None:
        """The parsed robots.txt of ``url``'s site (asked once), or None when it has none."""
        base = base_url(url)
        if base not in self.robots:
            answer = self._get(base + "/robots.txt")
            self.robots[base] = Protego.parse(answer.body.decode("utf-8", "replace")) if answer.ok else None
        return self.robots[base]

    def _get(self, url: str) -> Fetched:
        if url not in self.cache:
            answer = self.cache[url] = self.fetch_raw(url)
            self.tried.append(f"GET {url}: {describe(answer)}")
        return self.cache[url]

    def get(self, url: str) -> Fetched:
        robots = self.robots_for(url)
        if robots is not None and not robots.can_fetch(url, self.user_agent):
            return Fetched(url, None, error="disallowed by robots.txt")
        return self._get(url)

    def robots_sitemaps(self, url: str) -> list[str]:
        answer = self._get(base_url(url) + "/robots.txt")
        if not answer.ok:
            return []
        return list(sitemap_urls_from_robots(answer.body, base_url=answer.url))

    # -- what a site entry would store -------------------------------------------------------------

    def sources(self, site: Site, page: str | None = None) -> list[Source]:
        """The article links ``site``'s listings (and ``page``), feeds and sitemaps show."""
        is_article = _matcher(site.articles)
        extractor = LinkExtractor(allow=site.articles, restrict_css=site.listing_css or (), unique=True)
        found = []
        for url in dict.fromkeys([*([page] if page else []), *site.start_urls]):
            answer = self.get(url)
            links = []
            if answer.ok:
                response = HtmlResponse(answer.url, body=answer.body, headers={"Content-Type": answer.content_type})
                links = [link.url for link in extractor.extract_links(response)]
            found.append(Source("listing", url, describe(answer), links))
        for url in site.feed_urls:
            answer = self.get(url)
            links = []
            if answer.ok:
                try:
                    links = [link for link in feed_links(XmlResponse(answer.url, body=answer.body)) if is_article(link)]
                except ValueError:
                    pass
            found.append(Source("feed", url, describe(answer), links))
        for url in site.sitemap_urls:
            found.extend(self._sitemap_sources(url, site, is_article))
        return found

    def _sitemap_sources(self, url: str, site: Site, is_article) -> list[Source]:
        if url.endswith("/robots.txt"):
            named = self.robots_sitemaps(url)
            if not named:
                return [Source("sitemap", url, "robots.txt names no sitemap")]
            return [source for sitemap in named for source in self._sitemap_sources(sitemap, site, is_article)]
        if self.sitemaps_read >= MAX_SITEMAPS:
            return []
        self.sitemaps_read += 1
        answer = self.get(url)
        if not answer.ok:
            return [Source("sitemap", url, describe(answer))]
        body = answer.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body, max_size=MAX_BYTES)
        try:
            sitemap = Sitemap(body)
        except Exception:   # lxml refuses what is no XML at all
            return [Source("sitemap", url, "not a sitemap")]
        if sitemap.type == "sitemapindex":
            follow = _matcher(site.sitemap_follow) if site.sitemap_follow else (lambda _: True)
            children = [entry["loc"] for entry in sitemap if follow(entry["loc"])]
            return [source for child in children for source in self._sitemap_sources(child, site, is_article)]
        return [Source("sitemap", url, "200", [entry["loc"] for entry in sitemap if is_article(entry["loc"])])]


def describe(answer: Fetched) -> str:
    if answer.status is None:
        return f"not reached: {answer.error}" if answer.error != "disallowed by robots.txt" else answer.error
    return str(answer.status)


def _matcher(patterns: list[str]):
    compiled = [re.compile(pattern) for pattern in patterns]
    return lambda url: any(pattern.search(url) for pattern in compiled)


def site_name(url: str) -> str:
    host = (urlsplit(url).hostname or "site").removeprefix("www.")
    return re.sub(r"[^a-z0-9-]+", "-", host.split(".")[0].lower()).strip("-") or "site"


def page_title(body: bytes) -> str | None:
    found = re.search(rb"<title[^>]*>(.*?)</title>", body, re.S | re.I)
    if not found:
        return None
    title = re.sub(r"\s+", " ", found.group(1).decode("utf-8", "replace")).strip()
    return re.split(r"\s+[|–-]\s+", title)[-1] or None


def family_site(family: Family, url: str) -> Site:
    return site_from_entry({"name": site_name(url), "title": "probe", "family": family.name, "url": base_url(url)},
                           f"family '{family.name}'")


def probe_url(url: str, prober: Prober, families: dict[str, Family] | None = None) -> Probe:
    """Probe the site of ``url``: which family it is and what article links that family would store."""
    families = load_families() if families is None else families
    probe = Probe(url)
    prober.robots_for(url)
    robots = prober.cache[base_url(url) + "/robots.txt"]
    if robots.status is None:
        probe.unreachable, probe.tried = robots.error, prober.tried
        return probe
    page = prober.get(url)
    if page.error == "disallowed by robots.txt":
        probe.unreachable, probe.tried = f"its robots.txt disallows {prober.user_agent} this page", prober.tried
        return probe
    if page.ok and _site(page.url) != _site(url):   # the site moved to another domain
        probe.url = url = page.url
        prober.cache.setdefault(url, page)
    text = page.body.decode("utf-8", "replace") if page.ok else ""
    probe.title = page_title(page.body) if page.ok else None
    candidates = [family for family in families.values()
                  if any(marker in text for marker in family.markers)] or list(families.values())
    best: tuple[int, Family, list[Source]] | None = None
    for family in candidates:
        sources = prober.sources(family_site(family, url), page=url if page.ok else None)
        count = len({link for source in sources for link in source.articles})
        if count and (best is None or count > best[0]):
            best = (count, family, sources)
    if best:
        _, probe.family, probe.sources = best
    probe.tried = prober.tried
    return probe


def entry_text(probe: Probe) -> str:
    """A ready ``[[sites]]`` entry for a probed site of a known family."""
    family, url = probe.family, base_url(probe.url)
    counts = ", ".join(f"{kind} {len({link for s in probe.sources if s.kind == kind for link in s.articles})}"
                       for kind in ("listing", "feed", "sitemap") if any(s.kind == kind for s in probe.sources))
    title = (probe.title or urlsplit(url).hostname).replace('"', "'")
    lines = ["[[sites]]", f"# probed {time.strftime('%Y-%m-%d')}: {len(probe.articles)} article links ({counts})",
             f'name = "{site_name(url)}"', f'title = "{title}"', f'family = "{family.name}"', f'url = "{url}"']
    starts = family.keys_for(url)["start_urls"]
    page = next((s for s in probe.sources if s.kind == "listing" and s.url == probe.url), None)
    if page and page.articles and probe.url not in starts and not any(
            s.articles for s in probe.sources if s.kind == "listing" and s.url in starts):
        lines.append(f'start_urls = ["{probe.url}"]   # the family\'s {" ".join(starts)}: no article links')
    for key, kind in (("feed_urls", "feed"), ("sitemap_urls", "sitemap")):
        found = [s for s in probe.sources if s.kind == kind]
        if key in family.keys and found and not any(s.articles for s in found):
            lines.append(f"{key} = []   # {', '.join(f'{s.url}: {s.answer}' for s in found)}")
    return "\n".join(lines) + "\n"


def _site(url: str) -> str:
    """Host and port, without ``www.``: what makes two URLs the same site."""
    return base_url(url).split("://", 1)[1].removeprefix("www.")
