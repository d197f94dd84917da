"""CMS families: an entry of a known family is a name, a title, the family and a URL; its own keys win;
bad input stops with one line naming site and key, exit 2."""
import re

import pytest

from crawler.families import host_regex, load_families
from crawler.sites import SiteListError, load_sites
from tests.conftest import ROOT, projwatch

ENTRY = '[[sites]]\nname = "demo"\ntitle = "Demo"\nfamily = "state-platform"\nurl = "https://www.demo.lv"\n'


def load(tmp_path, text):
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return load_sites(path)


def test_a_family_entry_gets_its_keys_from_the_url(tmp_path):
    [site] = load(tmp_path, ENTRY)
    assert site.family == "state-platform" and site.url == "https://www.demo.lv"
    assert site.start_urls == ["https://www.demo.lv/lv/jaunumi", "https://www.demo.lv/lv/projekti"]
    assert site.feed_urls == ["https://www.demo.lv/lv/rss/articles"]
    assert site.allowed_domains == ["demo.lv"]
    match = lambda url: any(re.search(p, url) for p in site.articles)   # noqa: E731
    assert match("https://demo.lv/lv/jaunums/projekta-sanaksme") and match("http://www.demo.lv/lv/projekts/x-0")
    assert not match("https://www.demo.lv/lv/jaunumi?page=2") and not match("https://other.lv/lv/jaunums/x")
    assert not match("https://sub.demo.lv/lv/jaunums/x")


def test_explicit_keys_win_and_family_keeps_the_family_items(tmp_path):
    [site] = load(tmp_path, ENTRY + "feed_urls = []\narticles = ['{family}', '^{host}/blog/class/[^/]+/$']\n")
    assert site.feed_urls == []
    assert site.articles == [*load(tmp_path, ENTRY)[0].articles, "^" + host_regex("https://demo.lv") + "/blog/class/[^/]+/$"]
    assert site.start_urls == ["https://www.demo.lv/lv/jaunumi", "https://www.demo.lv/lv/projekti"]


def test_every_family_fills_every_required_key():
    for family in load_families().values():
        keys = family.keys_for("https://x.lv")
        assert keys["start_urls"] and keys["articles"], family.name
        assert "{" not in "".join(keys["start_urls"] + keys.get("feed_urls", []))


HEAD = '[[sites]]\nname = "demo"\ntitle = "Demo"\n'


@pytest.mark.parametrize("keys, message", [
    ('family = "joomla"\nurl = "https://demo.lv"\n', "site 'demo': key 'family': unknown family 'joomla'"),
    ('family = "state-platform"\n', "site 'demo': key 'url': missing"),
    ('family = "wordpress"\nurl = "https://demo.lv/jaunumi/"\n', "site 'demo': key 'url': must be the site's base URL"),
    ('family = "wordpress"\nurl = "ftp://demo.lv"\n', "site 'demo': key 'url': not an http(s) URL"),
    ('family = "state-platform"\nurl = "https://www.demo.lv"\nstart_urls = ["https://other.lv/lv/jaunumi"]\n',
     "site 'demo': key 'start_urls': 'https://other.lv/lv/jaunumi' is not on the site's url https://www.demo.lv "
     "(conflicting keys 'url' and 'start_urls')"),
    ('family = "ventspils-cms"\nurl = "https://demo.lv"\nfeed_urls = ["{family}"]\n',
     "site 'demo': key 'feed_urls': '{family}' but family 'ventspils-cms' has no feed_urls"),
])
def test_bad_family_entries_are_refused_with_one_line(tmp_path, keys, message):
    with pytest.raises(SiteListError, match=re.escape(message)):
        load(tmp_path, HEAD + keys)


def test_an_unknown_family_exits_2_with_one_line(tmp_path):
    (tmp_path / "sites.toml").write_text(ENTRY.replace("state-platform", "typo3"))
    for verb in (["sites"], ["run"], ["probe", "--site", "demo"]):
        done = projwatch(*verb, "--sites", str(tmp_path / "sites.toml"), cwd=tmp_path)
        assert done.returncode == 2, verb
        assert done.stderr.strip().count("\n") == 0
        assert "site 'demo': key 'family': unknown family 'typo3'" in done.stderr


def test_sites_families_lists_the_families():
    done = projwatch("sites", "--families", cwd=ROOT)
    assert done.returncode == 0
    names = [line.split("\t")[0] for line in done.stdout.splitlines() if not line.startswith(" ")]
    assert names == list(load_families())
    assert "start_urls = ['{base}/lv/jaunumi', '{base}/lv/projekti']" in done.stdout


def test_families_ship_with_the_package():
    """pyproject's package-data ships every *.toml of the packages: families.toml is one."""
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"*" = ["*.toml"' in pyproject and (ROOT / "crawler" / "families.toml").exists()
