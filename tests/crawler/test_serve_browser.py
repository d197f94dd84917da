"""A real browser (Debian's headless Chromium, driven by Playwright) on the served database.

The browser may talk to the server on loopback only: every other request (map tiles) is refused and
counted, so no test reaches the internet. Screenshots are saved in the test's tmp dir, and those of what
staff read first (recent changes, funding by project, a project page) in ``build/screenshots/``.
"""
import shutil
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists() and not shutil.which("chromium"),
                                reason="Debian's chromium is not installed (CI installs it)")


@pytest.fixture(scope="module")
def browser():
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that can reach 127.0.0.1 only; ``page.refused`` lists the other URLs it asked for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.refused = []

    def only_loopback(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            page.refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    yield page
    context.close()


def test_meetings_query_page(page, served, browse_site, tmp_path):
    page.goto(served.url("/projwatch/partner_meetings"))
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 2
    first, second = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    assert "gaidāma" in first and "Oulu" in first and browse_site.meetings.upcoming.isoformat() in first
    assert "partneru sanāksme" in first and "Somija" in first
    assert "notikusi" in second and "Porto" in second
    assert page.locator("h1").inner_text() == "Partneru tikšanās — gaidāmās un nesenās"
    assert page.locator("table.rows-and-columns a[href$='/sanaksme-oulu']").count() == 1
    page.wait_for_selector(".leaflet-marker-icon", timeout=15_000)   # the two meetings on the map
    assert page.locator(".leaflet-marker-icon").count() == 2
    page.screenshot(path=tmp_path / "partner_meetings.png", full_page=True)
    assert (tmp_path / "partner_meetings.png").stat().st_size > 10_000


def test_map_of_meetings(page, served, tmp_path):
    page.goto(served.url("/projwatch/meetings"))
    page.wait_for_selector(".leaflet-container", timeout=15_000)
    page.wait_for_selector(".leaflet-marker-icon", timeout=15_000)
    assert page.locator(".leaflet-marker-icon").count() >= 1
    assert page.locator("table.rows-and-columns tbody tr").count() >= 5
    page.screenshot(path=tmp_path / "meetings_map.png", full_page=True)
    assert (tmp_path / "meetings_map.png").stat().st_size > 10_000
    assert all("tile.openstreetmap.org" in url for url in page.refused)


def test_search_page_highlights(page, served):
    page.goto(served.url("/projwatch/search_pages?q=URBACT"))
    assert page.locator("table.rows-and-columns mark").first.inner_text() == "URBACT"


SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
STAFF_QUERIES = ("recent_changes", "funding_by_project", "projects_by_programme", "partner_meetings")


def cells(page) -> list[str]:
    return page.locator("table.rows-and-columns tbody td").all_inner_texts()


@pytest.mark.parametrize("query", STAFF_QUERIES)
def test_a_staff_query_reads_as_words(page, served, query):
    page.goto(served.url(f"/projwatch/{query}"))
    shown = cells(page)
    assert shown, query
    assert not any("{" in cell or "}" in cell for cell in shown), "JSON in a cell"
    projects = page.locator("table.rows-and-columns tbody td.col-project").all_inner_texts()
    assert projects and all(name.strip() for name in projects), "a project without a name"
    link = page.locator("table.rows-and-columns tbody td.col-project a").first
    assert "/projwatch/project?project_id=" in link.get_attribute("href")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{query}.png", full_page=True)


def test_staff_read_amounts_and_kinds_in_latvian(page, served):
    page.goto(served.url("/projwatch/funding_by_project"))
    assert "EUR\u00a0640\u00a0000,00" in cells(page)
    page.goto(served.url("/projwatch/recent_changes"))
    shown = " ".join(cells(page))
    assert "Mainīts finansējums, kopējās izmaksas: EUR 612 400,00 → EUR 640 000,00" in shown
    assert "Jauna tikšanās" in shown and "new_meeting" not in shown


def test_the_project_page(page, served):
    page.goto(served.url("/projwatch/funding_by_project"))
    page.locator("table.rows-and-columns tbody td.col-project a", has_text="Gudras pilsētas dati").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Projekta lapa"
    text = " ".join(cells(page))
    for words in ("Gudras pilsētas dati (SCD) · URBACT", "Vadošais partneris",
                  "Tartu pilsētas pašvaldība, Igaunija", "partneru sanāksme", "kopējās izmaksas: EUR 640 000,00",
                  "EUR 612 400,00 → EUR 640 000,00"):
        assert words in text, words
    sources = page.locator("table.rows-and-columns tbody td.col-source a")
    assert sources.count() >= 3
    href = sources.first.get_attribute("href")
    assert urlparse(href).hostname == "127.0.0.1"
    assert urlopen(href, timeout=10).status == 200      # the source link works: the replica serves it
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "project.png", full_page=True)
