"""``storage/outlook.py``: the weekly outlook read from a real database — meetings from today to the
last day (both included), soonest first, dated ones only; the funding changes detected since a time,
a site's baseline left out, values decoded; and the part each set of routes wants."""
import pytest

from storage import open_db
from storage.facts import record_page_facts
from crawler.kinds import Route
from storage.outlook import outlook

TODAY, UNTIL, SINCE = "2026-03-01", "2026-03-15", "2026-02-22T08:00:00+00:00"
CENTRS = "https://centrs.example.lv/jaunumi/2026/di4c"
NOVADS = "https://novads.example.lv/lv/jaunums/tilti"
OLDER = "https://centrs.example.lv/jaunumi/2026/vecs"
FUNDING_KINDS = frozenset({"new_funding", "changed_funding", "removed_funding"})


def project(name, acronym, programme, meetings=(), funding=()):
    return {"name": name, "name_en": None, "acronym": acronym, "programme": programme, "lead_partner": None,
            "partners": [], "periods": [],
            "meetings": [{"start": start, "end": start, "city": "Oulu", "country": "FI", "online": False,
                          "kind": "partner meeting"} for start in meetings],
            "funding": [{"amount": amount, "currency": "EUR", "kind": kind, "holder": None, "share_pct": None}
                        for kind, amount in funding]}


DI4C_MEETINGS = ("2026-02-28", "2026-03-01", "2026-03-10", "2026-03-15", "2026-03-16", "--03-05")


def record(db, url, site, projects, now, alert):
    db["pages"].upsert({"url": url, "site": site, "title": f"Ziņa {site}", "first_seen": now, "last_seen": now,
                        "content_hash": now}, pk="url")
    record_page_facts(db, page_url=url, version_id=None, projects=projects, now=now, alert=alert, routing={})


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """The database the tests read (and never write)."""
    db = open_db(tmp_path_factory.mktemp("outlook") / "projwatch.db")

    def di4c(*funding):
        return [project("Pilsētu digitālās inovācijas", "DI4C", "urbact", DI4C_MEETINGS, funding)]

    # the site's first crawl: a baseline, long ago
    record(db, CENTRS, "centrs", di4c(("total", 100000.0)), "2026-01-05T08:00:00+00:00", alert=False)
    # a funding change long before the week
    record(db, OLDER, "centrs", [project("Vecs projekts", "OLD", "erasmus-plus", (), [("total", 7000.0)])],
           "2026-02-10T08:00:00+00:00", alert=True)
    # this week: the total changes and an EU figure appears, then the EU figure is no longer stated
    record(db, CENTRS, "centrs", di4c(("total", 120000.0), ("eu", 90000.0)), "2026-02-25T08:00:00+00:00", alert=True)
    record(db, CENTRS, "centrs", di4c(("total", 120000.0)), "2026-02-27T08:00:00+00:00", alert=True)
    # another site's first crawl this week: its facts are a baseline, not news
    record(db, NOVADS, "novads", [project("Tilti", None, "interreg-estonia-latvia", ("2026-03-05",),
                                          [("total", 50000.0)])], "2026-02-26T08:00:00+00:00", alert=False)
    return db


def test_meetings_from_today_to_the_last_day_soonest_first_with_their_routing(stored):
    found = outlook(stored, TODAY, UNTIL, SINCE)

    assert [(row["start"], row["project_title"]) for row in found.meetings] == [
        ("2026-03-01", "Pilsētu digitālās inovācijas"), ("2026-03-05", "Tilti"),
        ("2026-03-10", "Pilsētu digitālās inovācijas"), ("2026-03-15", "Pilsētu digitālās inovācijas")]
    first, tilti = found.meetings[:2]
    assert (first["site"], first["page_url"], first["programme"], first["acronym"]) == (
        "centrs", CENTRS, "urbact", "DI4C")
    assert (tilti["site"], tilti["page_url"], tilti["programme"]) == ("novads", NOVADS, "interreg-estonia-latvia")
    assert (first["city"], first["country"], first["end"]) == ("Oulu", "FI", "2026-03-01")


def test_funding_changes_since_the_time_without_baselines_values_decoded(stored):
    found = outlook(stored, TODAY, UNTIL, SINCE)

    assert [(row["kind"], row["old_value"] and row["old_value"]["amount"],
             row["new_value"] and row["new_value"]["amount"]) for row in found.funding] == [
        ("changed_funding", 100000.0, 120000.0), ("new_funding", None, 90000.0), ("removed_funding", 90000.0, None)]
    assert {(row["site"], row["page_url"], row["programme"], row["project_title"]) for row in found.funding} == {
        ("centrs", CENTRS, "urbact", "Pilsētu digitālās inovācijas")}
    assert found.funding[0]["new_value"] == {"amount": 120000.0, "currency": "EUR", "kind": "total", "holder": None,
                                             "share_pct": None}


def test_an_earlier_time_reaches_older_changes_but_never_a_baseline(stored):
    found = outlook(stored, TODAY, UNTIL, "2026-01-01T00:00:00+00:00")
    titles = [row["project_title"] for row in found.funding]
    assert titles == ["Pilsētu digitālās inovācijas"] * 3 + ["Vecs projekts"]


def test_nothing_in_the_window_is_an_empty_outlook(stored):
    found = outlook(stored, "2026-04-01", "2026-04-14", "2026-03-01T00:00:00+00:00")
    assert found.meetings == [] and found.funding == []


@pytest.mark.parametrize("routes, meetings, funding", [
    ([Route()], ["2026-03-01", "2026-03-05", "2026-03-10", "2026-03-15"],
     ["changed_funding", "new_funding", "removed_funding"]),
    ([Route(kinds=frozenset({"new_meeting"}))], ["2026-03-01", "2026-03-05", "2026-03-10", "2026-03-15"], []),
    ([Route(kinds=FUNDING_KINDS)], [], ["changed_funding", "new_funding", "removed_funding"]),
    ([Route(kinds=frozenset({"changed_funding"}))], [], ["changed_funding"]),
    ([Route(sites=frozenset({"novads"}))], ["2026-03-05"], []),
    ([Route(programmes=frozenset({"urbact"}))], ["2026-03-01", "2026-03-10", "2026-03-15"],
     ["changed_funding", "new_funding", "removed_funding"]),
    ([Route(projects=frozenset({"tilti"}))], ["2026-03-05"], []),
    ([Route(projects=frozenset({"di4c"}), kinds=frozenset({"new_funding"}))], [], ["new_funding"]),
    ([Route(kinds=frozenset({"site_unhealthy"}))], [], []),
    ([Route(kinds=frozenset({"new_meeting"}), sites=frozenset({"novads"})), Route(kinds=FUNDING_KINDS)],
     ["2026-03-05"], ["changed_funding", "new_funding", "removed_funding"]),
])
def test_each_target_gets_the_part_its_routes_want(stored, routes, meetings, funding):
    part = outlook(stored, TODAY, UNTIL, SINCE).for_routes(routes)
    assert [row["start"] for row in part.meetings] == meetings
    assert [row["kind"] for row in part.funding] == funding
