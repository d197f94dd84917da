"""The site list: the shipped one is valid; a bad one stops with one line naming site and key, exit 2,
before any request."""
import re

import pytest

from crawler.sites import SiteListError, load_sites
from tests.conftest import ROOT, projwatch

GOOD = """
[[sites]]
name = "demo"
title = "Demo"
start_urls = ["https://example.lv/jaunumi"]
articles = ['/jaunumi/\\d{4}/[^/]+$']
"""


def test_shipped_site_list_covers_the_monitored_sites():
    sites = {site.name: site for site in load_sites(ROOT / "sites.toml")}
    hosts = " ".join(url for site in sites.values() for url in site.start_urls)
    for host in ("digitalaiscentrs.lv", "developvalmiera.lv", "valmierasnovads.lv", "smiltenesnovads.lv",
                 "ventspils.lv"):
        assert host in hosts
    smiltene = sites["smiltenesnovads"]
    for url in ("https://www.smiltenesnovads.lv/lv/jaunums/x", "https://www.smiltenesnovads.lv/lv/projekts/y"):
        assert any(re.search(pattern, url) for pattern in smiltene.articles)


@pytest.mark.parametrize("url, site", [
    ("https://digitalaiscentrs.lv/jaunumi/2021/noslegusies-projekta-tiksanas", "digitalaiscentrs"),
    ("https://www.smiltenesnovads.lv/lv/jaunums/notikusi-atklasanas-sanaksme", "smiltenesnovads"),
    ("https://www.smiltenesnovads.lv/lv/projekts/aktivas-muizas", "smiltenesnovads"),
    ("https://developvalmiera.lv/valmiera-realizes-eiropas-meroga-inovaciju-projektu/", "developvalmiera"),
])
def test_shipped_article_patterns_match_real_urls(url, site):
    entry = next(s for s in load_sites(ROOT / "sites.toml") if s.name == site)
    assert any(re.search(pattern, url) for pattern in entry.articles)


@pytest.mark.parametrize("url", [
    "https://digitalaiscentrs.lv/jaunumi?page=2",
    "https://developvalmiera.lv/jaunumi/page/2/",
    "https://developvalmiera.lv/feed/",
])
def test_shipped_article_patterns_skip_listings(url):
    assert not any(re.search(pattern, url) for site in load_sites(ROOT / "sites.toml") for pattern in site.articles)


@pytest.mark.parametrize("change, message", [
    (lambda s: s + 'colour = "red"\n', "site 'demo': key 'colour': unknown key"),
    (lambda s: s.replace("'/jaunumi/\\d{4}/[^/]+$'", "'/jaunumi/(['"), "site 'demo': key 'articles': invalid regex"),
    (lambda s: s.replace('start_urls = ["https://example.lv/jaunumi"]\n', ""), "site 'demo': key 'start_urls': missing"),
    (lambda s: s + s, "site 'demo': key 'name': duplicate site name"),
    (lambda s: s.replace('name = "demo"', 'name = "Demo Site"'), "key 'name': must be lowercase"),
    (lambda s: s.replace("https://example.lv/jaunumi", "ftp://example.lv"), "key 'start_urls': not an http(s) URL"),
    (lambda s: s + "max_pages = 0\n", "key 'max_pages': must be a whole number"),
    (lambda s: s + "first_wait_hours = 0\n", "key 'first_wait_hours': must be a whole number"),
    (lambda s: s + "fresh_wait_hours = 2.5\n", "key 'fresh_wait_hours': must be a whole number"),
    (lambda s: s + "first_wait_hours = 48\n", "key 'first_wait_hours': 48 is longer than fresh_wait_hours (24)"),
    (lambda s: s + "recheck_days = 1\nfresh_wait_hours = 30\n",
     "key 'fresh_wait_hours': 30 is longer than recheck_days in hours (24)"),
    (lambda s: s + "follow = '/x'\n", "key 'follow': must be a list of strings"),
    (lambda s: s.replace("[[sites]]", "[[sites]"), "not valid TOML"),
    (lambda s: "", "no [[sites]] entries"),
    (lambda s: s + "body_css = 'div[class='\n", "key 'body_css': invalid CSS selector"),
    (lambda s: 'sites = ["a"]\n', "site #1: not a [[sites]] table"),
    (lambda s: s + "title_css = 3\n", "site 'demo': key 'title_css': must be a string"),
    (lambda s: "zeta = 1\nalpha = 2\n" + s, "unknown top-level key 'alpha' (expected [[sites]])"),
    (lambda s: s + s.replace('name = "demo"\n', ""), "site '#2': key 'name': missing"),
])
def test_bad_site_list_is_refused_with_one_line(tmp_path, change, message):
    path = tmp_path / "sites.toml"
    path.write_text(change(GOOD), encoding="utf-8")
    with pytest.raises(SiteListError, match=re.escape(message)):
        load_sites(path)


@pytest.mark.parametrize("verb", ["run", "sites"])
def test_bad_site_list_exits_2_before_any_request(tmp_path, replica, verb):
    path = replica.write_sites(tmp_path / "sites.toml", replica.centrs)
    path.write_text(path.read_text() + "colour = 'red'\n")
    done = projwatch(verb, "--sites", str(path), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "site 'centrs'" in done.stderr and "key 'colour'" in done.stderr
    assert replica.centrs.served == []


def test_missing_site_list_exits_2(tmp_path):
    done = projwatch("sites", "--sites", str(tmp_path / "nope.toml"), cwd=tmp_path)
    assert done.returncode == 2
    assert "nope.toml: no such site list" in done.stderr


def test_sites_lists_the_shipped_sites():
    done = projwatch("sites", cwd=ROOT)
    assert done.returncode == 0
    assert len(done.stdout.strip().splitlines()) == len(load_sites(ROOT / "sites.toml"))


def test_site_list_from_environment(tmp_path):
    (tmp_path / "mine.toml").write_text(GOOD)
    done = projwatch("sites", cwd=tmp_path, env={"PROJWATCH_SITES": str(tmp_path / "mine.toml")})
    assert done.returncode == 0 and done.stdout.startswith("demo\t")
