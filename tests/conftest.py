"""Shared fixtures: a replica of the monitored sites on 127.0.0.1, a real SMTP server, and a way to run
``projwatch``."""
import os
import socket
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

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


class Mailbox:
    """An aiosmtpd handler keeping every message it receives, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1; yields (apprise mailto URL, mailbox)."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"mailto://127.0.0.1:{port}?from=a@example.com&to=b@example.com&mode=insecure", mailbox
    finally:
        controller.stop()
