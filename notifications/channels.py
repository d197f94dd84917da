"""Notification channels: where alerts go and which changes each one wants.

Targets come from ``--notify URL`` (repeatable) or, when none is given, ``PROJWATCH_NOTIFY``
(space-separated URLs), plus an apprise YAML config file whose entries may carry tags:

    urls:
      - mailto://user:pass@example.com?to=funding@example.lv:
          tag: funding          # new, changed and removed funding
      - tgram://BOT_TOKEN/CHAT_ID:
          tag: meetings         # new meetings (tag "health": a site stopped or started working)
      - json://hooks.example.lv/projwatch   # untagged: every alert

A tag may also be a change kind itself (``new_meeting``, ``changed_funding``, ...). Routing tags choose
whose changes a target hears of: ``site:NAME`` (a site of the site list), ``programme:KEY`` (e.g.
``programme:urbact``), ``project:ALIAS`` (an acronym or name the project is known by, spaces written as
hyphens: ``project:di4c``, ``project:pilsetu-digitalas-inovacijas``). Several tags of one sort: any of
them; tags of different sorts: all must hold (``site:smiltenesnovads`` + ``funding`` = Smiltene's funding
changes). Untagged: everything. Every URL and the config file are validated up front; a bad one raises
``ChannelError`` naming it without its secrets (which sites and programmes exist is the caller's to
check: ``Channel.routes``).
"""
import hashlib
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import apprise
from apprise.config.base import ConfigBase

from notifications.errors import ChannelError
from crawler.kinds import ALERTED_CHANGES, CHANGE_KINDS, EVERYTHING, Route, Routing

ENV_VAR = "PROJWATCH_NOTIFY"
#: Kind tags (``crawler.kinds``): a group's tag, or an alerted change kind's own key.
TAG_KINDS: dict[str, frozenset[str]] = {
    **{tag: frozenset(kind.key for kind in CHANGE_KINDS if kind.tag == tag and kind.alerted)
       for tag in {kind.tag for kind in CHANGE_KINDS if kind.tag}},
    **{kind: frozenset({kind}) for kind in ALERTED_CHANGES},
}
#: Routing tags: their prefix -> the Route field they fill.
ROUTE_TAGS = {"site": "sites", "programme": "programmes", "project": "projects"}
MIN_SECRET_LENGTH = 4
URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*")


@dataclass(frozen=True)
class Channel:
    """One delivery target: a stable, secret-free ``key`` (the outbox's ``channel``), a ``label`` safe
    to print, its routes (it wants what any of them wants) and the apprise service that sends."""

    key: str
    label: str
    routes: tuple[Route, ...]
    service: object = field(compare=False, repr=False)
    secrets: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def redact(self, text: str) -> str:
        """``text`` with this channel's secrets (passwords, tokens) masked."""
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def build_channels(urls: Iterable[str] = (), config_path: str | Path | None = None,
                   environ: Mapping[str, str] = os.environ) -> list[Channel]:
    """The channels named by ``--notify`` URLs (else ``PROJWATCH_NOTIFY``) and the config file.

    A target named twice is one channel (wanting what either entry wants)."""
    urls = list(urls)
    origin = "--notify"
    if not urls:
        urls, origin = environ.get(ENV_VAR, "").split(), ENV_VAR
    services = [(_service(url, f"{origin} URL {number}"), Route()) for number, url in enumerate(urls, 1)]
    if config_path is not None:
        services += _config_services(Path(config_path))
    keys = _keys([service for service, _ in services])
    channels: dict[str, Channel] = {}
    for service, route in services:
        channel = _channel(service, route, keys[service.url(privacy=False)])
        if channel.key in channels:
            channel = _merged(channels[channel.key], channel)
        channels[channel.key] = channel
    return list(channels.values())


def routing_of(channels: Iterable[Channel]) -> Routing:
    """Where the channels' alerts go, as ``storage.facts.record_page_facts`` takes it: key -> routes."""
    return {channel.key: channel.routes for channel in channels}


def route_tags(channels: Iterable[Channel], sort: str) -> set[str]:
    """Every value the channels' ``sort`` tags name (``sort`` a key of ``ROUTE_TAGS``)."""
    return {value for channel in channels for route in channel.routes
            for value in getattr(route, ROUTE_TAGS[sort]) or ()}


def _service(url: str, where: str):
    service = apprise.Apprise.instantiate(url) if "://" in url else None
    if service is None:
        raise ChannelError(f"{where} is not a valid apprise URL: {_masked(url)}")
    return service


def _masked(url: str) -> str:
    """Enough of a bad URL to recognise it (its scheme), nothing that may be a secret."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    return f"{scheme}://…" if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme) else "(not a URL)"


def _config_services(path: Path) -> list[tuple[object, frozenset[str] | None]]:
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ChannelError(f"notify config {path}: cannot read it ({error.__class__.__name__})") from error
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as log:
        services, _ = ConfigBase.config_parse(content)
    problems = log.getvalue().splitlines()
    if problems:
        raise ChannelError(f"notify config {path}: {URL_IN_TEXT.sub(lambda url: _masked(url[0]), problems[0])}")
    if not services:
        raise ChannelError(f"notify config {path}: it names no notification URL")
    return [(service, _route_of_tags(service, path)) for service in services]


def _route_of_tags(service, path: Path) -> Route:
    tags = sorted(str(tag) for tag in service.tags)
    values: dict[str, set[str]] = {field_name: set() for field_name in ("kinds", *ROUTE_TAGS.values())}
    for tag in tags:
        sort, _, value = tag.partition(":")
        if value and sort in ROUTE_TAGS:
            values[ROUTE_TAGS[sort]].add(value)
        elif tag in TAG_KINDS:
            values["kinds"] |= TAG_KINDS[tag]
        else:
            raise ChannelError(f"notify config {path}: unknown tag {tag!r} on {service.url(privacy=True)}"
                               f" (known: {', '.join(sorted(TAG_KINDS))}, or site:NAME, programme:KEY,"
                               f" project:ALIAS)")
    return Route(**{name: frozenset(found) or None for name, found in values.items()})


#: apprise's private form of a token keeps its first and last characters ("tgram://1...6/CHAT"): a new
#: token has others, so the key masks such a part whole.
PARTIAL_MASK = re.compile(r"(?<=[/:@?&=#])[^/:@?&=#]\.\.\.[^/:@?&=#](?=[/:@?&=#]|$)")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _keys(services: list) -> dict[str, str]:
    """Each service's channel key, by its full URL: the scheme and a digest of the target without its
    secrets (apprise's private URL, partial masks made whole), so that a new password or token keeps the
    channel and its pending alerts, and nothing derived from a secret reaches the database. Two
    different targets of one configuration that only their secrets tell apart (two Discord webhooks)
    keep apprise's partial masks in their keys, as they must stay two channels."""
    by_key: dict[str, set[str]] = {}
    for service in services:
        by_key.setdefault(_digest(PARTIAL_MASK.sub("****", service.url(privacy=True))), set()).add(
            service.url(privacy=False))
    keys = {}
    for service in services:
        full, private = service.url(privacy=False), service.url(privacy=True)
        digest = _digest(PARTIAL_MASK.sub("****", private))
        if len(by_key[digest]) > 1:
            digest = _digest(private)
        keys[full] = f"{full.split('://', 1)[0]}-{digest}"
    return keys


def _channel(service, route: Route, key: str) -> Channel:
    full, private = service.url(privacy=False), service.url(privacy=True)
    return Channel(key=key, label=private.split("?", 1)[0], routes=(route,), service=service,
                   secrets=_secrets(full, private))


def _secrets(full_url: str, private_url: str) -> tuple[str, ...]:
    """The parts of a URL that apprise hides in its private form: passwords, tokens, keys."""
    parts = re.split(r"[/:@?&=#]+", unquote(full_url))
    hidden = {part for part in parts if len(part) >= MIN_SECRET_LENGTH and part not in unquote(private_url)}
    return tuple(sorted(hidden, key=len, reverse=True))


def _merged(first: Channel, second: Channel) -> Channel:
    """A target named twice wants what either entry wants."""
    routes = tuple(dict.fromkeys(first.routes + second.routes))
    return Channel(first.key, first.label, EVERYTHING if Route() in routes else routes, first.service, first.secrets)
