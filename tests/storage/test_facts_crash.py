"""A writer killed with SIGKILL mid-run leaves a sound database: no change without its alerts."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from storage import open_db

ROOT = Path(__file__).resolve().parents[2]
WRITER = """
import sys
from storage import open_db
from storage.facts import record_page_facts
from crawler.kinds import EVERYTHING, Route

db = open_db(sys.argv[1])
for number in range(100000):
    url = f"https://example.lv/jaunumi/{number}"
    db["pages"].insert({"url": url, "site": "example", "first_seen": "t", "last_seen": "t", "content_hash": "h"})
    project = {"name": f"Projekts {number % 50}", "name_en": None, "acronym": None, "programme": "urbact",
               "lead_partner": {"name": None, "country": None}, "partners": [], "periods": [],
               "meetings": [{"start": f"2022-01-{number % 28 + 1:02d}", "end": None, "city": "Oulu",
                             "country": "FI", "online": False, "kind": None}],
               "funding": [{"amount": 1000.0 + number, "currency": "EUR", "kind": "total", "holder": None,
                            "share_pct": None}]}
    record_page_facts(db, page_url=url, version_id=None, projects=[project], now=f"t{number}", alert=True,
                      routing={"mail": EVERYTHING, "tg": (Route(kinds=frozenset({"new_meeting"})),)})
    if number == 20:
        print("writing", flush=True)
"""


def test_sigkill_mid_run_leaves_every_change_with_its_alerts(tmp_path):
    path = tmp_path / "projwatch.db"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "writing\n"
    time.sleep(0.3)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()

    db = open_db(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db["changes"].count > 20
    without_alerts = db.execute(
        "SELECT count(*) FROM changes WHERE kind != 'new_project'"
        " AND id NOT IN (SELECT change_id FROM outbox WHERE channel = 'mail')").fetchone()[0]
    meetings_missing_tg = db.execute(
        "SELECT count(*) FROM changes WHERE kind = 'new_meeting'"
        " AND id NOT IN (SELECT change_id FROM outbox WHERE channel = 'tg')").fetchone()[0]
    assert without_alerts == 0 and meetings_missing_tg == 0
    pages_with_facts = db.execute("SELECT count(DISTINCT page_url) FROM fact_sources").fetchone()[0]
    assert pages_with_facts == db.execute("SELECT count(DISTINCT page_url) FROM changes").fetchone()[0]
