"""Numbered schema migrations (sqlite-utils Migrations): each runs once, in order, in a transaction."""
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("projwatch")


@MIGRATIONS(name="001_pages")
def pages(db: Database) -> None:
    db["pages"].create(
        {
            "url": str, "site": str, "title": str, "published": str,
            "first_seen": str, "last_seen": str, "next_check": str,
            "content_hash": str, "text": str,
        },
        pk="url",
        not_null={"site", "first_seen", "last_seen", "content_hash"},
    )
    db["pages"].create_index(["site"])
    db["page_versions"].create(
        {"id": int, "url": str, "fetched_at": str, "content_hash": str, "text": str, "html": bytes},
        pk="id",
        foreign_keys=[("url", "pages", "url")],
        not_null={"url", "fetched_at", "content_hash"},
    )
    db["page_versions"].create_index(["url", "fetched_at"])
    db["pages"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
