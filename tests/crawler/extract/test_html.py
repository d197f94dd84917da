"""The article reader: body text without the page's chrome, its title and its date."""
import pytest

from crawler.extract.html import read_article


def page(article: str, extra: str = "") -> str:
    return (f"<html><head><title>Ziņa | Pašvaldība</title>{extra}</head><body>"
            "<div class='cookies'>Šī vietne izmanto sīkdatnes.</div><nav><a href='/'>Sākums</a> "
            "<a href='/jaunumi'>Jaunumi</a></nav>"
            f"<main>{article}</main><aside><h3>Citas ziņas</h3><p>Bibliotēkā jauna lasītava ar datoriem.</p>"
            "</aside><footer>Visas tiesības aizsargātas.</footer></body></html>")


BODY = ("<p>Otrdien, 11. jūnijā, pilsētā notika projekta partneru pieredzes apmaiņas vizīte.</p>"
        "<p>Viesi apmeklēja skolas un bibliotēkas un iepazinās ar jaunajiem pagalmiem.</p>")


def test_time_beside_the_heading_is_the_date_not_text():
    article = read_article(page(f"<article><h1>Viesojas partneri</h1><time datetime='2024-06-15'>15.06.2024"
                                f"</time>{BODY}</article>"))
    assert article.published == "2024-06-15"
    assert "15.06.2024" not in article.text
    assert "11. jūnijā" in article.text


@pytest.mark.parametrize("chrome", ["sīkdatnes", "Citas ziņas", "Bibliotēkā jauna lasītava", "Visas tiesības",
                                    "Sākums"])
def test_chrome_is_not_text(chrome):
    assert chrome not in read_article(page(f"<article><h1>Viesojas partneri</h1>{BODY}</article>")).text


@pytest.mark.parametrize("extra, article, title", [
    ("<meta property='og:title' content='Partneri Valmierā'>", f"<h1>Virsraksts</h1>{BODY}", "Partneri Valmierā"),
    ("", f"<article><h1>Virsraksts</h1>{BODY}</article>", "Virsraksts"),
    ("", BODY, "Ziņa | Pašvaldība"),
])
def test_title(extra, article, title):
    assert read_article(page(article, extra)).title == title


def test_site_css_overrides():
    html = page(f"<div class='t'>Mans virsraksts</div><div class='d'>2024. gada 3. martā</div>"
                f"<div class='body'>{BODY}</div>")
    article = read_article(html, title_css=".t", body_css=".body", date_css=".d")
    assert article.title == "Mans virsraksts"
    assert article.published == "2024-03-03"
    assert article.text.startswith("Otrdien, 11. jūnijā")


@pytest.mark.parametrize("html", ["", "   ", "<html></html>"])
def test_no_article_is_empty_text(html):
    assert read_article(html).text == ""


@pytest.mark.parametrize("card, line", [
    ('<div class="field"><div class="field__label">Projekta kopējās izmaksas</div>'
     '<div class="field__item">410 230,00 EUR</div></div>', "Projekta kopējās izmaksas: 410 230,00 EUR"),
    ('<div class="field-label">ERAF finansējums:</div><div class="field-items"><div class="field-item">'
     '<span>85 000 EUR</span></div></div>', "ERAF finansējums: 85 000 EUR"),
    ("<dl><dt>Partneru sanāksme</dt><dd>2023. gada 12. maijā Rokišķos, Lietuvā</dd></dl>",
     "Partneru sanāksme: 2023. gada 12. maijā Rokišķos, Lietuvā"),
    ('<div class="views-label">Projekta partneri</div><div class="field-content"><div>Põlva vald (Igaunija)</div>'
     "<div>Valgas pašvaldība</div></div>", "Projekta partneri: Põlva vald (Igaunija)"),
])
def test_a_cards_label_and_value_are_read_as_one_line(card, line):
    text = read_article(page(f"<article><h1>Aktīvās muižas</h1>{BODY}{card}</article>")).text
    assert line in [row.lstrip("- ") for row in text.splitlines()]   # a list item's dash aside
