"""``projwatch notify-test``: a sample digest to each target; bad input is one line and exit 2."""
import json

from click.testing import CliRunner

from crawler.cli import main


def notify_test(*args, environ=None):
    return CliRunner().invoke(main, ["notify-test", *args], env={"PROJWATCH_NOTIFY": "", **(environ or {})})


def test_sample_digest_reaches_email_and_webhook(smtp_server, httpserver):
    mail_url, mailbox = smtp_server
    httpserver.expect_request("/hook").respond_with_data("ok")

    result = notify_test("--notify", mail_url, environ={"PROJWATCH_NOTIFY": f"json://127.0.0.1:{httpserver.port}/hook"})

    assert result.exit_code == 0, result.output
    assert result.output.startswith("sent a sample to mailto://127.0.0.1")
    assert mailbox.messages[0]["Subject"] == "projwatch: 2 jaunas izmaiņas"
    assert "EUR 146 994,00 → EUR 747 365,12" in mailbox.messages[0].get_body(("plain",)).get_content()
    assert httpserver.log == []  # --notify wins over PROJWATCH_NOTIFY


def test_config_file_targets(httpserver, tmp_path):
    httpserver.expect_request("/hook").respond_with_data("ok")
    config = tmp_path / "notify.yml"
    config.write_text(f"urls:\n  - json://127.0.0.1:{httpserver.port}/hook:\n      tag: funding\n", encoding="utf-8")

    result = notify_test("--notify-config", str(config))

    assert result.exit_code == 0, result.output
    [(request, _)] = httpserver.log
    assert "Pilsētu digitālās inovācijas" in json.loads(request.get_data(as_text=True))["message"]


def test_bad_url_is_one_line_and_exit_2():
    result = notify_test("--notify", "tgram://secret-token-here")

    assert result.exit_code == 2
    assert result.output == "Error: --notify URL 1 is not a valid apprise URL: tgram://…\n"


def test_no_target_is_a_user_error():
    result = notify_test()
    assert result.exit_code == 2 and "no notification target" in result.output


def test_undeliverable_target_fails_with_the_reason(httpserver):
    httpserver.expect_request("/hook").respond_with_data("down", status=500)

    result = notify_test("--notify", f"json://127.0.0.1:{httpserver.port}/hook")

    assert result.exit_code == 1
    assert result.output.startswith("Error: could not deliver: json://127.0.0.1") and "500" in result.output
