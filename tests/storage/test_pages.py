"""The page store: versions only on change, and the revalidation schedule."""
import zlib
from datetime import datetime, timedelta, timezone

import pytest

from storage import StorageError, open_db
from storage.pages import (Check, Schedule, content_hash, next_check, page_gone, page_unchanged, plan_check,
                           reread_page, revalidation_plan, save_page, stored_pages, stored_text, version_html)
from storage.runs import record_run

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)



def save(db, text="Teksts par projektu.", url="https://x.lv/a", published="2026-11-20", now=NOW):
    return save_page(db, url=url, site="x", title="T", published=published, text=text,
                     html=f"<p>{text}</p>", now=now)


def test_first_save_is_new_with_a_version(db):
    saved = save(db)
    assert saved.outcome == "new"
    version = db["page_versions"].get(saved.version_id)
    assert zlib.decompress(version["html"]).decode() == "<p>Teksts par projektu.</p>"


@pytest.mark.parametrize("second_text, outcome, versions", [
    ("Teksts par projektu.", "unchanged", 1),
    ("Teksts  par\nprojektu. ", "unchanged", 1),      # whitespace alone is no change
    ("Teksts par jaunu projektu.", "changed", 2),
])
def test_versions_only_when_text_changes(db, second_text, outcome, versions):
    save(db)
    assert save(db, text=second_text, now=NOW + timedelta(hours=1)).outcome == outcome
    assert db["page_versions"].count == versions
    assert db["pages"].get("https://x.lv/a")["last_seen"] == (NOW + timedelta(hours=1)).isoformat(timespec="seconds")
    assert db["pages"].get("https://x.lv/a")["first_seen"] == NOW.isoformat(timespec="seconds")


def test_content_hash_ignores_layout_whitespace():
    assert content_hash("a  b\n c") == content_hash("a b c") != content_hash("a b d")


@pytest.mark.parametrize("published, first_seen, previous, due_in", [
    ("2026-11-10", "2026-11-20T00:00:00+00:00", None, None),          # fresh: every run
    (None, "2026-11-01T00:00:00+00:00", None, None),                  # fresh by first sight
    ("2026", "2026-11-20T00:00:00+00:00", None, None),                # a year alone: first sight
    ("2024-05-01", "2026-11-20T00:00:00+00:00", "2026-11-20T00:00:00+00:00", timedelta(days=7)),
])
def test_next_check(published, first_seen, previous, due_in):
    result = next_check("https://x.lv/a", published, first_seen, previous, NOW, fresh_days=30, recheck_days=7)
    if due_in is None:
        assert result is None
    else:
        assert result == (NOW + due_in).isoformat(timespec="seconds")


def test_first_slot_of_old_pages_is_spread_over_the_interval():
    slots = {next_check(f"https://x.lv/{n}", "2020-01-01", "2026-11-20T00:00:00+00:00", None, NOW, 30, 7)
             for n in range(200)}
    days = sorted((datetime.fromisoformat(slot) - NOW).total_seconds() / 86400 for slot in slots)
    assert len(days) == 200 and days[0] < 1 and days[-1] > 6 and all(0 <= d < 7 for d in days)


HOURS = timedelta(hours=1)


@pytest.mark.parametrize("published, outcome, wait_before, wait", [
    ("2026-11-20", "new", None, 3),            # newly published: checked again soon
    (None, "new", None, 3),                    # no date: fresh by first sight
    ("2026-11-20", "unchanged", 3, 6),         # unchanged: twice the wait
    ("2026-11-20", "unchanged", 12, 24),
    ("2026-11-20", "unchanged", 24, 24),       # at most fresh_wait_hours while fresh
    ("2026-11-20", "changed", 24, 3),          # changed: soon again
    ("2026-11-20", "unchanged", None, 3),      # no wait learned yet (it had validators before)
    ("2024-05-01", "unchanged", 24, 48),       # past the fresh window: on to recheck_days
    ("2024-05-01", "unchanged", 160, 168),
    ("2024-05-01", "changed", 168, 3),
])
def test_a_page_without_validators_learns_its_wait(published, outcome, wait_before, wait):
    check = plan_check("https://x.lv/a", published=published, first_seen="2026-11-20T00:00:00+00:00", previous=None,
                       now=NOW, schedule=Schedule(), validators=False, outcome=outcome, wait_hours=wait_before)
    assert check == Check((NOW + wait * HOURS).isoformat(timespec="seconds"), wait)


def test_an_old_page_without_validators_met_first_is_spread_over_recheck_days():
    slots = [plan_check(f"https://x.lv/{n}", published="2020-01-01", first_seen=NOW.isoformat(), previous=None,
                        now=NOW, schedule=Schedule(), validators=False, outcome="new") for n in range(100)]
    assert all(check.wait_hours == 7 * 24 for check in slots)
    days = sorted((datetime.fromisoformat(check.next_check) - NOW) / timedelta(days=1) for check in slots)
    assert days[0] < 1 and days[-1] > 6 and all(0 <= day < 7 for day in days)


@pytest.mark.parametrize("published, next_in", [("2026-11-20", None), ("2024-05-01", timedelta(days=7))])
def test_a_page_with_validators_keeps_the_304_path(published, next_in):
    check = plan_check("https://x.lv/a", published=published, first_seen="2026-11-20T00:00:00+00:00",
                       previous="2026-11-20T00:00:00+00:00", now=NOW, schedule=Schedule(), validators=True,
                       outcome="unchanged", wait_hours=None)
    assert check == Check(next_in and (NOW + next_in).isoformat(timespec="seconds"), None)


def test_the_store_keeps_the_learned_wait(db):
    """New, unchanged twice (once the same HTML, once other HTML around the same text), then changed."""
    def store(text, html_extra="", hours=0):
        now = NOW + hours * HOURS
        if page_unchanged(db, "https://x.lv/a", f"<p>{text}</p>{html_extra}", now, validators=False):
            return "unchanged"
        return save_page(db, url="https://x.lv/a", site="x", title="T", published="2026-11-20", text=text,
                         html=f"<p>{text}</p>{html_extra}", now=now, validators=False).outcome

    assert [store("A"), store("A", hours=3), store("A", "<nav/>", hours=9), store("B", hours=21)] == \
        ["new", "unchanged", "unchanged", "changed"]
    page = db["pages"].get("https://x.lv/a")
    assert page["wait_hours"] == 3 and page["next_check"] == (NOW + 24 * HOURS).isoformat(timespec="seconds")
    assert db["page_versions"].count == 2


def test_plan_lists_due_pages_only(db):
    save(db, url="https://x.lv/fresh", published="2026-11-20")
    save(db, url="https://x.lv/old", published="2019-01-01")
    plan = revalidation_plan(db, "x", NOW + timedelta(minutes=1))
    assert plan.known == {"https://x.lv/fresh", "https://x.lv/old"}
    assert "https://x.lv/fresh" in plan.due
    assert "https://x.lv/old" in revalidation_plan(db, "x", NOW + timedelta(days=7, seconds=1)).due
    assert revalidation_plan(db, "y", NOW).known == frozenset()
    assert plan.last_fetched["https://x.lv/old"] == NOW.isoformat(timespec="seconds")


@pytest.mark.parametrize("runs, walked", [
    ([], set()),                                             # no run walked the listings: walk them whole
    ([(0, True)], {"https://x.lv/first"}),
    ([(0, True), (1, False)], {"https://x.lv/first"}),       # the later run was cut short: its page is unwalked
    ([(0, True), (1, True)], {"https://x.lv/first", "https://x.lv/later"}),
    ([(0, False), (1, False)], set()),
])
def test_plan_names_the_pages_stored_by_the_last_complete_walk(db, runs, walked):
    """``runs``: (hours after NOW, walked) of each run, which stored one page each."""
    for (hours, complete), url in zip(runs, ("https://x.lv/first", "https://x.lv/later")):
        save(db, url=url, now=NOW + hours * HOURS)
        record_run(db, {"site": "x", "started": "-", "finished": "-", "failed": False,
                        "run_time": (NOW + hours * HOURS).isoformat(timespec="seconds"), "walked": complete})
    plan = revalidation_plan(db, "x", NOW + 2 * HOURS)
    assert plan.walked == walked and plan.walked <= plan.known


def test_reopening_applies_migrations_once(tmp_path):
    first = open_db(tmp_path / "p.db")
    applied = [row["name"] for row in first["_sqlite_migrations"].rows]
    first.close()
    db = open_db(tmp_path / "p.db")
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert [row["name"] for row in db["_sqlite_migrations"].rows] == applied
    assert applied[0] == "001_pages"


def test_missing_folder_is_a_storage_error(tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        open_db(tmp_path / "nope" / "p.db")


def test_an_unchanged_html_is_only_marked_seen(db):
    save(db, url="https://x.lv/old", published="2019-01-01")
    later = NOW + timedelta(days=1)
    assert page_unchanged(db, "https://x.lv/old", "<p>Teksts par projektu.</p>", later, Schedule(30, 7))
    row = db["pages"].get("https://x.lv/old")
    assert row["last_seen"] == later.isoformat(timespec="seconds")
    assert row["first_seen"] == NOW.isoformat(timespec="seconds") and row["text"] == "Teksts par projektu."
    due = datetime.fromisoformat(row["next_check"])
    assert later < due <= later + timedelta(days=7)
    assert db["page_versions"].count == 1


@pytest.mark.parametrize("url, html", [("https://x.lv/old", "<p>Cits teksts.</p>"),
                                       ("https://x.lv/unknown", "<p>Teksts par projektu.</p>")])
def test_another_html_or_an_unknown_page_is_read(db, url, html):
    save(db, url="https://x.lv/old", published="2019-01-01")
    assert not page_unchanged(db, url, html, NOW + timedelta(days=1))
    assert db["pages"].get("https://x.lv/old")["last_seen"] == NOW.isoformat(timespec="seconds")


def test_a_page_gone_is_asked_again_at_its_next_recheck(db):
    save(db, url="https://x.lv/gone", published="2026-11-20")
    page_gone(db, "https://x.lv/gone", NOW, recheck_days=5)
    row = db["pages"].get("https://x.lv/gone")
    assert row["next_check"] == (NOW + timedelta(days=5)).isoformat(timespec="seconds")
    assert row["text"] == "Teksts par projektu."       # kept: facts are never deleted
    assert "https://x.lv/gone" not in revalidation_plan(db, "x", NOW + timedelta(days=4)).due
    assert "https://x.lv/gone" in revalidation_plan(db, "x", NOW + timedelta(days=5)).due


def test_stored_pages_texts_and_html_read_back(db):
    save(db, url="https://x.lv/b", text="Otrais.", now=NOW + timedelta(hours=1))
    first = save(db, url="https://x.lv/a", text="Pirmais.")
    changed = save(db, url="https://x.lv/a", text="Pirmais, labots.", now=NOW + timedelta(hours=2))
    save_page(db, url="https://y.lv/c", site="y", title="C", published=None, text="Trešais.", html="<p>C</p>", now=NOW)
    pages = stored_pages(db, "x")
    assert [page["url"] for page in pages] == ["https://x.lv/a", "https://x.lv/b"]   # first seen first
    assert pages[0]["version_id"] == changed.version_id != first.version_id
    assert (pages[0]["site"], pages[0]["title"], pages[0]["published"]) == ("x", "T", "2026-11-20")
    assert {page["url"] for page in stored_pages(db)} == {"https://x.lv/a", "https://x.lv/b", "https://y.lv/c"}
    assert stored_text(db, "https://x.lv/a") == "Pirmais, labots."
    assert stored_text(db, "https://x.lv/none") == ""
    assert version_html(db, first.version_id) == "<p>Pirmais.</p>"
    assert version_html(db, 999) is None and version_html(db, None) is None


def test_a_page_read_again_keeps_its_versions(db):
    save(db, url="https://x.lv/a", text="Vecais lasītājs.")
    reread_page(db, "https://x.lv/a", title="Jauns", published="2026-11-19", text="Jaunais lasītājs.")
    row = db["pages"].get("https://x.lv/a")
    assert (row["title"], row["published"], row["text"]) == ("Jauns", "2026-11-19", "Jaunais lasītājs.")
    assert row["content_hash"] == content_hash("Jaunais lasītājs.")
    assert db["page_versions"].count == 1
    assert save(db, url="https://x.lv/a", text="Jaunais lasītājs.").outcome == "unchanged"


def test_fresh_until_the_last_moment_of_its_window():
    published = (NOW - timedelta(days=30)).date().isoformat()     # 30 days old at midnight: not fresh
    at_midnight = datetime.fromisoformat(published).replace(tzinfo=timezone.utc) + timedelta(days=30)
    assert next_check("https://x.lv/a", published, "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00",
                      at_midnight, fresh_days=30, recheck_days=7) is not None
    assert next_check("https://x.lv/a", published, "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00",
                      at_midnight - timedelta(seconds=1), fresh_days=30, recheck_days=7) is None


def test_an_undated_page_seen_again_is_scheduled_by_its_first_sight(db):
    save(db, url="https://x.lv/undated", published=None, now=NOW - timedelta(days=60))
    assert page_unchanged(db, "https://x.lv/undated", "<p>Teksts par projektu.</p>", NOW)
    due = datetime.fromisoformat(db["pages"].get("https://x.lv/undated")["next_check"])
    assert NOW < due <= NOW + timedelta(days=7)


def test_a_storage_error_is_not_temporary_unless_said(tmp_path):
    with pytest.raises(StorageError) as error:
        open_db(tmp_path / "no" / "folder" / "p.db")
    assert error.value.temporary is False
