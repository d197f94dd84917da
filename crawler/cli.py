"""The ``projwatch`` command line: one verb per job, each error a single line and an exit code."""
import importlib

import click

#: Each verb's command, as "module:name": a verb's module is imported only when the verb runs (Click's
#: lazily loaded subcommands), so that a cron ``run`` does not import the extractor, Datasette or the probe.
VERBS = {
    "run": "crawler.run_cli:run", "sites": "crawler.run_cli:sites", "probe": "crawler.probe_cli:probe",
    "extract": "crawler.extract_cli:extract", "facts": "crawler.facts_cli:facts",
    "reextract": "crawler.reextract_cli:reextract", "notify-test": "crawler.notify_cli:notify_test",
    "outlook": "crawler.outlook_cli:outlook", "serve": "crawler.serve_cli:serve",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(VERBS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in VERBS:
            return None
        module, attribute = VERBS[name].split(":")
        return getattr(importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="projwatch")
def main() -> None:
    """Watch Latvian municipal news for EU cooperation projects."""
