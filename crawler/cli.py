"""The ``projwatch`` command line: one verb per job, each error a single line and an exit code."""
import click

from crawler.extract_cli import extract
from crawler.facts_cli import facts
from crawler.notify_cli import notify_test
from crawler.outlook_cli import outlook
from crawler.probe_cli import probe
from crawler.reextract_cli import reextract
from crawler.run_cli import run, sites
from crawler.serve_cli import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="projwatch")
def main() -> None:
    """Watch Latvian municipal news for EU cooperation projects."""


for verb in (run, sites, probe, extract, facts, reextract, notify_test, outlook, serve):
    main.add_command(verb)
