"""Datasette hooks of ``projwatch serve``: the database in words a staff member reads.

- SQL functions for the canned queries and feeds (``prepare_connection``): ``lv_amount(amount,
  currency)`` → "EUR 2 011 676,00"; ``lv_label(sort, key)`` → the Latvian label of a kind or programme
  (``crawler.kinds``); ``lv_country(code)`` → "Somija"; ``lv_meeting(start, end, city, country, online,
  kind)`` and ``lv_change(kind, old_value, new_value)`` → the words of the alerts.
- Cells shown in HTML (``render_cell``): codes as their Latvian labels, amounts formatted, a change's
  JSON as the alert's words, times to the minute, a project's title linked to its project page, and
  full-text snippets with their matches highlighted. JSON and CSV keep the raw values.

Scraped text is always escaped; a page whose text holds markup cannot inject any.
"""
import gettext
import json
from functools import lru_cache

import pycountry
from datasette import hookimpl
from markupsafe import Markup, escape

from notifications.render import describe_change, format_amount, meeting_words
from crawler.kinds import FUNDING_KINDS, SORTS, labels

SNIPPET_COLUMN = "snippet"
MARKS = {"&lt;mark&gt;": "<mark>", "&lt;/mark&gt;": "</mark>"}
#: Sort (``crawler.kinds.SORTS``) → key → Latvian label.
LABELS = {sort: labels(kinds) for sort, kinds in SORTS.items()}
#: (table, column) → the sort its codes are shown by; table None: a canned query's column.
LABELLED = {("meetings", "kind"): "meeting", ("funding", "kind"): "funding", ("changes", "kind"): "change",
            (None, "meeting_kind"): "meeting", (None, "change_kind"): "change", (None, "funding_kind"): "funding"}
AMOUNTS = {("funding", "amount"), *((None, kind.key) for kind in FUNDING_KINDS)}
CHANGE_VALUES = ("old_value", "new_value")
TIMES = ("detected_at", "first_seen", "last_seen", "created_at", "sent_at", "started", "finished", "since",
         "fetched_at", "last_changed")


@lru_cache(maxsize=None)
def _latvian():
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["lv"])


def country_name(code: str | None) -> str | None:
    """"FI" → "Somija"; an unknown code stays as it is."""
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    return _latvian().gettext(country.name) if country else code


def label(sort: str, key: str | None) -> str | None:
    if key is None:
        return None
    return LABELS.get(sort, {}).get(key, key)


def change_words(kind: str, old_value: str | None, new_value: str | None, site: str | None = None) -> str:
    """A change as the alerts word it, from its stored JSON."""
    old, new = (json.loads(value) if value else None for value in (old_value, new_value))
    if kind == "new_project":
        project = new or {}
        return f"Jauns projekts: {project.get('name') or project.get('acronym') or '—'}"
    return describe_change({"kind": kind, "old_value": old, "new_value": new, "site": site})


def highlight(snippet: str) -> Markup:
    """``snippet`` escaped, its ``<mark>`` markers kept as tags."""
    html = str(escape(snippet))
    for escaped, tag in MARKS.items():
        html = html.replace(escaped, tag)
    return Markup(html)


def readable(table: str | None, column: str, value) -> str | None:
    """What a cell shows a reader instead of its raw value, or None to show it as it is."""
    if value is None:
        return None
    if (table, column) in LABELLED:
        return label(LABELLED[table, column], value)
    if column == "programme":
        return label("programme", value)
    if (table, column) in AMOUNTS and isinstance(value, (int, float)):
        return format_amount(value, "EUR").replace(" ", "\u00a0")   # one amount, never broken over lines
    if column in CHANGE_VALUES and isinstance(value, str) and value.startswith("{"):
        data = json.loads(value)
        if "amount" in data:
            return f"{format_amount(data['amount'], data.get('currency'))} ({label('funding', data.get('kind'))})"
        if "start" in data:
            return meeting_words(data)
        return data.get("reason") or data.get("name") or ""
    if column in TIMES and isinstance(value, str) and len(value) > 16 and value[10:11] == "T":
        return value[:16].replace("T", " ")
    return None


@hookimpl
def prepare_connection(conn):
    conn.create_function("lv_amount", 2, lambda amount, currency: None if amount is None
                         else format_amount(amount, currency), deterministic=True)
    conn.create_function("lv_label", 2, label, deterministic=True)
    conn.create_function("lv_country", 1, country_name, deterministic=True)
    conn.create_function("lv_meeting", 6, lambda start, end, city, country, online, kind: meeting_words(
        {"start": start, "end": end, "city": city, "country": country, "online": online, "kind": kind}),
        deterministic=True)
    conn.create_function("lv_change", 3, change_words, deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database):
    if column == SNIPPET_COLUMN and isinstance(value, str):
        return highlight(value)
    if table is None and column == "project" and row is not None and "project_id" in row.keys() \
            and row["project_id"] is not None:
        return Markup(f'<a href="/{escape(database)}/project?project_id={int(row["project_id"])}">'
                      f"{escape(value or 'Projekts bez nosaukuma')}</a>")
    shown = readable(table, column, value)
    return None if shown is None else Markup(escape(shown))
