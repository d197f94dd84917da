"""``projwatch extract``: print the project entries of pages as JSON, one object per page or record."""
import json
from pathlib import Path

import click

from crawler.cli_common import UserError, jsonl_records
from crawler.extract.page import extract_page


def _dump(entry: dict) -> None:
    click.echo(json.dumps(entry, ensure_ascii=False))


def _extract_record(record: dict) -> dict:
    """One record's entries; a record that cannot be read gives its error and no projects."""
    url = record.get("url")
    body = record.get("html") if record.get("html") is not None else record.get("text")
    if not isinstance(body, str):
        return {"url": url, "error": "record has neither a text nor an html string", "projects": []}
    published = record.get("published")
    try:
        return extract_page(body, url=url, published=str(published) if published else None).to_dict()
    except Exception as error:  # one bad page must not stop a run over thousands
        return {"url": url, "error": f"{type(error).__name__}: {error}", "projects": []}


def _read_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror or error}") from None


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help='FILE (or "-" for stdin) holds records {"url", "published", "text"} '
              'or {"url", "html"}, one JSON object a line.')
@click.option("--url", help="The page's URL (a single FILE only).")
@click.option("--published", help='The page\'s date, "2021" or "2021-11-26" (a single FILE only).')
def extract(files: tuple[str, ...], jsonl: bool, url: str | None, published: str | None) -> None:
    """Print the EU cooperation projects found in each page FILE (HTML or plain text) as JSON."""
    if (url or published) and len(files) != 1:
        raise UserError("--url and --published apply to a single FILE")
    if jsonl:
        if url or published:
            raise UserError("--url and --published do not apply to --jsonl records")
        for path in files:
            for record in jsonl_records(path):
                _dump(_extract_record(record))
        return
    for path in files:
        _dump(extract_page(_read_file(path), url=url, published=published).to_dict())


if __name__ == "__main__":
    extract()
