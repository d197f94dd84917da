"""``crawler/outlook_cli.py``: ``projwatch outlook`` in-process on a real database — each target gets
the meetings of the coming ``--days`` and the funding changes of the past week, routed by its tags, by
email (a real SMTP server) or webhook; nothing when there is nothing to say; no target, a missing
database or a tag naming no site is one line and exit 2; an undeliverable target exits 1 with the reason."""
import json
from datetime import date, datetime, timedelta, timezone

import pytest
import sqlite_utils
from click.testing import CliRunner

from crawler.outlook_cli import outlook
from storage import open_db
from storage.facts import record_page_facts

CENTRS = "https://centrs.example.lv/jaunumi/2026/di4c"
NOVADS = "https://novads.example.lv/lv/jaunums/tilti"
SITES = """[[sites]]
name = "centrs"
title = "Digitālais centrs"
start_urls = ["https://centrs.example.lv/jaunumi"]
articles = ['/jaunumi/\\d{4}/[^/?#]+$']

[[sites]]
name = "novads"
title = "Novada pašvaldība"
start_urls = ["https://novads.example.lv/lv/jaunumi"]
articles = ['/lv/jaunums/[^/?#]+$']
"""
NO_TARGET = "Error: no notification target: give --notify URL, --notify-config FILE or set PROJWATCH_NOTIFY\n"


def day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def ago(days: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")


def project(name, acronym, programme, meetings=(), funding=()):
    return {"name": name, "name_en": None, "acronym": acronym, "programme": programme, "lead_partner": None,
            "partners": [], "periods": [],
            "meetings": [{"start": start, "end": start, "city": city, "country": country, "online": False,
                          "kind": "partner meeting"} for start, city, country in meetings],
            "funding": [{"amount": amount, "currency": "EUR", "kind": "total", "holder": None, "share_pct": None}
                        for amount in funding]}


def record(db, url, site, projects, now, alert):
    db["pages"].upsert({"url": url, "site": site, "title": f"Ziņa {site}", "first_seen": now, "last_seen": now,
                        "content_hash": now}, pk="url")
    record_page_facts(db, page_url=url, version_id=None, projects=projects, now=now, alert=alert, routing={})


@pytest.fixture
def workdir(tmp_path):
    """A database with meetings in 3 (novads), 9 and 40 days (centrs), centrs' total changed 2 days ago
    (and 10 days ago, out of the week), novads' baseline of yesterday; the site list naming both sites."""
    db = open_db(tmp_path / "projwatch.db")
    di4c = [("Porto", "PT"), ("Gent", "BE")]
    record(db, CENTRS, "centrs", [project("Pilsētu digitālās inovācijas", "DI4C", "urbact",
                                          [(day(9), *di4c[0]), (day(40), *di4c[1])], [100000.0])], ago(30), False)
    record(db, CENTRS, "centrs", [project("Pilsētu digitālās inovācijas", "DI4C", "urbact",
                                          [(day(9), *di4c[0]), (day(40), *di4c[1])], [110000.0])], ago(10), True)
    record(db, CENTRS, "centrs", [project("Pilsētu digitālās inovācijas", "DI4C", "urbact",
                                          [(day(9), *di4c[0]), (day(40), *di4c[1])], [120000.0])], ago(2), True)
    # novads' first crawl, this week: a baseline, whose figure is not news
    record(db, NOVADS, "novads", [project("Tilti", None, "interreg-estonia-latvia", [(day(3), "Tartu", "EE")],
                                          [50000.0])], ago(1), False)
    db.close()
    (tmp_path / "sites.toml").write_text(SITES, encoding="utf-8")
    return tmp_path


def invoke(workdir, *args: str):
    return CliRunner().invoke(outlook, ["--db", str(workdir / "projwatch.db"), "--sites", str(workdir / "sites.toml"),
                                        *args], env={"PROJWATCH_NOTIFY": ""})


def test_meetings_to_come_and_the_weeks_funding_changes_reach_the_smtp_server(workdir, smtp_server):
    mail_url, mailbox = smtp_server

    result = invoke(workdir, "--notify", mail_url)

    assert result.exit_code == 0, result.output
    assert result.stdout == "outlook: 2 meetings in 14 days, 1 funding changes in 7 days; sent to 1 of 1 targets\n"
    [message] = mailbox.messages
    assert message["Subject"] == "projwatch: 2 tikšanās 14 dienās, 1 finansējuma izmaiņas"
    text = message.get_body(("plain",)).get_content()
    in_order = ["Tikšanās nākamajās 14 dienās", f"{day(3)}, Tartu, EE (partneru sanāksme)",
                f"{day(9)}, Porto, PT (partneru sanāksme)", "Finansējuma izmaiņas pēdējās 7 dienās",
                "Mainīts finansējums, kopējās izmaksas: EUR 110 000,00 → EUR 120 000,00"]
    positions = [text.index(line) for line in in_order]
    assert positions == sorted(positions)
    assert day(40) not in text and "EUR 100 000,00" not in text and "EUR 50 000,00" not in text
    assert f"Avots: {NOVADS}" in text and f"Avots: {CENTRS}" in text
    outbox = sqlite_utils.Database(workdir / "projwatch.db")["outbox"]
    assert outbox.count == 0   # a summary, not an alert owed


@pytest.mark.parametrize("days, starts", [("2", []), ("5", [3]), ("30", [3, 9]), ("60", [3, 9, 40])])
def test_days_says_how_far_ahead(workdir, httpserver, days, starts):
    httpserver.expect_request("/hook").respond_with_data("ok")

    result = invoke(workdir, "--notify", f"json://127.0.0.1:{httpserver.port}/hook", "--days", days)

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"outlook: {len(starts)} meetings in {days} days, 1 funding changes")
    [(request, _)] = httpserver.log
    sent = json.loads(request.get_data(as_text=True))
    assert [offset for offset in (3, 9, 40) if day(offset) in sent["message"]] == starts
    assert sent["title"] == f"projwatch: {len(starts)} tikšanās {days} dienās, 1 finansējuma izmaiņas"


def test_each_target_gets_the_part_its_tags_route_to_it(workdir, httpserver):
    for path in ("/meetings", "/funding", "/novads", "/health"):
        httpserver.expect_request(path).respond_with_data("ok")
    base = f"json://127.0.0.1:{httpserver.port}"
    config = workdir / "notify.yml"
    config.write_text(f"urls:\n  - {base}/meetings:\n      tag: meetings\n  - {base}/funding:\n      tag: funding\n"
                      f"  - {base}/novads:\n      tag: site:novads\n  - {base}/health:\n      tag: health\n",
                      encoding="utf-8")

    result = invoke(workdir, "--notify-config", str(config))

    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("; sent to 3 of 4 targets\n")
    got = {request.path: json.loads(request.get_data(as_text=True)) for request, _ in httpserver.log}
    assert set(got) == {"/meetings", "/funding", "/novads"}
    assert got["/meetings"]["title"] == "projwatch: 2 tikšanās 14 dienās, 0 finansējuma izmaiņas"
    assert got["/funding"]["title"] == "projwatch: 0 tikšanās 14 dienās, 1 finansējuma izmaiņas"
    assert "EUR 120 000,00" in got["/funding"]["message"] and day(9) not in got["/funding"]["message"]
    assert got["/novads"]["title"] == "projwatch: 1 tikšanās 14 dienās, 0 finansējuma izmaiņas"
    assert "Tilti" in got["/novads"]["message"] and "DI4C" not in got["/novads"]["message"]


def test_nothing_upcoming_sends_nothing(tmp_path, smtp_server):
    mail_url, mailbox = smtp_server
    open_db(tmp_path / "projwatch.db").close()
    (tmp_path / "sites.toml").write_text(SITES, encoding="utf-8")

    result = invoke(tmp_path, "--notify", mail_url)

    assert result.exit_code == 0, result.output
    assert result.stdout == "outlook: 0 meetings in 14 days, 0 funding changes in 7 days; sent to 0 of 1 targets\n"
    assert mailbox.messages == []


def test_no_target_is_one_line_and_exit_2(workdir):
    result = invoke(workdir)
    assert result.exit_code == 2
    assert result.stderr == NO_TARGET and result.stdout == ""


def test_a_missing_database_is_one_line_and_exit_2(workdir, smtp_server):
    missing = workdir / "nav.db"
    result = CliRunner().invoke(outlook, ["--db", str(missing), "--sites", str(workdir / "sites.toml"),
                                          "--notify", smtp_server[0]])
    assert result.exit_code == 2
    assert result.stderr == f"Error: --db {missing}: no such database (run `projwatch run` first)\n"
    assert not missing.exists() and smtp_server[1].messages == []


def test_a_tag_naming_no_site_is_one_line_and_exit_2(workdir, httpserver):
    config = workdir / "notify.yml"
    config.write_text(f"urls:\n  - json://127.0.0.1:{httpserver.port}/hook:\n      tag: site:nav\n", encoding="utf-8")

    result = invoke(workdir, "--notify-config", str(config))

    assert result.exit_code == 2
    assert result.stderr == f"Error: notify config {config}: tag 'site:nav' names no site (known: centrs, novads)\n"
    assert httpserver.log == []


def test_an_undeliverable_target_exits_1_with_the_reason(workdir, httpserver, smtp_server):
    mail_url, mailbox = smtp_server
    httpserver.expect_request("/hook").respond_with_data("down", status=500)
    hook = f"json://127.0.0.1:{httpserver.port}/hook"

    result = invoke(workdir, "--notify", hook, "--notify", mail_url)

    assert result.exit_code == 1
    assert result.stdout.endswith("; sent to 1 of 2 targets\n")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: could not deliver: {hook}: ") and "500" in line
    assert len(mailbox.messages) == 1
