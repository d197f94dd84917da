"""Delivering the outbox with apprise: each channel gets its pending changes, then they are marked.

As in apprise, a failed send returns False and never raises: its outbox rows stay pending with the
error (secrets masked) and the next run retries them; rows a channel accepted are never sent again.
Email gets HTML with apprise's plain-text alternative; every other service gets plain text, which
apprise escapes for its own markup and which is split to fit the service's message size.
"""
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import apprise
from apprise.plugins.email import NotifyEmail

from crawler.kinds import Route
from notifications.channels import Channel
from notifications.render import Message, digest_messages, outlook_message, per_change_messages
from notifications.sample import SAMPLE_ALERTS

UNKNOWN_FAILURE = "apprise reported a failure without a reason"


@dataclass
class DeliveryReport:
    """What one delivery round did."""

    sent: int = 0                  # outbox rows delivered
    failed: int = 0                # outbox rows left pending after a failed attempt
    messages: int = 0              # messages the services accepted
    errors: list[str] = field(default_factory=list)  # "channel label: error", secret-free


class Outbox(Protocol):
    """The alerts owed to each channel, until delivered (``storage.outbox.Outbox``)."""

    def pending(self, channel: str) -> Sequence[Mapping]: ...

    def delivered(self, outbox_ids: Sequence[int], error: str | None) -> None: ...


class Outlook(Protocol):
    """A summary of meetings and funding changes, each row routed as an alert (``storage.outlook.Outlook``)."""

    meetings: Sequence[Mapping]
    funding: Sequence[Mapping]

    def for_routes(self, routes: Sequence[Route]) -> "Outlook": ...


def deliver_pending(outbox: Outbox, channels: Iterable[Channel], *, per_change: bool = False) -> DeliveryReport:
    """Send every channel its pending alerts (one digest, or one message per change), each message's
    outcome told to the outbox as it is known."""
    report = DeliveryReport()
    for channel in channels:
        alerts = outbox.pending(channel.key)
        if not alerts:
            continue
        for message in _messages(channel, alerts, per_change):
            error = send_message(channel, message)
            outbox.delivered(message.outbox_ids, error)
            if error is None:
                report.sent += len(message.outbox_ids)
                report.messages += 1
            else:
                report.failed += len(message.outbox_ids)
                report.errors.append(f"{channel.label}: {error}")
    return report


def send_outlook(outlook: Outlook, channels: Iterable[Channel], days: int, week_days: int) -> DeliveryReport:
    """Send each channel the part of ``outlook`` its routes want, as one message; nothing where that part
    is empty. ``sent`` counts the channels that got one."""
    report = DeliveryReport()
    for channel in channels:
        part = outlook.for_routes(channel.routes)
        message = outlook_message(part.meetings, part.funding, days, week_days)
        if message is None:
            continue
        error = send_message(channel, message)
        if error is None:
            report.sent += 1
            report.messages += 1
        else:
            report.failed += 1
            report.errors.append(f"{channel.label}: {error}")
    return report


def send_sample(channel: Channel) -> str | None:
    """Send ``channel`` a sample digest (no outbox involved): None when delivered, else the reason."""
    for message in _messages(channel, SAMPLE_ALERTS, per_change=False):
        error = send_message(channel, message)
        if error is not None:
            return error
    return None


def _messages(channel: Channel, alerts: Sequence[Mapping], per_change: bool) -> list[Message]:
    if per_change:
        return per_change_messages(alerts)
    return digest_messages(alerts, max_chars=channel.service.body_maxlen)


def send_message(channel: Channel, message: Message) -> str | None:
    """Send one message; None when the service accepted it, else the reason (secrets masked)."""
    rich = isinstance(channel.service, NotifyEmail)
    sender = apprise.Apprise()
    sender.add(channel.service)
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as log:
        try:
            accepted = bool(sender.notify(
                body=message.html if rich else message.text, title=message.title,
                body_format=apprise.NotifyFormat.HTML if rich else apprise.NotifyFormat.TEXT,
            ))
        except Exception as error:  # a plugin breaking apprise's never-raise contract must not stop the run
            return channel.redact(f"{error.__class__.__name__}: {error}")
    if accepted:
        return None
    return channel.redact("; ".join(log.getvalue().split("\n")).strip("; ") or UNKNOWN_FAILURE)
