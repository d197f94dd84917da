"""``crawler/notify_cli.py``: ``projwatch notify-test`` in-process — the sample digest reaches a real SMTP
server and a webhook; no target is one line, exit 2; an undeliverable target exits non-zero with the
reason, secrets masked, after the other targets got their sample."""
import json

import pytest
from click.testing import CliRunner

from crawler.notify_cli import notify_test
from tests.conftest import closed_port

NO_TARGET = "Error: no notification target: give --notify URL, --notify-config FILE or set PROJWATCH_NOTIFY\n"


def invoke(*args: str, notify_env: str = ""):
    return CliRunner().invoke(notify_test, list(args), env={"PROJWATCH_NOTIFY": notify_env})


def test_the_sample_digest_reaches_the_smtp_server(smtp_server):
    mail_url, mailbox = smtp_server

    result = invoke("--notify", mail_url)

    assert result.exit_code == 0, result.output
    port = mail_url.split(":")[2].split("?")[0]
    assert result.stdout == f"sent a sample to mailto://127.0.0.1:{port}/b%40example.com\n"
    [message] = mailbox.messages
    assert message["Subject"] == "projwatch: 2 jaunas izmaiņas"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (plain, html):
        assert "Pilsētu digitālās inovācijas (DI4C) · URBACT" in body
        assert "Jauna tikšanās: 2021-11-23 – 2021-11-24, Oulu, FI (partneru sanāksme)" in body
        assert "Mainīts finansējums, kopējās izmaksas: EUR 146 994,00 → EUR 747 365,12" in body


@pytest.mark.parametrize("where", ["option", "environment", "config"])
def test_every_way_of_naming_a_target_reaches_it(httpserver, tmp_path, where):
    httpserver.expect_request("/hook").respond_with_data("ok")
    url = f"json://127.0.0.1:{httpserver.port}/hook"
    config = tmp_path / "notify.yml"
    config.write_text(f"urls:\n  - {url}:\n      tag: funding\n", encoding="utf-8")
    args = {"option": (["--notify", url], ""), "environment": ([], url),
            "config": (["--notify-config", str(config)], "")}[where]

    result = invoke(*args[0], notify_env=args[1])

    assert result.exit_code == 0, result.output
    assert result.stdout == f"sent a sample to json://127.0.0.1:{httpserver.port}/hook\n"
    [(request, _)] = httpserver.log
    sent = json.loads(request.get_data(as_text=True))
    assert sent["title"] == "projwatch: 2 jaunas izmaiņas"
    assert "EUR 146 994,00 → EUR 747 365,12" in sent["message"]


def test_no_target_is_one_line_and_exit_2():
    result = invoke()
    assert result.exit_code == 2
    assert result.stderr == NO_TARGET and result.stdout == ""


def test_a_bad_url_is_one_line_and_exit_2_without_its_secret():
    result = invoke("--notify", "tgram://secret-token-here")
    assert result.exit_code == 2
    assert result.stderr == "Error: --notify URL 1 is not a valid apprise URL: tgram://…\n"


@pytest.mark.parametrize("answer", ["500", "refused"])
def test_an_undeliverable_target_fails_with_the_reason_and_the_others_still_get_theirs(
        httpserver, smtp_server, answer):
    mail_url, mailbox = smtp_server
    httpserver.expect_request("/hook").respond_with_data("down", status=500)
    with closed_port() as refusing:
        port = httpserver.port if answer == "500" else refusing
        bad = f"json://projwatch:s3cretPassw0rd@127.0.0.1:{port}/hook"
        result = invoke("--notify", bad, "--notify", mail_url)

    assert result.exit_code == 1
    assert result.stdout.startswith("sent a sample to mailto://127.0.0.1")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: could not deliver: json://projwatch:****@127.0.0.1:{port}/hook: ")
    reason = line.split(f"{port}/hook: ", 1)[1]
    assert ("500" in reason) if answer == "500" else ("Connection error" in reason), reason
    assert "s3cretPassw0rd" not in result.output
    assert len(mailbox.messages) == 1


def test_a_target_given_on_the_command_line_wins_over_the_environment(smtp_server, httpserver):
    mail_url, mailbox = smtp_server
    httpserver.expect_request("/hook").respond_with_data("ok")

    result = invoke("--notify", mail_url, notify_env=f"json://127.0.0.1:{httpserver.port}/hook")

    assert result.exit_code == 0, result.output
    assert len(mailbox.messages) == 1 and httpserver.log == []
