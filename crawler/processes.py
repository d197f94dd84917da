"""The crawl's helper processes (the page readers of ``crawler.reading``, the writer of
``crawler.writer``): how they start, when they end, and the pool that holds them."""
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def helper_context() -> multiprocessing.context.BaseContext:
    """How the crawl's helper processes (readers, ``crawler.writer``) start: forked from a small server
    process that imported the extractor and the store once, not from the crawl's process (its reactor's
    threads and open sockets)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["crawler.extract.page", "crawler.page_store"])
    return context


def end_with_the_crawl(*ignored: signal.Signals) -> None:
    """In a helper process: ignore ``ignored`` (a signal to the whole process group: the crawl's process
    decides when to stop, and finishes the pages it has started, so its helpers must live until then),
    and end when the crawl's process ends, even killed (a pool's worker would otherwise wait on its queue
    forever)."""
    for number in ignored:
        signal.signal(number, signal.SIG_IGN)
    crawl = multiprocessing.parent_process()

    def watch():
        multiprocessing.connection.wait([crawl.sentinel])
        os._exit(1)
    threading.Thread(target=watch, name="projwatch-crawl-watch", daemon=True).start()


class HelperPool:
    """A pool of ``workers`` helper processes (``helper_context``, each set up by ``initializer``) that
    starts at the first call, on a thread of its own (starting processes blocks; the reactor's thread
    must never wait), with the calls made meanwhile waiting in order. ``submit`` gives a
    ``concurrent.futures.Future``; a pool that breaks (a process killed, out of memory) or cannot start
    fails the calls it held with ``BrokenProcessPool``, and the next call starts another pool."""

    def __init__(self, workers: int, initializer: Callable, initargs: tuple = ()):
        self.workers, self.initializer, self.initargs = workers, initializer, initargs
        self.crashes = 0                 # pools that broke
        self._lock = threading.RLock()   # a Future's callback may run inside ``_send``, which holds it
        self._pool: ProcessPoolExecutor | None = None
        self._starting: threading.Thread | None = None
        self._waiting: list[tuple[Future, Callable, tuple]] = []   # calls made while it starts

    def submit(self, call: Callable, *args) -> Future:
        out = Future()
        with self._lock:
            if self._pool is not None:
                self._send(self._pool, out, call, args)
                return out
            self._waiting.append((out, call, args))
            if self._starting is None:
                self._starting = threading.Thread(target=self._start, name="projwatch-pool-start", daemon=True)
                self._starting.start()
        return out

    def _start(self) -> None:
        pool, error = None, None
        for _ in range(2):   # a fork server stopped with the crawl's process group is started again
            try:
                pool = ProcessPoolExecutor(self.workers, mp_context=helper_context(),
                                           initializer=self.initializer, initargs=self.initargs)
                for started in [pool.submit(time.sleep, 0.05) for _ in range(self.workers)]:
                    started.result()
                break
            except Exception as failed:   # no processes to be had, or their set-up failed
                if pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
                pool, error = None, failed
        with self._lock:
            self._pool, self._starting = pool, None   # None: the next call tries again
            waiting, self._waiting = self._waiting, []
            for out, call, args in waiting:
                if pool is None:
                    out.set_exception(BrokenProcessPool(f"cannot start helper processes: {error!r}"))
                else:
                    self._send(pool, out, call, args)

    def _send(self, pool: ProcessPoolExecutor, out: Future, call: Callable, args: tuple) -> None:
        try:
            sent = pool.submit(call, *args)
        except RuntimeError as error:   # it broke since the last call (BrokenProcessPool), or was shut down
            self._settle(pool, out, BrokenProcessPool(str(error)))
            return
        sent.add_done_callback(lambda done: self._settle(pool, out, done.exception(), done))

    def _settle(self, pool: ProcessPoolExecutor, out: Future, error: BaseException | None,
                done: Future | None = None) -> None:
        if error is None:
            out.set_result(done.result())
            return
        if isinstance(error, BrokenProcessPool):
            with self._lock:
                if self._pool is pool:   # the first call to see it: the next call starts another pool
                    self.crashes += 1   # (the broken pool's own thread ends what is left of it)
                    self._pool = None
        out.set_exception(error)

    def close(self) -> None:
        """Wait for every call made, then end the processes."""
        starting = self._starting
        if starting is not None:
            starting.join()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        self._pool = None
