"""``projwatch run`` on the replica: what it stores, and how little a re-run costs."""
import shutil
import threading
import time

import pytest
import sqlite_utils

from crawler.crawl import crawl_settings
from tests.conftest import article_urls, projwatch
from tests.replica import Article
from tests.replica.site import Fault

ALWAYS_DUE = {"fresh_days": 100000}   # every stored article is revalidated on every run


def stored(db_path):
    db = sqlite_utils.Database(db_path)
    return {row["url"]: row for row in db["pages"].rows}, db["page_versions"].count


def test_run_stores_exactly_the_articles(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml")
    done = run("--sites", str(sites))
    assert done.returncode == 0, done.stderr
    pages, versions = stored(tmp_path / "projwatch.db")
    expected = set().union(*(article_urls(site) for site in replica.sites))
    assert set(pages) == expected          # no listing pages, no static pages, no duplicates
    assert versions == len(expected)
    for site in replica.sites:
        fetched = [path for path, status, _ in site.served if status == 200]
        assert len(fetched) == len(set(fetched)), "a page was downloaded twice"
    assert "site" in done.stdout and "centrs" in done.stdout and "pages seen" in done.stdout


def test_stored_text_is_the_article_body_only(tmp_path, replica, run):
    run("--sites", str(replica.write_sites(tmp_path / "sites.toml", replica.centrs)))
    pages, _ = stored(tmp_path / "projwatch.db")
    article = replica.centrs.articles[1]
    page = pages[replica.centrs.url(replica.centrs.article_path(article))]
    assert page["title"] == article.title
    assert page["published"] == article.date
    assert article.paragraphs[-1] in page["text"]
    for chrome in ("sīkdatnes", "Citas ziņas", "Visas tiesības aizsargātas", "Par mums",
                   replica.centrs.articles[0].paragraphs[0].split(". ")[0]):   # a sidebar teaser
        assert chrome not in page["text"]


def test_pages_are_searchable(tmp_path, replica, run):
    run("--sites", str(replica.write_sites(tmp_path / "sites.toml")))
    db = sqlite_utils.Database(tmp_path / "projwatch.db")
    found = [row["url"] for row in db["pages"].search("partneru tikšanās")]
    assert any("partneru-tiksanas-tartu" in url for url in found)


def test_unchanged_rerun_downloads_little_and_adds_no_versions(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml", **ALWAYS_DUE)
    assert run("--sites", str(sites)).returncode == 0
    first = sum(site.bytes_served for site in replica.sites)
    _, versions = stored(tmp_path / "projwatch.db")
    replica.reset_counts()

    done = run("--sites", str(sites))
    assert done.returncode == 0, done.stderr
    second = sum(site.bytes_served for site in replica.sites)
    assert second <= 0.10 * first
    assert stored(tmp_path / "projwatch.db")[1] == versions
    # every article was asked about again (it is due), and answered 304
    revalidated = [path for site in replica.sites for path, status, _ in site.served if status == 304]
    assert len(revalidated) >= sum(len(site.articles) for site in replica.sites)
    # what each site cost is in the runs table and the printed report: bytes of 200 answers, 304s
    runs = sqlite_utils.Database(tmp_path / "projwatch.db")["runs"].rows_where("id > 3", order_by="id")
    for site, row in zip(replica.sites, runs):
        assert (row["site"], row["bytes"], row["revalidated"]) == (
            site.name, site.bytes_served, sum(status == 304 for _, status, _ in site.served))
        assert f"({row['revalidated']} not modified, {row['bytes'] / 1000:.1f} kB)" in done.stdout


@pytest.mark.parametrize("now", ["yesterday", "2026-12-01T08:00:00"])
def test_a_simulated_clock_that_cannot_be_read_is_refused(tmp_path, replica, run, now):
    done = run("--sites", str(replica.write_sites(tmp_path / "sites.toml")), "-s", f"PROJWATCH_NOW={now}")
    assert done.returncode == 2 and "PROJWATCH_NOW" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not any(site.served for site in replica.sites)


def test_old_articles_are_not_asked_again_until_due(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs)   # articles of 2024: old
    run("--sites", str(sites))
    replica.reset_counts()
    run("--sites", str(sites))
    asked = [path for path, _, _ in replica.centrs.served]
    assert not any(path.startswith("/jaunumi/2024/") for path in asked)
    assert "/jaunumi" in asked    # the listing is always revalidated


def test_edited_article_gets_a_new_version(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs, **ALWAYS_DUE)
    run("--sites", str(sites))
    replica.centrs.edit_article("sakas-projekts-gudras-pilsetas-dati", "EUR 612 400,00", "EUR 640 000,00")
    done = run("--sites", str(sites))
    assert done.returncode == 0
    db = sqlite_utils.Database(tmp_path / "projwatch.db")
    url = replica.centrs.url("/jaunumi/2024/sakas-projekts-gudras-pilsetas-dati")
    versions = list(db["page_versions"].rows_where("url = ?", [url], order_by="id"))
    assert len(versions) == 2
    assert "640 000,00" in versions[1]["text"] and "612 400,00" in versions[0]["text"]
    assert "640 000,00" in db["pages"].get(url)["text"]
    assert db["page_versions"].count == len(replica.centrs.articles) + 1
    assert "1 changed" in done.stdout


def test_new_article_is_found_through_pagination(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs)
    run("--sites", str(sites))
    news = [Article(f"jauna-zina-{n}", f"Jaunā ziņa {n}", "2024-11-0" + str(n),
                    (f"Ziņa numur {n} par pilsētas dzīvi un jaunumiem.",)) for n in range(1, 5)]
    for article in news:
        replica.centrs.add_article(article)
    # four new articles: the first of them now sits on page 2 of the list
    assert replica.centrs.listing_path(2) in replica.centrs.render_listing(1)
    done = run("--sites", str(sites))
    pages, _ = stored(tmp_path / "projwatch.db")
    assert {replica.centrs.url(replica.centrs.article_path(a)) for a in news} <= set(pages)
    assert "4 new" in done.stdout


def test_new_articles_a_run_did_not_reach_are_found_by_the_next_run(tmp_path, replica, run):
    """A run that stores the first listing page's new articles but cannot walk on (here its second listing
    page fails; a run cut short by a time limit or a signal likewise) leaves the rest to the next run,
    which walks past the page of articles stored since the last complete walk."""
    site = replica.centrs
    sites = replica.write_sites(tmp_path / "sites.toml", site)
    assert run("--sites", str(sites)).returncode == 0
    news = [Article(f"jauna-zina-{n}", f"Jaunā ziņa {n}", f"2024-11-{10 + n}",
                    (f"Ziņa numur {n} par pilsētas dzīvi un jaunumiem.",)) for n in range(site.per_page + 2)]
    for article in reversed(news):
        site.add_article(article)
    on_page_2 = {site.url(site.article_path(a)) for a in news[site.per_page:]}
    site.faults[site.listing_path(2)] = Fault(status=500)
    assert run("--sites", str(sites)).returncode == 0
    assert not on_page_2 & set(stored(tmp_path / "projwatch.db")[0])      # the failed page hid them

    del site.faults[site.listing_path(2)]
    done = run("--sites", str(sites))
    assert done.returncode == 0, done.stderr
    assert on_page_2 <= set(stored(tmp_path / "projwatch.db")[0])
    assert f"{len(on_page_2)} new" in done.stdout
    walked = [row["walked"] for row in sqlite_utils.Database(tmp_path / "projwatch.db")["runs"].rows_where(
        order_by="id")]
    assert walked == [1, 0, 1]


def test_max_pages_bounds_a_site(tmp_path, replica, run):
    run("--sites", str(replica.write_sites(tmp_path / "sites.toml", replica.centrs, max_pages=2)))
    pages, _ = stored(tmp_path / "projwatch.db")
    assert len(pages) == 2


def test_polite_by_default(tmp_path, replica):
    """With the shipped settings: robots.txt asked first and obeyed, a User-Agent naming projwatch, never
    more than two requests at a time to a site, at least 0.25 s between them, and no other domain."""
    site = replica.centrs
    site.latency = 0.05
    forbidden = Article("slepens", "Slepens", "2024-11-05", ("Teksts aiz robots.txt aizlieguma.",),
                        path="/admin/jaunumi/2024/slepens")            # robots.txt: Disallow: /admin/
    elsewhere = Article("svesa", "Svešs", "2024-11-04", ("Teksts citā domēnā.",),
                        path=site.url("/jaunumi/2024/svesa").replace("127.0.0.1", "localhost"))
    site.add_article(forbidden)
    site.add_article(elsewhere)
    in_flight, peak, agents, arrivals, lock = [0], [0], set(), [], threading.Lock()
    answer = site.handle

    def counting(request):
        with lock:
            arrivals.append(time.monotonic())
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
            agents.add(request.headers.get("User-Agent"))
        try:
            return answer(request)
        finally:
            with lock:
                in_flight[0] -= 1

    site.handle = counting
    done = projwatch("run", "--sites", str(replica.write_sites(tmp_path / "sites.toml", site)),
                     "--db", str(tmp_path / "p.db"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert peak[0] <= 2
    assert site.served[0][0] == "/robots.txt"
    assert len(agents) == 1 and next(iter(agents)).startswith("projwatch/")
    asked = {path for path, _, _ in site.served}
    assert "/admin/jaunumi/2024/slepens" not in asked and "/jaunumi/2024/svesa" not in asked
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:])]
    assert len(gaps) > 5 and min(gaps) >= 0.18, sorted(gaps)[:3]   # the 0.25 s floor, less scheduling slack
    assert set(stored(tmp_path / "p.db")[0]) == {site.url(site.article_path(article)) for article in site.articles
                                                  if article not in (forbidden, elsewhere)}


def test_unchanged_pages_are_not_read_again_and_a_deleted_cache_changes_nothing(tmp_path, replica, run):
    """README: "an unchanged page is not read again" — a new reader setting (``body_css``) reaches a
    re-run's unchanged pages only through ``projwatch reextract``; and deleting the HTTP cache is safe:
    the next run downloads each page once more and finds nothing changed."""
    site = replica.centrs
    db_path = tmp_path / "projwatch.db"
    assert run("--sites", str(replica.write_sites(tmp_path / "sites.toml", site, **ALWAYS_DUE))).returncode == 0
    pages, versions = stored(db_path)
    changes = sqlite_utils.Database(db_path)["changes"].count

    other_reader = replica.write_sites(tmp_path / "footer.toml", site, body_css="footer", **ALWAYS_DUE)
    assert run("--sites", str(other_reader)).returncode == 0
    assert stored(db_path)[1] == versions
    assert {url: row["text"] for url, row in stored(db_path)[0].items()} == {url: row["text"] for url, row in pages.items()}

    shutil.rmtree(tmp_path / "projwatch-httpcache")
    replica.reset_counts()
    done = run("--sites", str(tmp_path / "sites.toml"))
    assert done.returncode == 0, done.stderr
    assert {path for path, status, _ in site.served if status == 200} >= {site.article_path(a) for a in site.articles}
    assert stored(db_path)[1] == versions and set(stored(db_path)[0]) == set(pages)
    assert sqlite_utils.Database(db_path)["changes"].count == changes
    assert "0 new, 0 changed" in done.stdout


def test_the_politeness_floor_is_not_randomised_below_itself(tmp_path):
    """Scrapy's default jitter would wait 0.5–1.5 × the delay: as little as 0.125 s."""
    settings = crawl_settings()
    assert settings.getfloat("DOWNLOAD_DELAY") >= 0.25 and settings.getfloat("DOWNLOAD_DELAY_JITTER") == 0
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2 and settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getint("DOWNLOAD_MAXSIZE") == 8 * 1024 * 1024
