"""``projwatch serve``: the database in Datasette, read-only, with projwatch's metadata, queries and feeds.

Datasette reads the live file (not immutable: cron keeps writing; the database is in WAL mode, so
both work) through read-only connections; no write API, no writable canned query. The feeds and the
map come from the plugins datasette-atom, datasette-ics and datasette-cluster-map.
"""
from importlib.resources import files
from pathlib import Path

import click

from crawler.cli_common import RunLocked, UserError, db_option
from crawler.job import take_run_lock
from storage import StorageError, open_db

DATABASE_NAME = "projwatch"   # the name in every URL (/projwatch/meetings), whatever the file is called
SETTINGS = {"sql_time_limit_ms": 3000, "default_page_size": 50, "allow_download": False}


# Datasette and uvicorn are imported where used: every other verb (cron's ``run`` above all) starts
# half a second sooner without them.


def load_metadata() -> dict:
    """The checked-in metadata (storage/datasette/metadata.yml)."""
    from datasette.utils import parse_metadata

    return parse_metadata((files("storage.datasette") / "metadata.yml").read_text(encoding="utf-8"))


def build_datasette(db_path: Path):
    """A Datasette instance serving ``db_path`` as ``projwatch``, read-only, with our metadata and hooks."""
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    from crawler import datasette_plugin

    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="projwatch")
    datasette = Datasette(metadata=load_metadata(), settings=SETTINGS)
    datasette.add_database(Database(datasette, path=str(db_path), is_mutable=True), name=DATABASE_NAME)
    return datasette


def _migrate(db_path: Path) -> None:
    """Bring the schema up to date (a database of an older projwatch lacks what the queries read),
    unless a run holds the database's lock: that run migrates it itself."""
    if not db_path.is_file():
        raise UserError(f"--db {db_path}: no such database (run `projwatch run` first)")
    try:
        lock = take_run_lock(db_path)
    except RunLocked:
        return
    try:
        open_db(db_path).close()
    except StorageError as error:
        raise UserError(str(error)) from None
    finally:
        lock.release()


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes the database to the network).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db_path: Path, host: str, port: int) -> None:
    """Browse the database in Datasette: queries, search, Atom and iCalendar feeds, a map of meetings."""
    import uvicorn

    _migrate(db_path)
    datasette = build_datasette(db_path)
    click.echo(f"projwatch: serving {db_path} on http://{host}:{port}/{DATABASE_NAME} (Ctrl-C stops)", err=True)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
