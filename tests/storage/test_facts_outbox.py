"""The outbox: pending rows per channel, sent rows never again, failed ones retried, then given up."""
from crawler.kinds import EVERYTHING
from storage.outbox import mark_failed, mark_sent, pending_alerts, project_keys, unknown_project_tags

A = "https://digitalaiscentrs.lv/jaunumi/2021/a"


def queue_two(record, facts):
    record(A, [facts.project("Pilsētu digitālās inovācijas", meetings=[facts.meeting("2021-11-23")],
                             funding=[facts.funding(747365.12)])], routing={"mail": EVERYTHING, "tg": EVERYTHING})


def test_pending_alerts_carry_the_change_and_its_project(db, record, facts):
    queue_two(record, facts)

    alerts = pending_alerts(db, "mail")

    assert [alert["kind"] for alert in alerts] == ["new_meeting", "new_funding"]
    assert alerts[0]["project_name"] == "Pilsētu digitālās inovācijas"
    assert alerts[0]["new_value"]["start"] == "2021-11-23" and alerts[0]["old_value"] is None
    assert alerts[1]["page_url"] == A and alerts[1]["page_title"] == f"Title of {A}"
    assert pending_alerts(db, "nobody") == []


def test_sent_rows_are_never_offered_again(db, record, facts):
    queue_two(record, facts)
    mark_sent(db, [alert["outbox_id"] for alert in pending_alerts(db, "mail")], "2026-01-10T09:00:00+00:00")

    assert pending_alerts(db, "mail") == []
    assert len(pending_alerts(db, "tg")) == 2
    assert {row["sent_at"] for row in db["outbox"].rows_where("channel = 'mail'")} == {"2026-01-10T09:00:00+00:00"}


def test_failed_rows_stay_pending_with_their_error_then_give_up(db, record, facts):
    queue_two(record, facts)
    ids = [alert["outbox_id"] for alert in pending_alerts(db, "mail")]

    mark_failed(db, ids, "HTTP 500 from json://127.0.0.1", max_attempts=2)
    assert [(a["attempts"]) for a in pending_alerts(db, "mail")] == [1, 1]
    assert {row["last_error"] for row in db["outbox"].rows_where("channel = 'mail'")} == {"HTTP 500 from json://127.0.0.1"}

    mark_failed(db, ids, "still down", max_attempts=2)
    assert pending_alerts(db, "mail") == []
    assert {row["status"] for row in db["outbox"].rows_where("channel = 'mail'")} == {"failed"}


def test_a_row_is_given_up_after_100_failed_attempts_as_the_readme_says(db, record, facts):
    """"after 100 failed attempts, about two days of runs every 30 minutes, a row becomes `failed`"."""
    queue_two(record, facts)
    ids = [alert["outbox_id"] for alert in pending_alerts(db, "mail")]
    for _ in range(99):
        mark_failed(db, ids, "down")
    assert [alert["attempts"] for alert in pending_alerts(db, "mail")] == [99, 99]
    mark_failed(db, ids, "down")
    assert pending_alerts(db, "mail") == []
    assert {(row["status"], row["attempts"]) for row in db["outbox"].rows_where("channel = 'mail'")} \
        == {("failed", 100)}


def test_project_tags_that_match_no_project_yet(db, record, facts):
    record(A, [facts.project("Pilsētu digitālās inovācijas", acronym="DI4C")])
    assert unknown_project_tags(db, ["di4c", "pilsetu-digitalas-inovacijas", "nothing-yet", "DI4C"]) == ["nothing-yet"]
    assert unknown_project_tags(db, []) == []
    assert project_keys(["  ", "–"]) == set()          # nothing to match: no empty key
