"""``notifications/sample.py``: the sample ``projwatch notify-test`` sends. Its alerts are of alerted
kinds, have the shape of ``storage.outbox.pending_alerts`` rows — the digest of the sample reads exactly
as the digest of the same changes recorded in a real database — and the digest renders every one of
them, in text and HTML, saying it is an example."""
from html import escape

import pytest

from notifications.render import CHANGE_LABELS, describe_change, digest_messages, render_html, render_text
from notifications.sample import SAMPLE_ALERTS, SAMPLE_PAGE
from storage import open_db
from storage.facts import record_page_facts
from crawler.kinds import ALERTED_CHANGES
from crawler.kinds import EVERYTHING
from storage.outbox import pending_alerts

CHANNEL = "mailto-sample"


@pytest.fixture
def recorded(tmp_path):
    """The sample's changes, recorded in a real database from the sample's own values; the channel's
    pending rows."""
    db = open_db(tmp_path / "projwatch.db")
    first = SAMPLE_ALERTS[0]
    db["pages"].insert({"url": SAMPLE_PAGE, "site": "digitalaiscentrs", "title": first["page_title"],
                        "first_seen": "2026-01-01T08:00:00+00:00", "last_seen": "2026-01-01T08:00:00+00:00",
                        "content_hash": "h"})
    by_kind = {alert["kind"]: alert for alert in SAMPLE_ALERTS}

    def project(meetings, funding):
        return {"name": first["project_name"], "name_en": first["project_name_en"], "acronym": first["acronym"],
                "programme": first["programme"], "lead_partner": None, "partners": [], "periods": [],
                "meetings": meetings, "funding": funding}

    changed = by_kind["changed_funding"]
    record_page_facts(db, page_url=SAMPLE_PAGE, version_id=None, projects=[project([], [changed["old_value"]])],
                      now="2026-01-01T08:00:00+00:00", alert=False, routing={})
    record_page_facts(db, page_url=SAMPLE_PAGE, version_id=None,
                      projects=[project([by_kind["new_meeting"]["new_value"]], [changed["new_value"]])],
                      now="2026-01-02T08:00:00+00:00", alert=True, routing={CHANNEL: EVERYTHING})
    return pending_alerts(db, CHANNEL)


def test_the_sample_is_of_alerted_kinds_each_once():
    kinds = [alert["kind"] for alert in SAMPLE_ALERTS]
    assert kinds and set(kinds) <= ALERTED_CHANGES and len(set(kinds)) == len(kinds)


def test_the_sample_has_the_shape_of_pending_rows(recorded):
    assert [row["kind"] for row in recorded] == [alert["kind"] for alert in SAMPLE_ALERTS]
    for row, alert in zip(recorded, SAMPLE_ALERTS):
        assert set(alert) <= set(row)
        assert {key: row[key] for key in ("kind", "old_value", "new_value", "page_url", "page_title", "acronym",
                                          "programme", "project_name", "project_name_en")} == \
            {key: alert[key] for key in ("kind", "old_value", "new_value", "page_url", "page_title", "acronym",
                                         "programme", "project_name", "project_name_en")}


def test_the_sample_digest_reads_as_the_digest_of_the_real_changes(recorded):
    assert render_text(SAMPLE_ALERTS) == render_text(recorded)
    assert render_html(SAMPLE_ALERTS) == render_html(recorded)


@pytest.mark.parametrize("max_chars", [None, 4096])   # email; Telegram's limit
def test_the_sample_digest_renders_every_alert_it_holds(max_chars):
    [message] = digest_messages(SAMPLE_ALERTS, max_chars=max_chars)

    assert message.title == f"projwatch: {len(SAMPLE_ALERTS)} jaunas izmaiņas"
    for alert in SAMPLE_ALERTS:
        line = describe_change(alert)
        assert line.startswith(CHANGE_LABELS[alert["kind"]])
        assert f"  • {line}\n    Avots: {alert['page_title']}: {SAMPLE_PAGE}" in message.text
        assert escape(line) in message.html
    assert "Jauna tikšanās: 2021-11-23 – 2021-11-24, Oulu, FI (partneru sanāksme)" in message.text
    assert "Mainīts finansējums, kopējās izmaksas: EUR 146 994,00 → EUR 747 365,12" in message.text
    assert message.text.startswith("Pilsētu digitālās inovācijas (DI4C) · URBACT\n")


def test_the_sample_says_it_is_an_example():
    [message] = digest_messages(SAMPLE_ALERTS)
    assert "piemērs, nevis īsta izmaiņa" in message.text and "piemērs, nevis īsta izmaiņa" in message.html
