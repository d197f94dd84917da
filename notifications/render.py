"""Alert messages in Latvian: a digest of changes grouped by project, as plain text and as HTML.

An alert is a row of ``storage.outbox.pending_alerts``. Dates stay ISO 8601, amounts read
"EUR 152 310,00", a changed figure reads old → new, and each change links the page it was found on.
Scraped text is clipped and, in HTML, escaped; plain text is escaped by apprise for each service's
markup (Telegram's HTML among them).
"""
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from itertools import groupby

from crawler.kinds import CHANGE_KINDS, FUNDING_KINDS, MEETING_KINDS, PROGRAMMES, labels

MAX_SCRAPED_CHARS = 200
TITLE_RESERVE = len(" (99/99)")

CHANGE_LABELS = labels(CHANGE_KINDS)
SITES_HEADING = "Vietņu stāvoklis"   # site health alerts belong to no project
FUNDING_LABELS = labels(FUNDING_KINDS)
MEETING_LABELS = labels(MEETING_KINDS)
PROGRAMME_LABELS = labels(PROGRAMMES)


@dataclass(frozen=True)
class Message:
    """One message to send, and the outbox rows it delivers."""

    title: str
    text: str
    html: str
    outbox_ids: tuple[int, ...]


def digest_title(count: int) -> str:
    """"projwatch: 5 jaunas izmaiņas" (singular after 1, 21, 31…, as Latvian has it)."""
    singular = count % 10 == 1 and count % 100 != 11
    return f"projwatch: {count} {'jauna izmaiņa' if singular else 'jaunas izmaiņas'}"


def format_amount(amount: float, currency: str | None = "EUR") -> str:
    """152310 -> "EUR 152 310,00"."""
    grouped = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
    return f"{currency or 'EUR'} {grouped}"


def digest_messages(alerts: Sequence[Mapping], max_chars: int | None = None) -> list[Message]:
    """One digest of all ``alerts``, or as few as fit when a message (title and text) may hold at
    most ``max_chars`` characters; each part is titled "(1/2)", "(2/2)"."""
    title = digest_title(len(alerts))
    parts = _pack(list(alerts), max_chars - len(title) - TITLE_RESERVE if max_chars else None)
    numbered = len(parts) > 1
    return [_message(f"{title} ({number}/{len(parts)})" if numbered else title, part)
            for number, part in enumerate(parts, 1)]


def per_change_messages(alerts: Iterable[Mapping]) -> list[Message]:
    """One message per change, titled with what changed and in which project."""
    return [_message(f"projwatch: {CHANGE_LABELS[alert['kind']]} – {_clip(_project_name(alert))}", [alert])
            for alert in alerts]


def _pack(alerts: list[Mapping], budget: int | None) -> list[list[Mapping]]:
    parts: list[list[Mapping]] = [[]]
    for alert in alerts:
        if parts[-1] and budget is not None and len(render_text(parts[-1] + [alert])) > budget:
            parts.append([])
        parts[-1].append(alert)
    return parts


def _message(title: str, alerts: list[Mapping]) -> Message:
    return Message(title=title, text=render_text(alerts), html=render_html(alerts),
                   outbox_ids=tuple(alert["outbox_id"] for alert in alerts))


def render_text(alerts: Iterable[Mapping]) -> str:
    """The plain-text body: a heading per project, then its changes with their page links."""
    blocks = []
    for _, project_alerts in groupby(alerts, key=lambda alert: alert["project_id"]):
        project_alerts = list(project_alerts)
        lines = [_project_heading(project_alerts[0])]
        for alert in project_alerts:
            lines.append(f"  • {describe_change(alert)}")
            lines.append(f"    {_source(alert)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_html(alerts: Iterable[Mapping]) -> str:
    """The HTML body: the same content as ``render_text``, every scraped string escaped."""
    sections = []
    for _, project_alerts in groupby(alerts, key=lambda alert: alert["project_id"]):
        project_alerts = list(project_alerts)
        items = "".join(
            f"<li>{escape(describe_change(alert))}<br>{_link(alert)}</li>" for alert in project_alerts
        )
        sections.append(f"<h3>{escape(_project_heading(project_alerts[0]))}</h3><ul>{items}</ul>")
    return "\n".join(sections)


def describe_change(alert: Mapping) -> str:
    """One change in Latvian, e.g. "Mainīts finansējums, kopējās izmaksas: EUR 146 994,00 → EUR 747 365,12"."""
    label, old, new = CHANGE_LABELS[alert["kind"]], alert["old_value"], alert["new_value"]
    if alert["kind"] == "new_meeting":
        return f"{label}: {meeting_words(new)}"
    if alert["kind"] == "changed_funding":
        return f"{label}, {_funding_kind(new)}: {_figure(old)} → {_figure(new)}"
    if alert["kind"] in ("new_funding", "removed_funding"):
        figure = new or old
        return f"{label}, {_funding_kind(figure)}: {_figure(figure)}"
    if alert["kind"] == "site_unhealthy":
        return f"{label}: {alert['site']} — {new['reason']}"
    if alert["kind"] == "site_recovered":
        return f"{label}: {alert['site']}"
    return label


def meeting_words(meeting: Mapping) -> str:
    """A meeting in Latvian: "2026-12-03 – 2026-12-04, Trikala, GR (partneru sanāksme)"."""
    dates = meeting["start"] if meeting["end"] in (None, meeting["start"]) else f"{meeting['start']} – {meeting['end']}"
    if meeting.get("online"):
        place = "tiešsaistē"
    else:
        place = ", ".join(_clip(part) for part in (meeting.get("city"), meeting.get("country")) if part)
    kind = MEETING_LABELS.get(meeting.get("kind") or "", _clip(meeting.get("kind")))
    return ", ".join(part for part in (dates, place) if part) + (f" ({kind})" if kind else "")


def _funding_kind(figure: Mapping) -> str:
    kind = FUNDING_LABELS.get(figure["kind"], _clip(figure["kind"]))
    return f"{kind} ({_clip(figure['holder'])})" if figure.get("holder") else kind


def _figure(figure: Mapping) -> str:
    return format_amount(figure["amount"], figure.get("currency"))


def _project_name(alert: Mapping) -> str:
    if alert["project_id"] is None:
        return alert["site"]
    return alert.get("project_title") or alert["project_name"] or alert["project_name_en"] or alert["acronym"] \
        or "Projekts bez nosaukuma"


def _project_heading(alert: Mapping) -> str:
    if alert["project_id"] is None:
        return SITES_HEADING
    name = _clip(_project_name(alert))
    acronym = f" ({_clip(alert['acronym'])})" if alert["acronym"] and alert["acronym"] != _project_name(alert) else ""
    programme = f" · {PROGRAMME_LABELS.get(alert['programme'], _clip(alert['programme']))}" if alert["programme"] else ""
    return f"{name}{acronym}{programme}"


def _url(alert: Mapping) -> str:
    """The page the change was found on; for a site's health, the site's start page."""
    return alert["page_url"] or alert["new_value"]["url"]


def _source(alert: Mapping) -> str:
    title = f"{_clip(alert['page_title'])}: " if alert.get("page_title") else ""
    return f"Avots: {title}{_url(alert)}"


def _link(alert: Mapping) -> str:
    """The source as in ``_source``, its URL a link (shown, so that a plain-text rendering keeps it)."""
    url, title = _url(alert), _clip(alert.get("page_title"))
    shown = f'<a href="{escape(url, quote=True)}">{escape(url)}</a>' if url.startswith(("http://", "https://")) \
        else escape(url)
    return f"Avots: {escape(title)}: {shown}" if title else f"Avots: {shown}"


def _clip(text: str | None) -> str:
    """Scraped text cut to a sane length (a hostile page must not fill a message)."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_SCRAPED_CHARS else text[: MAX_SCRAPED_CHARS - 1] + "…"


def outlook_message(meetings: Sequence[Mapping], funding: Sequence[Mapping], days: int,
                    week_days: int) -> Message | None:
    """The weekly outlook: the meetings of the coming ``days`` (soonest first) and the funding changes of
    the past ``week_days``, each under its project; None when there is nothing to say."""
    if not meetings and not funding:
        return None
    sections = []   # (heading, [(project heading, [(line, url)])])
    if meetings:
        sections.append((f"Tikšanās nākamajās {days} dienās",
                         _by_project(meetings, meeting_words)))
    if funding:
        sections.append((f"Finansējuma izmaiņas pēdējās {week_days} dienās",
                         _by_project(funding, describe_change)))
    text = "\n\n".join(
        f"{heading}\n" + "\n".join(f"{project}\n" + "\n".join(f"  • {line}\n    Avots: {url}" for line, url in items)
                                    for project, items in projects)
        for heading, projects in sections)
    html = "\n".join(
        f"<h2>{escape(heading)}</h2>" + "".join(
            f"<h3>{escape(project)}</h3><ul>" + "".join(
                f"<li>{escape(line)}<br>Avots: {escape(url)}</li>" for line, url in items) + "</ul>"
            for project, items in projects)
        for heading, projects in sections)
    title = f"projwatch: {len(meetings)} tikšanās {days} dienās, {len(funding)} finansējuma izmaiņas"
    return Message(title=title, text=text, html=html, outbox_ids=())


def _by_project(rows: Sequence[Mapping], describe) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rows grouped under their project's heading (first appearance order), each as (line, page URL)."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        heading = _clip(row["project_title"]) or "Projekts bez nosaukuma"
        if row.get("acronym") and row["acronym"] != row["project_title"]:
            heading += f" ({_clip(row['acronym'])})"
        grouped.setdefault(heading, []).append((describe(row), row.get("page_url") or ""))
    return list(grouped.items())
