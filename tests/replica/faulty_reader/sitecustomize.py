"""A reader bug met on one page, for the tests of the pipeline's skip: a ``projwatch`` process started
with this folder first on ``PYTHONPATH`` gets a ``read_page`` that raises on the pages whose URL holds
``PROJWATCH_TEST_READER_FAILS`` (and reads every other page as the real one does)."""
import os

import crawler.extract.page as page

_read_page = page.read_page


def read_page(html, url=None, *args, **kwargs):
    marker = os.environ.get("PROJWATCH_TEST_READER_FAILS")
    if marker and url and marker in url:
        raise RecursionError("maximum recursion depth exceeded (a reader bug on this page)")
    return _read_page(html, url, *args, **kwargs)


page.read_page = read_page
