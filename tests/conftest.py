"""Shared fixtures: a replica of the monitored sites on 127.0.0.1, a real SMTP server, and a way to run
``projwatch``."""
import os
import socket
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path

import pytest
import sqlite_utils
from aiosmtpd.controller import Controller

from storage import open_db
from tests.replica import Article, serve_sites
from tests.replica.content import blog_site, centrs_site, portal_site

ROOT = Path(__file__).resolve().parents[1]
#: The shared real pages, scorer and site evidence, beside the repository. Where they are absent the
#: tests that read them skip, except under CI (``PROJWATCH_REQUIRE_SHARED=1``, set by .ci/run), where a
#: quality gate that silently skips would let CI stay green without it.
SHARED = ROOT.parent / "shared"
REQUIRE_SHARED = "PROJWATCH_REQUIRE_SHARED"


def require_shared(*paths: Path) -> None:
    """Skip the calling test when one of ``paths`` (of ``SHARED``) is absent; fail it under CI."""
    missing = [str(path) for path in paths if not path.exists()]
    if not missing:
        return
    why = f"the shared files are not here: {', '.join(missing)}"
    if os.environ.get(REQUIRE_SHARED) == "1":
        pytest.fail(f"{why} ({REQUIRE_SHARED}=1: CI needs them)", pytrace=False)
    pytest.skip(why)
# Tests talk to loopback only: no throttling delays, no waiting on retries of a dead port.
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=10"]


class Replica:
    def __init__(self, sites):
        self.sites = sites
        self.centrs, self.blog, self.portal = sites

    def write_sites(self, path: Path, *sites, **extra) -> Path:
        """Write a site list for ``sites`` (default: all), each entry with ``extra`` keys added."""
        entries = []
        for site in sites or self.sites:
            entry = site.site_entry()
            entry += "".join(f"{key} = {value!r}\n".replace("'", '"') for key, value in extra.items())
            entries.append(entry)
        path.write_text("\n".join(entries), encoding="utf-8")
        return path

    def reset_counts(self) -> None:
        for site in self.sites:
            site.reset_counts()


@pytest.fixture(autouse=True)
def _in_process_only_under_mutation(monkeypatch):
    """Under the mutation run (``python -m bench.mutation``, ``PROJWATCH_MUTATION=1``) a mutant lives in
    this process only: a test that starts another process would test the original code there, so it is
    skipped the moment it tries."""
    if os.environ.get("PROJWATCH_MUTATION") != "1":
        return

    def refuse(self, *args, **kwargs):
        pytest.skip("starts a process, where the mutant does not live")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


@pytest.fixture
def db(tmp_path):
    """A migrated projwatch database, a real SQLite file in the test's folder, closed after it."""
    database = open_db(tmp_path / "projwatch.db")
    yield database
    database.close()


@pytest.fixture
def replica():
    with serve_sites(centrs_site(), blog_site(), portal_site()) as sites:
        yield Replica(sites)


def projwatch(*args: str, cwd: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the projwatch command as cron would, in ``cwd``."""
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.fixture
def run(tmp_path):
    """``run(*args)``: ``projwatch run --db tmp/projwatch.db <args>`` on loopback settings."""
    def _run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess:
        return projwatch("run", "--db", str(db or tmp_path / "projwatch.db"), *FAST, *args, cwd=tmp_path)
    return _run


class Mailbox:
    """An aiosmtpd handler keeping every message it receives, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    """A port of 127.0.0.1 free a moment ago: another process may take it before the caller binds it, so
    a caller retries on "address in use" (``smtp_server``, ``tests/crawler/test_serve*.py``'s ``serving``)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def closed_port() -> Iterator[int]:
    """A port of 127.0.0.1 that refuses connections for as long as the block runs: bound (so that no one
    else can take it) and never listening."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1; yields (apprise mailto URL, mailbox)."""
    mailbox = Mailbox()
    for attempt in range(5):   # the free port may be taken between finding it and binding it
        port = free_port()
        controller = Controller(mailbox, hostname="127.0.0.1", port=port)
        try:
            controller.start()
            break
        except (OSError, RuntimeError):
            if attempt == 4:
                raise
    try:
        yield f"mailto://127.0.0.1:{port}?from=a@example.com&to=b@example.com&mode=insecure", mailbox
    finally:
        controller.stop()


def stored_urls(db_path: Path) -> set[str]:
    """The URLs of the pages stored in the database at ``db_path``."""
    return {row["url"] for row in sqlite_utils.Database(db_path)["pages"].rows}


def article_urls(site) -> set[str]:
    """The URLs of the replica site's articles that answer with an article (no fault in the way)."""
    return {site.url(site.article_path(article)) for article in site.articles
            if site.article_path(article) not in site.faults}


def add_meeting_articles(site, count: int, month: str) -> None:
    """Give ``site`` ``count`` more articles, each announcing its own partner meeting in ``month``
    (a dative month form, e.g. "jūnijam"): enough work that a signal lands mid-run."""
    slug = unicodedata.normalize("NFKD", month).encode("ascii", "ignore").decode()
    for n in range(count):
        site.add_article(Article(f"{slug}-{n}", f"Ziņa {n}", "2025-01-15", (
            f"No {n % 27 + 1}. līdz {n % 27 + 2}. {month} Tartu, Igaunijā notiks projekta “Gudras pilsētas dati” "
            f"partneru sanāksme numur {n}.",)))


def run_command(sites: Path, db_path: Path, *options: str) -> tuple[list[str], dict]:
    """``projwatch run`` as a command and environment for ``subprocess``, slowed a little (so that a
    signal can land mid-run)."""
    command = [sys.executable, "-m", "crawler", "run", "--sites", str(sites), "--db", str(db_path), *FAST,
               "-s", "DOWNLOAD_DELAY=0.05", *options]
    return command, {**os.environ, "PYTHONPATH": str(ROOT)}


def wait_until_fetched(site, pages: int, timeout: float = 30) -> None:
    """Wait until ``site`` has answered ``pages`` requests with a 200; fail the test when it has not
    within ``timeout`` (a signal sent then would not land mid-run)."""
    deadline = time.monotonic() + timeout
    while sum(status == 200 for _, status, _ in site.served) < pages:
        if time.monotonic() > deadline:
            pytest.fail(f"the site answered {len(site.served)} requests in {timeout} s, not {pages}")
        time.sleep(0.02)


def delivered_meetings_once(db_path: Path, mailbox) -> bool:
    """Whether every stored meeting was in the delivered mail exactly once."""
    delivered = "\n".join(m.get_body(preferencelist=("plain",)).get_content() for m in mailbox.messages)
    meetings = list(sqlite_utils.Database(db_path)["meetings"].rows)
    return bool(meetings) and all(delivered.count(f"{row['start']} – {row['end']}") == 1 for row in meetings)
