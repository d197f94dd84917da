"""The crawl's writer: a process of its own that holds the crawl's connection to the database and runs
every statement of the crawl, one call after the other in the order they were asked for.

On a thread of the crawl's own process, SQLite's work (~2.5 ms of CPU a page: the page, its facts, the
commit) shared Python's lock with Scrapy's reactor, and the thread took the lock back after every
statement; here the reactor only pickles a call and reads back its result.

``StoreWriter(path).submit(call, *args)`` runs ``call(db, *args)`` in the writer (``call`` importable by
name, its arguments picklable) and gives a ``concurrent.futures.Future`` of its result; an SQLite error
comes back as ``StorageError``. The process starts at the first call, on a thread of its own (the reactor
never waits for it); calls made meanwhile wait in order. A writer that dies (killed, out of memory) or
cannot start fails the calls it held with a temporary ``StorageError`` (the pages are counted skips,
fetched again next run), and the next call starts another one. It ignores SIGINT and SIGTERM: when a
terminal or systemd stops the crawl's whole process group, the crawl's process finishes the pages it
has started and then closes the writer.
"""
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sqlite_utils import Database

from crawler.processes import end_with_the_crawl, helper_context
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
        self.crashes = 0                 # writer processes that died
        self._lock = threading.RLock()   # a Future's callback may run inside ``_send``, which holds it
        self._pool: ProcessPoolExecutor | None = None
        self._starting: threading.Thread | None = None
        self._waiting: list[tuple[Future, Callable, tuple]] = []   # calls asked for while it starts

    def submit(self, call: Callable, *args) -> Future:
        out = Future()
        with self._lock:
            if self._pool is None:
                self._waiting.append((out, call, args))
                if self._starting is None:
                    self._starting = threading.Thread(target=self._start, name="projwatch-writer-start",
                                                      daemon=True)
                    self._starting.start()
            else:
                self._send(self._pool, out, call, args)
        return out

    def _start(self) -> None:
        pool, error = None, None
        for _ in range(2):   # a fork server stopped with the crawl's process group is started again
            try:
                pool = ProcessPoolExecutor(1, mp_context=helper_context(), initializer=_open, initargs=(self.path,))
                pool.submit(int).result()   # started, its database open
                break
            except Exception as failed:   # no process to be had, or the database cannot be opened there
                if pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
                pool, error = None, failed
        with self._lock:
            self._pool, self._starting = pool, None   # None: the next call tries again
            waiting, self._waiting = self._waiting, []
            for out, call, args in waiting:
                if pool is None:
                    out.set_exception(StorageError(f"the writer process cannot start: {error}", temporary=True))
                else:
                    self._send(pool, out, call, args)

    def _send(self, pool: ProcessPoolExecutor, out: Future, call: Callable, args: tuple) -> None:
        try:
            sent = pool.submit(_on_db, call, args)
        except RuntimeError as error:   # it died since the last call (BrokenProcessPool), or was shut down
            self._settle(pool, BrokenProcessPool(str(error)), out)
            return
        sent.add_done_callback(lambda done: self._settle(pool, done.exception(), out, done))

    def _settle(self, pool: ProcessPoolExecutor, error: BaseException | None, out: Future,
                done: Future | None = None) -> None:
        if error is None:
            out.set_result(done.result())
        elif isinstance(error, BrokenProcessPool):
            with self._lock:
                if self._pool is pool:   # the first call to see it: the next call starts another writer
                    self.crashes += 1   # (the broken pool's own thread ends what is left of it)
                    self._pool = None
            out.set_exception(StorageError(f"the writer process stopped: {error}", temporary=True))
        else:
            out.set_exception(error)

    def close(self) -> None:
        """Wait for every call asked for, then end the writer."""
        starting = self._starting
        if starting is not None:
            starting.join()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        self._pool = None
