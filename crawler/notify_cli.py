"""``projwatch notify-test``: send a sample digest to the notification targets, to check them."""
from pathlib import Path

import click

from crawler.cli import UserError
from notifications import ChannelError
from notifications.channels import ENV_VAR, Channel, build_channels
from notifications.deliver import send_sample


def notify_options(command):
    """The options that name notification targets, shared by ``run`` and ``notify-test``."""
    command = click.option(
        "--notify-config", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
        help="An apprise YAML config file; tags 'funding', 'meetings' and 'health' route alerts.")(command)
    return click.option(
        "--notify", "notify_urls", multiple=True, metavar="URL",
        help=f"An apprise URL to send to (repeatable; default: ${ENV_VAR}, space-separated).")(command)


def load_channels(notify_urls: tuple[str, ...], notify_config: Path | None) -> list[Channel]:
    """The targets named by the options; a bad one is the user's error (exit 2)."""
    try:
        return build_channels(notify_urls, notify_config)
    except ChannelError as error:
        raise UserError(str(error)) from error


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
