import pytest

from crawler.extract.page import extract_page, looks_like_html

from . import load_cases

PROJECT_KEYS = {"name", "name_en", "acronym", "programme", "lead_partner", "partners", "meetings", "funding",
                "periods"}


def _iso(value) -> str:
    return value if isinstance(value, str) else value.isoformat()


@pytest.mark.parametrize("case", load_cases("pages"))
def test_page_facts(case):
    page = extract_page(case["text"], url="https://example.lv/zinas/1", published=case["published"]).to_dict()
    projects = page["projects"]
    expected = case["expect"]
    assert [[m["start"], m["end"]] for p in projects for m in p["meetings"]] == \
        [[_iso(a), _iso(b)] for a, b in expected["meetings"]]
    assert [f["amount"] for p in projects for f in p["funding"]] == expected["funding"]
    assert sorted({p["programme"] for p in projects if p["programme"]}) == expected["programmes"]
    people = [p["lead_partner"] for p in projects if p["lead_partner"]] + [x for p in projects for x in p["partners"]]
    assert sorted({x["country"] for x in people if x["country"]}) == expected["countries"]
    if "projects" in expected:
        assert len(projects) == expected["projects"]


def test_every_key_is_present():
    text = ("Projekta “Tilti” atklāšanas sanāksme\n\n5. maijā Tartu notika projekta “Tilti” atklāšanas sanāksme. "
            "Projekta kopējās izmaksas ir 50 000 EUR.")
    page = extract_page(text, published="2022").to_dict()
    assert set(page) == {"url", "title", "published", "projects"}
    [project] = page["projects"]
    assert set(project) == PROJECT_KEYS
    assert set(project["meetings"][0]) == {"start", "end", "city", "country", "online", "kind"}
    assert set(project["funding"][0]) == {"amount", "currency", "kind", "holder", "share_pct"}
    assert page["title"] == "Projekta “Tilti” atklāšanas sanāksme"


def test_periods_with_phase_labels():
    text = "Projekta “Tilti” 1. fāze ilgst 6 mēnešus (09.2019. – 03.2020.)."
    [project] = extract_page(text).to_dict()["projects"]
    assert project["periods"] == [{"start": "2019-09", "end": "2020-03", "label": "1. fāze"}]


def test_html_page_uses_article_and_latvian_date_line():
    filler = "Projekta partneri kopīgi pārrunāja turpmāko darbu un nākamos soļus. " * 3
    html = ("<html><head><title>Ziņa</title></head><body><nav>Sākums · Kontakti · Projekti</nav>"
            "<article><h1>Notikusi projekta sanāksme</h1><p>14.03.2019</p>"
            f"<p>12. martā Tartu notika projekta “Tilti” partneru sanāksme. {filler}</p></article>"
            "<footer>© Pašvaldība, 12. decembrī 2018</footer></body></html>")
    assert looks_like_html(html)
    page = extract_page(html).to_dict()
    assert page["published"] == "2019-03-14"
    meetings = [m for p in page["projects"] for m in p["meetings"]]
    assert [(m["start"], m["country"]) for m in meetings] == [("2019-03-12", "EE")]


def test_plain_text_is_not_html():
    assert not looks_like_html("Cena 5 < 6 eiro, un 7 > 3.")


def test_a_project_cards_labelled_fields_give_their_facts():
    card = "".join(f'<div class="field"><div class="field__label">{label}</div><div class="field__item">{value}'
                   f"</div></div>" for label, value in (("Projekta kopējās izmaksas", "410 230,00 EUR"),
                                                        ("ERAF finansējums", "348 695,50 EUR"),
                                                        ("Projekta partneri", "Põlva vald (Igaunija)")))
    html = ("<html><head><title>Aktīvās muižas</title></head><body><nav>Sākums · Projekti</nav><article>"
            "<h1>Aktīvās muižas</h1><p>Pašvaldība īsteno Igaunijas–Latvijas programmas projektu “Aktīvās muižas”, "
            f"kurā kopā ar partneriem atjauno muižu parkus un veido tajos jaunus pasākumus.</p>{card}</article>"
            "<footer>© Pašvaldība</footer></body></html>")
    [project] = extract_page(html, url="https://novads.example.lv/lv/projekts/aktivas-muizas").to_dict()["projects"]
    assert [(f["amount"], f["kind"]) for f in project["funding"]] == [(410230.0, "total"), (348695.5, "eu")]
    assert "EE" in {p["country"] for p in project["partners"]}


@pytest.mark.parametrize("case", load_cases("page_funding"))
def test_page_funding_kinds(case):
    page = extract_page(case["text"], published="2023").to_dict()
    assert [[f["amount"], f["kind"]] for p in page["projects"] for f in p["funding"]] == case["expect"]


def test_a_meeting_told_twice_keeps_the_mention_that_names_its_venue():
    text = ("Partneri tikās 2. martā\n\nProjekta “Tilti” partneri tikās 2. martā. "
            "Projekta “Tilti” partneri 2. martā tikās Utenā, Lietuvā.")
    [project] = extract_page(text, published="2022").to_dict()["projects"]
    assert [(m["start"], m["country"]) for m in project["meetings"]] == [("2022-03-02", "LT")]


def test_a_numeric_date_before_a_venue_in_the_locative_stays_in_its_sentence():
    text = "Projekta sanāksme\n\nErasmus+ projekta “Tilti” partneru sanāksme notika 14.-16.03. Kiprā, Limasolā."
    [project] = extract_page(text, published="2023-03-20").to_dict()["projects"]
    assert [(m["start"], m["end"], m["country"]) for m in project["meetings"]] == [("2023-03-14", "2023-03-16", "CY")]


def test_a_page_in_the_sites_section_of_projects_reports_its_meetings():
    text = "Viesi no Itālijas\n\nNo 4. līdz 6. jūlijam novadā viesojās kolēģi no Itālijas un Grieķijas pašvaldībām."
    in_projects = extract_page(text, url="https://novads.lv/projekti/aktivie/12-viesi", published="2022")
    in_news = extract_page(text, url="https://novads.lv/zinas/12-viesi", published="2022")
    assert [(m.start, m.end, m.country) for p in in_projects.projects for m in p.meetings] == \
        [("2022-07-04", "2022-07-06", "LV")]
    assert in_news.projects == []


def test_a_dated_mention_without_a_venue_is_held_where_the_sentence_before_or_the_title_says():
    before = ("Partneru tikšanās\n\nProjekta “Upe” partneru tikšanās šoreiz notika pie kaimiņiem Pērnavā. "
              "Tikšanās notika 2022. gada 3. jūnijā.")
    title = "Nedēļa Portugālē\n\nNo 3. līdz 7. aprīlim Erasmus+ projekta “Upe” skolēni viesojās partnerskolā."
    other_month = ("Tikšanās\n\nPirmā projekta “Upe” tikšanās notika maijā Beļģijā. "
                   "Otrā tikšanās notika 2022. gada 3. jūnijā.")
    countries = [[m.country for p in extract_page(text, published="2022").projects for m in p.meetings]
                 for text in (before, title, other_month)]
    assert countries == [["EE"], ["PT"], ["LV"]]


def test_a_labelled_time_line_dates_the_gathering_the_page_tells_of():
    forum = ("Jauniešu forums\n\nNorises laiks: 12.–14. maijs.\nNorises vieta: Tartu, Igaunija.\n\n"
             "Interreg projekta “Balss” jauniešu forumā tiksies jaunieši no abām valstīm.")
    period = ("Projekts “Balss”\n\nIeviešanas laiks: 01.09.2022.–31.08.2024.\n\n"
              "Projekta laikā notiks jauniešu tikšanās.")
    no_gathering = "Projekts “Balss”\n\nNorises laiks: 12. maijs.\n\nProjektā iegādāsies jaunus datorus."
    found = [[(m.start, m.end, m.country) for p in extract_page(text, published="2023").projects for m in p.meetings]
             for text in (forum, period, no_gathering)]
    assert found == [[("2023-05-12", "2023-05-14", "EE")], [], []]
