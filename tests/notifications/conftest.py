"""Fixtures for alerts: a database with queued changes, a real SMTP server, a stubbed Telegram API."""
import pytest
from apprise.plugins.telegram import NotifyTelegram

from storage.facts import record_page_facts

NOW = "2026-01-10T08:00:00+00:00"
PAGE = "https://digitalaiscentrs.lv/jaunumi/2021/noslegusies-partneru-tiksanas-somija"
TELEGRAM_URL = "tgram://123456789:AAbbccddeeffgghhiijjkkllmmnnooppqq/12345"
TELEGRAM_TOKEN = "AAbbccddeeffgghhiijjkkllmmnnooppqq"


def extracted(name="Pilsētu digitālās inovācijas", *, acronym="DI4C", meetings=(), funding=()):
    """A project as the extractor prints it."""
    return {"name": name, "name_en": None, "acronym": acronym, "programme": "urbact",
            "lead_partner": {"name": None, "country": None}, "partners": [],
            "meetings": list(meetings), "funding": list(funding), "periods": []}


def meeting(start, end=None, city="Oulu", country="FI"):
    return {"start": start, "end": end or start, "city": city, "country": country, "online": False,
            "kind": "partner meeting"}


def figure(amount, kind="total", holder=None):
    return {"amount": amount, "currency": "EUR", "kind": kind, "holder": holder, "share_pct": None}



@pytest.fixture
def queue(db):
    """Record ``projects`` for a page with alerts on for ``channels`` (key -> kinds); return the result."""
    def record(channels, projects=None, *, url=PAGE, title="Noslēgusies partneru tikšanās Somijā"):
        db["pages"].upsert({"url": url, "site": "digitalaiscentrs", "title": title, "first_seen": NOW,
                            "last_seen": NOW, "content_hash": "h"}, pk="url")
        if projects is None:
            projects = [extracted(meetings=[meeting("2021-11-23", "2021-11-24")],
                                  funding=[figure(152310.0, "partner", "Ventspils Digitālais centrs")])]
        return record_page_facts(db, page_url=url, version_id=None, projects=projects, now=NOW,
                                 alert=True, routing=channels)
    return record


@pytest.fixture
def telegram_api(httpserver, monkeypatch):
    """Telegram's Bot API stubbed by a local HTTP server; yields the server (requests in its log)."""
    monkeypatch.setattr(NotifyTelegram, "notify_url", httpserver.url_for("/bot"))
    return httpserver
