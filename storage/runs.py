"""The ``runs`` table: what each run did on each site, the history that site health is judged on."""
import json
from collections.abc import Mapping

from sqlite_utils import Database


def record_run(db: Database, run: Mapping) -> None:
    """Store one site's statistics for one run (``error_kinds``: kind -> count)."""
    db["runs"].insert({**run, "error_kinds": json.dumps(dict(run.get("error_kinds") or {}), sort_keys=True)})


def recent_runs(db: Database, site: str, limit: int = 20) -> list[dict]:
    """The site's last ``limit`` runs, newest first (``error_kinds`` read back as a dict)."""
    return [{**run, "error_kinds": json.loads(run["error_kinds"] or "{}")}
            for run in db["runs"].rows_where("site = ?", [site], order_by="started desc, id desc", limit=limit)]


def has_completed_run(db: Database, site: str) -> bool:
    """Whether a run ever crawled the site to its end (the baseline is taken until one has)."""
    return db.execute("SELECT 1 FROM runs WHERE site = ? AND NOT failed AND finish_reason = 'finished' LIMIT 1",
                      [site]).fetchone() is not None


def last_walk(db: Database, site: str) -> str | None:
    """The time of the site's last run that walked its listings to their end (``runs.walked``): what was
    stored by then needs no walking past again."""
    return db.execute("SELECT max(run_time) FROM runs WHERE site = ? AND walked", [site]).fetchone()[0]
