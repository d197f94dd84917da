"""``projwatch reextract``: read the stored pages again with this version's extractor.

After an upgrade whose extractor finds more (or less), the facts of pages that have not changed since
would stay as the old extractor read them. This re-reads them from the database, without a crawl, and
records what it finds without alerting: the facts are old news, only newly found.
"""
from datetime import datetime, timezone
from pathlib import Path

import click

from crawler.cli import UserError
from crawler.extract import extract_page
from crawler.run_cli import db_option, run_lock
from storage import StorageError, open_db
from storage.facts import record_page_facts
from storage.pages import stored_pages


@click.command()
@db_option
@click.option("--site", help="Only this site's pages (its name in the site list).")
def reextract(db_path: Path, site: str | None) -> None:
    """Re-read every stored page with this version's extractor; record the facts without alerting."""
    if not db_path.is_file():
        raise UserError(f"--db {db_path}: no such database")
    with run_lock(db_path):
        try:
            db = open_db(db_path)
        except StorageError as error:
            raise UserError(str(error)) from None
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        pages = facts = changes = 0
        for page in stored_pages(db, site):
            entries = extract_page(page["text"] or "", url=page["url"], published=page["published"])
            result = record_page_facts(db, page_url=page["url"], version_id=page["version_id"],
                                       projects=entries.to_dict()["projects"], now=now, alert=False, channels={})
            pages, facts, changes = pages + 1, facts + result.facts, changes + sum(result.changes.values())
        db.close()
    click.echo(f"re-read {pages} pages: {facts} facts, {changes} changes recorded, nothing alerted")
