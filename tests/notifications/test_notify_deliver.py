"""Delivery through real services: SMTP (aiosmtpd), a JSON webhook, Telegram's API stubbed; outages."""
import json
import re
from dataclasses import replace
from html import unescape

from werkzeug import Response

from crawler.kinds import Route
from notifications.channels import build_channels, routing_of
from notifications.deliver import deliver_pending, send_outlook, send_sample
from storage.outbox import Outbox
from storage.outlook import Outlook
from tests.notifications.conftest import TELEGRAM_TOKEN, TELEGRAM_URL, extracted, figure, meeting

HOSTILE = '<script>alert("x")</script> & <b>Projekts</b>'


def telegram_visible(text: str) -> str:
    """What Telegram counts against its 4096-character limit: the text once its HTML is parsed."""
    return unescape(re.sub(r"<[^>]+>", "", text))


def outbox_statuses(db):
    return [(row["status"], row["attempts"]) for row in db["outbox"].rows]


def test_email_digest_reaches_a_real_smtp_server(db, queue, smtp_server):
    url, mailbox = smtp_server
    channels = build_channels([url])
    queue(routing_of(channels))

    report = deliver_pending(Outbox(db), channels)

    assert (report.sent, report.failed, report.messages) == (2, 0, 1)
    [mail] = mailbox.messages
    assert mail["Subject"] == "projwatch: 2 jaunas izmaiņas"
    plain = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    for body in (plain, html):
        assert "Pilsētu digitālās inovācijas" in body
        assert "EUR 152 310,00" in body
        assert "2021-11-23" in body and "2021-11-24" in body
        assert "https://digitalaiscentrs.lv/jaunumi/2021/noslegusies-partneru-tiksanas-somija" in body
    assert 'href="https://digitalaiscentrs.lv/jaunumi/2021/noslegusies-partneru-tiksanas-somija"' in html
    assert outbox_statuses(db) == [("sent", 1), ("sent", 1)]

    assert deliver_pending(Outbox(db), channels).messages == 0
    assert len(mailbox.messages) == 1


def test_changed_funding_reads_old_to_new(db, queue, smtp_server):
    url, mailbox = smtp_server
    channels = build_channels([url])
    queue({}, [extracted(funding=[figure(146994)])])
    queue(routing_of(channels), [extracted(funding=[figure(152310)])])

    deliver_pending(Outbox(db), channels)

    [mail] = mailbox.messages
    assert "EUR 146 994,00 → EUR 152 310,00" in mail.get_body(("plain",)).get_content()
    assert mail["Subject"] == "projwatch: 1 jauna izmaiņa"


def test_hostile_scraped_text_is_escaped_in_html(db, queue, smtp_server):
    url, mailbox = smtp_server
    channels = build_channels([url])
    queue(routing_of(channels), [extracted(HOSTILE, acronym=None, meetings=[meeting("2022-01-10", city=HOSTILE)])],
          title=HOSTILE)

    deliver_pending(Outbox(db), channels)

    html = mailbox.messages[0].get_body(("html",)).get_content()
    assert "<script>" not in html and "<b>Projekts" not in html
    assert "&lt;script&gt;" in html


def test_webhook_receives_the_digest(db, queue, httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    channels = build_channels([f"json://127.0.0.1:{httpserver.port}/hook"])
    queue(routing_of(channels))

    report = deliver_pending(Outbox(db), channels)

    [(request, _)] = httpserver.log
    payload = json.loads(request.get_data(as_text=True))
    assert payload["title"] == "projwatch: 2 jaunas izmaiņas"
    assert "Jauna tikšanās: 2021-11-23 – 2021-11-24, Oulu, FI (partneru sanāksme)" in payload["message"]
    assert "partnera budžets (Ventspils Digitālais centrs): EUR 152 310,00" in payload["message"]
    assert report.sent == 2


def test_outage_keeps_rows_pending_then_delivers_them_once(db, queue, httpserver):
    channels = build_channels([f"json://127.0.0.1:{httpserver.port}/hook"])
    queue(routing_of(channels))
    httpserver.expect_oneshot_request("/hook").respond_with_response(Response("down", status=500))

    failed = deliver_pending(Outbox(db), channels)

    assert (failed.sent, failed.failed) == (0, 2)
    assert outbox_statuses(db) == [("pending", 1), ("pending", 1)]
    assert {row["last_error"] for row in db["outbox"].rows} == {failed.errors[0].split(": ", 1)[1]}
    assert "500" in failed.errors[0]

    httpserver.expect_request("/hook").respond_with_data("ok")
    assert deliver_pending(Outbox(db), channels).sent == 2
    assert deliver_pending(Outbox(db), channels).sent == 0
    assert len(httpserver.log) == 2  # the failed attempt and the one delivery
    assert outbox_statuses(db) == [("sent", 2), ("sent", 2)]


def test_telegram_gets_escaped_text_within_its_limit(db, queue, telegram_api):
    telegram_api.expect_request(f"/bot123456789:{TELEGRAM_TOKEN}/sendMessage").respond_with_json({"ok": True})
    channels = build_channels([TELEGRAM_URL])
    many = [meeting(f"2022-{month:02d}-{day:02d}", city=HOSTILE * 3) for month in range(1, 13) for day in (1, 15)]
    queue(routing_of(channels), [extracted(meetings=many)])

    report = deliver_pending(Outbox(db), channels)

    texts = [json.loads(request.get_data(as_text=True))["text"] for request, _ in telegram_api.log]
    assert report.sent == 24 and report.messages == len(texts) > 1
    assert all(len(telegram_visible(text)) <= 4096 for text in texts)
    assert "(1/" in texts[0] and "<script>" not in "".join(texts) and "&lt;script&gt;" in texts[0]
    assert sum(text.count("Jauna tikšanās") for text in texts) == 24


def test_telegram_failure_records_no_token(db, queue, telegram_api):
    telegram_api.expect_request(f"/bot123456789:{TELEGRAM_TOKEN}/sendMessage").respond_with_json(
        {"ok": False, "description": "Unauthorized"}, status=401)
    channels = build_channels([TELEGRAM_URL])
    queue(routing_of(channels))

    report = deliver_pending(Outbox(db), channels)

    assert report.failed == 2
    assert all(TELEGRAM_TOKEN not in row["last_error"] for row in db["outbox"].rows)
    assert TELEGRAM_TOKEN not in " ".join(report.errors)


def test_tags_route_funding_and_meetings(db, queue, smtp_server, httpserver, tmp_path):
    mail_url, mailbox = smtp_server
    httpserver.expect_request("/meetings").respond_with_data("ok")
    config = tmp_path / "notify.yml"
    config.write_text(f"urls:\n  - {mail_url}:\n      tag: funding\n"
                      f"  - json://127.0.0.1:{httpserver.port}/meetings:\n      tag: meetings\n", encoding="utf-8")
    channels = build_channels(config_path=config)
    queue(routing_of(channels))

    deliver_pending(Outbox(db), channels)

    [mail] = mailbox.messages
    assert "EUR 152 310,00" in mail.get_body(("plain",)).get_content()
    assert "Jauna tikšanās" not in mail.get_body(("plain",)).get_content()
    [(request, _)] = httpserver.log
    message = json.loads(request.get_data(as_text=True))["message"]
    assert "Jauna tikšanās" in message and "EUR" not in message


def test_per_change_sends_one_message_each(db, queue, httpserver):
    httpserver.expect_request("/hook").respond_with_data("ok")
    channels = build_channels([f"json://127.0.0.1:{httpserver.port}/hook"])
    queue(routing_of(channels))

    report = deliver_pending(Outbox(db), channels, per_change=True)

    titles = [json.loads(request.get_data(as_text=True))["title"] for request, _ in httpserver.log]
    assert report.messages == 2 and titles == [
        "projwatch: Jauna tikšanās – Pilsētu digitālās inovācijas",
        "projwatch: Jauns finansējums – Pilsētu digitālās inovācijas"]


def test_pending_alerts_survive_a_new_password(db, queue, httpserver):
    """Alerts owed while the webhook was down are delivered after its password changed."""
    httpserver.expect_request("/hook").respond_with_data("ok")
    old = build_channels([f"json://projwatch:old-secret@127.0.0.1:{httpserver.port}/hook"])
    queue(routing_of(old))
    new = build_channels([f"json://projwatch:new-secret@127.0.0.1:{httpserver.port}/hook"])

    report = deliver_pending(Outbox(db), new)

    assert (report.sent, report.failed) == (2, 0)
    [(request, _)] = httpserver.log
    assert request.authorization.password == "new-secret"
    assert outbox_statuses(db) == [("sent", 1), ("sent", 1)]


def test_pending_alerts_survive_a_new_telegram_token(db, queue, telegram_api):
    new_token = "ZZyyxxwwvvuuttssrrqqppoonnmmllkkjj"
    telegram_api.expect_request(f"/bot987654321:{new_token}/sendMessage").respond_with_json({"ok": True})
    queue(routing_of(build_channels([TELEGRAM_URL])))

    report = deliver_pending(Outbox(db), build_channels([f"tgram://987654321:{new_token}/12345"]))

    assert report.sent == 2 and len(telegram_api.log) == 1
    assert outbox_statuses(db) == [("sent", 1), ("sent", 1)]


def test_the_outlook_goes_to_each_target_as_its_routes_want(httpserver):
    """send_outlook: one message per target with its part; nothing to a target whose part is empty; a
    failure is reported without its secret."""
    httpserver.expect_request("/meetings").respond_with_data("ok")
    httpserver.expect_request("/down").respond_with_data("no", status=500)
    meeting = {"start": "2026-12-03", "end": "2026-12-04", "city": "Tartu", "country": "EE", "online": False,
               "kind": "partner meeting", "project_title": "Gudras pilsētas dati", "acronym": None,
               "page_url": "https://x.lv/a", "site": "centrs", "programme": "urbact", "alias_keys": None}
    found = Outlook(meetings=[meeting], funding=[])
    meetings_only = build_channels([f"json://127.0.0.1:{httpserver.port}/meetings"])
    funding_only = replace(build_channels([f"json://127.0.0.1:{httpserver.port}/funding"])[0],
                           routes=(Route(kinds=frozenset({"new_funding"})),))
    down = build_channels([f"json://projwatch:S3cretPass@127.0.0.1:{httpserver.port}/down"])

    report = send_outlook(found, [*meetings_only, funding_only, *down], 14, 7)

    assert (report.sent, report.failed, report.messages) == (1, 1, 1)
    assert len(report.errors) == 1 and "S3cretPass" not in report.errors[0]
    assert [request.path for request, _ in httpserver.log] == ["/meetings", "/down"]
    body = json.loads(httpserver.log[0][0].get_data(as_text=True))
    assert body["title"].startswith("projwatch: 1 tikšanās 14 dienās") and "Tartu" in body["message"]


def test_the_sample_digest_reports_a_failure(httpserver):
    httpserver.expect_request("/ok").respond_with_data("ok")
    httpserver.expect_request("/down").respond_with_data("no", status=503)
    assert send_sample(build_channels([f"json://127.0.0.1:{httpserver.port}/ok"])[0]) is None
    error = send_sample(build_channels([f"json://127.0.0.1:{httpserver.port}/down"])[0])
    assert error and "503" in error
