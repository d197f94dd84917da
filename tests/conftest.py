"""Shared fixtures: a replica of the monitored sites on 127.0.0.1 and a way to run ``projwatch``."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.replica import serve_sites
from tests.replica.content import blog_site, centrs_site, portal_site

ROOT = Path(__file__).resolve().parents[1]
# Tests talk to loopback only: no throttling delays, no waiting on retries of a dead port.
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=10"]


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
