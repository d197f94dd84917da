"""``storage/runs.py``: a run's statistics stored per site and read back newest first, and whether a site
has ever been crawled to its end (its baseline ends then)."""
import pytest

from storage.runs import has_completed_run, recent_runs, record_run


def a_run(site: str = "centrs", started: str = "2026-11-30T08:00:00+00:00", **values) -> dict:
    return {"site": site, "started": started, "finished": started, "requests": 10, "revalidated": 4, "bytes": 5000,
            "pages_seen": 6, "new": 1, "changed": 0, "facts": 2, "changes": 1, "errors": 0, "error_kinds": {},
            "articles_found": 6, "failed": False, "finish_reason": "finished", **values}



def test_a_run_is_read_back_with_its_error_kinds(db):
    record_run(db, a_run(error_kinds={"timeout": 2, "http_503": 1}, errors=3))
    [run] = recent_runs(db, "centrs")
    assert run["error_kinds"] == {"timeout": 2, "http_503": 1}
    assert {key: run[key] for key in ("requests", "bytes", "articles_found", "errors")} == {
        "requests": 10, "bytes": 5000, "articles_found": 6, "errors": 3}
    assert not run["failed"] and run["finish_reason"] == "finished"


def test_recent_runs_are_the_sites_own_newest_first_up_to_the_limit(db):
    for hour in ("09", "07", "08"):
        record_run(db, a_run(started=f"2026-11-30T{hour}:00:00+00:00", requests=int(hour)))
    record_run(db, a_run(site="blog", started="2026-11-30T10:00:00+00:00"))
    record_run(db, a_run(started="2026-11-30T09:00:00+00:00", requests=99))   # same start: the later row first
    assert [run["requests"] for run in recent_runs(db, "centrs")] == [99, 9, 8, 7]
    assert [run["requests"] for run in recent_runs(db, "centrs", limit=2)] == [99, 9]
    assert [run["site"] for run in recent_runs(db, "blog")] == ["blog"]
    assert recent_runs(db, "portal") == []


def test_a_run_without_error_kinds_reads_back_empty(db):
    record_run(db, {key: value for key, value in a_run().items() if key != "error_kinds"})
    assert recent_runs(db, "centrs")[0]["error_kinds"] == {}


@pytest.mark.parametrize("runs, completed", [
    ([], False),
    ([{"failed": True}], False),                          # no listing reachable
    ([{"finish_reason": "shutdown"}], False),             # stopped by a signal
    ([{"finish_reason": "not started", "failed": True}], False),
    ([{"site": "blog"}], False),                          # another site's
    ([{"failed": True}, {}], True),
    ([{}, {"failed": True}], True),                       # once completed, always
])
def test_a_site_has_completed_a_run_once_one_crawled_it_to_its_end(db, runs, completed):
    for number, values in enumerate(runs):
        record_run(db, a_run(started=f"2026-11-30T0{number}:00:00+00:00", **values))
    assert has_completed_run(db, "centrs") is completed
