"""``projwatch serve`` over HTTP on a database built by ``projwatch run`` from the replica."""
import json
from datetime import datetime, timedelta, timezone

import feedparser
import icalendar
import pytest
import sqlite_utils

from crawler.cli import main
from crawler.datasette_plugin import highlight
from crawler.serve_cli import load_metadata
from tests.crawler.conftest import SECRET, latvian_date, serving
from tests.conftest import projwatch
from tests.replica import Article

GUDRAS = "Gudras pilsētas dati"


def _database(served) -> dict:
    status, _, body = served.get("/projwatch.json")
    assert status == 200
    return json.loads(body)


def test_table_list_shows_the_data_and_hides_the_plumbing(served):
    tables = {table["name"]: table for table in _database(served)["tables"]}
    shown = {name for name, table in tables.items() if not table["hidden"]}
    assert {"pages", "projects", "meetings", "funding", "changes"} <= shown
    assert {"_sqlite_migrations", "pages_fts", "pages_fts_data", "projects_fts", "projects_fts_idx"} <= set(tables) - shown
    assert tables["pages"]["fts_table"] == "pages_fts" and tables["projects"]["fts_table"] == "projects_fts"


def test_every_table_is_described(served):
    described = load_metadata()["databases"]["projwatch"]["tables"]
    tables = [t for t in _database(served)["tables"] if not t["hidden"]]
    for table in tables:
        assert described[table["name"]].get("description"), table["name"]
    for name in ("meetings", "funding", "projects", "changes", "partners"):
        columns = next(t["columns"] for t in tables if t["name"] == name)
        assert set(columns) - {"id"} <= set(described[name]["columns"]), name


def test_table_pages_have_their_facets_sort_and_labels(served):
    status, _, body = served.get("/projwatch/meetings.json?_labels=on&_size=max")
    assert status == 200
    page = json.loads(body)
    assert {"country", "kind", "online"} <= set(page["facet_results"])
    assert page["human_description_en"] == "sorted by start descending"
    labels = {row["project_id"]["label"] for row in page["rows"]}
    assert labels >= {GUDRAS, "Aktīvās muižas", "Zaļie pagalmi"}


def test_partner_meetings_upcoming_first_then_recent(browse_site, served):
    rows = served.rows("/projwatch/partner_meetings.json")
    upcoming, recent = browse_site.meetings.upcoming.isoformat(), browse_site.meetings.recent.isoformat()
    assert [(r["when"], r["start"], r["city"], r["country"], r["project"]) for r in rows] == [
        ("gaidāma", upcoming, "Oulu", "FI", GUDRAS),
        ("notikusi", recent, "Porto", "PT", GUDRAS),
    ]
    assert [row["country_name"] for row in rows] == ["Somija", "Portugāle"]
    assert rows[0]["page"].endswith("/sanaksme-oulu") and rows[1]["page"].endswith("/sanaksme-porto-notika")
    assert rows[0]["latitude"] == pytest.approx(65.01, abs=0.01)
    assert rows[1]["longitude"] == pytest.approx(-8.61, abs=0.01)


def test_funding_by_project_holds_the_latest_figures(served):
    rows = {row["project"]: row for row in served.rows("/projwatch/funding_by_project.json")}
    assert rows[GUDRAS]["total"] == 640000.0           # edited from 612 400 by the second run
    assert (rows[GUDRAS]["eu"], rows[GUDRAS]["partner"]) == (79000.4, 98750.5)
    assert (rows["Aktīvās muižas"]["total"], rows["Aktīvās muižas"]["eu"]) == (410230.0, 348695.5)
    assert rows["Zaļie pagalmi"]["total"] == 1155991.0
    assert rows[GUDRAS]["last_changed"] >= rows["Zaļie pagalmi"]["last_changed"]
    assert list(rows)[0] == "Zaļie pagalmi"            # largest total first


def test_changes_of_the_last_30_days(browse_site, served):
    rows = served.rows("/projwatch/recent_changes.json")
    db = sqlite_utils.Database(served.db_path)
    assert len(rows) == db["changes"].count - 1
    assert browse_site.backdated_change["detected_at"] not in {row["detected_at"] for row in rows}
    changed = [row for row in rows if row["change_kind"] == "changed_funding"]
    assert [row["project"] for row in changed] == [GUDRAS]
    assert '"amount": 640000.0' in changed[0]["new_value"]          # the raw value stays in JSON
    assert changed[0]["change"] == "Mainīts finansējums, kopējās izmaksas: EUR 612 400,00 → EUR 640 000,00"
    assert rows == sorted(rows, key=lambda row: row["detected_at"], reverse=True)


def test_projects_by_programme_with_partner_countries(served):
    rows = served.rows("/projwatch/projects_by_programme.json")
    assert [row["programme"] for row in rows] == sorted(row["programme"] for row in rows)
    gudras = next(row for row in rows if row["project"] == GUDRAS)
    assert (gudras["programme"], gudras["acronym"], gudras["lead_partner"]) == ("urbact", "SCD", "Tartu pilsētas pašvaldība")
    assert gudras["partner_countries"] == "BE, EE, LV, PT"


def test_search_pages_highlights_the_words_found(served):
    rows = served.rows("/projwatch/search_pages.json?q=URBACT")
    assert {row["url"].rsplit("/", 1)[1] for row in rows} >= {
        "sakas-projekts-gudras-pilsetas-dati", "partneru-tiksanas-tartu", "sanaksme-porto-notika"}
    assert all("<mark>URBACT</mark>" in row["snippet"] for row in rows)
    assert [row["title"] for row in served.rows("/projwatch/search_pages.json?q=zalie pagalmi")][0] \
        == "Sākas projekts “Zaļie pagalmi”"
    assert len(served.rows("/projwatch/search_pages.json?q=EE-LV00123")) == 1   # no FTS syntax error
    status, _, html = served.get("/projwatch/search_pages?q=URBACT")
    assert status == 200 and "<mark>URBACT</mark>" in html


def test_snippets_are_escaped_but_their_marks():
    assert highlight("a <script>x</script> <mark>b</mark>") == \
        "a &lt;script&gt;x&lt;/script&gt; <mark>b</mark>"


@pytest.mark.parametrize("table, search, expected", [
    ("pages", "Smiltenē", "Notikusi projekta “Aktīvās muižas” atklāšanas sanāksme"),
    ("pages", "zalie", "Sākas projekts “Zaļie pagalmi”"),
    ("projects", "Green Yards", "Zaļie pagalmi"),
    ("projects", "SCD", GUDRAS),
])
def test_search_tables(served, table, search, expected):
    column = "title" if table == "pages" else "name"
    found = [row[column] for row in served.rows(f"/projwatch/{table}.json?_search={search}")]
    assert expected in found


def test_atom_feed_of_changes(served):
    status, content_type, body = served.get("/projwatch/changes_feed.atom")
    assert status == 200 and "xml" in content_type
    feed = feedparser.parse(body)
    assert not feed.bozo and feed.feed.title == "projwatch izmaiņas"
    db = sqlite_utils.Database(served.db_path)
    assert len(feed.entries) == db["changes"].count
    titles = [entry.title for entry in feed.entries]
    changed_title = f"Mainīts finansējums, kopējās izmaksas: EUR 612 400,00 → EUR 640 000,00 — {GUDRAS}"
    assert changed_title in titles
    assert any(title.startswith("Jauna tikšanās: ") and title.endswith(GUDRAS) for title in titles)
    changed = next(entry for entry in feed.entries if entry.title == changed_title)
    assert changed.link.endswith("/sakas-projekts-gudras-pilsetas-dati") and "EUR 640 000,00" in changed.summary
    assert all(entry.id.startswith("projwatch:change:") for entry in feed.entries)


def test_icalendar_feed_of_meetings(browse_site, served):
    status, content_type, body = served.get("/projwatch/meetings_calendar.ics")
    assert status == 200 and content_type.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(body)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(events) == sqlite_utils.Database(served.db_path)["meetings"].count
    oulu = next(event for event in events.values() if "Oulu" in str(event["SUMMARY"]))
    assert oulu.decoded("DTSTART").date() == browse_site.meetings.upcoming
    assert oulu.decoded("DTEND").date() == browse_site.meetings.upcoming + timedelta(days=1)
    assert str(oulu["SUMMARY"]) == "SCD: partneru sanāksme — Oulu, Somija"
    assert "sanaksme-oulu" in str(oulu["DESCRIPTION"])


def test_no_writes_through_datasette(served):
    db = sqlite_utils.Database(served.db_path)
    before = db["pages"].count
    status, _, _ = served.get("/projwatch.json?sql=DELETE FROM pages")
    assert status == 400
    status, _, _ = served.get("/projwatch.json?sql=SELECT count(*) FROM pages")
    assert status == 200
    assert db["pages"].count == before


def test_no_secret_is_stored(served):
    db = sqlite_utils.Database(served.db_path)
    failed = list(db["outbox"].rows_where("last_error IS NOT NULL"))
    assert failed, "the second run's alerts should have failed against the dead channel"
    dump = "\n".join(db.iterdump())
    assert SECRET not in dump and "json://" not in dump


def test_binds_loopback_by_default():
    assert next(p for p in main.get_command(None, "serve").params if p.name == "host").default == "127.0.0.1"


def test_missing_database_is_one_line_and_exit_2(tmp_path):
    done = projwatch("serve", "--db", str(tmp_path / "nowhere.db"), cwd=tmp_path)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "nowhere.db" in done.stderr
    assert not (tmp_path / "nowhere.db").exists()


def test_serve_reads_the_live_database(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs, fresh_days=100000)
    assert run("--sites", str(sites)).returncode == 0
    with serving(tmp_path / "projwatch.db") as live:
        assert [r for r in live.rows("/projwatch/meetings.json") if r["city"] == "Porto"] == []
        day = (datetime.now(timezone.utc) + timedelta(days=10)).date()
        replica.centrs.add_article(Article("porto-drizuma", "Sanāksme Porto", day.isoformat(), (
            f"{latvian_date(day)} Porto, Portugālē notiks projekta “{GUDRAS}” partneru sanāksme.",)))
        assert run("--sites", str(sites)).returncode == 0
        porto = [r for r in live.rows("/projwatch/meetings.json") if r["city"] == "Porto"]
        assert len(porto) == 1 and porto[0]["latitude"] == pytest.approx(41.15, abs=0.01)


@pytest.mark.parametrize("typed", ["", '"', '""', "-", "*", "AND", "zal*", "OR NOT", '"zalie'])
def test_search_never_shows_an_fts_syntax_error(served, typed):
    status, _, body = served.get(f"/projwatch/search_pages?q={typed}")
    assert status == 200 and "syntax error" not in body and "fts5" not in body
