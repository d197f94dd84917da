"""The crawl's helper processes (the page readers of ``crawler.reading``, the writer of
``crawler.writer``): how they start and when they end."""
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading


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
