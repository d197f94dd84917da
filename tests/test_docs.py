"""The README stays honest: its first commands are what CI runs, and every verb and key is documented."""
import re

import pytest

from crawler.cli import main
from crawler.sites import Site
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command():
    ci_command = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci_command in README.split("## What it does")[0]


@pytest.mark.parametrize("verb", sorted(main.commands))
def test_every_verb_is_documented(verb):
    assert re.search(rf"`projwatch {re.escape(verb)}\b", README), f"README lacks `projwatch {verb}`"


@pytest.mark.parametrize("key", sorted(Site.__dataclass_fields__))
def test_every_site_key_is_documented(key):
    assert f"{key}" in README


def test_readme_shows_the_cron_line():
    assert "*/30 * * * * cd /srv/projwatch && .venv/bin/projwatch run" in README
