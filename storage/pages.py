"""The page store: one row per article, a version each time its main text changes, and the
revalidation schedule that keeps re-crawls cheap."""
import hashlib
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from storage import sql


@dataclass(frozen=True)
class SavedPage:
    outcome: str                 # "new" | "changed" | "unchanged"
    version_id: int | None       # the page_versions row written, None when unchanged


@dataclass(frozen=True)
class RevalidationPlan:
    known: frozenset[str]        # every stored article URL of the site
    due: tuple[str, ...]         # those to ask the server about on this run


def compress_html(html: str) -> bytes:
    """A page's HTML as a version keeps it."""
    return zlib.compress(html.encode("utf-8"))


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _spread(url: str) -> float:
    """A stable fraction in [0, 1) per URL, so old pages fall due on different runs."""
    return int(hashlib.sha1(url.encode("utf-8")).hexdigest()[:8], 16) / 0x1_0000_0000


def _anchor(published: str | None, first_seen: str) -> datetime:
    """How old a page is: by its published date where it has a full one, else by when we first saw it."""
    if published and len(published) == 10:
        try:
            return datetime.fromisoformat(published).replace(tzinfo=None)
        except ValueError:
            pass
    return datetime.fromisoformat(first_seen).replace(tzinfo=None)


def next_check(url: str, published: str | None, first_seen: str, previous: str | None, now: datetime,
               fresh_days: int, recheck_days: int) -> str | None:
    """When to revalidate a page next: None while it is fresh (every run), then every ``recheck_days``;
    the first slot after the fresh window is spread over the interval by URL."""
    naive_now = now.replace(tzinfo=None)
    if naive_now - _anchor(published, first_seen) < timedelta(days=fresh_days):
        return None
    interval = timedelta(days=recheck_days)
    if previous is None:
        interval *= _spread(url)
    return (now + interval).isoformat(timespec="seconds")


def _seen(db: Database, old: dict, now: datetime, fresh_days: int, recheck_days: int) -> None:
    sql.update(db, "pages", old["url"], {
        "last_seen": now.isoformat(timespec="seconds"),
        "next_check": next_check(old["url"], old["published"], old["first_seen"], old["next_check"], now,
                                 fresh_days, recheck_days),
    }, key="url")


def page_unchanged(db: Database, url: str, html: str, now: datetime, fresh_days: int = 30,
                   recheck_days: int = 7, html_hash: str | None = None) -> bool:
    """True (and the page marked seen) when ``html`` is exactly what was stored last time: a 304's cached
    body needs no reading again. ``html_hash``: ``content_hash(html)``, where the caller has it."""
    old = sql.one(db, "SELECT url, published, first_seen, next_check FROM pages WHERE url = ? AND html_hash = ?",
                  [url, html_hash or content_hash(html)])
    if old:
        _seen(db, old, now, fresh_days, recheck_days)
    return old is not None


def page_gone(db: Database, url: str, now: datetime, recheck_days: int = 7) -> None:
    """A stored article now answers 404/410: keep it (facts are never deleted) and ask again only at the
    next re-check, not on every run."""
    sql.update(db, "pages", url, {"next_check": (now + timedelta(days=recheck_days)).isoformat(timespec="seconds")},
               key="url")


def save_page(db: Database, *, url: str, site: str, title: str | None, published: str | None, text: str,
              html: str, now: datetime, fresh_days: int = 30, recheck_days: int = 7,
              compressed_html: bytes | None = None, html_hash: str | None = None) -> SavedPage:
    """Store a fetched article; add a version only when its main text changed. ``compressed_html`` and
    ``html_hash``: ``compress_html(html)`` and ``content_hash(html)``, where the caller has them."""
    stamp = now.isoformat(timespec="seconds")
    digest = content_hash(text)
    old = sql.one(db, "SELECT first_seen, next_check, content_hash FROM pages WHERE url = ?", [url])
    first_seen = old["first_seen"] if old else stamp
    row = {
        "url": url, "site": site, "title": title, "published": published, "text": text,
        "first_seen": first_seen, "last_seen": stamp, "content_hash": digest, "html_hash": html_hash or content_hash(html),
        "next_check": next_check(url, published, first_seen, old["next_check"] if old else None, now,
                                 fresh_days, recheck_days),
    }
    with db.atomic():
        if old and old["content_hash"] == digest:
            sql.update(db, "pages", url, {key: row[key] for key in ("last_seen", "next_check", "html_hash")}, key="url")
            return SavedPage("unchanged", None)
        sql.upsert(db, "pages", row, key="url")
        version_id = sql.insert(db, "page_versions", {
            "url": url, "fetched_at": stamp, "content_hash": digest, "text": text,
            "html": compressed_html if compressed_html is not None else compress_html(html),
        })
    return SavedPage("changed" if old else "new", version_id)


def revalidation_plan(db: Database, site: str, now: datetime) -> RevalidationPlan:
    """Which stored articles of ``site`` to revalidate now, and which to leave alone."""
    stamp = now.isoformat(timespec="seconds")
    known, due = set(), []
    for row in db.execute("select url, next_check from pages where site = ?", [site]):
        known.add(row[0])
        if row[1] is None or row[1] <= stamp:
            due.append(row[0])
    return RevalidationPlan(frozenset(known), tuple(due))



def stored_pages(db: Database, site: str | None = None) -> list[dict]:
    """Every stored article (of ``site``): url, site, title, published and its latest version's id (the
    texts and HTML are read one page at a time: ``version_html``, ``stored_text``)."""
    where, params = ("WHERE pages.site = ?", [site]) if site else ("", [])
    return list(db.query(
        f"SELECT pages.url, pages.site, pages.title, pages.published,"
        f" (SELECT max(id) FROM page_versions WHERE page_versions.url = pages.url) AS version_id"
        f" FROM pages {where} ORDER BY pages.first_seen, pages.url", params))


def stored_text(db: Database, url: str) -> str:
    """The main text stored for ``url``."""
    row = db.execute("SELECT text FROM pages WHERE url = ?", [url]).fetchone()
    return (row[0] if row else None) or ""


def version_html(db: Database, version_id: int | None) -> str | None:
    """The HTML a page version kept, or None."""
    row = db.execute("SELECT html FROM page_versions WHERE id = ?", [version_id]).fetchone()
    return zlib.decompress(row[0]).decode("utf-8") if row and row[0] else None


def reread_page(db: Database, url: str, *, title: str | None, published: str | None, text: str) -> None:
    """Keep what a newer reader read from a stored page's HTML (no new version: the page is the same)."""
    db["pages"].update(url, {"title": title, "published": published, "text": text, "content_hash": content_hash(text)})
