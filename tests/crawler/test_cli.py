"""The ``projwatch`` group: each verb runs its own command, and a verb imports only its own modules (a
cron ``run`` does not pay for the extractor, Datasette or the probe: the readers import the extractor)."""
import subprocess
import sys

import pytest
from click.testing import CliRunner

from crawler.cli import VERBS, main
from tests.conftest import ROOT


@pytest.mark.parametrize("verb", VERBS)
def test_each_verb_runs_its_own_command(verb):
    assert main.get_command(None, verb).name == verb
    assert f"Usage: main {verb}" in CliRunner().invoke(main, [verb, "--help"]).output


def test_an_unknown_verb_is_a_usage_error():
    done = CliRunner().invoke(main, ["crawl"])
    assert done.exit_code == 2 and "No such command 'crawl'" in done.output


def test_run_does_not_import_the_extractor_nor_datasette():
    probe = ("import sys; from crawler.cli import main; main(['run', '--help'], standalone_mode=False); "
             "print(sorted(m for m in ('crawler.extract.page', 'datasette', 'crawler.probe') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
