"""CMS families: site-list keys shared by the many municipalities that run the same CMS, as data
(``crawler/families.toml``, shipped with the package).

A site entry with ``family`` and ``url`` gets the family's keys filled in from its base URL; keys the
entry states itself win (an item ``"{family}"`` in such a list stands for the family's items). An entry
with ``url`` and no family only gets ``{base}`` and ``{host}`` filled in. ``apply_family`` is pure and raises ``FamilyError(key, why)``, which the site
list turns into its one-line ``SiteListError``.
"""
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

FAMILIES_FILE = Path(__file__).with_name("families.toml")
#: The keys a family may fill in (each a list of strings, but listing_css, a CSS selector).
FAMILY_KEYS = ("start_urls", "feed_urls", "sitemap_urls", "sitemap_follow", "articles", "follow", "listing_css")
#: Keys naming addresses of the site: they must be on the entry's url's host.
_ADDRESS_KEYS = ("start_urls", "feed_urls", "sitemap_urls")


class FamilyError(Exception):
    """A family entry cannot be filled in: ``key`` is at fault, ``why`` says how."""

    def __init__(self, key: str, why: str):
        super().__init__(f"key '{key}': {why}")
        self.key, self.why = key, why


@dataclass(frozen=True)
class Family:
    name: str
    title: str
    keys: dict    # key → template (with {base} and {host})
    markers: tuple[str, ...] = ()   # text a page of this CMS carries (projwatch probe recognises it by them)

    def keys_for(self, url: str) -> dict:
        """The family's keys for the site at ``url``."""
        return {key: fill(value, url) for key, value in self.keys.items()}


@cache
def load_families(path: Path = FAMILIES_FILE) -> dict[str, Family]:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))["families"]
    families = {}
    for name, entry in data.items():
        unknown = set(entry) - {"title", "markers", *FAMILY_KEYS}
        assert not unknown, f"{path}: family {name}: unknown keys {unknown}"
        families[name] = Family(name, entry["title"], {k: v for k, v in entry.items() if k in FAMILY_KEYS},
                                tuple(entry.get("markers", ())))
    return families


def bare_host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def base_url(url: str) -> str:
    """``https://host`` of a URL: scheme and host (and port), no path."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def host_regex(url: str) -> str:
    """A regex of the URL's site: http or https, with or without ``www.``, its port if any."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return r"https?://(?:www\.)?" + re.escape(bare_host(url) + port)


def fill(value, url: str):
    """``value`` (a string or a list of them) with ``{base}`` and ``{host}`` filled in for ``url``."""
    if isinstance(value, list):
        return [fill(item, url) for item in value]
    if not isinstance(value, str):
        return value
    return value.replace("{base}", base_url(url)).replace("{host}", host_regex(url))


def check_url(url) -> str | None:
    """Why ``url`` cannot be a site's base URL, or None."""
    if not isinstance(url, str):
        return "must be a string"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"not an http(s) URL: {url!r}"
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return f"must be the site's base URL (scheme and host only), not {url!r}"
    return None


def apply_family(raw: dict, families: dict[str, Family] | None = None) -> dict:
    """The entry ``raw`` with its family's keys filled in (its own keys win, with {base}, {host} and
    {family} filled in too); an entry with neither ``family`` nor ``url`` comes back unchanged."""
    families = load_families() if families is None else families
    if "family" not in raw and "url" not in raw:
        return raw
    family = None
    if "family" in raw:
        name = raw["family"]
        if not isinstance(name, str) or name not in families:
            raise FamilyError("family", f"unknown family {name!r} (known: {', '.join(sorted(families))})")
        family = families[name]
        if "url" not in raw:
            raise FamilyError("url", f"missing (family '{name}' needs the site's base URL, e.g. https://example.lv)")
    problem = check_url(raw["url"])
    if problem:
        raise FamilyError("url", problem)
    url = base_url(raw["url"])
    inherited = family.keys_for(url) if family else {}
    own = {}
    for key, value in raw.items():
        if key not in FAMILY_KEYS:
            continue
        value = fill(value, url)
        if isinstance(value, list) and "{family}" in value:
            if key not in inherited:
                raise FamilyError(key, f"'{{family}}' but family {raw.get('family')!r} has no {key}")
            value = [item for entry in value for item in (inherited[key] if entry == "{family}" else [entry])]
        own[key] = value
    for key in _ADDRESS_KEYS:
        for address in own.get(key, []) if isinstance(own.get(key), list) else []:
            if isinstance(address, str) and bare_host(address) != bare_host(url):
                raise FamilyError(key, f"{address!r} is not on the site's url {url} (conflicting keys "
                                       f"'url' and '{key}')")
    return {**inherited, **raw, **own, "url": url}
