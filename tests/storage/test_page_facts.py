"""``storage/page_facts.py``: what a real database holds for one page, in the extractor's shape — the
same output as the extractor gave for the page once recorded; this page's statements of a project, not
the project's merged row; only the facts the page states now; a figure stated twice comes out twice."""
import pytest

from crawler.extract.page import extract_page
from storage.facts import record_page_facts
from storage.page_facts import page_facts

NOW, LATER = "2026-01-10T08:00:00+00:00", "2026-01-11T08:00:00+00:00"
URL, OTHER = "https://centrs.example.lv/jaunumi/2024/zina", "https://novads.example.lv/lv/jaunums/zina"

TEXTS = {
    "a project page": (
        "Digitālais centrs uzsāk jaunu URBACT projektu\n\n"
        "Digitālais centrs sācis īstenot URBACT programmas projektu “Gudras pilsētas dati” "
        "(Smart City Data, akronīms SCD).\n\nProjekts ilgst no 2024. gada septembra līdz 2026. gada augustam.\n\n"
        "Projekta vadošais partneris ir Tartu pilsētas pašvaldība (Igaunija), partneri: Gentes pašvaldība "
        "(Beļģija), Porto pilsēta (Portugāle) un Ventspils Digitālais centrs (Latvija).\n\n"
        "Projekta kopējais budžets ir EUR 612 400,00, tai skaitā Digitālā centra budžets ir EUR 98 750,50, "
        "no kura 80% ERAF finansējums – EUR 79 000,40."),
    "two projects and an online meeting": (
        "Divi projekti\n\nNo 4. līdz 5. maijam Tartu, Igaunijā notika Interreg Igaunijas–Latvijas programmas "
        "projekta “Tilti” partneru sanāksme.\n\nSavukārt URBACT projekta “Gudras pilsētas dati” (SCD) "
        "tiešsaistes sanāksme notika 12. jūnijā."),
    "a figure stated twice": (
        "Projekts “Tilti”\n\nInterreg Igaunijas–Latvijas programmas projekta “Tilti” kopējās izmaksas ir "
        "EUR 120 000. Projekta “Tilti” kopējās izmaksas ir EUR 120 000."),
    "no project": "Sporta svētki\n\nSestdien stadionā notika ikgadējie sporta svētki.",
}


def store_page(db, url, title="Ziņa", published="2024-09-12", now=NOW):
    db["pages"].upsert({"url": url, "site": "centrs", "title": title, "published": published, "first_seen": now,
                        "last_seen": now, "content_hash": now}, pk="url")


def record(db, url, projects, now=NOW, **page):
    store_page(db, url, now=now, **page)
    record_page_facts(db, page_url=url, version_id=None, projects=projects, now=now, alert=False, routing={})


def project(name="Gudras pilsētas dati", acronym="SCD", programme="urbact", lead=None, partners=(), meetings=(),
            funding=(), periods=(), name_en=None):
    return {"name": name, "name_en": name_en, "acronym": acronym, "programme": programme, "lead_partner": lead,
            "partners": list(partners), "meetings": list(meetings), "funding": list(funding),
            "periods": list(periods)}


def meeting(start, city="Oulu", country="FI", online=False):
    return {"start": start, "end": start, "city": city, "country": country, "online": online,
            "kind": "partner meeting"}


def figure(amount, kind="total", holder=None):
    return {"amount": amount, "currency": "EUR", "kind": kind, "holder": holder, "share_pct": None}



@pytest.mark.parametrize("case", TEXTS)
def test_a_recorded_page_reads_back_as_the_extractor_gave_it(db, case):
    entry = extract_page(TEXTS[case], url=URL, published="2024-09-12").to_dict()
    record(db, URL, entry["projects"], title=entry["title"])

    assert page_facts(db, URL) == entry


def test_the_page_states_its_own_view_of_a_project_not_the_merged_row(db):
    record(db, OTHER, [project(lead={"name": "Tartu pilsētas pašvaldība", "country": "EE"})])
    record(db, URL, [project(name=None, programme="other", name_en="Smart City Data")], now=LATER)

    [stated] = page_facts(db, URL)["projects"]
    merged = db.execute("SELECT name, programme, lead_partner, name_en FROM projects").fetchall()

    assert merged == [("Gudras pilsētas dati", "urbact", "Tartu pilsētas pašvaldība", "Smart City Data")]
    assert (stated["name"], stated["name_en"], stated["acronym"], stated["programme"], stated["lead_partner"]) == (
        None, "Smart City Data", "SCD", "other", None)


def test_only_what_the_page_states_now(db):
    record(db, URL, [project(meetings=[meeting("2026-02-01"), meeting("2026-03-01")], funding=[figure(1000.0)])])
    record(db, OTHER, [project(meetings=[meeting("2026-04-01")])])
    record(db, URL, [project(meetings=[meeting("2026-03-01")])], now=LATER)   # read again: less stated

    [stated] = page_facts(db, URL)["projects"]

    assert [m["start"] for m in stated["meetings"]] == ["2026-03-01"] and stated["funding"] == []
    assert db["meetings"].count == 3                                          # the store keeps the facts
    assert [m["start"] for m in page_facts(db, OTHER)["projects"][0]["meetings"]] == ["2026-04-01"]


def test_the_lead_partner_is_not_repeated_among_the_partners(db):
    lead = {"name": "Tartu pilsētas pašvaldība", "country": "EE"}
    partners = [{"name": "Porto pilsēta", "country": "PT"}, {"name": None, "country": "BE"}]
    record(db, URL, [project(lead=lead, partners=partners)])

    [stated] = page_facts(db, URL)["projects"]

    assert stated["lead_partner"] == lead and stated["partners"] == partners


def test_meetings_in_time_order_online_as_a_boolean(db):
    record(db, URL, [project(meetings=[meeting("2026-05-01"), meeting("2026-01-15", None, None, online=True)])])

    [stated] = page_facts(db, URL)["projects"]

    assert [(m["start"], m["online"]) for m in stated["meetings"]] == [("2026-01-15", True), ("2026-05-01", False)]
    assert all(type(m["online"]) is bool for m in stated["meetings"])


def test_a_page_the_database_does_not_hold_has_no_facts(db):
    assert page_facts(db, "https://nav.example.lv/") == {"url": "https://nav.example.lv/", "title": None,
                                                         "published": None, "projects": []}
