"""``crawler/probe.py`` without a network: its reading of the replica's saved pages (rendered in-process
and handed to ``Prober`` by a fetch function over them) — the family recognised, the article links each
listing, feed and sitemap shows, robots.txt asked first and obeyed, each address fetched once, a moved
domain followed, sitemaps capped — and the small pure helpers (``describe``, ``site_name``,
``page_title``, ``entry_text``)."""
import gzip
import re
import tomllib

import pytest

from crawler.probe import MAX_SITEMAPS, Fetched, Prober, describe, entry_text, page_title, probe_url, site_name
from crawler.sites import site_from_entry
from tests.replica import Article, ReplicaSite
from tests.replica.content import centrs_site, portal_site, wordpress_site
from tests.replica.site import SITEMAP_NS, STATIC_PAGES

AGENT = "projwatch"


class Saved:
    """The replica site's pages as saved files at ``base``: a fetch function over them (``overrides``:
    url -> Fetched first), and the addresses asked, in order."""

    def __init__(self, site, base: str, overrides: dict[str, Fetched] | None = None):
        site.base_url = base
        self.site, self.base, self.overrides, self.asked = site, base, dict(overrides or {}), []

    def __call__(self, url: str) -> Fetched:
        self.asked.append(url)
        if url in self.overrides:
            return self.overrides[url]
        if url.startswith(self.base + "/"):
            found = self.site.page(url[len(self.base):])
            if found:
                return Fetched(url, 200, found[0].encode(), found[1])
        return Fetched(url, 404, error="HTTP 404")

    def article_urls(self) -> set[str]:
        return {self.site.url(self.site.article_path(article)) for article in self.site.articles}


def text(body: str, content_type: str = "text/plain") -> Fetched:
    return Fetched("", 200, body.encode(), content_type)


SITES = {"state-platform": (portal_site, "https://www.portals.lv"),
         "wordpress": (wordpress_site, "https://novads.example.lv"),
         "ventspils-cms": (centrs_site, "http://127.0.0.1:8123")}


@pytest.mark.parametrize("family, kinds", [
    ("state-platform", {"listing": 4, "feed": 6}),        # "/" and both listings, the RSS feed
    ("wordpress", {"listing": 3, "feed": 6, "sitemap": 6}),
    ("ventspils-cms", {"listing": 3}),
])
def test_a_replica_site_is_recognised_with_its_article_links(family, kinds):
    make, base = SITES[family]
    saved = Saved(make(), base)

    found = probe_url(base + "/", Prober(saved, AGENT))

    assert found.family.name == family and found.url == base + "/" and found.unreachable is None
    assert found.title == saved.site.title
    assert {kind: len({link for s in found.sources if s.kind == kind for link in s.articles})
            for kind in kinds} == kinds
    assert set(found.articles) <= saved.article_urls() and len(found.articles) == max(kinds.values())
    assert saved.asked[0] == base + "/robots.txt"
    assert len(saved.asked) == len(set(saved.asked)) <= 10                   # each address once
    assert found.tried == [f"GET {url}: 200" for url in saved.asked]


def test_wordpress_articles_come_from_the_posts_sitemap_never_from_static_pages():
    make, base = SITES["wordpress"]
    saved = Saved(make(), base)

    found = probe_url(base + "/", Prober(saved, AGENT))

    sitemaps = [source for source in found.sources if source.kind == "sitemap"]
    assert [(s.url, s.answer) for s in sitemaps] == [(base + "/post-sitemap.xml", "200")]
    assert base + "/page-sitemap.xml" not in saved.asked                    # sitemap_follow: posts only
    assert not {f"{base}/{slug}/" for slug in STATIC_PAGES} & set(found.articles)


def test_entry_text_is_a_valid_site_entry_of_the_family():
    make, base = SITES["state-platform"]
    found = probe_url(base + "/", Prober(Saved(make(), base), AGENT))

    entry = entry_text(found)

    assert re.search(r"^# probed \d{4}-\d{2}-\d{2}: 6 article links \(listing 4, feed 6\)$", entry, re.M)
    [raw] = tomllib.loads(entry)["sites"]
    assert raw == {"name": "portals", "title": "Novada pašvaldība", "family": "state-platform", "url": base}
    site = site_from_entry(raw, "probed")
    assert site.start_urls == [base + "/lv/jaunumi", base + "/lv/projekti"]
    assert site.feed_urls == [base + "/lv/rss/articles"]


def test_a_listing_the_family_does_not_know_becomes_the_entrys_start():
    """The centre's news at /zinas instead of the family's /jaunumi: the page probed is where articles are."""
    make, base = SITES["ventspils-cms"]
    saved = Saved(make(), base)
    saved.overrides[base + "/zinas"] = Fetched(base + "/zinas", 200, saved.site.render_listing(1).encode(),
                                               "text/html; charset=utf-8")
    saved.overrides[base + "/jaunumi"] = Fetched(base + "/jaunumi", 404, error="HTTP 404")

    found = probe_url(base + "/zinas", Prober(saved, AGENT))

    entry = tomllib.loads(entry_text(found))["sites"][0]
    assert entry["start_urls"] == [base + "/zinas"] and entry["family"] == "ventspils-cms"


def test_robots_txt_is_obeyed():
    make, base = SITES["wordpress"]
    saved = Saved(make(), base, {base + "/robots.txt": text(f"User-agent: *\nDisallow: /feed/\n\n"
                                                             f"Sitemap: {base}/sitemap_index.xml\n")})

    found = probe_url(base + "/", Prober(saved, AGENT))

    [feed] = [source for source in found.sources if source.kind == "feed"]
    assert (feed.answer, feed.articles) == ("disallowed by robots.txt", [])
    assert base + "/feed/" not in saved.asked and found.family.name == "wordpress"


def test_a_page_robots_txt_forbids_is_not_asked():
    make, base = SITES["state-platform"]
    saved = Saved(make(), base, {base + "/robots.txt": text("User-agent: *\nDisallow: /\n")})

    found = probe_url(base + "/lv/jaunumi", Prober(saved, AGENT))

    assert found.unreachable == "its robots.txt disallows projwatch this page" and found.family is None
    assert saved.asked == [base + "/robots.txt"]


def test_an_unreachable_site_says_why_and_asks_nothing_more():
    make, base = SITES["state-platform"]
    saved = Saved(make(), base, {base + "/robots.txt": Fetched(base + "/robots.txt", None,
                                                                error="[Errno 111] Connection refused")})

    found = probe_url(base + "/", Prober(saved, AGENT))

    assert found.unreachable == "[Errno 111] Connection refused" and found.family is None
    assert found.tried == [f"GET {base}/robots.txt: not reached: [Errno 111] Connection refused"]


def test_a_moved_domain_is_probed_where_it_leads():
    make, new = SITES["state-platform"]
    saved = Saved(make(), new)
    old = "https://www.vecais.lv"
    home = saved(new + "/")
    saved.overrides.update({old + "/robots.txt": Fetched(old + "/robots.txt", 404, error="HTTP 404"),
                            old + "/": Fetched(new + "/", 200, home.body, home.content_type)})
    saved.asked.clear()

    found = probe_url(old + "/", Prober(saved, AGENT))

    assert found.url == new + "/" and found.family.name == "state-platform"
    assert 'url = "https://www.portals.lv"' in entry_text(found) and old not in entry_text(found)


def test_a_site_of_no_family_finds_nothing_and_says_what_it_tried():
    plain = ReplicaSite("corpus", "plain", "Biedrība", [   # no family's markers, no family's addresses
        Article(f"raksts-{n}", f"Raksts {n}", f"2024-01-0{n}", ("Teksts.",), path=f"/raksts/{n}/teksts")
        for n in range(1, 4)])
    saved = Saved(plain, "https://plain.example.lv")

    found = probe_url("https://plain.example.lv/", Prober(saved, AGENT))

    assert found.family is None and found.sources == [] and found.articles == []
    tried = "\n".join(found.tried)
    for path in ("/robots.txt", "/lv/rss/articles", "/feed/", "/jaunumi"):
        assert f"GET https://plain.example.lv{path}:" in tried


def sitemap_site(index_children: int, child: Fetched | None = None):
    """The WordPress replica whose sitemap index names ``index_children`` posts' sitemaps."""
    make, base = SITES["wordpress"]
    saved = Saved(make(), base)
    post_sitemap = saved(base + "/post-sitemap.xml")
    maps = "".join(f"<sitemap><loc>{base}/post-sitemap{n}.xml</loc></sitemap>" for n in range(1, index_children + 1))
    saved.overrides[base + "/sitemap_index.xml"] = text(
        f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="{SITEMAP_NS}">{maps}</sitemapindex>',
        "application/xml")
    for n in range(1, index_children + 1):
        saved.overrides[f"{base}/post-sitemap{n}.xml"] = child or post_sitemap
    saved.asked.clear()
    return saved, base


def test_at_most_max_sitemaps_are_read():
    saved, base = sitemap_site(10)

    found = probe_url(base + "/", Prober(saved, AGENT))

    read = [url for url in saved.asked if "sitemap" in url]
    assert len(read) == MAX_SITEMAPS and read[0] == base + "/sitemap_index.xml"
    assert len([s for s in found.sources if s.kind == "sitemap"]) == MAX_SITEMAPS - 1


@pytest.mark.parametrize("child, answer, articles", [
    ("gzip", "200", 6),
    ("not xml", "not a sitemap", 0),
    ("404", "404", 0),
])
def test_a_sitemap_is_read_gzipped_or_reported(child, answer, articles):
    saved, base = sitemap_site(1)
    plain = saved.overrides[base + "/post-sitemap1.xml"]
    saved.overrides[base + "/post-sitemap1.xml"] = {
        "gzip": Fetched(plain.url, 200, gzip.compress(plain.body), "application/x-gzip"),
        "not xml": text("Sveiki!"),
        "404": Fetched(plain.url, 404, error="HTTP 404")}[child]

    found = probe_url(base + "/", Prober(saved, AGENT))

    [sitemap] = [s for s in found.sources if s.kind == "sitemap"]
    assert (sitemap.url, sitemap.answer, len(sitemap.articles)) == (base + "/post-sitemap1.xml", answer, articles)


def test_robots_txt_naming_no_sitemap_is_reported():
    make, base = SITES["wordpress"]
    saved = Saved(make(), base, {base + "/robots.txt": text("User-agent: *\nDisallow: /wp-admin/\n")})

    found = probe_url(base + "/", Prober(saved, AGENT))

    [sitemap] = [s for s in found.sources if s.kind == "sitemap"]
    assert (sitemap.url, sitemap.answer, sitemap.articles) == (base + "/robots.txt", "robots.txt names no sitemap", [])


@pytest.mark.parametrize("answer, described", [
    (Fetched("u", 200), "200"),
    (Fetched("u", 404, error="HTTP 404"), "404"),
    (Fetched("u", None, error="timed out"), "not reached: timed out"),
    (Fetched("u", None, error="disallowed by robots.txt"), "disallowed by robots.txt"),
])
def test_describe(answer, described):
    assert describe(answer) == described


@pytest.mark.parametrize("url, name", [
    ("https://www.smiltenesnovads.lv/lv/jaunumi", "smiltenesnovads"),
    ("https://digitalaiscentrs.lv/", "digitalaiscentrs"),
    ("http://127.0.0.1:8123/", "127"),
    ("https://WWW.Bauskas_Novads.LV", "bauskas-novads"),
    ("not a url", "site"),
])
def test_site_name_is_a_valid_entry_name_from_the_host(url, name):
    assert site_name(url) == name


@pytest.mark.parametrize("body, title", [
    (b"<html><head><title>Jaunumi | Novada pa\xc5\xa1vald\xc4\xabba</title></head></html>", "Novada pašvaldība"),
    (b"<TITLE lang='lv'>\n  Zi\xc5\x86as \xe2\x80\x93 Sigulda\n</TITLE>", "Sigulda"),
    (b"<title>Digit\xc4\x81lais centrs</title>", "Digitālais centrs"),
    (b"<title>Valmiera-Latvija</title>", "Valmiera-Latvija"),
    (b"<html><body>no title</body></html>", None),
    (b"<title> </title>", None),
])
def test_page_title_is_the_sites_part_of_the_title(body, title):
    assert page_title(body) == title
