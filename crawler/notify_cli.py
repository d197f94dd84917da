"""``projwatch notify-test``: send a sample digest to the notification targets, to check them."""
from pathlib import Path

import click

from crawler.cli_common import UserError, load_channels, notify_options
from notifications.channels import ENV_VAR
from notifications.deliver import send_sample

@click.command("notify-test")
@notify_options
def notify_test(notify_urls: tuple[str, ...], notify_config: Path | None) -> None:
    """Send a sample digest to every notification target."""
    channels = load_channels(notify_urls, notify_config)
    if not channels:
        raise UserError(f"no notification target: give --notify URL, --notify-config FILE or set {ENV_VAR}")
    failures = []
    for channel in channels:
        error = send_sample(channel)
        if error is None:
            click.echo(f"sent a sample to {channel.label}")
        else:
            failures.append(f"{channel.label}: {error}")
    if failures:
        raise click.ClickException("could not deliver: " + "; ".join(failures))
