"""The crawl's writer: a process of its own that holds the crawl's connection to the database and runs
every statement of the crawl, one call after the other in the order they were asked for.

On a thread of the crawl's own process, SQLite's work (~2.5 ms of CPU a page: the page, its facts, the
commit) shared Python's lock with Scrapy's reactor, and the thread took the lock back after every
statement; here the reactor only pickles a call and reads back its result.

``StoreWriter(path).submit(call, *args)`` runs ``call(db, *args)`` in the writer (``call`` importable by
name, its arguments picklable) and gives a ``concurrent.futures.Future`` of its result; an SQLite error
comes back as ``StorageError``. It is a ``crawler.processes.HelperPool`` of one: the process starts at the
first call without the reactor waiting.

Calls are committed in groups: a call made while the writer is busy waits, and the calls waiting when it
is done go to it together, run in one transaction, each in a savepoint of its own. A call that fails
leaves nothing of itself and takes nothing of the others with it; a commit that fails (a full disk)
fails every call of its group, none of which is stored. The writer so commits (and writes SQLite's log)
once for many pages when pages come faster than it stores them, and at once for a page that comes alone.

A writer that dies (killed, out of memory) or cannot start fails the calls it held with a temporary
``StorageError`` (the pages are counted skips, fetched again next run), and the next call starts another
one. It ignores SIGINT and SIGTERM: when a terminal or systemd stops the crawl's whole process group, the
crawl's process finishes the pages it has started and then closes the writer.
"""
import pickle
import signal
import threading
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


def _run_group(calls: list[tuple[Callable, tuple]]) -> list[tuple[bool, object]]:
    """Each call, in the order given, in one transaction and a savepoint of its own: (True, its result)
    or (False, its exception) each; all of them failed with the transaction's error where it failed."""
    outcomes = []
    try:
        with guarded("the database"), _db.atomic():
            for call, args in calls:
                try:
                    with guarded("the database"), _db.atomic():
                        outcomes.append((True, call(_db, *args)))
                except Exception as error:
                    if not _db.conn.in_transaction:   # the error ended the whole transaction
                        raise
                    outcomes.append((False, _portable(error)))
    except Exception as error:
        return [(False, _portable(error))] * len(calls)
    return outcomes


def _portable(error: Exception) -> Exception:
    """``error`` as it can go back to the crawl's process: not every exception pickles, and one that does
    not would fail the whole group's results, stored as they are."""
    try:
        pickle.dumps(error)
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


class StoreWriter:
    def __init__(self, path: Path | str):
        self.path = str(path)
        self._pool = HelperPool(1, _open, (self.path,))
        self._changed = threading.Condition()   # guards the two below
        self._waiting: list[tuple[Future, Callable, tuple]] = []
        self._busy = False                      # a group is with the writer

    @property
    def crashes(self) -> int:
        """Writer processes that died."""
        return self._pool.crashes

    def submit(self, call: Callable, *args) -> Future:
        out = Future()
        with self._changed:
            self._waiting.append((out, call, args))
            if self._busy:
                return out
            self._busy = True
        self._send()
        return out

    def _send(self) -> None:
        """The calls waiting, as one group; when none waits, the writer is idle."""
        with self._changed:
            group, self._waiting = self._waiting, []
            if not group:
                self._busy = False
                self._changed.notify_all()
                return
        sent = self._pool.submit(_run_group, [(call, args) for _, call, args in group])
        sent.add_done_callback(lambda done: self._settle(group, done))

    def _settle(self, group: list[tuple[Future, Callable, tuple]], done: Future) -> None:
        error = done.exception()
        outcomes = [(False, error)] * len(group) if error is not None else done.result()
        for (out, _, _), (ok, value) in zip(group, outcomes):
            if ok:
                out.set_result(value)
            elif isinstance(value, BrokenProcessPool):   # a dead (or unstartable) writer: a temporary error
                out.set_exception(StorageError(f"the writer process stopped: {value}", temporary=True))
            else:
                out.set_exception(value)
        self._send()

    def close(self) -> None:
        """Wait for every call asked for, then end the writer."""
        with self._changed:
            self._changed.wait_for(lambda: not self._busy)
        self._pool.close()
