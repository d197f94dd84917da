"""The README stays honest: its first commands are what CI runs, and every verb and key is documented."""
import os
import re
import shutil
import subprocess

import pytest

from crawler.cli import VERBS
from crawler.sites import Site
from tests.conftest import REQUIRE_SHARED, ROOT, require_shared

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command():
    ci_command = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci_command in README.split("## What it does")[0]


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_every_verb_is_documented(verb):
    assert re.search(rf"`projwatch {re.escape(verb)}\b", README), f"README lacks `projwatch {verb}`"


@pytest.mark.parametrize("key", sorted(Site.__dataclass_fields__))
def test_every_site_key_is_documented(key):
    assert f"{key}" in README


def test_readme_shows_the_cron_line():
    assert "*/30 * * * * cd /srv/projwatch && .venv/bin/projwatch run" in README


def test_ci_fails_without_the_shared_corpus(tmp_path):
    """Without ../shared the corpus gates would skip and CI stay green: .ci/run stops first, saying why,
    before it installs anything."""
    clone = tmp_path / "clone"
    (clone / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", clone / ".ci" / "run")
    done = subprocess.run(["bash", str(clone / ".ci" / "run")], capture_output=True, text=True, timeout=30,
                          env={"PATH": os.environ["PATH"]})
    assert done.returncode == 1
    assert "../shared/corpus/dev is missing" in done.stderr
    assert not (clone / ".venv").exists()


def test_a_missing_shared_file_fails_a_gate_under_ci(tmp_path, monkeypatch):
    monkeypatch.setenv(REQUIRE_SHARED, "1")
    with pytest.raises(pytest.fail.Exception, match="CI needs them"):
        require_shared(tmp_path / "corpus" / "dev")
    monkeypatch.delenv(REQUIRE_SHARED)
    with pytest.raises(pytest.skip.Exception):
        require_shared(tmp_path / "corpus" / "dev")
