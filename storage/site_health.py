"""Site health: a monitor that goes silent when a site breaks is worse than none.

After each run, a site's recent runs (the ``runs`` table) are judged by ``site_problem``; a site that
turns unhealthy gets one alert (once per incident) through the same outbox as the facts, and one when it
works again.
"""
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

from sqlite_utils import Database

from crawler.kinds import SITE_ERRORS, Routing
from storage.outbox import queue_alerts
from storage.runs import recent_runs, record_run


#: Error kinds that are not the site failing to answer: pages we could not use, articles taken down,
#: requests robots.txt forbids (every other kind, an unexpected exception's too, is the site's failure).
NOT_SITE_FAILURES = frozenset({kind.key for kind in SITE_ERRORS if not kind.site_fault} | {"http_404", "http_410"})


def failed_requests(run: Mapping) -> int:
    """Requests of a run the site failed to answer (timeouts, refused, 5xx, …)."""
    return sum(count for kind, count in run["error_kinds"].items() if kind not in NOT_SITE_FAILURES)


@dataclass(frozen=True)
class HealthRules:
    consecutive: int = 2              # bad runs in a row before a site is called unhealthy
    max_error_rate: float = 0.5       # failed requests / requests
    min_share_of_median: float = 0.5  # article links found, against the site's recent median
    history: int = 10                 # runs that make that median
    min_history: int = 3              # fewer earlier runs: no median to compare with


def site_problem(runs: Sequence[Mapping], rules: HealthRules = HealthRules()) -> str | None:
    """What is wrong with a site, judged on its runs (newest first), or None when nothing is."""
    latest = runs[:rules.consecutive]
    if len(latest) < rules.consecutive:
        return None
    n = rules.consecutive
    if all(run["failed"] for run in latest):
        return f"pēdējās {n} reizēs nebija sasniedzama neviena sarakstu lapa"
    if all(run["articles_found"] == 0 for run in latest):
        return f"pēdējās {n} reizēs neatrada nevienu raksta saiti (vai mainīts lapas izkārtojums?)"
    if all(run["requests"] and failed_requests(run) / run["requests"] > rules.max_error_rate for run in latest):
        return f"pēdējās {n} reizēs katrā neizdevās vairāk nekā {rules.max_error_rate:.0%} pieprasījumu"
    # Runs recorded before migration 009 (no ``bytes``) walked every listing page on every run: their
    # article counts are no measure for today's runs, which stop at the first page of known articles.
    earlier = [run["articles_found"] for run in runs[n:n + rules.history] if run.get("bytes", 0) is not None]
    if len(earlier) >= rules.min_history:
        usual = median(earlier)
        if all(run["articles_found"] < rules.min_share_of_median * usual for run in latest):
            return (f"atrasto raksta saišu skaits krities no aptuveni {usual:g} līdz {latest[0]['articles_found']} "
                    f"(vai mainīts lapas izkārtojums?)")
    return None




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



def record_and_assess(db: Database, runs: Sequence[Mapping], start_urls: Mapping[str, str], now: str,
                      routing: Routing, rules: HealthRules = HealthRules()) -> dict[str, tuple[str, str | None]]:
    """Store each site's run (a ``runs`` row) and update its health; return {site: (change kind, problem)}
    for the sites whose health flipped."""
    flipped = {}
    for run in runs:
        record_run(db, run)
        problem = site_problem(recent_runs(db, run["site"], rules.consecutive + rules.history), rules)
        kind = update_site_health(db, run["site"], problem, start_urls[run["site"]], now, routing)
        if kind:
            flipped[run["site"]] = (kind, problem)
    return flipped
