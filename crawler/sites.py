"""The site list: which sites to crawl and how, as data (``sites.toml``), validated before any request.

Adding a municipality is an entry in the file, never code: of a known CMS family (``crawler/families.toml``)
it is a name, a title, the family and the site's URL. ``load_sites`` raises ``SiteListError`` with one
line naming the file, the site and the key at fault.
"""
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cssselect import GenericTranslator, SelectorError

from crawler.families import FamilyError, apply_family

NAME_PATTERN = re.compile(r"^[a-z0-9-]+$")


class SiteListError(Exception):
    """The site list cannot be used; the message names the site and the key."""


@dataclass(frozen=True)
class Site:
    name: str
    title: str
    start_urls: list[str]
    articles: list[str]
    follow: list[str] = field(default_factory=list)
    allowed_domains: list[str] = field(default_factory=list)
    sitemap_urls: list[str] = field(default_factory=list)
    feed_urls: list[str] = field(default_factory=list)
    title_css: str | None = None
    body_css: str | None = None
    date_css: str | None = None
    max_pages: int | None = None
    family: str | None = None     # the CMS family that filled in the keys the entry leaves out
    url: str | None = None        # the site's base URL, for its family
    sitemap_follow: list[str] = field(default_factory=list)   # sitemaps of an index to read (default all)
    listing_css: str | None = None    # the part of a listing page whose links are articles (default all)
    fresh_days: int = 30      # the window of extra care: articles younger than this are checked more often
    recheck_days: int = 7     # older ones at most this often, spread across runs
    first_wait_hours: int = 3     # an article without validators: its first wait, doubled while unchanged
    fresh_wait_hours: int = 24    # ... and its longest wait while fresh


_URL_LISTS = ("start_urls", "sitemap_urls", "feed_urls")
_REGEX_LISTS = ("articles", "follow", "sitemap_follow")
_SELECTORS = ("title_css", "body_css", "date_css", "listing_css")
_TEXTS = ("title", *_SELECTORS)
_COUNTS = ("max_pages", "fresh_days", "recheck_days", "first_wait_hours", "fresh_wait_hours")
_KNOWN_KEYS = {"name", "allowed_domains", "family", "url", *_URL_LISTS, *_REGEX_LISTS, *_TEXTS, *_COUNTS}
_REQUIRED = ("name", "title", "start_urls", "articles")


def _check_site(raw: dict, where: str) -> Site:
    def fail(key: str, why: str) -> SiteListError:
        return SiteListError(f"{where}: key '{key}': {why}")

    for key in raw:
        if key not in _KNOWN_KEYS:
            raise fail(key, f"unknown key (known: {', '.join(sorted(_KNOWN_KEYS))})")
    try:
        raw = apply_family(raw)
    except FamilyError as error:
        raise fail(error.key, error.why) from None
    for key in _REQUIRED:
        if not raw.get(key):
            raise fail(key, "missing")
    if not isinstance(raw["name"], str) or not NAME_PATTERN.match(raw["name"]):
        raise fail("name", "must be lowercase letters, digits and dashes")
    for key in (*_URL_LISTS, *_REGEX_LISTS, "allowed_domains"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise fail(key, "must be a list of strings")
    for key in _URL_LISTS:
        for url in raw.get(key, []):
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                raise fail(key, f"not an http(s) URL: {url!r}")
    for key in _REGEX_LISTS:
        for pattern in raw.get(key, []):
            try:
                re.compile(pattern)
            except re.error as error:
                raise fail(key, f"invalid regex {pattern!r}: {error}") from None
    for key in _TEXTS:
        if key in raw and not isinstance(raw[key], str):
            raise fail(key, "must be a string")
    for key in _SELECTORS:
        if key in raw:
            try:
                GenericTranslator().css_to_xpath(raw[key])
            except SelectorError as error:
                raise fail(key, f"invalid CSS selector {raw[key]!r}: {error}") from None
    for key in _COUNTS:
        if key in raw and (not isinstance(raw[key], int) or isinstance(raw[key], bool) or raw[key] < 1):
            raise fail(key, "must be a whole number of at least 1")
    waits = Site.__dataclass_fields__
    first, fresh, recheck = (raw.get(key, waits[key].default) for key in ("first_wait_hours", "fresh_wait_hours",
                                                                          "recheck_days"))
    if first > fresh:
        raise fail("first_wait_hours", f"{first} is longer than fresh_wait_hours ({fresh})")
    if fresh > recheck * 24:
        raise fail("fresh_wait_hours", f"{fresh} is longer than recheck_days in hours ({recheck * 24})")
    domains = raw.get("allowed_domains") or sorted(
        {urlsplit(url).hostname.removeprefix("www.") for url in raw["start_urls"]})
    return Site(**{**raw, "allowed_domains": domains})


def site_from_entry(raw: dict, where: str) -> Site:
    """One ``[[sites]]`` entry, checked (``where`` names it in the error)."""
    return _check_site(raw, where)


def load_sites(path: str | Path) -> list[Site]:
    """Read and validate the site list at ``path``."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteListError(f"{path}: no such site list") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SiteListError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SiteListError(f"{path}: not valid TOML: {error}") from None
    unknown = set(data) - {"sites"}
    if unknown:
        raise SiteListError(f"{path}: unknown top-level key '{sorted(unknown)[0]}' (expected [[sites]])")
    entries = data.get("sites")
    if not entries or not isinstance(entries, list):
        raise SiteListError(f"{path}: no [[sites]] entries")
    sites, names = [], set()
    for number, raw in enumerate(entries, start=1):
        if not isinstance(raw, dict):
            raise SiteListError(f"{path}: site #{number}: not a [[sites]] table")
        where = f"{path}: site '{raw.get('name', f'#{number}')}'"
        site = _check_site(raw, where)
        if site.name in names:
            raise SiteListError(f"{where}: key 'name': duplicate site name")
        names.add(site.name)
        sites.append(site)
    return sites
