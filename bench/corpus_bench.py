"""What the database holds for real pages, scored side by side with the extractor in one run.

The gold pages of each folder (default: ../shared/corpus/dev and dev2; any folder of page files in that
format will do, e.g. a batch of unseen pages) are served on 127.0.0.1 as HTML pages of one replica site
(navigation, cookie banner, sidebar teasers of other pages, footer), crawled by ``projwatch run``, and
scored with ../shared/eval/score.py three ways:

- ``extract (text)``: ``projwatch extract`` on each page's clean text and published date;
- ``extract (HTML)``: ``projwatch extract`` on the page as served (what the crawl reads);
- ``database``: ``projwatch facts``, what the database holds for the page after the crawl.

    .venv/bin/python bench/corpus_bench.py [--gold FOLDER ...] [--keep DIR]
"""
import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.replica import serve_sites  # noqa: E402
from tests.replica.corpus import (CORPUS, SCORER, corpus_site, crawl, extract_command, facts_command,  # noqa: E402
                                  gold_as_served, gold_pages, score)

FACT_TYPES = ("meetings", "funding", "programmes", "partner_countries")
COLUMNS = ("extract (text)", "extract (HTML)", "database")


def _cell(report: dict, fact: str) -> str:
    row = report[fact]
    attrs = row.get("attributes_right")
    return f"{row['f1']:.3f}" + (f" ({attrs:.3f})" if attrs is not None else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", nargs="+", type=Path, default=[CORPUS / "dev", CORPUS / "dev2"])
    parser.add_argument("--keep", type=Path, help="keep the database and served gold files in this folder")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)   # the replica's request log
    if not SCORER.is_file() or not all(folder.is_dir() for folder in args.gold):
        sys.exit(f"needs {SCORER} and the gold folders {', '.join(map(str, args.gold))}")
    sets = {folder.name: gold_pages(folder) for folder in args.gold}
    pages = [page for batch in sets.values() for page in batch]
    with tempfile.TemporaryDirectory() as tmp, serve_sites(corpus_site(pages)) as (site,):
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        db_path = crawl(site, work)
        seconds = time.perf_counter() - started
        reports = {}
        for name, batch in sets.items():
            text_gold = gold_as_served(batch, site, work / name / "text")
            html_gold = gold_as_served(batch, site, work / name / "html", html=True)
            reports[name] = (score(text_gold, extract_command()), score(html_gold, extract_command()),
                             score(text_gold, facts_command(db_path)))
    print(f"\n{len(pages)} pages served and crawled by projwatch run in {seconds:.1f} s; F1 (attributes right)")
    header = ("set", "facts", *COLUMNS)
    rows = [(name, fact, *(_cell(report, fact) for report in trio)) for name, trio in reports.items()
            for fact in FACT_TYPES]
    rows += [(name, "mean_f1", *(f"{report['mean_f1']:.3f}" for report in trio)) for name, trio in reports.items()]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))


if __name__ == "__main__":
    main()
