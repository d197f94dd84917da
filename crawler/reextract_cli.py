"""``projwatch reextract``: read the stored pages again with this version's reader and extractor.

After an upgrade whose extractor finds more (or less), the facts of pages that have not changed since
would stay as the old extractor read them. This reads each page's stored HTML again on the crawl's own
road (``read_page``, with the site list's CSS selectors), without a crawl, and records what it finds
without alerting: the facts are old news, only newly found.
"""
from datetime import datetime, timezone
from pathlib import Path

import click

from crawler.cli_common import UserError, db_option, load_site_list, open_existing_db, sites_option
from crawler.job import run_lock
from crawler.extract.page import extract_text, read_page
from storage.facts import record_page_facts
from storage.pages import reread_page, stored_pages, stored_text, version_html


def _selectors(sites_path: Path) -> dict[str, dict]:
    """Each site's CSS selectors from the site list, where there is one (pages of sites no longer listed
    are read with the generic reader)."""
    if not sites_path.is_file():
        return {}
    return {site.name: {"title_css": site.title_css, "body_css": site.body_css, "date_css": site.date_css}
            for site in load_site_list(sites_path)}


@click.command()
@db_option
@sites_option
@click.option("--site", help="Only this site's pages (its name in the site list).")
def reextract(db_path: Path, sites_path: Path, site: str | None) -> None:
    """Re-read every stored page with this version's extractor; record the facts without alerting."""
    if not db_path.is_file():
        raise UserError(f"--db {db_path}: no such database (run `projwatch run` first)")
    selectors = _selectors(sites_path)
    with run_lock(db_path):
        db = open_existing_db(db_path)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        pages = facts = changes = 0
        for page in stored_pages(db, site):
            html, text = version_html(db, page["version_id"]), stored_text(db, page["url"])
            if html:
                read = read_page(html, page["url"], **selectors.get(page["site"], {}))
                entries = read.entries
                if (read.text, entries.title, entries.published) != (text, page["title"], page["published"]):
                    reread_page(db, page["url"], title=entries.title, published=entries.published, text=read.text)
            else:
                entries = extract_text(text, page["url"], page["published"], page["title"])
            result = record_page_facts(db, page_url=page["url"], version_id=page["version_id"],
                                       projects=entries.to_dict()["projects"], now=now, alert=False, routing={})
            pages, facts, changes = pages + 1, facts + result.facts, changes + sum(result.changes.values())
        db.close()
    click.echo(f"re-read {pages} pages: {facts} facts, {changes} changes recorded, nothing alerted")
