"""Crawl benchmark on a generated replica site on 127.0.0.1, side by side in one run:

- projwatch's ``run`` vs a bare Scrapy spider following the same links (time ratio);
- an unchanged re-run vs the first run (requests, bytes, time);
- peak memory (max RSS) of each process.

    .venv/bin/python bench/crawl_bench.py [--articles 2000]
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.replica import Article, ReplicaSite, serve_sites  # noqa: E402

LOOPBACK = ["-s", "AUTOTHROTTLE_ENABLED=0"]
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
    args = parser.parse_args()
    site = generated_site(args.articles)
    with tempfile.TemporaryDirectory() as tmp, serve_sites(site):
        sites = Path(tmp) / "sites.toml"
        sites.write_text(site.site_entry() + "fresh_days = 100000\n")   # every article revalidated each run
        db = str(Path(tmp) / "bench.db")
        projwatch = [sys.executable, "-m", "crawler", "run", "--sites", str(sites), "--db", db, *LOOPBACK]
        rows = {
            "bare Scrapy spider": measure(site, [sys.executable, "bench/bare_spider.py", str(sites), "bench"]),
            "projwatch run, first": measure(site, projwatch),
            "projwatch run, unchanged re-run": measure(site, projwatch),
        }
    bare, first, second = rows.values()
    print(f"\n{args.articles} articles on 127.0.0.1\n")
    print(f"{'run':<32} {'requests':>8} {'MB (200s)':>10} {'seconds':>8} {'peak MB':>8}")
    for name, row in rows.items():
        print(f"{name:<32} {row['requests']:>8} {row['bytes'] / 1e6:>10.2f} {row['seconds']:>8.1f} {row['rss']:>8.0f}")
    print()
    print(f"projwatch first run / bare spider time:  {first['seconds'] / bare['seconds']:.2f}x  (target <= 1.5x)")
    print(f"re-run / first run bytes:                {second['bytes'] / first['bytes']:.1%}  (target <= 10%)")
    print(f"re-run / first run time:                 {second['seconds'] / first['seconds']:.1%}  (target <= 25%)")
    print(f"peak memory of a run:                    {max(first['rss'], second['rss']):.0f} MB  (target <= 300 MB)")


if __name__ == "__main__":
    main()
