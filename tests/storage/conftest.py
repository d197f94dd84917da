"""Fixtures for the facts store: a real migrated SQLite file, pages in it, extractor-shaped projects."""
from types import SimpleNamespace

import pytest

from storage.facts import record_page_facts
from crawler.kinds import EVERYTHING

NOW = "2026-01-10T08:00:00+00:00"



@pytest.fixture
def add_page(db):
    """Store a page (and a version of it) as the crawl does; return the version id."""
    def add(url: str, text: str = "", site: str = "digitalaiscentrs") -> int:
        db["pages"].upsert({"url": url, "site": site, "title": f"Title of {url}", "first_seen": NOW,
                            "last_seen": NOW, "content_hash": str(hash(text)), "text": text}, pk="url")
        return db["page_versions"].insert({"url": url, "fetched_at": NOW, "content_hash": str(hash(text)),
                                           "text": text}).last_pk
    return add


@pytest.fixture
def record(db, add_page):
    """Record projects for a page (storing the page first), alerting two channels by default."""
    def run(url, projects, *, now=NOW, alert=True, routing=None):
        version_id = add_page(url)
        return record_page_facts(db, page_url=url, version_id=version_id, projects=projects, now=now,
                                 alert=alert, routing={"mail": EVERYTHING} if routing is None else routing)
    return run


def project(name=None, *, name_en=None, acronym=None, programme="urbact", lead=None, partners=(),
            meetings=(), funding=()):
    """One project as the extractor prints it (every key present)."""
    return {
        "name": name, "name_en": name_en, "acronym": acronym, "programme": programme,
        "lead_partner": {"name": lead, "country": "IT"} if lead else {"name": None, "country": None},
        "partners": [{"name": partner, "country": None} for partner in partners],
        "meetings": list(meetings), "funding": list(funding), "periods": [],
    }


def meeting(start, end=None, *, city="Oulu", country="FI", online=False, kind="partner meeting"):
    return {"start": start, "end": end or start, "city": city, "country": country, "online": online, "kind": kind}


def funding(amount, kind="total", holder=None, currency="EUR"):
    return {"amount": amount, "currency": currency, "kind": kind, "holder": holder, "share_pct": None}


@pytest.fixture
def facts():
    """The builders above, for tests: ``facts.project(...)``, ``facts.meeting(...)``, ``facts.funding(...)``."""
    return SimpleNamespace(project=project, meeting=meeting, funding=funding)
