"""What the ``projwatch`` verbs share: the user's-error exception, exit codes, the common options, the
run lock, and reading the database, the site list, the notification targets and JSON Lines input. The verbs import this module and
nothing of each other; ``crawler.cli`` only gathers them into one command."""
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

import click
from sqlite_utils import Database

from crawler.sites import Site, SiteListError, load_sites
from notifications import ChannelError
from notifications.channels import ENV_VAR, Channel, build_channels, route_tags
from storage import StorageError, open_db
from crawler.kinds import PROGRAMMES, keys


class UserError(click.ClickException):
    """Bad input from the user (a file, a setting, a URL): one line on stderr, exit 2."""

    exit_code = 2


EXIT_LOCKED = 75   # EX_TEMPFAIL: another run holds the lock; cron tries again next time
EXIT_SITE_FAILED = 1
EXIT_STORAGE = 74  # EX_IOERR: the database failed mid-run (disk full, locked); what was stored stays

sites_option = click.option(
    "--sites", "sites_path", type=click.Path(dir_okay=False, path_type=Path), envvar="PROJWATCH_SITES",
    default="sites.toml", show_default=True, help="The site list (env PROJWATCH_SITES).")
db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="PROJWATCH_DB",
    default="projwatch.db", show_default=True, help="The SQLite database (env PROJWATCH_DB).")


class RunLocked(click.ClickException):
    """Another run holds the database's run lock: one line on stderr, exit 75 (cron tries again)."""

    exit_code = EXIT_LOCKED

    def show(self, file=None) -> None:
        click.echo(f"projwatch: {self.format_message()}", err=True)


class StorageFailed(click.ClickException):
    """The database failed mid-run (disk full, locked too long): one line on stderr, exit 74; what was
    stored stays and the next run catches up."""

    exit_code = EXIT_STORAGE

    def show(self, file=None) -> None:
        click.echo(f"projwatch: {self.format_message()}", err=True)


def open_existing_db(db_path: Path) -> Database:
    """The database at ``db_path``, which must exist (a verb that reads it creates none); a missing or
    unopenable one is the user's error (exit 2)."""
    if not db_path.is_file():
        raise UserError(f"--db {db_path}: no such database (run `projwatch run` first)")
    try:
        return open_db(db_path)
    except StorageError as error:
        raise UserError(str(error)) from None


def load_site_list(path: Path) -> list[Site]:
    """The site list at ``path``; a bad one is the user's error (exit 2)."""
    try:
        return load_sites(path)
    except SiteListError as error:
        raise UserError(str(error)) from None


#: The programme keys a ``programme:KEY`` tag may name (``crawler.kinds``, which every key the extractor
#: gives is declared in).
PROGRAMME_KEYS = keys(PROGRAMMES)


def notify_options(command):
    """The options that name notification targets, shared by ``run``, ``outlook`` and ``notify-test``."""
    command = click.option(
        "--notify-config", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
        help="An apprise YAML config file; tags 'funding', 'meetings', 'health', 'site:NAME', "
             "'programme:KEY' and 'project:ALIAS' route alerts.")(command)
    return click.option(
        "--notify", "notify_urls", multiple=True, metavar="URL",
        help=f"An apprise URL to send to (repeatable; default: ${ENV_VAR}, space-separated).")(command)


def load_channels(notify_urls: tuple[str, ...], notify_config: Path | None,
                  sites: list[Site] | None = None) -> list[Channel]:
    """The targets named by the options; a bad one, or (given the site list) a tag naming a site or a
    programme that does not exist, is the user's error (exit 2)."""
    try:
        channels = build_channels(notify_urls, notify_config)
    except ChannelError as error:
        raise UserError(str(error)) from error
    if sites is not None:
        for sort, known in (("site", {site.name for site in sites}), ("programme", PROGRAMME_KEYS)):
            unknown = sorted(route_tags(channels, sort) - known)
            if unknown:
                raise UserError(f"notify config {notify_config}: tag '{sort}:{unknown[0]}' names no {sort} "
                                f"(known: {', '.join(sorted(known))})")
    return channels


def _records(stream: TextIO, name: str) -> Iterator[dict]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise UserError(f"{name}:{number}: not a JSON line ({error.msg})") from None
        if not isinstance(record, dict):
            raise UserError(f"{name}:{number}: a record must be a JSON object")
        yield record


@contextmanager
def _jsonl_stream(path: str) -> Iterator[TextIO]:
    """The open JSON Lines file, or stdin for "-"."""
    if path == "-":
        yield sys.stdin
        return
    try:
        stream = open(path, encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror or error}") from None
    with stream:
        yield stream


def jsonl_records(path: str) -> Iterator[dict]:
    """The records of a JSON Lines file (or stdin for "-"); a bad line is the user's error."""
    with _jsonl_stream(path) as stream:
        yield from _records(stream, "stdin" if path == "-" else path)
