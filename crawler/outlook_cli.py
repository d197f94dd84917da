"""``projwatch outlook``: a weekly message of the partner meetings to come and last week's funding changes.

For a weekly cron line beside the half-hourly run. It reads the database only (no crawl, no outbox:
an outlook is a summary, not an alert owed) and routes with the same tags as the alerts.
"""
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import click

from crawler.cli_common import (UserError, db_option, load_channels, load_site_list, notify_options, open_existing_db,
                                sites_option)
from notifications.channels import ENV_VAR
from notifications.deliver import send_outlook
from storage.outlook import outlook as read_outlook

WEEK_DAYS = 7


@click.command()
@db_option
@sites_option
@notify_options
@click.option("--days", type=click.IntRange(1, 366), default=14, show_default=True,
              help="How many days ahead to list meetings.")
def outlook(db_path: Path, sites_path: Path, notify_urls: tuple[str, ...], notify_config: Path | None,
            days: int) -> None:
    """Send each target the meetings of the coming days and the funding changes of the past week."""
    channels = load_channels(notify_urls, notify_config, load_site_list(sites_path))
    if not channels:
        raise UserError(f"no notification target: give --notify URL, --notify-config FILE or set {ENV_VAR}")
    db = open_existing_db(db_path)
    now = datetime.now(timezone.utc)
    today = date.today()
    found = read_outlook(db, today.isoformat(), (today + timedelta(days=days)).isoformat(),
                         (now - timedelta(days=WEEK_DAYS)).isoformat(timespec="seconds"))
    db.close()
    report = send_outlook(found, channels, days, WEEK_DAYS)
    click.echo(f"outlook: {len(found.meetings)} meetings in {days} days, {len(found.funding)} funding changes in "
               f"{WEEK_DAYS} days; sent to {report.sent} of {len(channels)} targets")
    if report.errors:
        raise click.ClickException("could not deliver: " + "; ".join(report.errors))
