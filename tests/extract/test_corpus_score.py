"""The scorer of ../shared/eval on the dev corpus: every fact type must keep F1 ≥ 0.95."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / "../shared"
GOLD = SHARED / "corpus/dev"
SCORER = SHARED / "eval/score.py"
MIN_F1 = 0.95
FACT_TYPES = ("meetings", "funding", "programmes", "partner_countries")


def test_dev_corpus_scores():
    if not GOLD.is_dir() or not SCORER.is_file():
        pytest.skip("the shared dev corpus and scorer are not here")
    command = f"{sys.executable} -m crawler.extract_cli --jsonl {{input}}"
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--cmd", command, "--json"],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    low = {name: report[name]["f1"] for name in FACT_TYPES if report[name]["f1"] < MIN_F1}
    assert not low, f"F1 below {MIN_F1}: {low}"
