"""``projwatch probe`` on the replica's CMS families, and a run over the entries it prints: the right
family, a ready entry, exit 0; 1 for a site it cannot recognise or reach; 2 for a bad URL."""
import re
import socket

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.conftest import FAST, article_urls, projwatch, stored_urls
from tests.replica import Article, ReplicaSite, serve_sites
from tests.replica.content import blog_site, centrs_site, portal_site, wordpress_site
from tests.replica.site import STATIC_PAGES, Fault


@pytest.fixture
def families():
    """The three CMS families of the replica: the state platform (portal), WordPress, Ventspils' CMS."""
    with serve_sites(portal_site(), wordpress_site(), centrs_site()) as sites:
        yield dict(zip(FAMILIES, sites))


FAMILIES = ("state-platform", "wordpress", "ventspils-cms")


def probe(*args, cwd):
    return projwatch("probe", "--delay", "0", "--timeout", "5", *args, cwd=cwd)


def entry_of(stdout: str) -> str:
    return stdout[stdout.index("[[sites]]"):]


@pytest.mark.parametrize("family", ["state-platform", "wordpress", "ventspils-cms"])
def test_probe_recognises_the_family_and_prints_a_ready_entry(tmp_path, families, family):
    site = families[family]
    done = probe(site.url("/"), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"family {family} " in done.stdout
    entry = entry_of(done.stdout)
    assert f'family = "{family}"' in entry and f'url = "{site.base_url}"' in entry
    assert 'title = "' + site.title + '"' in entry
    shown = [line.strip() for line in done.stdout.split("e.g.:")[1].splitlines()[1:4]]
    assert len(shown) == 3 and set(shown) <= article_urls(site)
    asked = [path for path, _, _ in site.served]
    assert asked[0] == "/robots.txt" and len(asked) <= 10
    assert not {f"/{slug}/" for slug in STATIC_PAGES} & set(asked)


def test_probe_then_paste_stores_exactly_the_articles(tmp_path, families):
    """The README's way to add a municipality: probe each site, paste the entries, run."""
    entries = []
    for family, site in families.items():
        done = probe(site.url("/"), cwd=tmp_path)
        entries.append(entry_of(done.stdout).replace('name = "127"', f'name = "{family}"'))
    sites = tmp_path / "sites.toml"
    sites.write_text("\n".join(entries), encoding="utf-8")
    listed = projwatch("sites", "--sites", str(sites), cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    for site in families.values():
        site.reset_counts()
    done = projwatch("run", "--sites", str(sites), "--db", str(tmp_path / "p.db"), *FAST, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    stored = stored_urls(tmp_path / "p.db")
    assert stored == set().union(*(article_urls(site) for site in families.values()))
    wordpress = families["wordpress"]
    assert not {wordpress.url(f"/{slug}/") for slug in STATIC_PAGES} & stored


def test_probe_site_checks_an_entry(tmp_path, families):
    site = families["state-platform"]
    sites = tmp_path / "sites.toml"
    sites.write_text(f'[[sites]]\nname = "novads"\ntitle = "N"\nfamily = "state-platform"\nurl = "{site.base_url}"\n'
                     f'[[sites]]\nname = "tukss"\ntitle = "T"\nfamily = "ventspils-cms"\nurl = "{site.base_url}"\n')
    done = probe("--site", "novads", "--sites", str(sites), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"feed     {site.url('/lv/rss/articles')}: 200, 6 article links" in done.stdout
    wrong = probe("--site", "tukss", "--sites", str(sites), cwd=tmp_path)
    assert wrong.returncode == 1
    assert "tukss: no article links found" in wrong.stdout and f"GET {site.url('/jaunumi')}: 404" in wrong.stdout
    unknown = probe("--site", "nav", "--sites", str(sites), cwd=tmp_path)
    assert unknown.returncode == 2 and "no site 'nav'" in unknown.stderr


def test_probe_an_unrecognisable_site_exits_1_saying_what_it_tried(tmp_path):
    plain = ReplicaSite("corpus", "plain", "Biedrība", [
        Article(f"raksts-{n}", f"Raksts {n}", "2024-01-0" + str(n), ("Teksts.",), path=f"/raksts/{n}/teksts")
        for n in range(1, 4)])
    with serve_sites(plain):
        done = probe(plain.url("/"), cwd=tmp_path)
    assert done.returncode == 1
    assert "no known CMS family recognised and no article links found" in done.stdout
    for path in ("/robots.txt", "/lv/rss/articles", "/feed/", "/jaunumi"):
        assert f"GET {plain.url(path)}:" in done.stdout
    assert "[[sites]]" not in done.stdout


def test_probe_an_unreachable_site_exits_1(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    done = probe(f"http://127.0.0.1:{port}/", cwd=tmp_path)
    assert done.returncode == 1
    assert "cannot reach the site" in done.stdout and "robots.txt: not reached" in done.stdout


@pytest.mark.parametrize("args", [("ftp://example.lv",), ("not a url",), ("http://",), ()])
def test_probe_a_bad_url_exits_2(tmp_path, args):
    done = probe(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "probe:" in done.stderr


def test_probe_obeys_robots_txt_and_names_itself(tmp_path, families):
    site = families["wordpress"]
    site.faults["/robots.txt"] = Fault(
        body=f"User-agent: *\nDisallow: /feed/\n\nSitemap: {site.url('/sitemap_index.xml')}\n".encode(),
        content_type="text/plain")
    agents, answer = set(), site.handle

    def recording(request):
        agents.add(request.headers.get("User-Agent"))
        return answer(request)

    site.handle = recording
    done = probe(site.url("/"), cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert f"feed     {site.url('/feed/')}: disallowed by robots.txt, 0 article links" in done.stdout
    assert "/feed/" not in [path for path, _, _ in site.served]
    assert len(agents) == 1 and next(iter(agents)).startswith("projwatch/")


def test_probe_follows_a_moved_domain_to_its_new_site(tmp_path, families):
    """bauska.lv now redirects to bauskasnovads.lv: the entry is for where the site is now."""
    new = families["state-platform"]
    old = HTTPServer(host="127.0.0.1", port=0)
    old.expect_request(re.compile(".*")).respond_with_handler(
        lambda request: Response(status=301, headers={"Location": new.url(request.full_path.rstrip("?"))}))
    old.start()
    try:
        done = probe(f"http://127.0.0.1:{old.port}/", cwd=tmp_path)
    finally:
        old.clear()
        old.stop()
    assert done.returncode == 0, done.stdout
    assert f"leads to {new.url('/')}" in done.stdout
    assert f'url = "{new.base_url}"' in entry_of(done.stdout) and 'family = "state-platform"' in done.stdout


def test_probe_keeps_a_listing_the_family_does_not_know(tmp_path):
    """A site of a family whose listing is elsewhere (the blog's /jaunumi/): the entry starts there."""
    site = blog_site()
    with serve_sites(site):
        done = probe(site.url("/jaunumi/"), cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    entry = entry_of(done.stdout)
    assert 'family = "wordpress"' in entry and f'start_urls = ["{site.url("/jaunumi/")}"]' in entry


def test_probe_of_a_page_robots_txt_forbids_asks_nothing_more(tmp_path, families):
    site = families["state-platform"]
    site.faults["/robots.txt"] = Fault(body=b"User-agent: *\nDisallow: /\n", content_type="text/plain")
    done = probe(site.url("/lv/jaunumi"), cwd=tmp_path)
    assert done.returncode == 1
    assert "robots.txt disallows projwatch this page" in done.stdout
    assert [path for path, _, _ in site.served] == ["/robots.txt"]
