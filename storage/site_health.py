"""Each site's health, and the alert owed when it changes: one when a site stops working (once per
incident), one when it works again."""
import json
from collections.abc import Mapping

from sqlite_utils import Database

from crawler.kinds import Routing
from storage.outbox import queue_alerts
from storage.runs import recent_runs, record_run


def update_site_health(db: Database, site: str, problem: str | None, url: str, now: str,
                       routing: Routing) -> str | None:
    """Record the site's state after a run (``problem`` None: healthy). Return the change kind written
    (``site_unhealthy`` / ``site_recovered``) when the state flipped, else None."""
    with db.atomic():
        old = next(db["site_health"].rows_where("site = ?", [site]), None)
        was_healthy = old is None or old["healthy"]
        if was_healthy == (problem is None):
            return None
        kind = "site_recovered" if problem is None else "site_unhealthy"
        db["site_health"].upsert({"site": site, "healthy": problem is None, "since": now, "reason": problem},
                                 pk="site")
        change_id = db["changes"].insert({
            "kind": kind, "site": site, "detected_at": now,
            "old_value": json.dumps({"reason": old["reason"]}, ensure_ascii=False) if old else None,
            "new_value": json.dumps({"reason": problem, "url": url}, ensure_ascii=False),
        }).last_pk
        queue_alerts(db, [(change_id, kind)], routing, now)
    return kind


class SiteHistory:
    """An open database's run history and site health as ``crawler.health.record_and_assess`` sees them."""

    def __init__(self, db: Database, routing: Routing):
        self.db = db
        self.routing = routing

    def record(self, run: Mapping) -> None:
        record_run(self.db, run)

    def recent(self, site: str, limit: int) -> list[dict]:
        return recent_runs(self.db, site, limit)

    def update(self, site: str, problem: str | None, url: str, now: str) -> str | None:
        return update_site_health(self.db, site, problem, url, now, self.routing)
