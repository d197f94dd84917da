"""Reading pages (``crawler.extract.page.read_page``, pure) off the reactor's thread: in a pool of worker
processes, so that every core reads while Scrapy's reactor keeps downloading and storing.

``PageReader(workers=0)`` reads in-process (the same results, one core). With workers, a page that
crashes its worker process (killed, out of memory, a crash in a C library) breaks the pool: the pool is
replaced, and each page that was in it is read again alone, in a one-worker pool of its own; a page
that crashes that one too raises ``WorkerCrashed`` (the pipeline counts it as a skip), so one bad page
costs itself and never the run.

Exceptions:
    WorkerCrashed   -- the page's reading crashed its worker process twice
    ReadFailed      -- read_page raised (its message names the exception)
"""
import asyncio
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from crawler.processes import end_with_the_crawl, helper_context
from storage.pages import compress_html

WORKERS_ENV = "PROJWATCH_WORKERS"


class WorkerCrashed(Exception):
    """A page's reading crashed its worker process, even alone."""


class ReadFailed(Exception):
    """``read_page`` raised on a page; the message names the exception (the worker's traceback is logged
    there, since not every exception crosses a process boundary)."""


@dataclass(frozen=True)
class PageRead:
    """What the store needs of a page read: its main text and entries in the extractor's dict shape."""
    text: str
    title: str | None
    published: str | None
    projects: list[dict]
    compressed_html: bytes   # storage.pages.compress_html, done by the reader too


@dataclass(frozen=True)
class Selectors:
    """A site's own CSS selectors (``crawler.sites.Site``), where the generic reading guesses wrong."""
    title_css: str | None = None
    body_css: str | None = None
    date_css: str | None = None


def _reader(reader: Callable | None) -> Callable:
    if reader is not None:
        return reader
    # Imported where pages are read: with workers, the crawl's own process never needs the extractor.
    from crawler.extract.page import read_page
    return read_page


def read(html: str, url: str, selectors: Selectors, reader: Callable | None = None) -> PageRead:
    """Read one page (in whichever process runs it) with ``reader``, by default ``read_page``."""
    page = _reader(reader)(html, url, title_css=selectors.title_css, body_css=selectors.body_css,
                  date_css=selectors.date_css)
    return PageRead(page.text, page.entries.title, page.entries.published, page.entries.to_dict()["projects"],
                    compress_html(html))


def _read_in_worker(html: str, url: str, selectors: Selectors, reader: Callable | None) -> PageRead | str:
    """``read`` in a worker: an exception comes back as its text (some cannot be pickled)."""
    try:
        return read(html, url, selectors, reader)
    except Exception as error:
        import logging
        logging.getLogger(__name__).exception("read: article %s could not be read", url)
        return f"{type(error).__name__}: {error}"


def _worker_init() -> None:
    end_with_the_crawl(signal.SIGINT)


def default_workers() -> int:
    """``PROJWATCH_WORKERS`` if set (0: read in-process), else one worker per CPU."""
    value = os.environ.get(WORKERS_ENV)
    return int(value) if value not in (None, "") else (os.cpu_count() or 1)


class PageReader:
    """Reads pages in ``workers`` processes (0: in-process); ``reader`` is ``read_page`` (a test may give
    another, importable by name). A pool starts at the first page to read (a run with nothing to read
    starts none), in a thread: starting processes blocks, and the reactor's thread must never wait."""

    def __init__(self, workers: int, reader: Callable | None = None):
        self.workers = workers
        self.reader = reader
        self._pool: asyncio.Future | None = None    # -> a started Executor
        self._alone: asyncio.Future | None = None   # one worker: a page read again after a crash
        self._alone_lock: asyncio.Lock | None = None
        self.crashes = 0                            # pools broken by a crash

    def _start_pool(self, workers: int) -> Executor:
        pool = ProcessPoolExecutor(workers, mp_context=helper_context(), initializer=_worker_init)
        for started in [pool.submit(time.sleep, 0.05) for _ in range(workers)]:
            started.result()
        return pool

    def _starting(self, workers: int) -> asyncio.Future:
        return asyncio.ensure_future(asyncio.get_running_loop().run_in_executor(None, self._start_pool, workers))

    async def _submit(self, starting: asyncio.Future, html: str, url: str, selectors: Selectors):
        """Read in the pool ``starting`` gives; raises BrokenProcessPool if it broke (or never started)."""
        try:
            pool = await starting
        except Exception as error:   # no processes to be had (a limit of the machine, a fork server killed)
            raise BrokenProcessPool(f"cannot start worker processes: {error!r}") from error
        try:
            submitted = pool.submit(_read_in_worker, html, url, selectors, self.reader)
        except RuntimeError as error:   # shut down by another page that found it broken
            raise BrokenProcessPool(str(error)) from error
        return await asyncio.wrap_future(submitted)

    @staticmethod
    def _stop(starting: asyncio.Future) -> None:
        if starting.done() and not starting.exception():
            starting.result().shutdown(wait=False, cancel_futures=True)

    async def read(self, html: str, url: str, selectors: Selectors = Selectors()) -> PageRead:
        if not self.workers:
            try:
                return read(html, url, selectors, self.reader)
            except Exception as error:
                raise ReadFailed(f"{type(error).__name__}: {error}") from error
        if self._pool is None:
            self._pool = self._starting(self.workers)
        starting = self._pool
        try:
            found = await self._submit(starting, html, url, selectors)
        except BrokenProcessPool:
            if self._pool is starting:      # the first page to see it replaces the pool for all
                self.crashes += 1
                self._stop(starting)
                self._pool = None
            found = await self._read_alone(html, url, selectors)
        if isinstance(found, str):
            raise ReadFailed(found)
        return found

    async def _read_alone(self, html: str, url: str, selectors: Selectors) -> PageRead | str:
        """Read a page that was in a broken pool again, alone: if it breaks this pool too, it is the one."""
        if self._alone_lock is None:
            self._alone_lock = asyncio.Lock()
        async with self._alone_lock:
            if self._alone is None:
                self._alone = self._starting(1)
            try:
                return await self._submit(self._alone, html, url, selectors)
            except BrokenProcessPool as error:
                self.crashes += 1
                self._stop(self._alone)
                self._alone = None
                raise WorkerCrashed(f"reading {url} crashed a worker process") from error

    def close(self) -> None:
        for starting in (self._pool, self._alone):
            if starting is not None and starting.done() and not starting.exception():
                starting.result().shutdown(wait=True, cancel_futures=True)
        self._pool = self._alone = None
