"""Page readers for the worker pool's tests, importable by name in a worker process: the real
``read_page``, slowed or crashing on a marked page."""
import os
import time

from crawler.extract.page import read_page

SLOW = "LĒNĀ-LAPA"       # a page that takes long to read
CRASH = "AVĀRIJAS-LAPA"  # a page that kills the worker reading it (as the OOM killer would)
FAIL = "KĻŪDAS-LAPA"     # a page the reader raises on


def slow_read(html: str, url: str | None = None, **selectors):
    if SLOW in html:
        time.sleep(0.6)
    return read_page(html, url, **selectors)


def crashing_read(html: str, url: str | None = None, **selectors):
    if CRASH in html:
        os._exit(1)
    time.sleep(0.05)   # the other pages are still in the pool when the crash comes
    return read_page(html, url, **selectors)


def failing_read(html: str, url: str | None = None, **selectors):
    if FAIL in html:
        raise ValueError("a table the reader cannot parse")
    return read_page(html, url, **selectors)
