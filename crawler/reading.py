"""Reading pages (``crawler.extract.page.read_page``, pure) off the reactor's thread: in a pool of worker
processes, so that every core reads while Scrapy's reactor keeps downloading and storing.

``PageReader(workers=0)`` reads in-process (the same results, one core). With workers, pages that
come while every worker is busy wait, and go to the next free worker together (a few at a time, so
the other workers get theirs): each call to a worker costs the crawl's process ~0.8 ms of CPU (the
pool's threads, pickling, waking the reactor), an eighth of what reading the page costs. A page that
crashes its worker process (killed, out of memory, a crash in a C library) breaks the pool: the pool is
replaced, and each page that was in it is read again alone, in a one-worker pool of its own; a page
that crashes that one too raises ``WorkerCrashed`` (the pipeline counts it as a skip), so one bad page
costs itself and never the run.

Exceptions:
    WorkerCrashed   -- the page's reading crashed its worker process twice
    ReadFailed      -- read_page raised (its message names the exception)
"""
import asyncio
import logging
import os
import signal
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from crawler.processes import HelperPool, end_with_the_crawl
from storage.pages import compress_html

WORKERS_ENV = "PROJWATCH_WORKERS"

logger = logging.getLogger(__name__)


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


def _read_in_worker(pages: list[tuple[str, str, Selectors]], reader: Callable | None) -> list[PageRead | str]:
    """``read`` each page in a worker: an exception comes back as its text (some cannot be pickled)."""
    found = []
    for html, url, selectors in pages:
        try:
            found.append(read(html, url, selectors, reader))
        except Exception as error:
            logger.exception("read: article %s could not be read", url)
            found.append(f"{type(error).__name__}: {error}")
    return found


def _worker_init() -> None:
    end_with_the_crawl(signal.SIGINT)


def default_workers() -> int:
    """``PROJWATCH_WORKERS`` if set (0: read in-process), else one worker per CPU."""
    value = os.environ.get(WORKERS_ENV)
    return int(value) if value not in (None, "") else (os.cpu_count() or 1)


#: The most pages that go to a worker in one call.
MAX_GROUP = 8


class PageReader:
    """Reads pages in ``workers`` processes (0: in-process); ``reader`` is ``read_page`` (a test may give
    another, importable by name). The pool (``crawler.processes.HelperPool``) starts at the first page to
    read (a run with nothing to read starts none), without the reactor's thread waiting."""

    def __init__(self, workers: int, reader: Callable | None = None):
        self.workers = workers
        self.reader = reader
        self._pool = HelperPool(workers, _worker_init)
        self._alone = HelperPool(1, _worker_init)   # a page read again after a crash
        self._alone_lock: asyncio.Lock | None = None
        self._waiting: list[tuple[asyncio.Future, tuple[str, str, Selectors]]] = []   # pages not yet sent
        self._calls = 0                             # calls with the workers

    @property
    def crashes(self) -> int:
        """Pools broken by a crash."""
        return self._pool.crashes + self._alone.crashes

    async def read(self, html: str, url: str, selectors: Selectors = Selectors()) -> PageRead:
        if not self.workers:
            try:
                return read(html, url, selectors, self.reader)
            except Exception as error:
                raise ReadFailed(f"{type(error).__name__}: {error}") from error
        out = asyncio.get_running_loop().create_future()
        self._waiting.append((out, (html, url, selectors)))
        if self._calls < self.workers:
            self._send()
        try:
            found = await out
        except BrokenProcessPool:
            found = await self._read_alone(html, url, selectors)
        if isinstance(found, str):
            raise ReadFailed(found)
        return found

    def _send(self) -> None:
        """The pages waiting (a worker's share, at most ``MAX_GROUP``) to a worker, in one call."""
        size = min(MAX_GROUP, -(-len(self._waiting) // self.workers))
        group, self._waiting = self._waiting[:size], self._waiting[size:]
        self._calls += 1
        sent = self._read_in(self._pool, [page for _, page in group])
        sent.add_done_callback(lambda done: self._settle(group, done))

    def _settle(self, group: list[tuple[asyncio.Future, tuple]], done: asyncio.Future) -> None:
        self._calls -= 1
        error = asyncio.CancelledError() if done.cancelled() else done.exception()
        for index, (out, _) in enumerate(group):
            if out.done():
                continue
            if error is None:
                out.set_result(done.result()[index])
            else:
                out.set_exception(error)
        while self._waiting and self._calls < self.workers:
            self._send()

    def _read_in(self, pool: HelperPool, pages: list[tuple[str, str, Selectors]]) -> asyncio.Future:
        return asyncio.wrap_future(pool.submit(_read_in_worker, pages, self.reader))

    async def _read_alone(self, html: str, url: str, selectors: Selectors) -> PageRead | str:
        """Read a page that was in a broken pool again, alone: if it breaks this pool too, it is the one."""
        if self._alone_lock is None:
            self._alone_lock = asyncio.Lock()
        async with self._alone_lock:
            try:
                return (await self._read_in(self._alone, [(html, url, selectors)]))[0]
            except BrokenProcessPool as error:
                raise WorkerCrashed(f"reading {url} crashed a worker process") from error

    def close(self) -> None:
        self._pool.close()
        self._alone.close()
