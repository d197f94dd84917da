"""``projwatch run`` in-process (``click.testing.CliRunner`` on the command object): a user's error is
one line and exit 2 before any request or any file is made, and one small real run against the replica
stores its pages and exits 0.

Scrapy's reactor runs once per process: this file's one real run is the only crawl a test starts in the
test process (every other crawl runs ``projwatch`` as a subprocess)."""
import pytest
import sqlite_utils
from click.testing import CliRunner

from crawler.run_cli import run
from tests.conftest import FAST, article_urls, stored_urls

ENV = {"PROJWATCH_NOTIFY": None, "PROJWATCH_SITES": None, "PROJWATCH_DB": None}
SITE_LIST = """[[sites]]
name = "centrs"
title = "Digitālais centrs"
start_urls = ["http://127.0.0.1:9/jaunumi"]
articles = ['/jaunumi/\\d{4}/']
"""


def invoke(*args: str):
    return CliRunner().invoke(run, list(args), env=ENV)


@pytest.fixture
def sites(tmp_path):
    path = tmp_path / "sites.toml"
    path.write_text(SITE_LIST, encoding="utf-8")
    return path


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    return line


@pytest.mark.parametrize("site_list, says", [
    (None, "no such site list"),
    (SITE_LIST.replace('"centrs"', '"Centrs"'), "site 'Centrs': key 'name': must be lowercase"),
    ("[[sites]]\nname = 'centrs'\n", "key 'title': missing"),
    (SITE_LIST.replace("articles", "artikli"), "key 'artikli': unknown key"),
    ("[[sites\n", "not valid TOML"),
])
def test_a_bad_site_list_is_one_line_and_exit_2(tmp_path, site_list, says):
    path = tmp_path / "sites.toml"
    if site_list is not None:
        path.write_text(site_list, encoding="utf-8")
    line = one_error_line(invoke("--sites", str(path), "--db", str(tmp_path / "projwatch.db")))
    assert says in line and str(path) in line
    assert not (tmp_path / "projwatch.db").exists()


def test_a_missing_database_folder_is_one_line_and_exit_2(tmp_path, sites):
    missing = tmp_path / "nav"
    line = one_error_line(invoke("--sites", str(sites), "--db", str(missing / "projwatch.db")))
    assert line == f"Error: --db {missing / 'projwatch.db'}: the folder {missing} does not exist"
    assert not missing.exists()     # not made by the lock either


@pytest.mark.parametrize("setting, says", [
    ("DOWNLOAD_DELAY", "--set 'DOWNLOAD_DELAY': expected NAME=VALUE"),
    ("=2", "--set '=2': expected NAME=VALUE"),
    ("PROJWATCH_NOW=rīt", "PROJWATCH_NOW='rīt': not an ISO 8601 time"),
    ("PROJWATCH_NOW=2026-12-01T08:30:00", "needs an offset"),
])
def test_a_bad_setting_is_one_line_and_exit_2(tmp_path, sites, setting, says):
    line = one_error_line(invoke("--sites", str(sites), "--db", str(tmp_path / "projwatch.db"), "-s", setting))
    assert says in line
    assert not (tmp_path / "projwatch.db").exists()


def test_a_file_that_is_no_database_is_one_line_and_exit_2(tmp_path, sites):
    path = tmp_path / "projwatch.db"
    path.write_bytes(b"not a database " * 400)
    line = one_error_line(invoke("--sites", str(sites), "--db", str(path)))
    assert f"cannot open database {path}" in line


def test_a_run_stores_the_sites_articles_and_exits_0(tmp_path, replica):
    site = replica.centrs
    sites = replica.write_sites(tmp_path / "sites.toml", site)
    db_path = tmp_path / "projwatch.db"
    result = invoke("--sites", str(sites), "--db", str(db_path), *FAST, "-s", "PROJWATCH_WORKERS=0")
    assert result.exit_code == 0, result.output
    assert stored_urls(db_path) == article_urls(site)
    assert "centrs: first run, the baseline" in result.stdout
    [row] = sqlite_utils.Database(db_path)["runs"].rows
    assert (row["site"], row["failed"], row["finish_reason"]) == ("centrs", 0, "finished")
    assert (tmp_path / "projwatch-httpcache").is_dir()     # the cache beside the database
