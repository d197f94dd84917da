"""The outbox: alerts owed to each channel, until delivered.

A row is ``pending`` until its channel accepts it, then ``sent`` (never offered again). A failed attempt
leaves it pending, counting ``attempts`` and keeping ``last_error``, so the next run retries it; after
``MAX_ATTEMPTS`` failures it becomes ``failed`` and is no longer offered (a channel that is gone for
good must not be retried forever; staff see such rows in Datasette).
"""
import json
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, timezone
from functools import cache

from sqlite_utils import Database

from crawler.kinds import ALERTED_CHANGES, Route, Routing
from storage import sql
from storage.identity import acronym_key, normalise

def route_wants(route: Route, kind: str, site: str | None, programme: str | None,
                alias_keys: Collection[str]) -> bool:
    """Whether ``route`` wants a change of ``kind`` about a project known by ``alias_keys``."""
    return (kind in (ALERTED_CHANGES if route.kinds is None else route.kinds)
            and (route.sites is None or site in route.sites)
            and (route.programmes is None or programme in route.programmes)
            and (route.projects is None or not _project_keys(route.projects).isdisjoint(alias_keys)))


@cache
def _project_keys(aliases: frozenset[str]) -> frozenset[str]:
    return frozenset(project_keys(aliases))


def project_keys(aliases: Iterable[str]) -> set[str]:
    """The alias keys a project tag matches: its name form and its acronym form ("project:di4c",
    "project:pilsetu-digitalas-inovacijas" — tags have no spaces)."""
    return {key for alias in aliases for key in (normalise(alias), acronym_key(alias))} - {""}


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


#: A project's alias keys as one SQL value (``ALIAS_KEYS_SQL.format(project_id=…)``), read back by
#: ``alias_keys``: what routing matches ``project:`` tags against.
ALIAS_KEYS_SQL = "(SELECT group_concat(key, char(31)) FROM project_aliases WHERE project_id = {project_id})"


def alias_keys(joined: str | None) -> list[str]:
    return joined.split("\x1f") if joined else []


SUBJECT_SQL = f"""
SELECT coalesce(changes.site, pages.site), projects.programme, {ALIAS_KEYS_SQL.format(project_id="changes.project_id")}
FROM changes
LEFT JOIN pages ON pages.url = changes.page_url
LEFT JOIN projects ON projects.id = changes.project_id
WHERE changes.id = ?
"""


def queue_alerts(db: Database, changes: Iterable[tuple[int, str]], routing: Routing, now: str) -> int:
    """Owe each channel the ``(change id, kind)`` pairs its route wants, decided now, when the change is
    recorded (a later edit of the routes never re-sends an old change); return how many rows were queued."""
    rows = []
    for change_id, kind in changes:
        site, programme, aliases = db.execute(SUBJECT_SQL, [change_id]).fetchone()
        rows += [{"change_id": change_id, "channel": channel, "status": "pending", "attempts": 0, "created_at": now}
                 for channel, routes in routing.items()
                 if any(route_wants(route, kind, site, programme, alias_keys(aliases)) for route in routes)]
    sql.insert_new(db, "outbox", rows)
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


class Outbox:
    """An open database's outbox as delivery sees it (``notifications.deliver.deliver_pending``): the
    alerts pending for a channel, then the outcome of each attempt to send some of them."""

    def __init__(self, db: Database, now: str | None = None):
        self.db = db
        self.now = now   # when the alerts count as sent; None: the moment each attempt succeeds

    def pending(self, channel: str) -> list[dict]:
        return pending_alerts(self.db, channel)

    def delivered(self, outbox_ids: Sequence[int], error: str | None) -> None:
        """The channel accepted these alerts (``error`` None: never offered again), or failed with ``error``."""
        if error is None:
            mark_sent(self.db, outbox_ids, self.now or datetime.now(timezone.utc).isoformat(timespec="seconds"))
        else:
            mark_failed(self.db, outbox_ids, error)


def unknown_project_tags(db: Database, aliases: Iterable[str]) -> list[str]:
    """The tagged project aliases that no stored project is known by (yet)."""
    unknown = []
    for alias in sorted(set(aliases)):
        keys = sorted(project_keys([alias]))
        marks = ", ".join("?" * len(keys))
        if not db.execute(f"SELECT 1 FROM project_aliases WHERE key IN ({marks}) LIMIT 1", keys).fetchone():
            unknown.append(alias)
    return unknown
