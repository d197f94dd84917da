"""The outbox: alerts owed to each channel, until delivered.

A row is ``pending`` until its channel accepts it, then ``sent`` (never offered again). A failed attempt
leaves it pending, counting ``attempts`` and keeping ``last_error``, so the next run retries it; after
``MAX_ATTEMPTS`` failures it becomes ``failed`` and is no longer offered (a channel that is gone for
good must not be retried forever; staff see such rows in Datasette).
"""
import json
from collections.abc import Collection, Iterable, Mapping

from sqlite_utils import Database

# What a channel may be sent. ``new_project`` is recorded but not alerted: staff asked for meetings,
# funding, and word when a site stops working (and starts again).
ALERT_KINDS = frozenset({"new_meeting", "new_funding", "changed_funding", "removed_funding",
                         "site_unhealthy", "site_recovered"})
Channels = Mapping[str, Collection[str] | None]   # channel key -> the kinds it wants (None: all)

MAX_ATTEMPTS = 100  # about two days of a run every 30 minutes
ERROR_LIMIT = 500

PENDING_SQL = """
SELECT outbox.id AS outbox_id, outbox.attempts, changes.id AS change_id, changes.kind, changes.site,
       changes.old_value, changes.new_value, changes.page_url, changes.detected_at,
       pages.title AS page_title, projects.id AS project_id, projects.title AS project_title,
       projects.name AS project_name,
       projects.name_en AS project_name_en, projects.acronym, projects.programme
FROM outbox
JOIN changes ON changes.id = outbox.change_id
LEFT JOIN projects ON projects.id = changes.project_id
LEFT JOIN pages ON pages.url = changes.page_url
WHERE outbox.channel = ? AND outbox.status = 'pending'
ORDER BY projects.id NULLS FIRST, changes.id
"""


def queue_alerts(db: Database, changes: Iterable[tuple[int, str]], channels: Channels, now: str) -> int:
    """Owe each channel the ``(change id, kind)`` pairs it wants; return how many rows were queued."""
    rows = [
        {"change_id": change_id, "channel": channel, "status": "pending", "attempts": 0, "created_at": now}
        for change_id, kind in changes
        for channel, wanted in channels.items()
        if kind in (ALERT_KINDS if wanted is None else wanted)
    ]
    db["outbox"].insert_all(rows, ignore=True)
    return len(rows)


def pending_alerts(db: Database, channel: str) -> list[dict]:
    """The changes owed to ``channel``, grouped by project, oldest first, with ``old_value`` and
    ``new_value`` decoded (dicts or None)."""
    alerts = []
    for row in db.query(PENDING_SQL, [channel]):
        row["old_value"] = json.loads(row["old_value"]) if row["old_value"] else None
        row["new_value"] = json.loads(row["new_value"]) if row["new_value"] else None
        alerts.append(row)
    return alerts


def mark_sent(db: Database, outbox_ids: Iterable[int], now: str) -> None:
    """The channel accepted these rows: they are never offered again."""
    with db.atomic():
        for outbox_id in outbox_ids:
            db.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL"
                " WHERE id = ? AND status = 'pending'",
                [now, outbox_id],
            )


def mark_failed(db: Database, outbox_ids: Iterable[int], error: str, max_attempts: int = MAX_ATTEMPTS) -> None:
    """A delivery attempt failed with ``error`` (which must not hold secrets): retry next run, or give
    up once ``max_attempts`` attempts have failed."""
    with db.atomic():
        for outbox_id in outbox_ids:
            db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?,"
                " status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END"
                " WHERE id = ? AND status = 'pending'",
                [error[:ERROR_LIMIT], max_attempts, outbox_id],
            )
