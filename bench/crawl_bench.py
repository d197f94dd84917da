"""Crawl benchmark on a generated replica site on 127.0.0.1, everything measured side by side in one run:

- projwatch's full ``run`` (crawl, store, extract, diff) vs a bare Scrapy spider that follows the same
  links and does nothing with the pages, on loopback (no latency: the cost of our processing laid bare)
  and with a network-like latency per answer (what a real site costs);
- unchanged re-runs vs the first run: with the default schedule (old articles re-checked weekly) and with
  every article due (the worst case: each one asked again and answered 304);
- requests, bytes downloaded in 200 answers, seconds, and peak memory (max RSS) of each process.

    .venv/bin/python bench/crawl_bench.py [--articles 2000] [--latency-ms 20]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.replica import Article, ReplicaSite, serve_sites  # noqa: E402

# Both crawlers get the same settings: no AutoThrottle, no delay (what is measured is our work, not waiting).
LOOPBACK = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0"]
PARAGRAPHS = (
    "Pašvaldība {n}. reizi rīkoja iedzīvotāju forumu par pilsētvides attīstību un jaunajiem projektiem.",
    "No {d}. līdz {e}. novembrim Tartu, Igaunijā notika projekta partneru tikšanās, kurā piedalījās arī "
    "pašvaldības pārstāvji.",
    "Projekta kopējais budžets ir EUR {n} 400,00, no tiem ERAF finansējums – EUR {n} 340,00.",
    "Sīkāka informācija pieejama pašvaldības mājaslapā un pa tālruni.",
)


def generated_site(count: int) -> ReplicaSite:
    articles = [Article(f"zina-{n}", f"Ziņa numur {n} par pilsētas projektiem", f"20{10 + n % 14}-0{1 + n % 9}-1{n % 9}",
                        tuple(p.format(n=n, d=1 + n % 20, e=2 + n % 20) for p in PARAGRAPHS))
                for n in range(count)]
    return ReplicaSite("centrs", "bench", "Bench", articles, per_page=20)


def timed(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (seconds, peak RSS in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def measure(site: ReplicaSite, command: list[str]) -> dict:
    site.reset_counts()
    seconds, rss = timed(command)
    return {"requests": len(site.served), "bytes": site.bytes_served, "seconds": seconds, "rss": rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    args = parser.parse_args()
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
        rows["bare Scrapy spider"] = measure(site, bare)
        rows["projwatch run, first"] = measure(site, projwatch("default.toml", "a.db"))
        rows["re-run, default schedule"] = measure(site, projwatch("default.toml", "a.db"))
        measure(site, projwatch("due.toml", "b.db"))
        rows["re-run, every article due (304s)"] = measure(site, projwatch("due.toml", "b.db"))
        site.latency = args.latency_ms / 1000
        rows[f"bare Scrapy spider, {args.latency_ms:g} ms"] = measure(site, bare)
        rows[f"projwatch run, first, {args.latency_ms:g} ms"] = measure(site, projwatch("default.toml", "c.db"))

    values = list(rows.values())
    bare, first, rerun, due, slow_bare, slow_first = values
    print(f"\n{args.articles} articles on 127.0.0.1; both crawlers with AutoThrottle off and no delay\n")
    print(f"{'run':<40} {'requests':>8} {'MB (200s)':>10} {'seconds':>8} {'peak MB':>8}")
    for name, row in rows.items():
        print(f"{name:<40} {row['requests']:>8} {row['bytes'] / 1e6:>10.2f} {row['seconds']:>8.1f} {row['rss']:>8.0f}")
    print()
    print(f"first run / bare spider time, loopback:        {first['seconds'] / bare['seconds']:.2f}x  (target <= 1.5x)")
    print(f"first run / bare spider time, {args.latency_ms:g} ms latency:  "
          f"{slow_first['seconds'] / slow_bare['seconds']:.2f}x  (target <= 1.5x)")
    print(f"re-run / first run bytes:                      {rerun['bytes'] / first['bytes']:.1%}  (target <= 10%)")
    print(f"re-run / first run time, default schedule:     {rerun['seconds'] / first['seconds']:.1%}  (target <= 25%)")
    print(f"re-run / first run time, every article due:    {due['seconds'] / first['seconds']:.1%}")
    print(f"peak memory of a run:                          {max(r['rss'] for r in values[1:]):.0f} MB  "
          f"(target <= 300 MB)")


if __name__ == "__main__":
    main()
