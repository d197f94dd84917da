"""``projwatch run`` end to end: crawl → extract → diff → alert, on the replica, to real receivers."""
import json
import signal
import subprocess

import sqlite_utils
from werkzeug import Response

from tests.conftest import (add_meeting_articles, article_urls, delivered_meetings_once, run_command, stored_urls,
                            wait_until_fetched)
from tests.replica import Article

ALWAYS_DUE = {"fresh_days": 100000}
MEETING = Article("sanaksme-porto", "Partneru sanāksme Porto", "2025-02-10", (
    "No 3. līdz 4. martam Porto, Portugālē notiks projekta “Gudras pilsētas dati” partneru sanāksme.",
    "Tajā Digitālā centra pārstāvji prezentēs pilsētas datu platformu.",
))
SAME_MEETING = Article("gatavojamies-porto", "Gatavojamies sanāksmei", "2025-02-12", (
    "Digitālā centra komanda gatavojas projekta “Gudras pilsētas dati” partneru sanāksmei, kas no 3. līdz "
    "4. martam notiks Porto, Portugālē.",
))
FUNDED = "sakas-projekts-gudras-pilsetas-dati"


def mail_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_baseline_then_one_digest_then_nothing(tmp_path, replica, run, smtp_server):
    mail_url, mailbox = smtp_server
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs, **ALWAYS_DUE)

    first = run("--sites", str(sites), "--notify", mail_url)
    assert first.returncode == 0, first.stderr
    assert "baseline" in first.stdout
    assert mailbox.messages == []

    replica.centrs.add_article(MEETING)
    replica.centrs.add_article(SAME_MEETING)
    replica.centrs.edit_article(FUNDED, "EUR 612 400,00", "EUR 640 000,00")
    second = run("--sites", str(sites), "--notify", mail_url)
    assert second.returncode == 0, second.stderr
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["Subject"].startswith("projwatch: ") and "izmaiņ" in message["Subject"]
    text = mail_text(message)
    assert text.count("2025-03-03") == 1                       # one meeting, reported by two pages
    assert "EUR 612 400,00 → EUR 640 000,00" in text
    assert "Gudras pilsētas dati" in text
    assert replica.centrs.url(replica.centrs.article_path(MEETING)) in text \
        or replica.centrs.url(replica.centrs.article_path(SAME_MEETING)) in text
    assert message.get_body(preferencelist=("html",)) is not None

    third = run("--sites", str(sites), "--notify", mail_url)
    assert third.returncode == 0
    assert len(mailbox.messages) == 1

    db = sqlite_utils.Database(tmp_path / "projwatch.db")
    assert db["meetings"].count_where("start = '2025-03-03'") == 1
    assert {row["status"] for row in db["outbox"].rows} == {"sent"}


def test_no_baseline_alerts_from_the_first_run(tmp_path, replica, run, smtp_server):
    mail_url, mailbox = smtp_server
    sites = replica.write_sites(tmp_path / "sites.toml", replica.portal)
    assert run("--sites", str(sites), "--notify", mail_url, "--no-baseline").returncode == 0
    assert len(mailbox.messages) == 1
    assert "EUR 410 230,00" in mail_text(mailbox.messages[0])


def test_failed_delivery_is_kept_and_sent_once_next_run(tmp_path, replica, run, httpserver):
    answers = iter([Response("down", status=500)])
    received = []

    def hook(request):
        response = next(answers, None)
        if response is None:
            received.append(json.loads(request.get_data()))
            return Response("ok")
        return response

    httpserver.expect_request("/hook").respond_with_handler(hook)
    target = f"json://127.0.0.1:{httpserver.port}/hook"
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs, **ALWAYS_DUE)
    run("--sites", str(sites), "--notify", target)
    replica.centrs.add_article(MEETING)

    down = run("--sites", str(sites), "--notify", target)
    assert down.returncode == 0
    assert "delivery failed" in down.stderr and received == []
    db = sqlite_utils.Database(tmp_path / "projwatch.db")
    assert [row["status"] for row in db["outbox"].rows] == ["pending"]
    assert next(db["outbox"].rows)["last_error"]

    up = run("--sites", str(sites), "--notify", target)
    assert up.returncode == 0
    assert len(received) == 1 and "2025-03-03" in received[0]["message"]
    run("--sites", str(sites), "--notify", target)
    assert len(received) == 1


def test_bad_notify_url_is_refused_before_crawling(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs)
    done = run("--sites", str(sites), "--notify", "nosuchscheme://whatever")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "--notify" in done.stderr
    assert replica.centrs.served == []


def test_sigkill_mid_run_loses_and_doubles_nothing(tmp_path, replica, smtp_server):
    mail_url, mailbox = smtp_server
    site = replica.centrs
    add_meeting_articles(site, 60, "maijam")
    db_path = tmp_path / "projwatch.db"
    command, env = run_command(replica.write_sites(tmp_path / "sites.toml", site, **ALWAYS_DUE), db_path,
                               "--notify", mail_url, "--no-baseline")
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_fetched(site, 20)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL                  # killed, not finished before the kill landed
    assert len(stored_urls(db_path)) < len(article_urls(site))   # mid-run: articles were left to fetch

    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("select count(*) from changes where kind = 'new_meeting'").fetchone()[0] \
        == db["meetings"].count > 0
    assert delivered_meetings_once(db_path, mailbox)
    assert {row["status"] for row in db["outbox"].rows} == {"sent"}


def test_per_change_messages_routed_by_a_notify_config(tmp_path, replica, run, smtp_server, httpserver):
    """``run --per-change --notify-config FILE`` end to end: one message per change, each target only the
    kinds its tag names (mail: meetings; webhook: funding)."""
    mail_url, mailbox = smtp_server
    httpserver.expect_request("/hook").respond_with_data("ok")
    config = tmp_path / "notify.yml"
    config.write_text(f"urls:\n  - {mail_url}:\n      tag: meetings\n"
                      f"  - json://127.0.0.1:{httpserver.port}/hook:\n      tag: funding\n", encoding="utf-8")
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs, **ALWAYS_DUE)
    assert run("--sites", str(sites), "--notify-config", str(config)).returncode == 0    # the baseline
    replica.centrs.add_article(MEETING)
    replica.centrs.edit_article(FUNDED, "EUR 612 400,00", "EUR 640 000,00")

    done = run("--sites", str(sites), "--notify-config", str(config), "--per-change")

    assert done.returncode == 0, done.stderr
    db = sqlite_utils.Database(tmp_path / "projwatch.db")
    meetings = db.execute("select count(*) from changes where kind = 'new_meeting' and not baseline").fetchone()[0]
    funding = db.execute("select count(*) from changes where kind like '%_funding' and not baseline").fetchone()[0]
    assert meetings >= 1 and funding >= 1
    assert [message["Subject"].split(" – ")[0] for message in mailbox.messages] == ["projwatch: Jauna tikšanās"] * meetings
    hooks = [json.loads(request.get_data()) for request, _ in httpserver.log]
    assert len(hooks) == funding and all("finansējums" in hook["title"] for hook in hooks)
    assert any("EUR 612 400,00 → EUR 640 000,00" in hook["message"] for hook in hooks)
    assert f"alerts: {meetings + funding} delivered in {meetings + funding} messages" in done.stdout
