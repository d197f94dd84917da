"""The page store: one row per article, a version each time its main text changes, and the
revalidation schedule that keeps re-crawls cheap."""
import hashlib
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from storage import sql
from storage.runs import last_walk


@dataclass(frozen=True)
class SavedPage:
    outcome: str                 # "new" | "changed" | "unchanged"
    version_id: int | None       # the page_versions row written, None when unchanged


@dataclass(frozen=True)
class RevalidationPlan:
    known: frozenset[str]        # every stored article URL of the site
    due: tuple[str, ...]         # those to ask the server about on this run
    last_fetched: dict[str, str] # each stored article URL -> when a run last fetched it (ISO, UTC)
    walked: frozenset[str] = frozenset()   # those stored by the site's last run that walked its listings


@dataclass(frozen=True)
class Schedule:
    """When a site's stored articles are checked again (the site list's keys of the same names).

    A page whose answers carry validators (ETag / Last-Modified) is asked on every run while it is fresh
    (a 304 costs a few hundred bytes), then every ``recheck_days``. A page without validators costs its
    whole body at each check, so its wait is learned: ``first_wait_hours`` after it is new or changed,
    twice the last wait after each check that found it unchanged, at most ``fresh_wait_hours`` while it
    is fresh and ``recheck_days`` after."""
    fresh_days: int = 30          # the window of extra care: by published date, else first sight
    recheck_days: int = 7         # the longest wait between two checks of an article
    first_wait_hours: int = 3     # no validators: the wait after a page is new or changed
    fresh_wait_hours: int = 24    # no validators: the longest wait while a page is fresh


@dataclass(frozen=True)
class Check:
    next_check: str | None        # when the page falls due (ISO), None: on every run
    wait_hours: float | None      # the wait that gave it, None for a page with validators


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


def _fresh(published: str | None, first_seen: str, now: datetime, fresh_days: int) -> bool:
    return now.replace(tzinfo=None) - _anchor(published, first_seen) < timedelta(days=fresh_days)


def next_check(url: str, published: str | None, first_seen: str, previous: str | None, now: datetime,
               fresh_days: int, recheck_days: int) -> str | None:
    """When to revalidate a page with validators next: None while it is fresh (every run), then every
    ``recheck_days``; the first slot after the fresh window is spread over the interval by URL."""
    if _fresh(published, first_seen, now, fresh_days):
        return None
    interval = timedelta(days=recheck_days)
    if previous is None:
        interval *= _spread(url)
    return (now + interval).isoformat(timespec="seconds")


def plan_check(url: str, *, published: str | None, first_seen: str, previous: str | None, now: datetime,
               schedule: Schedule, validators: bool, outcome: str, wait_hours: float | None = None) -> Check:
    """The next check of a page just checked (``outcome``: "new", "changed" or "unchanged"), from what
    its checks found (``wait_hours``: the wait before this check, for a page without validators)."""
    if validators:
        return Check(next_check(url, published, first_seen, previous, now, schedule.fresh_days,
                                schedule.recheck_days), None)
    longest = schedule.recheck_days * 24
    fresh = _fresh(published, first_seen, now, schedule.fresh_days)
    if outcome == "new" and not fresh:      # an old article met for the first time: the old pace, spread
        return Check((now + timedelta(hours=longest * _spread(url))).isoformat(timespec="seconds"), longest)
    if outcome == "unchanged" and wait_hours:
        wait = min(2 * wait_hours, schedule.fresh_wait_hours if fresh else longest)
    else:                                   # new, changed, or no wait learned yet: soon
        wait = schedule.first_wait_hours
    return Check((now + timedelta(hours=wait)).isoformat(timespec="seconds"), wait)


def _check(old: dict, now: datetime, schedule: Schedule, validators: bool, outcome: str) -> Check:
    return plan_check(old["url"], published=old["published"], first_seen=old["first_seen"],
                      previous=old["next_check"], now=now, schedule=schedule, validators=validators,
                      outcome=outcome, wait_hours=old["wait_hours"])


def page_unchanged(db: Database, url: str, html: str, now: datetime, schedule: Schedule = Schedule(),
                   validators: bool = True, html_hash: str | None = None) -> bool:
    """True (and the page marked seen) when ``html`` is exactly what was stored last time: a 304's cached
    body, or an unchanged page of a site without validators, needs no reading again. ``html_hash``:
    ``content_hash(html)``, where the caller has it."""
    old = sql.one(db, "SELECT url, published, first_seen, next_check, wait_hours FROM pages"
                      " WHERE url = ? AND html_hash = ?", [url, html_hash or content_hash(html)])
    if old:
        check = _check(old, now, schedule, validators, "unchanged")
        sql.update(db, "pages", url, {"last_seen": now.isoformat(timespec="seconds"), "next_check": check.next_check,
                                      "wait_hours": check.wait_hours}, key="url")
    return old is not None


def page_gone(db: Database, url: str, now: datetime, recheck_days: int = 7) -> None:
    """A stored article now answers 404/410: keep it (facts are never deleted) and ask again only at the
    next re-check, not on every run."""
    sql.update(db, "pages", url, {"next_check": (now + timedelta(days=recheck_days)).isoformat(timespec="seconds")},
               key="url")


def save_page(db: Database, *, url: str, site: str, title: str | None, published: str | None, text: str,
              html: str, now: datetime, schedule: Schedule = Schedule(), validators: bool = True,
              compressed_html: bytes | None = None, html_hash: str | None = None) -> SavedPage:
    """Store a fetched article; add a version only when its main text changed. ``validators``: its
    answer carried an ETag or Last-Modified (``Schedule`` says what that changes). ``compressed_html``
    and ``html_hash``: ``compress_html(html)`` and ``content_hash(html)``, where the caller has them."""
    stamp = now.isoformat(timespec="seconds")
    digest = content_hash(text)
    old = sql.one(db, "SELECT first_seen, next_check, content_hash, wait_hours FROM pages WHERE url = ?", [url])
    first_seen = old["first_seen"] if old else stamp
    outcome = "new" if old is None else "unchanged" if old["content_hash"] == digest else "changed"
    check = plan_check(url, published=published, first_seen=first_seen, previous=old["next_check"] if old else None,
                       now=now, schedule=schedule, validators=validators, outcome=outcome,
                       wait_hours=old["wait_hours"] if old else None)
    row = {
        "url": url, "site": site, "title": title, "published": published, "text": text,
        "first_seen": first_seen, "last_seen": stamp, "content_hash": digest,
        "html_hash": html_hash or content_hash(html), "next_check": check.next_check, "wait_hours": check.wait_hours,
    }
    with db.atomic():
        if outcome == "unchanged":
            kept = ("last_seen", "next_check", "wait_hours", "html_hash")
            sql.update(db, "pages", url, {key: row[key] for key in kept}, key="url")
            return SavedPage("unchanged", None)
        sql.upsert(db, "pages", row, key="url")
        version_id = sql.insert(db, "page_versions", {
            "url": url, "fetched_at": stamp, "content_hash": digest, "text": text,
            "html": compressed_html if compressed_html is not None else compress_html(html),
        })
    return SavedPage(outcome, version_id)


def revalidation_plan(db: Database, site: str, now: datetime) -> RevalidationPlan:
    """Which stored articles of ``site`` to revalidate now, and which to leave alone."""
    stamp = now.isoformat(timespec="seconds")
    walk = last_walk(db, site)
    fetched, due, walked = {}, [], []
    for url, check, last_seen, first_seen in db.execute(
            "select url, next_check, last_seen, first_seen from pages where site = ?", [site]):
        fetched[url] = last_seen
        if check is None or check <= stamp:
            due.append(url)
        if walk is not None and first_seen <= walk:
            walked.append(url)
    return RevalidationPlan(frozenset(fetched), tuple(due), fetched, frozenset(walked))


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
