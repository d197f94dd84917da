"""``projwatch probe URL`` / ``projwatch probe --site NAME``: check a site before (or after) adding it."""
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from crawler import settings as default_settings
from crawler.cli_common import UserError, load_site_list, sites_option
from crawler.probe import SAMPLES, Probe, Prober, Source, entry_text, http_fetch, probe_url

EXIT_NOTHING = 1


def _print_sources(sources: list[Source]) -> None:
    for source in sources:
        click.echo(f"  {source.kind:8} {source.url}: {source.answer}, {len(source.articles)} article links")


def _print_samples(articles: list[str]) -> None:
    click.echo(f"{len(articles)} article links, e.g.:")
    for url in articles[:SAMPLES]:
        click.echo(f"  {url}")


def _print_tried(tried: list[str]) -> None:
    click.echo("tried:")
    for line in tried:
        click.echo(f"  {line}")


@click.command()
@click.argument("url", required=False)
@click.option("--site", "site_name", metavar="NAME", help="Probe this entry of the site list instead of a URL.")
@sites_option
@click.option("--delay", type=float, default=1.0, show_default=True, help="Seconds between requests.")
@click.option("--timeout", type=float, default=15.0, show_default=True, help="Seconds to wait for an answer.")
def probe(url: str | None, site_name: str | None, sites_path: Path, delay: float, timeout: float) -> None:
    """Fetch a site's page, robots.txt, sitemaps and feeds; recognise its CMS family; count the article
    links it would store, show three and print a ready [[sites]] entry (exit 0; 1: none found)."""
    if bool(url) == bool(site_name):
        raise UserError("probe: give a URL or --site NAME (one of them)")
    prober = Prober(http_fetch(default_settings.USER_AGENT, timeout=timeout, delay=delay),
                    default_settings.USER_AGENT.split("/")[0])
    if site_name:
        sites = {site.name: site for site in load_site_list(sites_path)}
        if site_name not in sites:
            raise UserError(f"probe: no site '{site_name}' in {sites_path} (known: {', '.join(sorted(sites))})")
        site = sites[site_name]
        sources = prober.sources(site)
        articles = list(dict.fromkeys(link for source in sources for link in source.articles))
        click.echo(f"{site.name} ({site.family or 'no family'}): {site.title}")
        _print_sources(sources)
        if not articles:
            click.echo(f"{site.name}: no article links found: its entry stores nothing as it stands")
            _print_tried(prober.tried)
            sys.exit(EXIT_NOTHING)
        _print_samples(articles)
        return
    try:
        parts = urlsplit(url)
        parts.port    # noqa: B018 (raises on a bad port)
    except ValueError:
        parts = None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(f"probe: not an http(s) URL: {url!r}")
    found: Probe = probe_url(url, prober)
    if found.unreachable:
        click.echo(f"{url}: cannot reach the site: {found.unreachable}")
        _print_tried(found.tried)
        sys.exit(EXIT_NOTHING)
    if not found.family:
        click.echo(f"{url}: no known CMS family recognised and no article links found "
                   f"(families: projwatch sites --families; write the entry's keys by hand)")
        _print_tried(found.tried)
        sys.exit(EXIT_NOTHING)
    if found.url != url:
        click.echo(f"{url}: leads to {found.url} (the site moved): probed there")
    click.echo(f"{found.url}: family {found.family.name} ({found.family.title})")
    _print_sources(found.sources)
    _print_samples(found.articles)
    click.echo("")
    click.echo(entry_text(found), nl=False)
