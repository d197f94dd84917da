"""The scorer of ../shared/eval on the shared real pages (dev and dev2): every fact type keeps F1 ≥ 0.97,
and the kind of each funding figure and the place of each meeting are right ≥ 0.95 of the time.

What the database holds for the same pages after a crawl is held to the same figures in
tests/crawler/test_facts_road.py."""
import json
import subprocess
import sys
import pytest

from tests.conftest import ROOT as REPO, SHARED, require_shared

SCORER = SHARED / "eval/score.py"
MIN_F1 = 0.97
MIN_ATTRIBUTES = 0.95
FACT_TYPES = ("meetings", "funding", "programmes", "partner_countries")


@pytest.mark.parametrize("corpus", ["dev", "dev2"])
def test_corpus_scores(corpus):
    gold = SHARED / "corpus" / corpus
    require_shared(gold, SCORER)
    command = f"{sys.executable} -m crawler.extract_cli --jsonl {{input}}"
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--cmd", command, "--json"],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    low = {name: report[name]["f1"] for name in FACT_TYPES if report[name]["f1"] < MIN_F1}
    low |= {f"{name} attributes": report[name]["attributes_right"] for name in ("meetings", "funding")
            if report[name]["attributes_right"] < MIN_ATTRIBUTES}
    assert not low, f"below the gate: {low}"
