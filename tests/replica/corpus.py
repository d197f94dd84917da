"""The shared real pages (``../shared/corpus/<set>/*.json``) as one replica site, so that what the
database holds after ``projwatch run`` can be scored page by page against their gold facts.

Each page is served as HTML with the replica's navigation, cookie banner, sidebar teasers of other pages
and footer, at ``/raksts/<n>`` followed by its original path (a date in the original URL stays in the URL,
as the extractor would see it on the real site). Each line of its text is a paragraph; a
full published date is shown as a ``<time>``, a year alone only through the URL or the text.
"""
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from tests.replica.site import Article, ReplicaSite

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score.py"
#: Characters of an original path kept as they are; others become "-" (the replica serves plain paths).
_UNSAFE = re.compile(r"[^A-Za-z0-9/_.=&?-]")


def gold_pages(*folders: Path) -> list[dict]:
    """The gold page files of ``folders``, in order."""
    return [json.loads(path.read_text(encoding="utf-8")) for folder in folders for path in sorted(folder.glob("*.json"))]


def served_path(number: int, page: dict) -> str:
    original = urlsplit(page.get("url") or "")
    path = original.path + (f"?{original.query}" if original.query else "")
    return f"/raksts/{number}" + _UNSAFE.sub("-", path or "/")


def corpus_site(pages: list[dict]) -> ReplicaSite:
    articles = [
        Article(page["id"], page.get("title") or page["id"], page.get("published"),
                tuple(line.strip() for line in page["text"].splitlines() if line.strip()),
                path=served_path(number, page))
        for number, page in enumerate(pages, start=1)
    ]
    return ReplicaSite("corpus", "corpus", "Pašvaldību ziņas", articles, per_page=25)


#: Loopback settings: no politeness delays against our own replica.
LOOPBACK = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=0"]


def crawl(site: ReplicaSite, workdir: Path) -> Path:
    """``projwatch run`` over the served ``site`` into a fresh database in ``workdir``; its path."""
    sites = workdir / "sites.toml"
    sites.write_text(site.site_entry() + "max_pages = 100000\n", encoding="utf-8")
    db_path = workdir / "projwatch.db"
    done = subprocess.run([sys.executable, "-m", "crawler", "run", "--sites", str(sites), "--db", str(db_path),
                           *LOOPBACK], cwd=workdir, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise RuntimeError(f"projwatch run failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-3000:]}")
    return db_path


def gold_as_served(pages: list[dict], site: ReplicaSite, folder: Path, *, html: bool = False) -> Path:
    """Write ``pages`` into ``folder`` as gold files for score.py, each under its served URL; with
    ``html`` its text is the served HTML and its published date unknown (what a crawl starts from)."""
    folder.mkdir(parents=True, exist_ok=True)
    by_id = {article.slug: article for article in site.articles}
    for page in pages:
        article = by_id[page["id"]]
        served = {**page, "url": site.url(site.article_path(article))}
        if html:
            served.update(text=site.render_article(article), published=None)
        (folder / f"{page['id']}.json").write_text(json.dumps(served, ensure_ascii=False), encoding="utf-8")
    return folder


def score(gold: Path, command: str) -> dict:
    """score.py's report (``--json``) for the extractor ``command`` on the gold files in ``gold``."""
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--cmd", command, "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise RuntimeError(f"score.py failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def extract_command() -> str:
    return f"{sys.executable} -m crawler extract --jsonl {{input}}"


def facts_command(db_path: Path) -> str:
    return f"{sys.executable} -m crawler facts --db {db_path} --jsonl {{input}}"
