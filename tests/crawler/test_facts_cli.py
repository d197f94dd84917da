"""``crawler/facts_cli.py``: ``projwatch facts`` in-process — what a real database holds for each page,
printed in ``projwatch extract``'s shape, one JSON line a page (URLs or --jsonl records); a missing
database is one line and exit 2, and is not created."""
import json

import pytest
from click.testing import CliRunner

from crawler.extract.page import extract_page
from crawler.facts_cli import facts
from storage import open_db
from storage.facts import record_page_facts

NOW = "2026-01-10T08:00:00+00:00"
PROJECT_PAGE = ("Digitālais centrs uzsāk jaunu URBACT projektu\n\n"
                "Digitālais centrs sācis īstenot URBACT programmas projektu “Gudras pilsētas dati” "
                "(Smart City Data, akronīms SCD).\n\n"
                "Projekts ilgst no 2024. gada septembra līdz 2026. gada augustam.\n\n"
                "Projekta vadošais partneris ir Tartu pilsētas pašvaldība (Igaunija), partneri: "
                "Gentes pašvaldība (Beļģija), Porto pilsēta (Portugāle) un Ventspils Digitālais centrs (Latvija).\n\n"
                "Projekta kopējais budžets ir EUR 612 400,00, tai skaitā Digitālā centra budžets ir "
                "EUR 98 750,50, no kura 80% ERAF finansējums – EUR 79 000,40.")
MEETING_PAGE = ("Notikusi projekta sanāksme\n\n"
                "No 4. līdz 5. maijam Tartu, Igaunijā notika Interreg Igaunijas–Latvijas programmas projekta "
                "“Tilti” partneru sanāksme. Projekta kopējās izmaksas ir EUR 120 000.")
PAGES = {"https://centrs.example.lv/jaunumi/2024/projekts": (PROJECT_PAGE, "2024-09-12"),
         "https://novads.example.lv/lv/jaunums/tilti": (MEETING_PAGE, "2022-05-10")}
PROJECT_URL, MEETING_URL = PAGES
UNKNOWN_URL = "https://novads.example.lv/lv/jaunums/nav"


def store(db, url: str) -> dict:
    """Store the page at ``url`` and record what the extractor finds in it; return extract's output."""
    text, published = PAGES[url]
    entry = extract_page(text, url=url, published=published).to_dict()
    db["pages"].upsert({"url": url, "site": "novads", "title": entry["title"], "published": published,
                        "first_seen": NOW, "last_seen": NOW, "content_hash": "h"}, pk="url")
    record_page_facts(db, page_url=url, version_id=None, projects=entry["projects"], now=NOW, alert=False,
                      routing={})
    return entry


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A real database holding both pages' facts (read only by the tests); (path, {url: what extract
    printed for it})."""
    path = tmp_path_factory.mktemp("facts") / "projwatch.db"
    db = open_db(path)
    printed = {url: store(db, url) for url in PAGES}
    db.close()
    assert all(entry["projects"] for entry in printed.values())
    return path, printed


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(facts, list(args), input=stdin, env={"PROJWATCH_DB": None})


def lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_prints_what_extract_printed_for_each_page_in_order(database):
    path, printed = database

    result = invoke(MEETING_URL, PROJECT_URL, UNKNOWN_URL, "--db", str(path))

    assert result.exit_code == 0, result.output
    assert lines(result) == [printed[MEETING_URL], printed[PROJECT_URL],
                             {"url": UNKNOWN_URL, "title": None, "published": None, "projects": []}]
    assert "pašvaldība" in result.stdout   # Latvian letters as they are, not escaped


def test_the_database_comes_from_projwatch_db_when_no_db_is_given(database):
    path, printed = database
    result = CliRunner().invoke(facts, [PROJECT_URL], env={"PROJWATCH_DB": str(path)})
    assert result.exit_code == 0, result.output
    assert lines(result) == [printed[PROJECT_URL]]


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_jsonl_records_are_answered_in_order(tmp_path, database, source):
    path, printed = database
    records = [{"url": PROJECT_URL, "text": "ignored: the database answers"}, {"text": "a record without a url"},
               {"url": MEETING_URL, "html": "<p>x</p>"}]
    content = "\n".join(json.dumps(record) for record in records) + "\n"
    if source == "file":
        (tmp_path / "pages.jsonl").write_text(content, encoding="utf-8")
        result = invoke("--jsonl", str(tmp_path / "pages.jsonl"), "--db", str(path))
    else:
        result = invoke("--jsonl", "-", "--db", str(path), stdin=content)

    assert result.exit_code == 0, result.output
    assert lines(result) == [printed[PROJECT_URL], {"url": None, "projects": []}, printed[MEETING_URL]]


def test_a_missing_database_is_one_line_exit_2_and_is_not_created(tmp_path):
    missing = tmp_path / "nav.db"

    result = invoke(PROJECT_URL, "--db", str(missing))

    assert result.exit_code == 2
    assert result.stderr == f"Error: --db {missing}: no such database (run `projwatch run` first)\n"
    assert result.stdout == "" and not missing.exists()


@pytest.mark.parametrize("content, message", [
    ("not json\n", "pages.jsonl:1: not a JSON line (Expecting value)"),
    ('"a string"\n', "pages.jsonl:1: a record must be a JSON object"),
])
def test_a_bad_jsonl_line_is_one_line_exit_2(tmp_path, database, monkeypatch, content, message):
    path, _ = database
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages.jsonl").write_text(content, encoding="utf-8")

    result = invoke("--jsonl", "pages.jsonl", "--db", str(path))

    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
