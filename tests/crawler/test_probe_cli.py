"""``crawler/probe_cli.py``: ``projwatch probe`` in-process against the replica served on 127.0.0.1 — a
site of each family gives its family, its sources, three samples and a ready entry (exit 0); ``--site``
checks an entry of the site list; nothing found or not reachable is exit 1 with what was tried; a bad
URL or a bad choice of arguments is one line and exit 2; requests carry projwatch's User-Agent and are
``--delay`` apart."""
import time
import tomllib

import pytest
from click.testing import CliRunner

from crawler.probe_cli import probe
from crawler.settings import USER_AGENT
from crawler.sites import site_from_entry
from tests.conftest import closed_port
from tests.replica import Article, ReplicaSite, serve_sites
from tests.replica.content import centrs_site, portal_site, wordpress_site

FAMILIES = ("state-platform", "wordpress", "ventspils-cms")
ONE_OF_THEM = "Error: probe: give a URL or --site NAME (one of them)\n"


@pytest.fixture(scope="module")
def sites():
    with serve_sites(portal_site(), wordpress_site(), centrs_site()) as served:
        yield dict(zip(FAMILIES, served))


@pytest.fixture(autouse=True)
def fresh_counts(sites):
    for site in sites.values():
        site.reset_counts()


def invoke(*args: str, delay: str = "0"):
    return CliRunner().invoke(probe, ["--delay", delay, "--timeout", "5", *args], env={"PROJWATCH_SITES": None})


def article_urls(site) -> set[str]:
    return {site.url(site.article_path(article)) for article in site.articles}


@pytest.mark.parametrize("family", FAMILIES)
def test_a_site_of_a_family_gets_a_ready_entry(sites, family):
    site = sites[family]

    result = invoke(site.url("/"))

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{site.url('/')}: family {family} (")
    assert f"  listing  {site.url('/')}: 200, 3 article links" in lines
    samples = lines[lines.index(next(line for line in lines if line.endswith("article links, e.g.:"))) + 1:][:3]
    assert len(samples) == 3 and {line.strip() for line in samples} <= article_urls(site)
    [entry] = tomllib.loads(result.stdout[result.stdout.index("[[sites]]"):])["sites"]
    assert entry == {"name": "127", "title": site.title, "family": family, "url": site.base_url}
    assert site_from_entry(entry, "probed").articles   # pastes as a valid entry
    assert site.served[0][0] == "/robots.txt" and len(site.served) <= 10


def test_the_listing_and_feed_counts_of_the_state_platform(sites):
    site = sites["state-platform"]
    result = invoke(site.url("/"))
    assert f"  feed     {site.url('/lv/rss/articles')}: 200, 6 article links" in result.stdout.splitlines()
    assert "6 article links, e.g.:" in result.stdout.splitlines()


def test_requests_name_projwatch_and_wait_the_delay(sites):
    site = sites["ventspils-cms"]
    agents, times, answer = [], [], site.handle

    def recording(request):
        agents.append(request.headers.get("User-Agent"))
        times.append(time.monotonic())
        return answer(request)

    site.handle = recording
    try:
        result = invoke(site.url("/"), delay="0.2")
    finally:
        site.handle = answer

    assert result.exit_code == 0, result.output
    assert set(agents) == {USER_AGENT} and len(times) >= 3
    assert min(later - earlier for earlier, later in zip(times, times[1:])) >= 0.18


def site_list(tmp_path, site) -> str:
    path = tmp_path / "sites.toml"
    path.write_text(f'[[sites]]\nname = "novads"\ntitle = "Novads"\nfamily = "state-platform"\nurl = "{site.base_url}"\n'
                    f'[[sites]]\nname = "tukss"\ntitle = "Tukšs"\nfamily = "ventspils-cms"\nurl = "{site.base_url}"\n',
                    encoding="utf-8")
    return str(path)


def test_site_checks_an_entry_of_the_site_list(sites, tmp_path):
    site = sites["state-platform"]

    result = invoke("--site", "novads", "--sites", site_list(tmp_path, site))

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "novads (state-platform): Novads"
    assert f"  feed     {site.url('/lv/rss/articles')}: 200, 6 article links" in lines
    assert "6 article links, e.g.:" in lines and "[[sites]]" not in result.stdout


def test_an_entry_that_finds_nothing_exits_1_saying_what_it_tried(sites, tmp_path):
    site = sites["state-platform"]

    result = invoke("--site", "tukss", "--sites", site_list(tmp_path, site))

    assert result.exit_code == 1
    assert "tukss: no article links found: its entry stores nothing as it stands\ntried:\n" in result.stdout
    assert f"  GET {site.url('/jaunumi')}: 404" in result.stdout.splitlines()


def test_an_unrecognisable_site_exits_1_saying_what_it_tried(tmp_path):
    plain = ReplicaSite("corpus", "plain", "Biedrība", [
        Article(f"raksts-{n}", f"Raksts {n}", f"2024-01-0{n}", ("Teksts.",), path=f"/raksts/{n}/teksts")
        for n in range(1, 4)])
    with serve_sites(plain):
        result = invoke(plain.url("/"))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{plain.url('/')}: no known CMS family recognised and no article links found")
    for path in ("/robots.txt", "/lv/rss/articles", "/feed/", "/jaunumi"):
        assert f"  GET {plain.url(path)}: " in result.stdout
    assert "[[sites]]" not in result.stdout


def test_an_unreachable_site_exits_1():
    with closed_port() as port:
        result = invoke(f"http://127.0.0.1:{port}/")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"http://127.0.0.1:{port}/: cannot reach the site: ")
    assert f"tried:\n  GET http://127.0.0.1:{port}/robots.txt: not reached: " in result.stdout


@pytest.mark.parametrize("args, message", [
    (["ftp://example.lv"], "Error: probe: not an http(s) URL: 'ftp://example.lv'\n"),
    (["not a url"], "Error: probe: not an http(s) URL: 'not a url'\n"),
    (["http://"], "Error: probe: not an http(s) URL: 'http://'\n"),
    (["http://example.lv:99999/"], "Error: probe: not an http(s) URL: 'http://example.lv:99999/'\n"),
    ([], ONE_OF_THEM),
    (["https://example.lv", "--site", "novads"], ONE_OF_THEM),
])
def test_bad_arguments_are_one_line_and_exit_2(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == message and result.stdout == ""


def test_an_unknown_site_is_one_line_and_exit_2(sites, tmp_path):
    path = site_list(tmp_path, sites["state-platform"])
    result = invoke("--site", "nav", "--sites", path)
    assert result.exit_code == 2
    assert result.stderr == f"Error: probe: no site 'nav' in {path} (known: novads, tukss)\n"


def test_a_bad_site_list_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "sites.toml"
    path.write_text('[[sites]]\nname = "novads"\ntitle = "N"\nfamily = "nav-tads"\nurl = "https://n.lv"\n',
                    encoding="utf-8")
    result = invoke("--site", "novads", "--sites", str(path))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {path}: site 'novads': key 'family': unknown family 'nav-tads'"
                             " (known: state-platform, ventspils-cms, wordpress)\n")
