"""Revalidation benchmark: what a day of half-hourly runs costs a site that sends validators (ETag and
Last-Modified: 304s) and the same site without them (WordPress without a cache plugin: every answer a 200).

A generated WordPress-like replica on 127.0.0.1 (default 145 articles, 10 a listing page, a feed): a third
published in the last days, a third without a date (fresh by first sight), a third of past years. The day
is played on a simulated clock in one process (``tests.replica.series``, ``PROJWATCH_NOW``); requests, 304s
and bytes of 200 answers per run come from each run's report (``runs``), fetches per article from the
replica's own log.

    .venv/bin/python bench/revalidation_bench.py [--articles 145] [--runs 48]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.replica import Article, ReplicaSite, serve_sites  # noqa: E402

START = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)
PARAGRAPHS = (
    "Pašvaldība {n}. reizi rīkoja iedzīvotāju forumu par pilsētvides attīstību un jaunajiem projektiem.",
    "No {d}. līdz {e}. novembrim Tartu, Igaunijā notika projekta partneru tikšanās, kurā piedalījās arī "
    "pašvaldības pārstāvji.",
    "Projekta kopējais budžets ir EUR {n} 400,00, no tiem ERAF finansējums – EUR {n} 340,00.",
    "Sīkāka informācija pieejama pašvaldības mājaslapā un pa tālruni darba dienās no 9 līdz 17. " * 12,
)


def generated_site(count: int, validators: bool) -> ReplicaSite:
    def date(n: int) -> str | None:
        return (f"2026-11-{20 + n % 10}", None, f"20{15 + n % 10}-0{1 + n % 9}-1{n % 9}")[n % 3]

    articles = [Article(f"zina-{n}", f"Ziņa numur {n} par pilsētas projektiem", date(n),
                        tuple(p.format(n=n, d=1 + n % 20, e=2 + n % 20) for p in PARAGRAPHS)) for n in range(count)]
    return ReplicaSite("blog", "bench", "Bench", articles, per_page=10, validators=validators)


def play_day(site: ReplicaSite, runs: int, tmp: Path) -> tuple[list[dict], Counter, float]:
    """``runs`` half-hourly runs from START: each run's report, fetches per article, seconds."""
    sites = tmp / f"{site.validators}.toml"
    sites.write_text(site.site_entry(), encoding="utf-8")
    site.reset_counts()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tests.replica.series", str(sites), str(tmp / f"{site.validators}.db"),
                           START.isoformat(), str(runs)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        sys.exit(f"the series failed:\n{done.stderr[-3000:]}")
    reports = [json.loads(line)["reports"][0] for line in done.stdout.splitlines()]
    paths = {site.article_path(article) for article in site.articles}
    fetches = Counter(path for path, status, _ in site.served if status == 200 and path in paths)
    return reports, fetches, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=145)
    parser.add_argument("--runs", type=int, default=48)
    args = parser.parse_args()
    kinds = {"validators": generated_site(args.articles, True), "no validators": generated_site(args.articles, False)}
    results = {}
    with tempfile.TemporaryDirectory() as tmp, serve_sites(*kinds.values()):
        for name, site in kinds.items():
            results[name] = play_day(site, args.runs, Path(tmp))

    print(f"\n{args.articles} articles (a third of the last days, a third undated, a third old), 10 a listing page;"
          f" {args.runs} runs every 30 minutes on a simulated clock\n")
    print(f"{'run at':>7}  {'validators: requests':>20} {'304s':>5} {'kB':>7}   {'no validators: requests':>23} {'kB':>7}")
    with_v, without = results["validators"][0], results["no validators"][0]
    for n, (a, b) in enumerate(zip(with_v, without)):
        print(f"{n / 2:>6.1f}h  {a['requests']:>20} {a['revalidated']:>5} {a['bytes'] / 1000:>7.1f}   "
              f"{b['requests']:>23} {b['bytes'] / 1000:>7.1f}")
    print()
    print(f"{'':<42} {'validators':>12} {'no validators':>14}")
    rows = {
        "first run, kB": lambda r, f: f"{r[0]['bytes'] / 1000:.1f}",
        "unchanged re-run / first run, bytes": lambda r, f: f"{r[1]['bytes'] / r[0]['bytes']:.1%}",
        "unchanged re-run, requests": lambda r, f: str(r[1]["requests"]),
        f"the {args.runs - 1} re-runs together, kB": lambda r, f: f"{sum(x['bytes'] for x in r[1:]) / 1000:.1f}",
        f"the {args.runs - 1} re-runs together / first run": lambda r, f: f"{sum(x['bytes'] for x in r[1:]) / r[0]['bytes']:.2f}x",
        "requests in the day": lambda r, f: str(sum(x["requests"] for x in r)),
        "most fetches (200) of one article": lambda r, f: str(max(f.values())),
        "articles fetched more than once": lambda r, f: str(sum(count > 1 for count in f.values())),
    }
    for label, cell in rows.items():
        print(f"{label:<42} {cell(*results['validators'][:2]):>12} {cell(*results['no validators'][:2]):>14}")
    print(f"{'seconds for the day (one process)':<42} {results['validators'][2]:>12.1f} "
          f"{results['no validators'][2]:>14.1f}")


if __name__ == "__main__":
    main()
