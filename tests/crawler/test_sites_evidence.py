"""The shipped site list against the real page addresses of ../shared/sites/EVIDENCE.md
(``cases/evidence.yaml``): every article matched by its site's ``articles``, no section, static page,
listing, other host or deliberately skipped shortlink matched."""
import re
from pathlib import Path

import pytest
import yaml

from crawler.sites import load_sites
from tests.conftest import ROOT, SHARED, require_shared

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "evidence.yaml").read_text(encoding="utf-8"))
SITES = {site.name: site for site in load_sites(ROOT / "sites.toml")}
EVIDENCE = SHARED / "sites" / "EVIDENCE.md"


def table(*kinds: str) -> list[tuple[str, str]]:
    return [(name, url) for name, case in CASES.items() for kind in kinds for url in case.get(kind, [])]


def matched(site: str, url: str) -> bool:
    return any(re.search(pattern, url) for pattern in SITES[site].articles)


@pytest.mark.parametrize("site, url", table("articles"))
def test_every_real_article_is_matched(site, url):
    assert matched(site, url)


@pytest.mark.parametrize("site, url", table("not_articles", "skipped", "other_hosts"))
def test_no_section_page_listing_or_other_host_is_matched(site, url):
    assert not matched(site, url)


def test_the_site_list_has_twenty_real_sites_all_evidenced():
    assert len(SITES) >= 20
    assert set(CASES) == set(SITES)
    assert all(len(case["articles"]) + len(case.get("skipped", {})) >= 2 for case in CASES.values())


@pytest.mark.parametrize("site, url", table("skipped"))
def test_a_skipped_article_is_said_so_in_its_entry(site, url):
    entry = next(block for block in (ROOT / "sites.toml").read_text(encoding="utf-8").split("[[sites]]")
                 if f'name = "{site}"' in block)
    assert "shortlink" in entry and "shortlink" in CASES[site]["skipped"][url]


def test_the_table_holds_every_address_of_the_evidence_on_a_listed_site():
    """An address added to EVIDENCE.md for a listed site fails here until the table places it."""
    require_shared(EVIDENCE)
    hosts = {re.sub(r"^www\.", "", re.match(r"https?://([^/]+)", url).group(1)) for _, url in table("articles")}
    placed = {url for case in CASES.values() for kind in case.values() for url in kind}
    evidence = EVIDENCE.read_text(encoding="utf-8").split("### Candidates not evidenced")[0]
    missing = [url for url in re.findall(r"`(https?://[^`\s]+)`", evidence)
               if re.sub(r"^www\.", "", re.match(r"https?://([^/]+)", url).group(1)) in hosts and url not in placed]
    assert missing == []
