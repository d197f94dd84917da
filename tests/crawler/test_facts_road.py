"""One road from a page to the database: what the store holds for each crawled page is what
``projwatch extract`` prints for the same HTML, and reading the stored pages again changes nothing.

The same view on the shared real pages (skipped where ``../shared`` is absent, failed under CI): they are served as
HTML pages of a replica site, crawled, and what the database holds is scored with score.py's rules."""
import json
from collections import Counter

import pytest
import sqlite_utils

from crawler.extract.page import extract_page
from tests.conftest import projwatch, require_shared
from tests.crawler.extract.test_heldout import page_facts
from tests.replica import serve_sites
from tests.replica.corpus import (CORPUS, SCORER, corpus_site, crawl, facts_command, gold_as_served, gold_pages,
                                  score)

FACT_TYPES = ("meetings", "funding", "programmes", "partner_countries")
#: Every fact type's F1 from the database on dev + dev2 stays at least this (the extractor's own gate is
#: tests/crawler/extract/test_corpus_score.py).
MIN_DATABASE_F1 = 0.97
MIN_DATABASE_ATTRIBUTES = 0.95   # funding kind, meeting place


def compared(page: dict) -> dict:
    """The facts the scorer compares, and the periods."""
    periods = Counter((p["start"], p["end"], p["label"]) for project in page["projects"] for p in project["periods"])
    return {**page_facts(page), "periods": periods}


def stored_facts(db_path, urls) -> dict[str, dict]:
    """What ``projwatch facts`` prints for each URL."""
    done = projwatch("facts", "--db", str(db_path), *urls, cwd=db_path.parent)
    assert done.returncode == 0, done.stderr
    return {page["url"]: compared(page) for page in map(json.loads, done.stdout.splitlines())}


def extracted_facts(site) -> dict[str, dict]:
    """What ``extract`` finds in each article's HTML as the site serves it."""
    return {site.url(site.article_path(article)): compared(extract_page(
        site.render_article(article), url=site.url(site.article_path(article))).to_dict())
        for article in site.articles}


def database_state(db_path) -> dict:
    """The facts tables, the changes and the alerts owed, without the times a run last saw them."""
    db = sqlite_utils.Database(db_path)
    tables = ("projects", "project_aliases", "project_statements", "partners", "meetings", "funding", "periods",
              "changes", "outbox")
    def kept(table: str, row: dict) -> str:
        # a page's project statements are written anew (new ids) each time the page is read
        skip = {"last_seen", "id"} if table == "project_statements" else {"last_seen"}
        return json.dumps({key: value for key, value in row.items() if key not in skip}, sort_keys=True, default=str)

    state = {table: sorted(kept(table, row) for row in db[table].rows) for table in tables}
    state["fact_sources"] = sorted(db.execute(
        "SELECT page_url, fact_table, fact_id, statement, mentions FROM fact_sources WHERE current").fetchall())
    return state


def test_the_database_holds_what_extract_prints_and_reextract_changes_nothing(tmp_path, replica, run):
    assert run("--sites", str(replica.write_sites(tmp_path / "sites.toml"))).returncode == 0
    db_path = tmp_path / "projwatch.db"
    expected = {url: facts for site in replica.sites for url, facts in extracted_facts(site).items()}
    stored = stored_facts(db_path, sorted(expected))
    assert all(any(facts[kind] for facts in stored.values()) for kind in ("meetings", "funding", "countries", "periods"))
    assert stored == expected

    before = database_state(db_path)
    done = projwatch("reextract", "--db", str(db_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert database_state(db_path) == before


@pytest.fixture(scope="module")
def corpus_crawl(tmp_path_factory):
    """The shared dev and dev2 pages served, crawled into a database: (pages, site, database path)."""
    require_shared(SCORER, CORPUS / "dev", CORPUS / "dev2")
    pages = gold_pages(CORPUS / "dev", CORPUS / "dev2")
    with serve_sites(corpus_site(pages)) as (site,):
        yield pages, site, crawl(site, tmp_path_factory.mktemp("corpus"))


def test_the_database_holds_what_extract_finds_on_every_real_page(corpus_crawl):
    pages, site, db_path = corpus_crawl
    expected = extracted_facts(site)
    stored = stored_facts(db_path, sorted(expected))
    differ = {url: (stored[url], expected[url]) for url in expected if stored[url] != expected[url]}
    assert not differ, f"{len(differ)} pages differ, e.g. {next(iter(differ.items()))}"


def test_the_database_scores_on_the_real_pages(corpus_crawl, tmp_path):
    pages, site, db_path = corpus_crawl
    report = score(gold_as_served(pages, site, tmp_path / "gold"), facts_command(db_path))
    low = {fact: report[fact]["f1"] for fact in FACT_TYPES if report[fact]["f1"] < MIN_DATABASE_F1}
    low |= {f"{fact} attributes": report[fact]["attributes_right"] for fact in ("meetings", "funding")
            if report[fact]["attributes_right"] < MIN_DATABASE_ATTRIBUTES}
    assert not low, f"what the database holds is below the gate: {low}"
