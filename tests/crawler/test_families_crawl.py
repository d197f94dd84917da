"""A site list of family entries (a name, a title, the family and a URL) over the replica's CMS families:
exactly the articles stored, none of the static pages; a WordPress site's first run takes its archive
from the sitemaps instead of walking the pagination, later runs read the listing and the feed."""
import pytest

from tests.conftest import FAST, article_urls, projwatch, stored_urls
from tests.crawler.test_probe import FAMILIES
from tests.replica import Article, serve_sites
from tests.replica.content import centrs_site, portal_site, wordpress_site
from tests.replica.site import STATIC_PAGES, Fault


@pytest.fixture
def families():
    with serve_sites(portal_site(), wordpress_site(), centrs_site()) as sites:
        yield dict(zip(FAMILIES, sites))


def family_entry(name: str, family: str, site) -> str:
    return f'[[sites]]\nname = "{name}"\ntitle = "{site.title}"\nfamily = "{family}"\nurl = "{site.base_url}"\n'


def crawl(tmp_path, text: str):
    sites = tmp_path / "sites.toml"
    sites.write_text(text, encoding="utf-8")
    return projwatch("run", "--sites", str(sites), "--db", str(tmp_path / "p.db"), *FAST, cwd=tmp_path)


def test_a_family_site_list_stores_exactly_the_articles(tmp_path, families):
    done = crawl(tmp_path, "\n".join(family_entry(f"site-{n}", family, site)
                                     for n, (family, site) in enumerate(families.items())))
    assert done.returncode == 0, done.stdout + done.stderr
    stored = stored_urls(tmp_path / "p.db")
    assert stored == set().union(*(article_urls(site) for site in families.values()))
    wordpress = families["wordpress"]
    assert not {wordpress.url(f"/{slug}/") for slug in STATIC_PAGES} & stored
    assert not {f"/{slug}/" for slug in STATIC_PAGES} & {path for path, _, _ in wordpress.served}


def test_a_wordpress_first_run_takes_the_archive_from_the_sitemaps(tmp_path, families):
    site = families["wordpress"]
    assert crawl(tmp_path, family_entry("wp", "wordpress", site)).returncode == 0
    first = [path for path, _, _ in site.served]
    assert stored_urls(tmp_path / "p.db") == article_urls(site)
    assert {"/sitemap_index.xml", "/post-sitemap.xml"} <= set(first)
    assert "/page-sitemap.xml" not in first                     # the static pages' sitemap is not read
    assert not any(path.startswith("/page/") for path in first)  # no pagination walked: the sitemap had it all

    site.reset_counts()
    site.add_article(Article("jauns-projekts", "Jauns projekts", "2024-11-20",
                             ("Pašvaldība sāk Interreg projektu “Jaunie tilti”.",)))
    assert crawl(tmp_path, family_entry("wp", "wordpress", site)).returncode == 0
    second = [path for path, _, _ in site.served]
    assert site.url("/jauns-projekts/") in stored_urls(tmp_path / "p.db")
    assert not {"/sitemap_index.xml", "/post-sitemap.xml"} & set(second)   # later runs: listing and feed
    assert "/feed/" in second and "/" in second


def test_a_first_run_walks_the_pagination_when_the_sitemaps_list_nothing(tmp_path, families):
    site = families["wordpress"]
    site.faults["/robots.txt"] = Fault(body=b"User-agent: *\nDisallow:\n", content_type="text/plain")
    site.faults["/feed/"] = Fault(status=404)
    done = crawl(tmp_path, family_entry("wp", "wordpress", site))
    assert stored_urls(tmp_path / "p.db") == article_urls(site), done.stderr
    assert "/page/2/" in [path for path, _, _ in site.served]


