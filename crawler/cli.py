"""The ``projwatch`` command line: one verb per job, each error a single line and an exit code."""
import click


class UserError(click.ClickException):
    """Bad input from the user (a file, a setting, a URL): one line on stderr, exit 2."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="projwatch")
def main() -> None:
    """Watch Latvian municipal news for EU cooperation projects."""


# Verbs live in their own modules and are registered here
# (imported last: the verb modules import UserError from here).
from crawler.extract_cli import extract  # noqa: E402
from crawler.facts_cli import facts  # noqa: E402
from crawler.notify_cli import notify_test  # noqa: E402
from crawler.probe_cli import probe  # noqa: E402
from crawler.reextract_cli import reextract  # noqa: E402
from crawler.run_cli import run, sites  # noqa: E402
from crawler.serve_cli import serve  # noqa: E402

for verb in (run, sites, probe, extract, facts, reextract, notify_test, serve):
    main.add_command(verb)
