"""Scale benchmark: N generated sites of the CMS families on 127.0.0.1 (each on its own port), crawled by
one ``projwatch run``; everything measured from outside (``bench/measure.py``), side by side in one run.

Per N (default 10, 100, 300 sites, each with ``--articles`` articles):

- the first run and an unchanged cron run straight after it, on loopback with no delay and no
  AutoThrottle (our cost laid bare);
- the same with a network-like latency per answer; there the cron run uses the shipped polite settings
  (DOWNLOAD_DELAY and AutoThrottle), as cron would;
- pages stored, requests, seconds, pages/s, CPU seconds of the reactor's thread and of all the run's
  processes (the worker processes too; the main thread is the reactor's, with start-up and the stages
  after the crawl), peak memory of all of them (PSS) and peak open file handles.

From the cron rows it says how many sites one machine serves within a 30-minute cron interval.

    .venv/bin/python bench/scale_bench.py [--sites 10,100,300] [--articles 200] [--latency-ms 100]
"""
import argparse
import logging
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.articles import article_text  # noqa: E402
from bench.measure import run_measured  # noqa: E402
from tests.replica import Article, ReplicaSite, serve_sites  # noqa: E402

LOOPBACK = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0"]
CRON_INTERVAL = 30 * 60
#: The replica's styles and the CMS family (crawler/families.toml) each stands for.
FAMILIES = {"portal": "state-platform", "wordpress": "wordpress", "centrs": "ventspils-cms"}

def generated_site(number: int, articles: int) -> ReplicaSite:
    style = list(FAMILIES)[number % len(FAMILIES)]
    made = [Article(f"zina-{number}-{n}", f"Ziņa {n} par vietnes {number} projektiem",
                    f"20{10 + n % 14}-0{1 + n % 9}-1{n % 9}",
                    article_text(n, number))
            for n in range(articles)]
    return ReplicaSite(style, f"vietne-{number}", f"Vietne {number}", made, per_page=20)


def site_list(sites: list[ReplicaSite]) -> str:
    return "\n".join(f'[[sites]]\nname = "{site.name}"\ntitle = "{site.title}"\nfamily = "{FAMILIES[site.style]}"\n'
                     f'url = "{site.base_url}"\n' for site in sites)


def measure(sites: list[ReplicaSite], command: list[str], db: Path) -> dict:
    for site in sites:
        site.reset_counts()
    before = _pages(db)
    measured = run_measured(command, ROOT, {**os.environ, "PYTHONPATH": str(ROOT)})
    stored = _pages(db) - before
    return {"stored": stored, "requests": sum(len(site.served) for site in sites), "seconds": measured.seconds,
            "main_cpu": measured.main_cpu, "cpu": measured.cpu, "mb": measured.peak_mb, "fds": measured.peak_fds}


def _pages(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM pages").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", default="10,100,300", help="comma-separated site counts")
    parser.add_argument("--articles", type=int, default=200, help="articles a site")
    parser.add_argument("--latency-ms", type=float, default=100.0)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    counts = [int(count) for count in args.sites.split(",")]
    rows = []
    print(f"{'sites':>5} {'run':<28} {'stored':>7} {'requests':>8} {'seconds':>8} {'pages/s':>8} "
          f"{'main-thread CPU s':>17} {'CPU s':>7} {'peak MB':>8} {'peak fds':>8}", flush=True)
    for count in counts:
        sites = [generated_site(number, args.articles) for number in range(count)]
        with tempfile.TemporaryDirectory() as tmp, serve_sites(*sites):
            tmp = Path(tmp)
            (tmp / "sites.toml").write_text(site_list(sites), encoding="utf-8")
            for latency in (0.0, args.latency_ms / 1000):
                for site in sites:
                    site.latency = latency
                db = tmp / f"latency-{latency}.db"
                run = [sys.executable, "-m", "crawler", "run", "--sites", str(tmp / "sites.toml"), "--db", str(db)]
                label = f", {args.latency_ms:g} ms" if latency else ", loopback"
                for name, command in (("first run" + label, [*run, *LOOPBACK]),
                                      ("cron run" + label, run if latency else [*run, *LOOPBACK])):
                    row = {"sites": count, "run": name, **measure(sites, command, db)}
                    rows.append(row)
                    print(f"{count:>5} {name:<28} {row['stored']:>7} {row['requests']:>8} {row['seconds']:>8.1f} "
                          f"{row['stored'] / row['seconds']:>8.1f} {row['main_cpu']:>17.1f} {row['cpu']:>7.1f} "
                          f"{row['mb']:>8.0f} {row['fds']:>8}", flush=True)
    cores = os.cpu_count() or 1
    print(f"\nOne machine of {cores} cores, a cron run every {CRON_INTERVAL // 60} minutes (from the largest N):")
    for latency_name in ("loopback", f"{args.latency_ms:g} ms"):
        cron = [row for row in rows if row["run"] == f"cron run, {latency_name}"][-1]
        by_time = CRON_INTERVAL / (cron["seconds"] / cron["sites"])
        by_cpu = CRON_INTERVAL * cores / (cron["cpu"] / cron["sites"])
        per_site, cpu_per_site = cron["seconds"] / cron["sites"], cron["cpu"] / cron["sites"]
        print(f"  cron run, {latency_name}: {per_site:.2f} s and {cpu_per_site:.3f} "
              f"CPU s a site -> {min(by_time, by_cpu):,.0f} sites in {CRON_INTERVAL // 60} min "
              f"(wall clock allows {by_time:,.0f}, CPU {by_cpu:,.0f})")
    first = [row for row in rows if row["run"] == f"first run, {args.latency_ms:g} ms"][-1]
    print(f"  a new site's first run ({args.articles} articles): {first['cpu'] / first['sites']:.1f} CPU s "
          f"({first['stored'] / first['seconds']:.0f} pages/s over {first['sites']} sites)")
    print(f"  peak memory of the largest run: {max(row['mb'] for row in rows):.0f} MB (target < 500 MB)")


if __name__ == "__main__":
    main()
