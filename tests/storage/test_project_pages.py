"""A project is known by all its pages: the stored row is decided from every page that states it, and
a project with no name is titled by its page."""


def test_a_named_programme_stated_by_later_pages_beats_other(db, record, facts):
    record("https://a.lv/1", [facts.project("Pilsētu inovācijas", programme="other")])
    assert db["projects"].get(1)["programme"] == "other"
    for url in ("https://a.lv/2", "https://b.lv/3"):
        record(url, [facts.project("Pilsētu inovācijas", acronym="PI4C", programme="urbact", lead="Mesīna")])
    row = db["projects"].get(1)
    assert (row["programme"], row["acronym"], row["lead_partner"], row["title"]) == (
        "urbact", "PI4C", "Mesīna", "Pilsētu inovācijas")
    assert db["projects"].count == 1


def test_a_page_that_no_longer_names_the_programme_is_taken_back(db, record, facts):
    record("https://a.lv/1", [facts.project("Zaļie pagalmi", programme="interreg-bsr")])
    record("https://a.lv/2", [facts.project("Zaļie pagalmi", programme="urbact")])
    record("https://a.lv/3", [facts.project("Zaļie pagalmi", programme="urbact")])
    record("https://a.lv/3", [facts.project("Zaļie pagalmi", programme="interreg-bsr")])
    assert db["projects"].get(1)["programme"] == "interreg-bsr"


def test_a_project_with_no_name_is_titled_by_its_page(db, record, facts):
    record("https://a.lv/grants", [facts.project(programme="rdp-leader", funding=[facts.funding(5000.0, "eu")])])
    row = db["projects"].get(1)
    assert row["name"] is None and row["title"] == "Title of https://a.lv/grants"


def test_partners_known_only_by_their_country_are_kept(db, record, facts):
    project = facts.project("Zaļie pagalmi")
    project["partners"] = [{"name": None, "country": "FI"}, {"name": None, "country": "SE"},
                           {"name": "Valmieras novads", "country": "LV"}]
    record("https://a.lv/1", [project])
    assert sorted(row["country"] for row in db["partners"].rows) == ["FI", "LV", "SE"]


def test_a_figure_stated_twice_is_counted_twice(db, record, facts):
    twice = [facts.funding(6000.0, "municipal"), facts.funding(6000.0, "municipal"), facts.funding(900.0, "municipal")]
    record("https://a.lv/1", [facts.project("Skolas sporta laukums", funding=twice)])
    assert sorted((row["statement"], row["mentions"]) for row in db["fact_sources"].rows_where("fact_table = 'funding'")) \
        == [("6000.00", 2), ("900.00", 1)]


def test_a_page_that_knows_the_year_dates_a_yearless_meeting(db, record, facts):
    record("https://a.lv/1", [facts.project("Zaļie pagalmi", meetings=[facts.meeting("--11-14")])])
    record("https://a.lv/2", [facts.project("Zaļie pagalmi", meetings=[facts.meeting("2025-11-14")])])
    assert [(row["start"], row["end"]) for row in db["meetings"].rows] == [("2025-11-14", "2025-11-14")]
