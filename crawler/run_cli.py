"""The cron job ``run`` and the site list check ``sites``."""
import sys
from pathlib import Path

import click

from crawler.cli_common import (EXIT_SITE_FAILED, StorageFailed, UserError, db_option, load_channels,
                                load_site_list, notify_options, sites_option)
from crawler.clock import NOW_SETTING, ClockError, run_time
from crawler.families import load_families
from crawler.crawl import SiteReport
from crawler.job import run_job, run_lock
from storage import StorageError, open_db

def _parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UserError(f"--set {pair!r}: expected NAME=VALUE")
        overrides[name] = value
    return overrides


def _print_site(report: SiteReport) -> None:
    state = "FAILED (no listing page reachable)" if report.failed else "ok"
    click.echo(f"{report.site}: {report.pages_seen} pages ({report.new} new, {report.changed} changed), "
               f"{report.facts} facts, {report.changes} changes, {report.errors} errors, "
               f"{report.requests} requests ({report.revalidated} not modified, {_kb(report.bytes)} kB), "
               f"{report.seconds:.1f} s — {state}")
    if report.baseline and not report.failed:
        click.echo(f"{report.site}: first run, the baseline: {report.facts} facts recorded, no alerts")


def _kb(size: int) -> str:
    return f"{size / 1000:.1f}"


def _print_summary(reports: list[SiteReport]) -> None:
    header = ("site", "pages seen", "new", "changed", "facts", "changes", "errors", "requests", "304s", "kB",
              "seconds")
    rows = [(r.site, r.pages_seen, r.new, r.changed, r.facts, r.changes, r.errors, r.requests, r.revalidated,
             _kb(r.bytes), f"{r.seconds:.1f}") for r in reports]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(str(cell).ljust(w) if i == 0 else str(cell).rjust(w)
                             for i, (cell, w) in enumerate(zip(row, widths))))


@click.command()
@sites_option
@db_option
@notify_options
@click.option("--per-change", is_flag=True, help="One message per change instead of one digest per run.")
@click.option("--no-baseline", is_flag=True,
              help="Alert from a site's first run too (default: a site's facts are recorded, not alerted, "
                   "until a run has crawled it to its end).")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s DOWNLOAD_DELAY=2 (repeatable).")
def run(sites_path: Path, db_path: Path, notify_urls: tuple[str, ...], notify_config: Path | None,
        per_change: bool, no_baseline: bool, overrides: tuple[str, ...]) -> None:
    """The cron job: crawl every site, store, extract, diff and alert."""
    sites = load_site_list(sites_path)
    channels = load_channels(notify_urls, notify_config, sites)
    overrides = _parse_overrides(overrides)
    try:
        run_time(overrides.get(NOW_SETTING))   # a simulated clock that cannot be read fails before any request
    except ClockError as error:
        raise UserError(str(error)) from None
    if not db_path.parent.is_dir():   # before the lock, which would create the folder
        raise UserError(f"--db {db_path}: the folder {db_path.parent} does not exist")
    with run_lock(db_path):
        try:
            db = open_db(db_path)   # once a run; migrations run under the lock, a bad file fails before any request
        except StorageError as error:   # locked or full: 74, cron tries again; a bad file: the user's (2)
            raise (StorageFailed if error.temporary else UserError)(str(error)) from None
        try:
            result = run_job(sites, db, channels, per_change=per_change, no_baseline=no_baseline,
                             overrides=overrides, on_site_done=_print_site)
        except StorageError as error:
            raise StorageFailed(f"database {db_path}: {error}") from None
        finally:
            db.close()
    _print_summary(result.reports)
    for site, (_, problem) in result.health.items():
        click.echo(f"{site}: {'UNHEALTHY: ' + problem if problem else 'working again'}")
    delivery = result.delivery
    if delivery.sent or delivery.failed:
        messages = f"{delivery.messages} message{'' if delivery.messages == 1 else 's'}"
        click.echo(f"alerts: {delivery.sent} delivered in {messages}, {delivery.failed} kept for the next run")
    for error in delivery.errors:
        click.echo(f"projwatch: delivery failed: {error}", err=True)
    for alias in result.unmatched_project_tags:   # allowed: the project may come later
        click.echo(f"notify: tag 'project:{alias}' matches no project yet")
    unstored = sum(report.error_kinds.get("storage", 0) for report in result.reports)
    if unstored:   # the disk filled up or a writer held the database: the pages skipped come next run
        raise StorageFailed(f"database {db_path}: {unstored} page{'' if unstored == 1 else 's'} could not be "
                            f"stored (see the 'storage:' lines above); the next run catches up")
    if any(report.failed for report in result.reports):
        sys.exit(EXIT_SITE_FAILED)


@click.command()
@sites_option
@click.option("--families", "families", is_flag=True,
              help="List the CMS families a site entry may name (family = ..., url = ...) and their keys.")
def sites(sites_path: Path, families: bool) -> None:
    """Validate the site list and list its sites (or, with --families, the CMS families)."""
    if families:
        for family in load_families().values():
            click.echo(f"{family.name}\t{family.title}")
            for key, value in family.keys.items():
                click.echo(f"    {key} = {value!r}")
        return
    for site in load_site_list(sites_path):
        family = f"\t{site.family}" if site.family else "\t-"
        click.echo(f"{site.name}\t{site.title}{family}\t{', '.join(site.start_urls)}")
