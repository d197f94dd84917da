"""A site that stops working gets one alert per incident, and one when it works again."""
from notifications.channels import build_channels, routing_of
from storage import open_db
from storage.outbox import route_wants
from storage.site_health import update_site_health
from crawler.kinds import EVERYTHING, Route
from tests.replica.site import Fault

NOW = "2026-11-21T12:00:00+00:00"


def test_state_flips_alert_once_each(tmp_path):
    db = open_db(tmp_path / "h.db")
    channels = {"mail": EVERYTHING, "meetings-only": (Route(kinds=frozenset({"new_meeting"})),)}
    assert update_site_health(db, "x", None, "https://x.lv", NOW, channels) is None
    assert update_site_health(db, "x", "down", "https://x.lv", NOW, channels) == "site_unhealthy"
    assert update_site_health(db, "x", "still down", "https://x.lv", NOW, channels) is None
    assert update_site_health(db, "x", None, "https://x.lv", NOW, channels) == "site_recovered"
    kinds = [row["kind"] for row in db["changes"].rows]
    assert kinds == ["site_unhealthy", "site_recovered"]
    assert [row["channel"] for row in db["outbox"].rows] == ["mail", "mail"]


def test_a_broken_site_is_alerted_once_then_its_recovery(tmp_path, replica, run, smtp_server):
    mail_url, mailbox = smtp_server
    site = replica.centrs
    sites = replica.write_sites(tmp_path / "sites.toml", site)

    def subjects_and_texts():
        return [message.get_body(preferencelist=("plain",)).get_content() for message in mailbox.messages]

    assert run("--sites", str(sites), "--notify", mail_url).returncode == 0
    site.faults["/jaunumi"] = Fault(status=500)
    assert run("--sites", str(sites), "--notify", mail_url).returncode == 1
    assert mailbox.messages == []                                    # one bad run: not yet
    third = run("--sites", str(sites), "--notify", mail_url)
    assert third.returncode == 1 and "UNHEALTHY" in third.stdout
    assert len(mailbox.messages) == 1
    assert "Vietne nedarbojas: centrs — pēdējās 2 reizēs nebija sasniedzama neviena sarakstu lapa" in subjects_and_texts()[0]
    run("--sites", str(sites), "--notify", mail_url)
    assert len(mailbox.messages) == 1                                # once per incident

    del site.faults["/jaunumi"]
    assert run("--sites", str(sites), "--notify", mail_url).returncode == 0
    assert len(mailbox.messages) == 2
    assert "Vietne atkal darbojas: centrs" in subjects_and_texts()[1]

    db = open_db(tmp_path / "projwatch.db")
    runs = list(db["runs"].rows_where("site = 'centrs'", order_by="id"))
    assert [bool(r["failed"]) for r in runs] == [False, True, True, True, False]
    assert runs[0]["articles_found"] == len(site.articles) and runs[1]["articles_found"] == 0
    assert '"http_500": 1' in runs[1]["error_kinds"]


def test_a_target_tagged_health_hears_a_site_stop_and_start_again(tmp_path):
    """README: the tag `health` routes a site's `site_unhealthy` and `site_recovered` alerts, and only those."""
    config = tmp_path / "notify.yml"
    config.write_text("urls:\n  - json://127.0.0.1:9/hook:\n      tag: health\n", encoding="utf-8")
    db = open_db(tmp_path / "h.db")
    channels = routing_of(build_channels(config_path=config, environ={}))
    update_site_health(db, "x", "down", "https://x.lv", NOW, channels)
    update_site_health(db, "x", None, "https://x.lv", NOW, channels)
    queued = [row["kind"] for row in db.query(
        "SELECT changes.kind FROM outbox JOIN changes ON changes.id = outbox.change_id ORDER BY outbox.id")]
    assert queued == ["site_unhealthy", "site_recovered"]
    [routes] = channels.values()
    assert not any(route_wants(route, "new_meeting", "x", None, ()) for route in routes)
