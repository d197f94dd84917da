"""A database built by ``projwatch run`` on the replica, served by ``projwatch serve`` on a free port.

Built once per session: two runs (the baseline, then one that finds an edited budget and the meetings
this package adds, dated around today so that "upcoming" and "recent" mean something) with an alert
channel whose URL carries a password and whose server is down. Then one change is backdated past the
30-day window. Tests that change the database use the function-scoped ``replica`` and ``run``
fixtures instead.
"""
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import urlopen

import pytest
import sqlite_utils

from tests.conftest import FAST, ROOT, Replica, closed_port, free_port, projwatch
from tests.replica import Article, serve_sites
from tests.replica.content import blog_site, centrs_site, portal_site

LOCATIVE_MONTHS = ("janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā",
                   "septembrī", "oktobrī", "novembrī", "decembrī")
SECRET = "S3cretPassw0rd"
ALWAYS_DUE = {"fresh_days": 100000}
FUNDED = "sakas-projekts-gudras-pilsetas-dati"
BACKDATED_DAYS = 40


def latvian_date(day: date) -> str:
    """``day`` as Latvian news write it, in the locative: "2027. gada 15. janvārī"."""
    return f"{day.year}. gada {day.day}. {LOCATIVE_MONTHS[day.month - 1]}"


@dataclass(frozen=True)
class BrowseMeetings:
    """The meetings this package adds to the replica: one coming up, one just held."""

    upcoming: date
    recent: date

    def articles(self) -> list[Article]:
        return [
            Article("sanaksme-oulu", "Partneru sanāksme Oulu", (self.upcoming - timedelta(days=30)).isoformat(), (
                f"Projekta “Gudras pilsētas dati” partneru sanāksme notiks {latvian_date(self.upcoming)} "
                "Oulu, Somijā.",
                "Digitālā centra pārstāvji prezentēs pilsētas datu platformu.",
            )),
            Article("sanaksme-porto-notika", "Partneri tikās Porto", (self.recent + timedelta(days=1)).isoformat(), (
                f"{latvian_date(self.recent)} Porto, Portugālē notika URBACT projekta “Gudras pilsētas dati” "
                "partneru sanāksme.",
            )),
        ]


def browse_meetings() -> BrowseMeetings:
    today = datetime.now(timezone.utc).date()
    return BrowseMeetings(upcoming=today + timedelta(days=40), recent=today - timedelta(days=20))


class Served:
    """A running ``projwatch serve``: HTTP helpers on its base URL."""

    def __init__(self, base_url: str, db_path: Path):
        self.base_url, self.db_path = base_url, db_path

    def url(self, path: str) -> str:
        return self.base_url + quote(path, safe="/?&=%._-")

    def get(self, path: str) -> tuple[int, str, str]:
        """(status, content type, body) of ``path``."""
        try:
            with urlopen(self.url(path), timeout=30) as response:
                return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
        except HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read().decode("utf-8")

    def rows(self, path: str) -> list[dict]:
        """The rows of a table or query as JSON objects (``_shape=array``)."""
        status, _, body = self.get(path + ("&" if "?" in path else "?") + "_shape=array&_size=max")
        assert status == 200, body[:500]
        return json.loads(body)


@contextmanager
def serving(db_path: Path) -> Iterator[Served]:
    """``projwatch serve --db db_path`` on a free port of 127.0.0.1 until the block ends."""
    for attempt in range(5):   # the free port may be taken before serve binds it: try another
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "crawler", "serve", "--db", str(db_path), "--port", str(port)],
            cwd=db_path.parent, env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        served = Served(f"http://127.0.0.1:{port}", db_path)
        try:
            _wait_until_up(served, process)
            break
        except AssertionError as error:
            if attempt == 4 or "address already in use" not in str(error).lower():
                raise
    try:
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(served: Served, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"projwatch serve exited {process.returncode}: {process.stdout.read()}")
        try:
            with urlopen(served.url("/-/versions.json"), timeout=2):
                return
        except (URLError, ConnectionError):
            time.sleep(0.1)
    raise AssertionError("projwatch serve did not answer within 30 s")


@dataclass
class BrowseSite:
    """The served database and what the tests expect of it."""

    served: Served
    replica: Replica
    meetings: BrowseMeetings
    backdated_change: dict


@pytest.fixture(scope="session")
def browse_site(tmp_path_factory) -> Iterator[BrowseSite]:
    tmp = tmp_path_factory.mktemp("browse")
    db_path = tmp / "projwatch.db"
    meetings = browse_meetings()
    with closed_port() as dead, serve_sites(centrs_site(), blog_site(), portal_site()) as sites:
        down = f"json://projwatch:{SECRET}@127.0.0.1:{dead}/hook"   # held, and nothing listens there

        def run(sites: Path) -> None:
            done = projwatch("run", "--db", str(db_path), "--sites", str(sites), "--notify", down, *FAST, cwd=tmp)
            assert done.returncode == 0, done.stderr

        replica = Replica(sites)
        site_list = replica.write_sites(tmp / "sites.toml", **ALWAYS_DUE)
        run(site_list)
        for article in meetings.articles():
            replica.centrs.add_article(article)
        replica.centrs.edit_article(FUNDED, "EUR 612 400,00", "EUR 640 000,00")
        run(site_list)
        backdated = _backdate_a_change(db_path)
        with serving(db_path) as served:
            yield BrowseSite(served, replica, meetings, backdated)


def _backdate_a_change(db_path: Path) -> dict:
    """Move the oldest change out of the last 30 days; return it."""
    db = sqlite_utils.Database(db_path)
    change = next(db["changes"].rows_where(order_by="id", limit=1))
    then = (datetime.now(timezone.utc) - timedelta(days=BACKDATED_DAYS)).isoformat(timespec="seconds")
    db["changes"].update(change["id"], {"detected_at": then})
    db.close()
    return {**change, "detected_at": then}


@pytest.fixture
def served(browse_site) -> Served:
    return browse_site.served
