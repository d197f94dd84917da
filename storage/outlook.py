"""The weekly outlook: the partner meetings of the coming days and the funding changes of the past week,
each row with what routing needs (the site, the programme and the project's alias keys), so that every
target gets the part its routes want (``storage.outbox.Route``)."""
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from crawler.kinds import Route
from storage.outbox import ALIAS_KEYS_SQL, alias_keys, route_wants
OUTLOOK_MEETINGS_SQL = """
SELECT meetings.*, projects.title AS project_title, projects.acronym, projects.programme,
       (SELECT pages.site FROM fact_sources JOIN pages ON pages.url = fact_sources.page_url
        WHERE fact_table = 'meetings' AND fact_id = meetings.id ORDER BY fact_sources.current DESC,
              fact_sources.first_seen LIMIT 1) AS site,
       (SELECT page_url FROM fact_sources WHERE fact_table = 'meetings' AND fact_id = meetings.id
        ORDER BY current DESC, first_seen LIMIT 1) AS page_url,
       """ + ALIAS_KEYS_SQL.format(project_id="meetings.project_id") + """ AS alias_keys
FROM meetings JOIN projects ON projects.id = meetings.project_id
WHERE meetings.start >= ? AND meetings.start <= ? AND meetings.start NOT LIKE '--%'
ORDER BY meetings.start, meetings."end", projects.title
"""

OUTLOOK_FUNDING_SQL = """
SELECT changes.id AS change_id, changes.kind, changes.old_value, changes.new_value, changes.page_url,
       changes.detected_at, projects.id AS project_id, projects.title AS project_title, projects.acronym,
       projects.programme, coalesce(changes.site, pages.site) AS site,
       """ + ALIAS_KEYS_SQL.format(project_id="changes.project_id") + """ AS alias_keys
FROM changes
JOIN projects ON projects.id = changes.project_id
LEFT JOIN pages ON pages.url = changes.page_url
WHERE changes.kind IN ('new_funding', 'changed_funding', 'removed_funding') AND changes.detected_at >= ?
  AND NOT changes.baseline
ORDER BY projects.title, changes.id
"""


@dataclass(frozen=True)
class Outlook:
    """What a weekly outlook may tell: the meetings of the coming days and the funding changes of the
    past week, each row with what routing needs (kind, site, programme, alias keys)."""

    meetings: list[dict]
    funding: list[dict]

    def for_routes(self, routes: Sequence[Route]) -> "Outlook":
        """The part of the outlook that ``routes`` want (meetings are wanted as ``new_meeting``)."""
        def wanted(row: dict, kind: str) -> bool:
            keys = alias_keys(row["alias_keys"])
            return any(route_wants(route, kind, row["site"], row["programme"], keys) for route in routes)
        return Outlook([row for row in self.meetings if wanted(row, "new_meeting")],
                       [row for row in self.funding if wanted(row, row["kind"])])


def outlook(db: Database, today: str, until: str, changes_since: str) -> Outlook:
    """Meetings starting from ``today`` to ``until`` (ISO dates), soonest first, and the funding changes
    detected since ``changes_since`` (an ISO timestamp; not a site's baseline), with their values decoded."""
    meetings = list(db.query(OUTLOOK_MEETINGS_SQL, [today, until]))
    funding = [{**row, "old_value": json.loads(row["old_value"]) if row["old_value"] else None,
                "new_value": json.loads(row["new_value"]) if row["new_value"] else None}
               for row in db.query(OUTLOOK_FUNDING_SQL, [changes_since])]
    return Outlook(meetings, funding)

