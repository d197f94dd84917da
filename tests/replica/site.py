"""The replica site: articles as data, HTML rendering per style, and a werkzeug handler."""
import html
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

PER_PAGE = 3
STYLES = ("centrs", "blog", "portal", "corpus", "wordpress")
#: The wordpress style's static pages: root slugs like its posts, linked from its menu, never to be stored.
STATIC_PAGES = ("pakalpojumi", "turisms", "pasvaldibas-iestades")
MODIFIED = datetime(2024, 12, 1, 12, 0, tzinfo=timezone.utc)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    date: str | None              # ISO date of publication; a year or None: the page shows no date
    paragraphs: tuple[str, ...]
    kind: str = "news"            # "news" or "project" (the portal lists projects apart)
    path: str | None = None       # where the article is served, where its site's style does not say


@dataclass
class Fault:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None
    delay: float = 0.0            # seconds before answering (a server that hangs)


@dataclass
class ReplicaSite:
    """One site: its articles (newest first), faults at chosen paths, and what it served."""
    style: str
    name: str
    title: str
    articles: list[Article]
    faults: dict[str, Fault] = field(default_factory=dict)
    base_url: str = ""
    per_page: int = PER_PAGE
    latency: float = 0.0          # seconds every answer takes, as over a real network
    validators: bool = True       # False: no ETag nor Last-Modified, never a 304 (WordPress without a cache plugin)
    served: list[tuple[str, int, int]] = field(default_factory=list)   # (path, status, body bytes)
    modified: dict[str, datetime] = field(default_factory=dict)
    _by_path: dict[str, Article] | None = field(default=None, repr=False)

    # -- what tests change between runs -------------------------------------------------------------

    def add_article(self, article: Article) -> None:
        self.articles.insert(0, article)
        self._by_path = None

    def edit_article(self, slug: str, old: str, new: str) -> None:
        for index, article in enumerate(self.articles):
            if article.slug == slug:
                paragraphs = tuple(p.replace(old, new) for p in article.paragraphs)
                assert paragraphs != article.paragraphs, f"{old!r} not in {slug}"
                self.articles[index] = replace(article, paragraphs=paragraphs)
                self._by_path = None
                self.modified[slug] = datetime.now(timezone.utc)
                return
        raise KeyError(slug)

    def reset_counts(self) -> None:
        self.served.clear()

    @property
    def bytes_served(self) -> int:
        return sum(size for _, status, size in self.served if status == 200)

    # -- URLs -------------------------------------------------------------------------------------

    def article_path(self, article: Article) -> str:
        if article.path:
            return article.path
        if self.style == "centrs":
            return f"/jaunumi/{article.date[:4]}/{article.slug}"
        if self.style in ("blog", "wordpress"):
            return f"/{article.slug}/"
        return f"/lv/{'projekts' if article.kind == 'project' else 'jaunums'}/{article.slug}"

    def listing_path(self, number: int, kind: str = "news") -> str:
        if self.style in ("centrs", "corpus"):
            return "/jaunumi" if number == 1 else f"/jaunumi?page={number}"
        if self.style == "blog":
            return "/jaunumi/" if number == 1 else f"/jaunumi/page/{number}/"
        if self.style == "wordpress":
            return "/" if number == 1 else f"/page/{number}/"
        base = "/lv/projekti" if kind == "project" else "/lv/jaunumi"
        return base if number == 1 else f"{base}?page={number}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def site_entry(self) -> str:
        """This site as a ``[[sites]]`` entry of sites.toml."""
        patterns = {
            "centrs": ([r"/jaunumi/\d{4}/[^/?#]+$"], [r"/jaunumi(\?page=\d+)?$"], ["/jaunumi"], []),
            "blog": ([r"^https?://[^/]+/(?!jaunumi/|feed/|page/)[a-z0-9-]+/$"], [r"/jaunumi/(page/\d+/)?$"],
                     ["/jaunumi/"], ["/feed/"]),
            "portal": ([r"/lv/jaunums/[^/?#]+$", r"/lv/projekts/[^/?#]+$"],
                       [r"/lv/jaunumi(\?page=\d+)?$", r"/lv/projekti(\?page=\d+)?$"],
                       ["/lv/jaunumi", "/lv/projekti"], []),
            "corpus": ([r"^https?://[^/]+/raksts/\d+/"], [r"/jaunumi(\?page=\d+)?$"], ["/jaunumi"], []),
            "wordpress": ([r"^https?://[^/]+/(?!page/|feed/)[a-z0-9-]+/$"], [r"/page/\d+/$"], ["/"], ["/feed/"]),
        }
        articles, follow, starts, feeds = patterns[self.style]

        def toml_list(values):
            return "[" + ", ".join(f"'{value}'" for value in values) + "]"

        lines = [
            "[[sites]]", f'name = "{self.name}"', f'title = "{self.title}"',
            f"start_urls = {toml_list(self.url(path) for path in starts)}",
            f"articles = {toml_list(articles)}", f"follow = {toml_list(follow)}",
            'allowed_domains = ["127.0.0.1"]',
        ]
        if feeds:
            lines.append(f"feed_urls = {toml_list(self.url(path) for path in feeds)}")
        return "\n".join(lines) + "\n"

    # -- pages ------------------------------------------------------------------------------------

    def _of_kind(self, kind: str) -> list[Article]:
        if self.style != "portal":
            return self.articles
        return [a for a in self.articles if (a.kind == "project") == (kind == "project")]

    def _layout(self, title: str, main: str, current: Article | None = None) -> str:
        others = [a for a in self.articles if a is not current][:3]
        sidebar = "".join(
            f'<li><a href="{self.article_path(a)}">{html.escape(a.title)}</a>'
            f"<p>{html.escape(a.paragraphs[0].split('. ')[0])}.</p></li>" for a in others)
        return f"""<!DOCTYPE html>
<html lang="lv"><head><meta charset="utf-8"><title>{html.escape(title)} | {html.escape(self.title)}</title>
{'<link rel="stylesheet" href="/wp-content/themes/novads/style.css">' if self.style == 'wordpress' else ''}</head>
<body>
<div class="cookie-banner">Mēs izmantojam sīkdatnes, lai uzlabotu vietnes darbību. <a href="/sikdatnes">Uzzināt vairāk</a></div>
<header><nav><a href="/">Sākums</a> <a href="{self.listing_path(1)}">Jaunumi</a>
{'<a href="/lv/projekti">Projekti</a>' if self.style == 'portal' else ''}
<a href="/par-mums">Par mums</a> <a href="/kontakti">Kontakti</a>
{''.join(f'<a href="/{slug}/">{slug}</a> ' for slug in STATIC_PAGES) if self.style == 'wordpress' else ''}</nav></header>
<main>{main}</main>
<aside class="sidebar"><h3>Citas ziņas</h3><ul>{sidebar}</ul></aside>
<footer><p>{html.escape(self.title)}, Brīvības iela 1, tālr. 63600000, info@example.lv</p>
<p>Visas tiesības aizsargātas. Sekojiet mums sociālajos tīklos.</p></footer>
</body></html>"""

    def render_article(self, article: Article) -> str:
        dateline = ""
        if article.date and len(article.date) == 10:
            day = datetime.fromisoformat(article.date)
            dateline = (f'<time datetime="{article.date}">{day:%d.%m.%Y}</time>' if self.style != "centrs"
                        else f'<div class="date">{day:%d.%m.%Y}</div>')
        body = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
        main = f"<article><h1>{html.escape(article.title)}</h1>{dateline}<div class=\"content\">{body}</div></article>"
        return self._layout(article.title, main, article)

    def render_listing(self, number: int, kind: str = "news") -> str | None:
        articles = self._of_kind(kind)
        pages = self._listing_count(kind)
        if number > pages:
            return None
        chunk = articles[(number - 1) * self.per_page:number * self.per_page]
        items = "".join(
            f'<div class="item"><h2><a href="{self.article_path(a)}">{html.escape(a.title)}</a></h2>'
            f"<p>{html.escape(a.paragraphs[0][:120])}…</p></div>" for a in chunk)
        pager = " ".join(f'<a href="{self.listing_path(n, kind)}">{n}</a>' for n in range(1, pages + 1))
        return self._layout("Jaunumi", f'<h1>Jaunumi</h1>{items}<div class="pager">{pager}</div>')

    def _listing_count(self, kind: str) -> int:
        return max(1, -(-len(self._of_kind(kind)) // self.per_page))

    def _article_at(self, path: str) -> Article | None:
        if self._by_path is None:
            self._by_path = {self.article_path(article): article for article in self.articles}
        return self._by_path.get(path)

    def render_feed(self) -> str:
        items = "".join(
            f"<item><title>{html.escape(a.title)}</title><link>{self.url(self.article_path(a))}</link></item>"
            for a in self.articles[:10])
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>{html.escape(self.title)}</title>{items}</channel></rss>")

    def render_sitemap(self, paths: list[str]) -> str:
        urls = "".join(f"<url><loc>{self.url(path)}</loc></url>" for path in paths)
        return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}">{urls}</urlset>'

    def _wordpress_extras(self, path: str) -> str | None:
        """A WordPress site's robots.txt naming its sitemap index, the index, the posts' and the pages'
        sitemaps, and its static pages (root slugs, like posts)."""
        if path == "/robots.txt":
            return f"User-agent: *\nDisallow: /wp-admin/\n\nSitemap: {self.url('/sitemap_index.xml')}\n"
        if path == "/sitemap_index.xml":
            maps = "".join(f"<sitemap><loc>{self.url(name)}</loc></sitemap>"
                           for name in ("/post-sitemap.xml", "/page-sitemap.xml"))
            return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="{SITEMAP_NS}">{maps}</sitemapindex>'
        if path == "/post-sitemap.xml":
            return self.render_sitemap([self.article_path(article) for article in self.articles])
        if path == "/page-sitemap.xml":
            return self.render_sitemap(["/", *(f"/{slug}/" for slug in STATIC_PAGES)])
        return None

    def page(self, path: str) -> tuple[str, str, datetime] | None:
        """(body, content type, last modified) of the page at ``path`` (with query), or None."""
        if self.style == "wordpress" and self._wordpress_extras(path):
            kind = "text/plain" if path == "/robots.txt" else "application/xml"
            return self._wordpress_extras(path), f"{kind}; charset=utf-8", self._newest()
        if path == "/robots.txt":
            return "User-agent: *\nDisallow: /admin/\n", "text/plain; charset=utf-8", MODIFIED
        if (self.style in ("blog", "wordpress") and path == "/feed/") or (
                self.style == "portal" and path == "/lv/rss/articles"):
            return self.render_feed(), "application/rss+xml; charset=utf-8", self._newest()
        if self.style == "wordpress" and path.strip("/") in STATIC_PAGES:
            return (self._layout(path.strip("/"), f"<h1>{path.strip('/')}</h1><p>Informācija.</p>"),
                    "text/html; charset=utf-8", MODIFIED)
        article = self._article_at(path)
        if article:
            return (self.render_article(article), "text/html; charset=utf-8",
                    self.modified.get(article.slug, MODIFIED))
        for kind in ("news", "project"):
            for number in range(1, self._listing_count(kind) + 1):
                if self.listing_path(number, kind) == path:
                    body = self.render_listing(number, kind)
                    return (body, "text/html; charset=utf-8", self._newest()) if body else None
        if path in ("/", "/par-mums", "/kontakti", "/sikdatnes"):
            return self._layout("Par mums", "<h1>Par mums</h1><p>Informācija.</p>"), "text/html; charset=utf-8", MODIFIED
        return None

    def _newest(self) -> datetime:
        return max([MODIFIED, *self.modified.values()])

    def handle(self, request: Request) -> Response:
        path = request.full_path.rstrip("?")
        time.sleep(self.latency)
        fault = self.faults.get(path)
        if fault:
            time.sleep(fault.delay)
            response = Response(fault.body, status=fault.status, content_type=fault.content_type)
            if fault.location:
                response.headers["Location"] = self.url(fault.location)
        else:
            found = self.page(path)
            if found is None:
                response = Response("<html><body><h1>Lapa nav atrasta</h1></body></html>", status=404,
                                    content_type="text/html; charset=utf-8")
            else:
                body, content_type, modified = found
                response = Response(body, content_type=content_type)
                if self.validators:
                    response.last_modified = modified
                    response.add_etag()
                    response = response.make_conditional(request)
        size = len(response.get_data()) if response.status_code == 200 else 0
        self.served.append((path, response.status_code, size))
        return response


@contextmanager
def serve_sites(*sites: ReplicaSite):
    """Serve each site on its own port of 127.0.0.1 (their base_url set) while the block runs."""
    servers = []
    try:
        for site in sites:
            server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
            # Looked up per request, so that a test may wrap a site's handler while it is served.
            server.expect_request(re.compile(".*")).respond_with_handler(
                lambda request, site=site: site.handle(request))
            server.start()
            site.base_url = f"http://127.0.0.1:{server.port}"
            servers.append(server)
        yield sites
    finally:
        for server in servers:
            server.clear()
            server.stop()
