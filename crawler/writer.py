"""The crawl's writer: a process of its own that holds the crawl's connection to the database and runs
every statement of the crawl, one call after the other in the order they were asked for.

On a thread of the crawl's own process, SQLite's work (~2.5 ms of CPU a page: the page, its facts, the
commit) shared Python's lock with Scrapy's reactor, and the thread took the lock back after every
statement; here the reactor only pickles a call and reads back its result.

``StoreWriter(path).submit(call, *args)`` runs ``call(db, *args)`` in the writer (``call`` importable by
name, its arguments picklable) and gives a ``concurrent.futures.Future`` of its result; an SQLite error
comes back as ``StorageError``. It is a ``crawler.processes.HelperPool`` of one: the process starts at the
first call without the reactor waiting, calls made meanwhile wait in order. A writer that dies (killed, out of memory) or
cannot start fails the calls it held with a temporary ``StorageError`` (the pages are counted skips,
fetched again next run), and the next call starts another one. It ignores SIGINT and SIGTERM: when a
terminal or systemd stops the crawl's whole process group, the crawl's process finishes the pages it
has started and then closes the writer.
"""
import signal
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sqlite_utils import Database

from crawler.processes import HelperPool, end_with_the_crawl
from storage import StorageError, guarded, open_db

_db: Database | None = None   # the writer process's connection


def _open(path: str) -> None:
    global _db
    end_with_the_crawl(signal.SIGINT, signal.SIGTERM)   # its queue is never cut short
    _db = open_db(path)


def _on_db(call: Callable, args: tuple):
    with guarded("the database"):
        return call(_db, *args)


class StoreWriter:
    def __init__(self, path: Path | str):
        self.path = str(path)
        self._pool = HelperPool(1, _open, (self.path,))

    @property
    def crashes(self) -> int:
        """Writer processes that died."""
        return self._pool.crashes

    def submit(self, call: Callable, *args) -> Future:
        out = Future()
        self._pool.submit(_on_db, call, args).add_done_callback(lambda done: _storage_outcome(done, out))
        return out

    def close(self) -> None:
        """Wait for every call asked for, then end the writer."""
        self._pool.close()


def _storage_outcome(done: Future, out: Future) -> None:
    """The writer's outcome, a dead (or unstartable) writer a temporary ``StorageError``."""
    error = done.exception()
    if isinstance(error, BrokenProcessPool):
        out.set_exception(StorageError(f"the writer process stopped: {error}", temporary=True))
    elif error is not None:
        out.set_exception(error)
    else:
        out.set_result(done.result())
