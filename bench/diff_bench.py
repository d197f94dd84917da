"""The diff stage as the database grows: time per page to store a page and record its facts (identity,
diff, changes, outbox), measured in windows from an empty database up to ``--pages`` pages.

    .venv/bin/python bench/diff_bench.py [--pages 50000] [--window 500]
"""
import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage import open_db  # noqa: E402
from storage.facts import record_page_facts  # noqa: E402
from storage.pages import save_page  # noqa: E402

PROGRAMMES = ("urbact", "interreg-bsr", "interreg-estonia-latvia", "erasmus-plus", "uia", "rdp-leader")
COUNTRIES = ("FI", "EE", "IT", "FR", "PT", "BE", "LT", "SE")


def projects_of(n: int) -> list[dict]:
    """What the extractor might say of page ``n``: one of many projects, a meeting, two figures."""
    project = n // 7           # about seven pages per project
    day = datetime(2015, 1, 1) + timedelta(days=n % 3000)
    return [{
        "name": f"Projekts numur {project}", "name_en": f"Project number {project}", "acronym": f"P{project}",
        "programme": PROGRAMMES[project % len(PROGRAMMES)],
        "lead_partner": {"name": f"Pašvaldība {project % 97}", "country": COUNTRIES[project % len(COUNTRIES)]},
        "partners": [{"name": f"Partneris {project % 89}", "country": "LV"}],
        "meetings": [{"start": day.date().isoformat(), "end": day.date().isoformat(), "city": "Tartu",
                      "country": "EE", "online": False, "kind": "partner meeting"}],
        "funding": [{"amount": 100000.0 + project, "currency": "EUR", "kind": "total", "holder": None,
                     "share_pct": None},
                    {"amount": 85000.0 + project + n % 3, "currency": "EUR", "kind": "eu", "holder": None,
                     "share_pct": 85.0}],
        "periods": [],
    }]


def store(db, n: int, now: datetime) -> None:
    url = f"https://example.lv/jaunumi/{n}"
    text = f"Ziņa {n} par projektu."
    with db.atomic():
        saved = save_page(db, url=url, site="bench", title=f"Ziņa {n}", published=None, text=text,
                          html=f"<p>{text}</p>", now=now)
        record_page_facts(db, page_url=url, version_id=saved.version_id, projects=projects_of(n),
                          now=now.isoformat(timespec="seconds"), alert=True, routing={"mail": None})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--window", type=int, default=500)
    args = parser.parse_args()
    checkpoints = sorted({0, *range(args.pages // 5, args.pages + 1, args.pages // 5)} - {args.pages})
    now = datetime.now(timezone.utc)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        n = 0
        for checkpoint in checkpoints:
            while n < checkpoint:
                store(db, n, now)
                n += 1
            started = time.perf_counter()
            for _ in range(args.window):
                store(db, n, now)
                n += 1
            rows.append((checkpoint, (time.perf_counter() - started) / args.window * 1000))
        size = (Path(tmp) / "bench.db").stat().st_size
    print(f"\ndiff stage: store a page and record its facts, {args.window} pages per window\n")
    print(f"{'pages in database':>18} {'ms per page':>12}")
    for checkpoint, ms in rows:
        print(f"{checkpoint:>18} {ms:>12.2f}")
    print(f"\ngrowth from empty to {checkpoints[-1]} pages: {rows[-1][1] / rows[0][1]:.2f}x  (target: flat)")
    print(f"database size at {n} pages: {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
