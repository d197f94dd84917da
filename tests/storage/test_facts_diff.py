"""Recording page facts in a real SQLite file: identity across pages, the diff, the outbox."""
import json

import pytest

from storage.facts import record_page_facts
from crawler.kinds import EVERYTHING, Route

NOW = "2026-01-10T08:00:00+00:00"  # the ``record`` fixture's default time
LATER = "2026-01-10T08:30:00+00:00"

A = "https://digitalaiscentrs.lv/jaunumi/2021/a"
B = "https://digitalaiscentrs.lv/jaunumi/2021/b"
C = "https://www.smiltenesnovads.lv/lv/projekts/c"


def changes(db, kind=None):
    rows = db.query("SELECT * FROM changes ORDER BY id")
    return [row for row in rows if kind in (None, row["kind"])]


def test_first_page_records_project_facts_and_changes(db, record, facts):
    result = record(A, [facts.project(
        "Pilsētu digitālās inovācijas", acronym="DI4C", lead="Mesīnas pašvaldība", partners=["Oulu pašvaldība"],
        meetings=[facts.meeting("2021-11-23", "2021-11-24")], funding=[facts.funding(747365.12)])])

    assert result.facts == 4 and result.new_facts == 4  # two partners, one meeting, one figure
    assert dict(result.changes) == {"new_project": 1, "new_meeting": 1, "new_funding": 1}
    assert result.alerts == 2  # new_project is recorded, never alerted
    project = db["projects"].get(1)
    assert (project["name"], project["acronym"], project["lead_partner"]) == (
        "Pilsētu digitālās inovācijas", "DI4C", "Mesīnas pašvaldība")
    assert {(row["kind"], row["alias"]) for row in db["project_aliases"].rows} == {
        ("name", "Pilsētu digitālās inovācijas"), ("acronym", "DI4C")}
    assert {(row["name"], row["role"]) for row in db["partners"].rows} == {
        ("Mesīnas pašvaldība", "lead"), ("Oulu pašvaldība", "partner")}
    meeting = db["meetings"].get(1)
    assert (meeting["start"], meeting["end"], meeting["country"], meeting["first_seen"]) == (
        "2021-11-23", "2021-11-24", "FI", NOW)
    assert json.loads(changes(db, "new_funding")[0]["new_value"])["amount"] == 747365.12
    assert db["fact_sources"].count == 5  # the project and its four facts, all from page A


def test_same_entries_again_change_nothing(db, record, facts):
    page = [facts.project("Pilsētu digitālās inovācijas", meetings=[facts.meeting("2021-11-23")],
                          funding=[facts.funding(747365.12), facts.funding(71637, "partner", "Digitālais centrs")])]
    record(A, page)
    before = {table: db[table].count for table in ("projects", "meetings", "funding", "changes", "outbox")}

    again = record(A, page, now=LATER)

    assert again.changes == {} and again.alerts == 0 and again.new_facts == 0 and again.facts == 3
    assert {table: db[table].count for table in before} == before
    assert db["meetings"].get(1)["last_seen"] == LATER


def test_one_meeting_reported_by_two_pages_and_names_is_one_fact(db, record, facts):
    record(A, [facts.project("Digi Place – Pilsētu digitālās inovācijas",
                             meetings=[facts.meeting("2021-11-23", "2021-11-24")])])
    second = record(B, [facts.project("Pilsētu Digitālās inovācijas", name_en="Digital Innovation 4 Cities",
                                      meetings=[facts.meeting("2021-11-23", "2021-11-24", city="Oulū")])])

    assert second.changes == {} and second.alerts == 0
    assert db["projects"].count == 1 and db["meetings"].count == 1
    assert db.execute("SELECT count(*) FROM fact_sources WHERE fact_table = 'meetings'").fetchone()[0] == 2


def test_acronym_and_english_name_join_pages_from_other_sites(db, record, facts):
    record(A, [facts.project("Pilsētu digitālās inovācijas", name_en="Digital Innovation 4 Cities")])
    record(B, [facts.project(None, name_en="Digital Innovation 4 Cities", acronym="DI4C")])
    record(C, [facts.project(None, acronym="DI4C", meetings=[facts.meeting("2022-03-01", country="PT")])])

    assert db["projects"].count == 1
    assert [row["kind"] for row in changes(db)] == ["new_project", "new_meeting"]


def test_yearless_meeting_is_the_dated_one(db, record, facts):
    record(A, [facts.project("Aktīvās muižas", meetings=[facts.meeting("2021-11-14", country="LV")])])
    later = record(B, [facts.project("Aktīvās muižas", meetings=[facts.meeting("--11-14", country="LV")])])

    assert later.changes == {} and db["meetings"].count == 1


def test_changed_funding_reports_old_and_new(db, record, facts):
    record(A, [facts.project("Aktīvās muižas", funding=[facts.funding(498400.00)])], alert=False)

    edited = record(A, [facts.project("Aktīvās muižas", funding=[facts.funding(152310.00)])], now=LATER)

    assert dict(edited.changes) == {"changed_funding": 1}
    change = changes(db, "changed_funding")[0]
    assert json.loads(change["old_value"])["amount"] == 498400.0
    assert json.loads(change["new_value"])["amount"] == 152310.0
    assert db["funding"].get(1)["amount"] == 152310.0
    assert db["outbox"].count == 1


def test_a_figure_stated_before_is_not_news(db, record, facts):
    """A phase budget on one page, the whole project's on another: no flapping between them."""
    record(A, [facts.project("Pilsētu digitālās inovācijas", funding=[facts.funding(146994)])], alert=False)
    record(B, [facts.project("Pilsētu digitālās inovācijas", funding=[facts.funding(747365.12)])], alert=False)

    assert record(A, [facts.project("Pilsētu digitālās inovācijas", funding=[facts.funding(146994)])]).changes == {}
    assert record(C, [facts.project("Pilsētu digitālās inovācijas", funding=[facts.funding(146994)])]).changes == {}
    assert db["funding"].get(1)["amount"] == 747365.12


def test_several_figures_of_one_kind_on_a_page_are_each_new(db, record, facts):
    result = record(C, [facts.project("LEADER projekti", programme="rdp-leader",
                                      funding=[facts.funding(22542.44), facts.funding(7990.01),
                                               facts.funding(22542.44)])])

    assert result.changes["new_funding"] == 2 and result.changes.get("changed_funding") is None
    assert record(C, [facts.project("LEADER projekti", programme="rdp-leader",
                                    funding=[facts.funding(22542.44), facts.funding(7990.01)])]).changes == {}


def test_removed_funding_only_when_no_page_states_it(db, record, facts):
    figure = facts.funding(10844, "eu", "Digitālais centrs")
    record(A, [facts.project("Pilsētu digitālās inovācijas", funding=[figure])], alert=False)
    record(B, [facts.project("Pilsētu digitālās inovācijas", funding=[figure])], alert=False)

    assert record(A, [facts.project("Pilsētu digitālās inovācijas")]).changes == {}
    removed = record(B, [facts.project("Pilsētu digitālās inovācijas")])

    assert dict(removed.changes) == {"removed_funding": 1}
    assert json.loads(changes(db, "removed_funding")[0]["old_value"])["amount"] == 10844
    assert db["funding"].count == 1  # facts are never deleted
    assert record(B, [facts.project("Pilsētu digitālās inovācijas")]).changes == {}


def test_baseline_records_facts_but_queues_no_alerts(db, record, facts):
    result = record(A, [facts.project("Pilsētu digitālās inovācijas", meetings=[facts.meeting("2021-11-23")],
                                      funding=[facts.funding(747365.12)])], alert=False)

    assert result.new_facts == 2 and result.alerts == 0
    assert db["changes"].count == 3 and db["outbox"].count == 0


def test_outbox_rows_follow_each_channels_routes(db, record, facts):
    routing = {"mail-all": EVERYTHING,
               "mail-funding": (Route(kinds=frozenset({"new_funding", "changed_funding", "removed_funding"})),),
               "tg-meetings": (Route(kinds=frozenset({"new_meeting"})),)}
    record(A, [facts.project("Pilsētu digitālās inovācijas", meetings=[facts.meeting("2021-11-23")],
                             funding=[facts.funding(747365.12)])], routing=routing)

    routed = {(row["channel"], row["kind"]) for row in db.query(
        "SELECT channel, kind FROM outbox JOIN changes ON changes.id = change_id")}
    assert routed == {("mail-all", "new_meeting"), ("mail-all", "new_funding"),
                      ("mail-funding", "new_funding"), ("tg-meetings", "new_meeting")}
    assert {row["status"] for row in db["outbox"].rows} == {"pending"}


def test_nameless_project_is_known_by_its_page(db, record, facts):
    nameless = [facts.project(None, programme=None, funding=[facts.funding(3000.0, "municipal")])]
    record(C, nameless)

    assert record(C, nameless).changes == {}
    assert db["projects"].count == 1


def test_a_failure_rolls_the_whole_page_back(db, add_page, facts):
    version_id = add_page(A)
    broken = facts.project("Cits projekts")
    broken["funding"] = "not a list of figures"
    projects = [facts.project("Pilsētu digitālās inovācijas", meetings=[facts.meeting("2021-11-23")]), broken]

    with pytest.raises(AttributeError):
        record_page_facts(db, page_url=A, version_id=version_id, projects=projects, now=NOW, alert=True,
                          routing={"mail": EVERYTHING})

    assert db["projects"].count == 0 and db["changes"].count == 0 and db["outbox"].count == 0


def test_an_edited_page_reports_what_it_said_before(db, record, facts):
    record(A, [facts.project("Aktīvās muižas", funding=[facts.funding(100000.0)])], alert=False)
    record(B, [facts.project("Aktīvās muižas", funding=[facts.funding(120000.0)])], alert=False)

    edited = record(A, [facts.project("Aktīvās muižas", funding=[facts.funding(110000.0)])], now=LATER)

    assert dict(edited.changes) == {"changed_funding": 1}
    change = changes(db, "changed_funding")[-1]
    assert (json.loads(change["old_value"])["amount"], json.loads(change["new_value"])["amount"]) == (100000.0, 110000.0)


def test_periods_of_one_project_are_told_apart_by_their_labels(db, record, facts):
    project = facts.project("Pilsētu digitālās inovācijas", acronym="DI4C")
    project["periods"] = [{"start": "2023-01-01", "end": "2023-06-30", "label": "1. fāze"},
                          {"start": "2023-01-01", "end": "2023-06-30", "label": "2. fāze"},
                          {"start": "2023-01-01", "end": "2023-06-30", "label": "2. fāze"}]
    record(A, [project])
    assert sorted(row["label"] for row in db["periods"].rows) == ["1. fāze", "2. fāze"]
