"""What the spider asks for: only listings and articles, new articles before max_pages, articles that
are gone or redirected not asked again on every run, sitemaps gzipped or not."""
import gzip

from tests.conftest import article_urls, stored_urls
from tests.replica.site import Fault

ALWAYS_DUE = {"fresh_days": 100000}


def stored(tmp_path) -> set[str]:
    return stored_urls(tmp_path / "projwatch.db")


def asked(site) -> list[str]:
    return [path for path, _, _ in site.served]


def without_follow(entry: str) -> str:
    return "".join(line + "\n" for line in entry.splitlines() if not line.startswith("follow"))


def test_a_site_without_follow_patterns_reads_its_feed_only(tmp_path, replica, run):
    site = replica.blog
    sites = tmp_path / "sites.toml"
    sites.write_text(without_follow(site.site_entry()))
    assert run("--sites", str(sites)).returncode == 0
    assert stored(tmp_path) == article_urls(site)
    assert not {"/", "/par-mums", "/kontakti", "/jaunumi/page/2/"} & set(asked(site))


def test_max_pages_leaves_room_for_new_articles(tmp_path, replica, run):
    site = replica.centrs
    sites = replica.write_sites(tmp_path / "sites.toml", site, max_pages=2, **ALWAYS_DUE)
    run("--sites", str(sites))
    assert len(stored(tmp_path)) == 2
    run("--sites", str(sites))        # the two known ones are revalidated and two new ones fetched
    assert len(stored(tmp_path)) == 4


def test_an_article_taken_down_is_kept_and_not_asked_every_run(tmp_path, replica, run):
    site = replica.centrs
    sites = replica.write_sites(tmp_path / "sites.toml", site, **ALWAYS_DUE)
    run("--sites", str(sites))
    gone = site.article_path(site.articles[-1])
    site.faults[gone] = Fault(status=410)
    site.articles.pop()                # no longer listed either
    second = run("--sites", str(sites))
    assert "http_410: article" in second.stderr and second.returncode == 0
    site.reset_counts()
    run("--sites", str(sites))
    assert gone not in asked(site)
    assert site.url(gone) in stored(tmp_path)


def test_a_redirected_article_is_stored_under_its_link(tmp_path, replica, run):
    site = replica.centrs
    article = site.articles[0]
    moved = site.article_path(article)
    site.faults[moved] = Fault(status=301, location=moved + "-jauna-adrese")
    site.faults[moved + "-jauna-adrese"] = Fault(body=site.render_article(article).encode())
    sites = replica.write_sites(tmp_path / "sites.toml", site)      # 2024 articles: re-checked weekly
    run("--sites", str(sites))
    assert site.url(moved) in stored(tmp_path)
    assert site.url(moved + "-jauna-adrese") not in stored(tmp_path)
    site.reset_counts()
    run("--sites", str(sites))
    assert moved not in asked(site)


def test_a_gzipped_sitemap_lists_articles(tmp_path, replica, run):
    site = replica.portal
    urls = "".join(f"<url><loc>{site.url(site.article_path(a))}</loc></url>" for a in site.articles)
    sitemap = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    site.faults["/sitemap.xml.gz"] = Fault(body=gzip.compress(sitemap.encode()), content_type="application/gzip")
    sites = tmp_path / "sites.toml"    # no pagination followed: page 2's articles only the sitemap lists
    sites.write_text(without_follow(site.site_entry()) + f'sitemap_urls = ["{site.url("/sitemap.xml.gz")}"]\n')
    done = run("--sites", str(sites))
    assert stored(tmp_path) == article_urls(site), done.stderr
    assert "/lv/jaunumi?page=2" not in asked(site)
