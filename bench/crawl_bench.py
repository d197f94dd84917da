"""Crawl benchmark on a generated replica site on 127.0.0.1, everything measured side by side in one run:

- projwatch's full ``run`` (crawl, store, extract, diff) vs a bare Scrapy spider that follows the same
  links and does nothing with the pages, on loopback (no latency: the cost of our processing laid bare)
  and with a network-like latency per answer (what a real site costs);
- unchanged re-runs vs the first run: with the default schedule (old articles re-checked weekly) and with
  every article due (the worst case: each one asked again and answered 304);
- in-process reading (``PROJWATCH_WORKERS=0``) vs the worker pool, and, with ``--compare CHECKOUT``,
  another checkout's first run (``git archive main | tar -x -C /tmp/main-ref``: before and after);
- the loopback first run and the bare spider measured in turn ``--pairs`` times (a shared machine's
  speed drifts by a third from minute to minute: one pair's ratio says as much about the drift as about
  projwatch); the table shows the median pair, the ratio is the pairs' median, each pair's listed;
- requests, bytes downloaded in 200 answers, seconds, CPU seconds of the reactor's thread and of every
  process of the run (worker processes too), and peak memory of all of them (``bench/measure.py``).

    .venv/bin/python bench/crawl_bench.py [--articles 2000] [--latency-ms 100] [--pairs 3] [--compare /tmp/main-ref]
"""
import argparse
import logging
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.articles import article_text  # noqa: E402
from bench.measure import run_measured  # noqa: E402
from tests.replica import Article, ReplicaSite, serve_sites  # noqa: E402

# Both crawlers get the same settings: no AutoThrottle, no delay (what is measured is our work, not waiting).
LOOPBACK = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0"]

def generated_site(count: int) -> ReplicaSite:
    articles = [Article(f"zina-{n}", f"Ziņa numur {n} par pilsētas projektiem", f"20{10 + n % 14}-0{1 + n % 9}-1{n % 9}",
                        article_text(n))
                for n in range(count)]
    return ReplicaSite("centrs", "bench", "Bench", articles, per_page=20)


def measure(site: ReplicaSite, command: list[str], root: Path = ROOT, env: dict | None = None) -> dict:
    """Run ``command`` (a Python command line) with the reactor's CPU during the crawl recorded."""
    site.reset_counts()
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "reactor-cpu"
        command = [command[0], str(ROOT / "bench" / "reactor_cpu.py"), *command[1:]]
        measured = run_measured(command, root, {**os.environ, "PYTHONPATH": str(root), "BENCH_REACTOR_CPU": str(record),
                                                **(env or {})})
        crawl_cpu = sum(float(line) for line in record.read_text().split())
    return {"requests": len(site.served), "bytes": site.bytes_served, "seconds": measured.seconds,
            "main_cpu": crawl_cpu, "cpu": measured.cpu, "rss": measured.peak_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT",
                        help="Another checkout of projwatch (e.g. `git archive main`) whose first run is measured "
                             "in the same run, side by side.")
    parser.add_argument("--pairs", type=int, default=3,
                        help="How many times the bare spider and the loopback first run (and --compare's) are "
                             "measured in turn.")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    site = generated_site(args.articles)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp, serve_sites(site):
        tmp = Path(tmp)
        (tmp / "default.toml").write_text(site.site_entry())
        (tmp / "due.toml").write_text(site.site_entry() + "fresh_days = 100000\n")

        def projwatch(sites: str, db: str) -> list[str]:
            return [sys.executable, "-m", "crawler", "run", "--sites", str(tmp / sites), "--db", str(tmp / db),
                    *LOOPBACK]

        bare = [sys.executable, "bench/bare_spider.py", str(tmp / "default.toml"), "bench"]
        compared = f"projwatch run, first, {args.compare.name}" if args.compare else None
        pairs = []
        for n in range(args.pairs):
            pair = {"bare Scrapy spider": measure(site, bare),
                    "projwatch run, first": measure(site, projwatch("default.toml", f"a{n}.db"))}
            if compared:
                pair[compared] = measure(site, projwatch("default.toml", f"ref{n}.db"), root=args.compare.resolve())
            pairs.append(pair)
        ratios = {name: [pair[name]["seconds"] / pair["bare Scrapy spider"]["seconds"] for pair in pairs]
                  for name in pairs[0] if name != "bare Scrapy spider"}
        median = sorted(range(args.pairs), key=lambda n: ratios["projwatch run, first"][n])[args.pairs // 2]
        rows.update(pairs[median])   # the median pair's rows go in the table
        rows["projwatch run, first, in-process (WORKERS=0)"] = measure(
            site, projwatch("default.toml", "w0.db"), env={"PROJWATCH_WORKERS": "0"})
        rows["re-run, default schedule"] = measure(site, projwatch("default.toml", f"a{median}.db"))
        measure(site, projwatch("due.toml", "b.db"))
        rows["re-run, every article due (304s)"] = measure(site, projwatch("due.toml", "b.db"))
        site.latency = args.latency_ms / 1000
        rows[f"bare Scrapy spider, {args.latency_ms:g} ms"] = measure(site, bare)
        rows[f"projwatch run, first, {args.latency_ms:g} ms"] = measure(site, projwatch("default.toml", "c.db"))

    bare, first, rerun, due = (rows["bare Scrapy spider"], rows["projwatch run, first"],
                               rows["re-run, default schedule"], rows["re-run, every article due (304s)"])
    slow_bare, slow_first = list(rows.values())[-2:]
    pages = args.articles
    print(f"\n{args.articles} articles on 127.0.0.1; both crawlers with AutoThrottle off and no delay\n")
    print(f"{'run':<46} {'requests':>8} {'MB (200s)':>10} {'seconds':>8} {'crawl reactor CPU s':>19} {'CPU s':>6} "
          f"{'peak MB':>8}")
    for name, row in rows.items():
        print(f"{name:<46} {row['requests']:>8} {row['bytes'] / 1e6:>10.2f} {row['seconds']:>8.1f} "
              f"{row['main_cpu']:>19.1f} {row['cpu']:>6.1f} {row['rss']:>8.0f}")
    print()
    print("reactor-thread CPU of the crawl a page, beyond the bare spider's (the cost of a page, target <= 2 ms):")
    for name, row in rows.items():
        if name.startswith("projwatch run, first") and not name.endswith(" ms"):
            print(f"  {name:<46} {(row['main_cpu'] - bare['main_cpu']) / pages * 1000:6.2f} ms")
    print(f"first run / bare spider time, loopback:        {statistics.median(ratios['projwatch run, first']):.2f}x"
          f"  (target <= 1.5x; the median of {args.pairs} pairs)")
    for name, each in ratios.items():
        if name != "projwatch run, first":
            print(f"  {name + ' / bare':<46} {statistics.median(each):.2f}x")
    print(f"  {'in-process (WORKERS=0) / bare, the median pair':<46} "
          f"{rows['projwatch run, first, in-process (WORKERS=0)']['seconds'] / bare['seconds']:.2f}x")
    for n, pair in enumerate(pairs):
        print(f"  pair {n + 1}: bare {pair['bare Scrapy spider']['seconds']:.1f} s, "
              + ", ".join(f"{name.removeprefix('projwatch run, ')} {pair[name]['seconds']:.1f} s ({each[n]:.2f}x)"
                          for name, each in ratios.items()))
    print(f"first run / bare spider time, {args.latency_ms:g} ms latency:  "
          f"{slow_first['seconds'] / slow_bare['seconds']:.2f}x  (target <= 1.5x)")
    print(f"re-run / first run bytes:                      {rerun['bytes'] / first['bytes']:.1%}  (target <= 10%)")
    print(f"re-run / first run time, default schedule:     {rerun['seconds'] / first['seconds']:.1%}  (target <= 25%)")
    print(f"re-run / first run time, every article due:    {due['seconds'] / first['seconds']:.1%}")
    peak = max(row["rss"] for name, row in rows.items()
               if "bare" not in name and not (args.compare and name.endswith(args.compare.name)))
    print(f"peak memory of a run (all its processes, PSS): {peak:.0f} MB"
          f"  (target <= 300 MB)")


if __name__ == "__main__":
    main()
