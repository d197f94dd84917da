"""Facts from an extracted page: stored, compared with what was known, changes and alerts written.

``record_page_facts`` takes one page's extracted projects (the extractor's dict shape) and, in one
transaction, resolves each to a stored project (``storage.identity``), upserts its aliases, partners,
meetings and funding with first_seen / last_seen, notes in ``fact_sources`` which page stated which fact,
writes a ``changes`` row for each change and, when alerting, an ``outbox`` row per change and channel.
A crash therefore never leaves a change without its alerts, nor alerts without their change.

What counts as a change:

* ``new_project``: a project no stored project matches (recorded, never alerted: staff asked for
  meetings and funding only);
* ``new_meeting``: a meeting not yet stored, its identity being project + start + end + place (the
  country, "online", or else the city); a yearless date ("--11-14") is the same meeting as a dated one
  with the same day, month and place;
* ``new_funding``: a project + kind + holder with no stored figure yet, or a further figure unseen
  before that a page states beside others for the same project + kind + holder;
* ``changed_funding``: a page states, as the only figure for a project + kind + holder, an amount that
  no page has stated for it before (old → new, old being what this page said before, or else the
  stored figure). A figure some page stated earlier is not news: an old article repeating last year's
  budget, or a phase budget beside the whole project's, changes nothing;
* ``removed_funding``: a page that stated a figure no longer states any for that project + kind +
  holder, and no other page currently does.

The same entries recorded again change nothing; a page that is never recorded again deletes nothing.
"""
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlite_utils import Database

from crawler.kinds import Routing
from storage import sql
from storage.outbox import queue_alerts
from storage.project_statements import forget_page, refresh_project, stated_attributes, state_project
from storage.identity import (MIN_SHARED_PARTNERS, ProjectSignature, acronym_key, match_project, name_keys,
                              normalise, signature_of)

PAGE_ALIAS = "page"  # a project with no name or acronym is known by the page that stated it



@dataclass
class RecordResult:
    """What one page recorded."""

    facts: int = 0                                   # project facts the page stated
    new_facts: int = 0                               # of which not stored before
    changes: Counter = field(default_factory=Counter)  # change kind -> count
    alerts: int = 0                                  # outbox rows written


def record_page_facts(db: Database, *, page_url: str, version_id: int | None, projects: Iterable[Mapping],
                      now: str, alert: bool, routing: Routing) -> RecordResult:
    """Record the projects extracted from ``page_url`` (which must be in ``pages``) and return counts.

    ``version_id`` is the ``page_versions`` row the text came from (None if not kept); ``now`` an ISO
    timestamp; ``alert`` False for a baseline run (facts and changes, no outbox rows); ``channels`` maps
    each channel key to its routes (``storage.outbox.Route``: which changes it wants).
    """
    with db.atomic():
        page = _PageRecorder(db, page_url, version_id, now, baseline=not alert)
        for project in projects:
            page.record_project(project)
        page.record_removed_funding()
        for project_id in sorted(page.projects):
            refresh_project(db, project_id)
        if alert:
            page.result.alerts = queue_alerts(db, page.change_ids, routing, now)
    return page.result


def _place(meeting: Mapping) -> str:
    if meeting.get("country"):
        return meeting["country"].upper()
    if meeting.get("online"):
        return "online"
    return normalise(meeting.get("city"))


def _amount_statement(amount: float) -> str:
    return f"{float(amount):.2f}"


def _funding_value(row: Mapping) -> dict:
    return {key: row.get(key) for key in ("amount", "currency", "kind", "holder", "share_pct")}


def _meeting_value(row: Mapping) -> dict:
    return {key: row.get(key) for key in ("start", "end", "city", "country", "online", "kind")}


class _PageRecorder:
    """The facts of one page, recorded inside the caller's transaction."""

    def __init__(self, db: Database, page_url: str, version_id: int | None, now: str, baseline: bool):
        self.db, self.page_url, self.version_id, self.now, self.baseline = db, page_url, version_id, now, baseline
        self.result = RecordResult()
        self.change_ids: list[tuple[int, str]] = []
        self.previously_stated = self._retire_page_sources()
        self.projects = forget_page(db, page_url)   # to decide again: those it stated before and states now
        self.stated: set[tuple[str, int]] = set()   # (table, fact id) this page states now

    # -- projects ---------------------------------------------------------------------------------

    def record_project(self, project: Mapping) -> None:
        signature = signature_of(project)
        project_id = self._resolve(signature)
        if project_id is None:
            project_id = self._create_project(project)
        state_project(self.db, self.page_url, project_id, stated_attributes(project))
        sql.update(self.db, "projects", project_id, {"last_seen": self.now})
        self.projects.add(project_id)
        self._add_aliases(project_id, project, signature)
        self._state("projects", project_id, is_new=False)
        self._record_partners(project_id, project)
        for meeting in project.get("meetings") or []:
            if meeting.get("start"):
                self._record_meeting(project_id, meeting)
        self._record_funding(project_id, project.get("funding") or [])
        for period in project.get("periods") or []:
            self._record_period(project_id, period)

    def _resolve(self, signature: ProjectSignature) -> int | None:
        if signature.names or signature.acronyms or signature.partners:
            found = match_project(signature, self._signatures(self._candidates(signature)).items())
            if found is not None:
                return found
        row = self.db.execute(
            "SELECT project_id FROM project_aliases WHERE kind = ? AND key = ? ORDER BY project_id LIMIT 1",
            [PAGE_ALIAS, self.page_url],
        ).fetchone()
        return row[0] if row else None

    def _create_project(self, project: Mapping) -> int:
        project_id = sql.insert(self.db, "projects", {"first_seen": self.now, "last_seen": self.now})
        value = {key: project.get(key) for key in ("name", "name_en", "acronym", "programme")}
        self._change("new_project", project_id, "projects", project_id, None, value)
        return project_id

    def _add_aliases(self, project_id: int, project: Mapping, signature: ProjectSignature) -> None:
        aliases = [
            (kind, project.get(kind), key)
            for kind in ("name", "name_en")
            for key in name_keys(project.get(kind))
        ]
        if signature.acronyms:
            aliases.append(("acronym", project["acronym"], acronym_key(project["acronym"])))
        if not (signature.names or signature.acronyms):
            aliases.append((PAGE_ALIAS, self.page_url, self.page_url))
        sql.insert_new(self.db, "project_aliases", (
            {"project_id": project_id, "kind": kind, "alias": alias, "key": key, "first_seen": self.now}
            for kind, alias, key in aliases))

    def _candidates(self, signature: ProjectSignature) -> set[int]:
        """The stored projects the signature could be, found through indexes (never a scan of all):
        those sharing a name or acronym key, and, where partners can decide, those sharing a partner."""
        ids: set[int] = set()
        keys = sorted(signature.names | signature.acronyms)
        if keys:
            marks = ", ".join("?" * len(keys))
            ids.update(row[0] for row in self.db.execute(
                f"SELECT project_id FROM project_aliases WHERE key IN ({marks})", keys))
        if signature.programme and signature.partners:
            # Only projects that can pass the partner rule: the same programme, and the same lead or
            # enough shared partners (an organisation in many projects must not make all of them read).
            names = sorted(signature.partners)
            marks = ", ".join("?" * len(names))
            ids.update(row[0] for row in self.db.execute(
                f"SELECT partners.project_id FROM partners JOIN projects ON projects.id = partners.project_id"
                f" WHERE partners.name_key IN ({marks}) AND projects.programme = ?"
                f" GROUP BY partners.project_id"
                f" HAVING count(*) >= ? OR max(partners.role = 'lead' AND partners.name_key = ?)",
                [*names, signature.programme, MIN_SHARED_PARTNERS, signature.lead_partner]))
        return ids

    def _signatures(self, project_ids: set[int]) -> dict[int, ProjectSignature]:
        """The signatures of the given projects, read in three queries."""
        if not project_ids:
            return {}
        marks = ", ".join("?" * len(project_ids))
        params = sorted(project_ids)
        aliases: dict[int, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        for owner, kind, key in self.db.execute(
                f"SELECT project_id, kind, key FROM project_aliases WHERE project_id IN ({marks})", params):
            aliases[owner][kind].add(key)
        partners = defaultdict(set)
        for owner, name_key in self.db.execute(
                f"SELECT project_id, name_key FROM partners WHERE project_id IN ({marks})", params):
            partners[owner].add(name_key)
        projects = self.db.execute(
            f"SELECT id, programme, lead_partner FROM projects WHERE id IN ({marks})", params)
        return {
            owner: ProjectSignature(
                names=frozenset(aliases[owner]["name"] | aliases[owner]["name_en"]),
                acronyms=frozenset(aliases[owner]["acronym"]),
                programme=programme,
                lead_partner=normalise(lead_partner),
                partners=frozenset(partners[owner]),
            )
            for owner, programme, lead_partner in projects
        }

    # -- partners and meetings ----------------------------------------------------------------------

    def _record_partners(self, project_id: int, project: Mapping) -> None:
        """Each partner the page names, or knows only by its country ("partneri no Somijas")."""
        lead = project.get("lead_partner") or {}
        stated = [(lead, "lead")] + [(partner, "partner") for partner in project.get("partners") or []]
        for partner, role in stated:
            name_key, country = normalise(partner.get("name")), partner.get("country")
            if not (name_key or country):
                continue
            key = f"{project_id}|{name_key}" if name_key else f"{project_id}|country:{country.upper()}"
            existing = self._by_key("partners", key)
            if existing is None:
                partner_id = sql.insert(self.db, "partners", {
                    "project_id": project_id, "key": key, "name": partner.get("name"), "name_key": name_key,
                    "country": country, "role": role, "first_seen": self.now, "last_seen": self.now,
                })
            else:
                partner_id = existing["id"]
                role = "lead" if "lead" in (role, existing["role"]) else role
                country = existing["country"] or country
                sql.update(self.db, "partners", partner_id, {"last_seen": self.now, "role": role, "country": country})
            self._state("partners", partner_id, is_new=existing is None)

    def _record_meeting(self, project_id: int, meeting: Mapping) -> None:
        place = _place(meeting)
        end = meeting.get("end") or meeting["start"]
        existing = self._by_key("meetings", f"{project_id}|{meeting['start']}|{end}|{place}") \
            or self._same_meeting_other_year_form(project_id, meeting["start"], end, place)
        if existing is None:
            row = {**_meeting_value(meeting), "end": end, "project_id": project_id,
                   "key": f"{project_id}|{meeting['start']}|{end}|{place}",
                   "first_seen": self.now, "last_seen": self.now}
            meeting_id = sql.insert(self.db, "meetings", row)
            self._change("new_meeting", project_id, "meetings", meeting_id, None, _meeting_value(row))
        else:
            meeting_id = existing["id"]
            update = {"last_seen": self.now}
            if existing["start"].startswith("--") and not meeting["start"].startswith("--"):
                # a page that knows the year dates the meeting another page left yearless
                update.update(start=meeting["start"], end=end, key=f"{project_id}|{meeting['start']}|{end}|{place}")
            sql.update(self.db, "meetings", meeting_id, update)
        self._state("meetings", meeting_id, is_new=existing is None)

    def _same_meeting_other_year_form(self, project_id: int, start: str, end: str, place: str) -> dict | None:
        """A stored meeting that differs only in one date being yearless ("--11-14" vs "2021-11-14")."""
        rows = self.db.query(
            'SELECT * FROM meetings WHERE project_id = ? AND substr(start, -5) = ? AND substr("end", -5) = ?',
            [project_id, start[-5:], end[-5:]],
        )
        for row in rows:
            yearless = row["start"].startswith("--") or start.startswith("--")
            if yearless and row["key"].rsplit("|", 1)[1] == place:
                return row
        return None

    def _record_period(self, project_id: int, period: Mapping) -> None:
        """A project period or phase: kept and sourced, never a change (staff asked for meetings and money)."""
        key = f"{project_id}|{period['start']}|{period['end']}|{normalise(period.get('label'))}"
        existing = self._by_key("periods", key)
        if existing is None:
            period_id = sql.insert(self.db, "periods", {
                "project_id": project_id, "key": key, "start": period["start"], "end": period["end"],
                "label": period.get("label"), "first_seen": self.now, "last_seen": self.now})
        else:
            period_id = existing["id"]
            sql.update(self.db, "periods", period_id, {"last_seen": self.now})
        self._state("periods", period_id, is_new=existing is None)

    # -- funding ------------------------------------------------------------------------------------

    def _record_funding(self, project_id: int, funding: Iterable[Mapping]) -> None:
        stated = defaultdict(list)  # key -> the page's figures for it, each amount once, in page order
        mentions = Counter()        # (key, amount) -> how often the page states it
        for figure in funding:
            if figure.get("amount") is not None and figure.get("kind"):
                key = f"{project_id}|{figure['kind']}|{normalise(figure.get('holder'))}"
                amount = _amount_statement(figure["amount"])
                if not mentions[key, amount]:
                    stated[key].append(figure)
                mentions[key, amount] += 1
        for key, figures in stated.items():
            self._record_funding_key(project_id, key, figures, mentions)

    def _record_funding_key(self, project_id: int, key: str, figures: list[Mapping], mentions: Counter) -> None:
        existing = self._by_key("funding", key)
        if existing is None:
            row = {**_funding_value(figures[0]), "project_id": project_id, "key": key,
                   "first_seen": self.now, "last_seen": self.now}
            funding_id = sql.insert(self.db, "funding", row)
            for figure in figures:
                self._change("new_funding", project_id, "funding", funding_id, None, _funding_value(figure))
        else:
            funding_id = existing["id"]
            known = self._statements("funding", funding_id) | {_amount_statement(existing["amount"])}
            fresh = [figure for figure in figures if _amount_statement(figure["amount"]) not in known]
            sql.update(self.db, "funding", funding_id, {"last_seen": self.now})
            if len(figures) == 1 and fresh:
                old = {**_funding_value(existing), "amount": self._amount_page_stated(funding_id) or existing["amount"]}
                sql.update(self.db, "funding", funding_id, _funding_value(fresh[0]))
                self._change("changed_funding", project_id, "funding", funding_id, old, _funding_value(fresh[0]))
            else:
                for figure in fresh:
                    self._change("new_funding", project_id, "funding", funding_id, None, _funding_value(figure))
        for figure in figures:
            amount = _amount_statement(figure["amount"])
            self._state("funding", funding_id, is_new=existing is None, statement=amount, mentions=mentions[key, amount])

    def _amount_page_stated(self, funding_id: int) -> float | None:
        """The one amount this page stated for a funding fact when last recorded, if it stated one."""
        amounts = [statement for table, fact_id, statement in self.previously_stated
                   if (table, fact_id) == ("funding", funding_id)]
        return float(amounts[0]) if len(amounts) == 1 else None

    def record_removed_funding(self) -> None:
        """Funding this page stated before and no longer does, now stated by no page at all."""
        stated_now = {fact_id for table, fact_id in self.stated if table == "funding"}
        dropped = {fact_id for table, fact_id, _ in self.previously_stated if table == "funding"} - stated_now
        for funding_id in sorted(dropped):
            still_stated = self.db.execute(
                "SELECT 1 FROM fact_sources WHERE fact_table = 'funding' AND fact_id = ? AND current",
                [funding_id],
            ).fetchone()
            if not still_stated:
                row = sql.one(self.db, "SELECT * FROM funding WHERE id = ?", [funding_id])
                self._change("removed_funding", row["project_id"], "funding", funding_id, _funding_value(row), None)

    # -- sources and changes ------------------------------------------------------------------------

    def _retire_page_sources(self) -> set[tuple[str, int, str]]:
        """What this page stated when last recorded; every source of it is no longer current until restated."""
        previous = self._current_sources()
        self.db.execute("UPDATE fact_sources SET current = 0 WHERE page_url = ?", [self.page_url])
        return previous

    def _current_sources(self) -> set[tuple[str, int, str]]:
        return set(self.db.execute(
            "SELECT fact_table, fact_id, statement FROM fact_sources WHERE page_url = ? AND current",
            [self.page_url],
        ).fetchall())

    def _state(self, table: str, fact_id: int, *, is_new: bool, statement: str = "", mentions: int = 1) -> None:
        """Note that this page states this fact, and count it once per page."""
        if table != "projects" and (table, fact_id) not in self.stated:
            self.result.facts += 1
            self.result.new_facts += is_new
        self.stated.add((table, fact_id))
        self.db.execute(
            "INSERT INTO fact_sources (page_url, version_id, fact_table, fact_id, statement, mentions, current,"
            " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"
            " ON CONFLICT (page_url, fact_table, fact_id, statement) DO UPDATE SET current = 1,"
            " mentions = excluded.mentions, last_seen = excluded.last_seen, version_id = excluded.version_id",
            [self.page_url, self.version_id, table, fact_id, statement, mentions, self.now, self.now],
        )

    def _statements(self, table: str, fact_id: int) -> set[str]:
        return {row[0] for row in self.db.execute(
            "SELECT statement FROM fact_sources WHERE fact_table = ? AND fact_id = ?", [table, fact_id]
        ).fetchall()}

    def _by_key(self, table: str, key: str) -> dict | None:
        return sql.one(self.db, f"SELECT * FROM [{table}] WHERE key = ?", [key])

    def _change(self, kind: str, project_id: int, table: str, fact_id: int, old: dict | None, new: dict | None) -> None:
        change_id = sql.insert(self.db, "changes", {
            "kind": kind, "project_id": project_id, "fact_table": table, "fact_id": fact_id,
            "old_value": json.dumps(old, ensure_ascii=False) if old else None,
            "new_value": json.dumps(new, ensure_ascii=False) if new else None,
            "page_url": self.page_url, "detected_at": self.now, "baseline": self.baseline,
        })
        self.change_ids.append((change_id, kind))
        self.result.changes[kind] += 1
