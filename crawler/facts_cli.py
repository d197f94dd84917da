"""``projwatch facts``: what the database holds for pages, in ``projwatch extract``'s shape.

Staff see the database, not the extractor: this prints, per page, the facts the store keeps for it, so
that the two can be compared line by line, and the store scored with the extractor's scorer
(``score.py --cmd "projwatch facts --db DB --jsonl {input}"``).
"""
import json
from pathlib import Path

import click

from crawler.cli_common import db_option, jsonl_records, open_existing_db
from storage.page_facts import page_facts


@click.command()
@click.argument("urls", nargs=-1, required=True)
@db_option
@click.option("--jsonl", is_flag=True, help='URLS name JSON Lines files (or "-" for stdin) of records '
              'with a "url", as `projwatch extract --jsonl` reads.')
def facts(urls: tuple[str, ...], db_path: Path, jsonl: bool) -> None:
    """Print the facts the database holds for each page URL as JSON, one object a page."""
    db = open_existing_db(db_path)
    pages = (record.get("url") for path in urls for record in jsonl_records(path)) if jsonl else iter(urls)
    for url in pages:
        click.echo(json.dumps(page_facts(db, url) if url else {"url": None, "projects": []}, ensure_ascii=False))
    db.close()
