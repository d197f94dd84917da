"""Extraction speed on the dev corpus: plain text pages/s, and HTML pages against trafilatura alone.

Run from the repository root: ``.venv/bin/python bench/extract_bench.py [--rounds N]``. HTML pages are
the corpus texts wrapped in a realistic municipal page (header, navigation, sidebar, footer); both
sides parse the same HTML strings in the same run. Targets: ≥ 500 text pages/s, HTML ≤ 2× trafilatura.
"""
import argparse
import html
import json
import sys
import time
from pathlib import Path

import trafilatura

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.extract.page import extract_page  # noqa: E402

CORPUS = REPO / "../shared/corpus/dev"
TEXT_TARGET_PAGES_PER_SECOND = 500
HTML_TARGET_RATIO = 2.0

NAV = "".join(f'<li><a href="/{slug}">{label}</a></li>' for slug, label in (
    ("", "Sākums"), ("pasvaldiba", "Pašvaldība"), ("jaunumi", "Jaunumi"), ("projekti", "Projekti"),
    ("izglitiba", "Izglītība"), ("kultura", "Kultūra"), ("sports", "Sports"), ("kontakti", "Kontakti")))
SIDEBAR = "".join(f'<li><a href="/jaunumi/{n}">Citas ziņas nr. {n}: pašvaldības aktualitātes</a></li>'
                  for n in range(1, 9))


def wrap_in_page(page: dict) -> str:
    """A municipal news page around one corpus text."""
    paragraphs = [p.strip() for p in page["text"].split("\n\n") if p.strip()]
    title = html.escape(page.get("title") or paragraphs[0][:80])
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    return (f'<!DOCTYPE html><html lang="lv"><head><meta charset="utf-8"><title>{title}</title>'
            '<link rel="stylesheet" href="/style.css"><script src="/app.js"></script></head><body>'
            f'<header><div class="logo">Novada pašvaldība</div><nav><ul>{NAV}</ul></nav>'
            '<form class="search"><input name="q" placeholder="Meklēt"></form></header>'
            f'<div class="cookie">Šī vietne izmanto sīkdatnes. <button>Piekrītu</button></div>'
            f'<main><article><h1>{title}</h1>{body}</article>'
            f'<aside><h2>Jaunākās ziņas</h2><ul>{SIDEBAR}</ul></aside></main>'
            '<footer><p>© Novada pašvaldība. Visas tiesības aizsargātas.</p><p>Adrese: Rīgas iela 1, '
            'tālrunis 64700000, e-pasts dome@novads.lv</p><ul><li>Privātuma politika</li>'
            '<li>Sīkdatnes</li><li>Piekļūstamība</li></ul></footer></body></html>')


def timed(function, items, rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            function(item)
    return time.perf_counter() - started


def numbers_and_dates(kilobytes: int) -> str:
    """An article of nothing but numbers, amounts and dates, ``kilobytes`` long (the worst case for the
    date and money patterns)."""
    piece = "No {d}. līdz {e}. maijam {n} EUR, t.sk. {p}% ERAF – EUR {n} 340,00; {d}.0{m}.2024. "
    text, n = [], 0
    while sum(map(len, text)) < kilobytes * 1000:
        text.append(piece.format(d=n % 27 + 1, e=n % 27 + 2, n=n * 37, p=n % 100, m=n % 9 + 1))
        n += 1
    return "".join(text)


def linearity_rows(rounds: int) -> list[tuple[str, float]]:
    """(size, ms per KB) for growing pages of numbers and dates: flat means linear time."""
    rows = []
    for kilobytes in (20, 200):
        text = numbers_and_dates(kilobytes)
        seconds = timed(extract_page, [text], rounds)
        rows.append((f"{kilobytes} KB of numbers and dates", 1000 * seconds / rounds / kilobytes))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the corpus per measurement")
    args = parser.parse_args()
    pages = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(CORPUS.glob("*.json"))]
    if not pages:
        sys.exit(f"no corpus pages in {CORPUS}")
    html_pages = [wrap_in_page(page) for page in pages]
    count = len(pages) * args.rounds

    extract_page(pages[0]["text"])  # warm the place and pattern tables
    trafilatura.extract(html_pages[0])
    text_seconds = timed(lambda p: extract_page(p["text"], p["url"], p["published"]), pages, args.rounds)
    trafilatura_seconds = timed(trafilatura.extract, html_pages, args.rounds)
    ours_seconds = timed(extract_page, html_pages, args.rounds)

    ratio = ours_seconds / trafilatura_seconds
    text_rate = count / text_seconds
    rows = [
        ("plain text: extract_page", count, text_seconds, f"≥ {TEXT_TARGET_PAGES_PER_SECOND} pages/s",
         text_rate >= TEXT_TARGET_PAGES_PER_SECOND),
        ("HTML: trafilatura.extract alone", count, trafilatura_seconds, "baseline", True),
        ("HTML: extract_page", count, ours_seconds, f"≤ {HTML_TARGET_RATIO:.0f}× trafilatura ({ratio:.2f}×)",
         ratio <= HTML_TARGET_RATIO),
    ]
    print(f"{'run':<34} {'pages':>6} {'seconds':>8} {'pages/s':>9} {'ms/page':>8}  target")
    for name, pages_done, seconds, target, met in rows:
        print(f"{name:<34} {pages_done:>6} {seconds:>8.3f} {pages_done / seconds:>9.1f} "
              f"{1000 * seconds / pages_done:>8.2f}  {target} {'ok' if met else 'MISSED'}")
    small, large = linearity_rows(args.rounds)
    print(f"\n{'page':<34} {'ms per KB':>9}")
    for name, ms_per_kb in (small, large):
        print(f"{name:<34} {ms_per_kb:>9.2f}")
    print(f"time per KB, 200 KB against 20 KB: {large[1] / small[1]:.2f}x (linear: about 1)")


if __name__ == "__main__":
    main()
