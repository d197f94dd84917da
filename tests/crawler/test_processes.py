"""The crawl's helper processes: a helper ignores the signals it is told to (a stop sent to the whole
process group is the crawl's to handle) and keeps working. That a helper ends with a killed crawl is
``tests/crawler/test_reading_faults.py``'s."""
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from crawler.processes import end_with_the_crawl, helper_context


@pytest.mark.parametrize("ignored", [(signal.SIGINT,), (signal.SIGINT, signal.SIGTERM)])
def test_a_helper_ignores_the_signals_it_is_told_to(ignored):
    with ProcessPoolExecutor(1, mp_context=helper_context(), initializer=end_with_the_crawl,
                             initargs=ignored) as pool:
        helper = pool.submit(os.getpid).result(timeout=30)
        for number in ignored:
            os.kill(helper, number)
        time.sleep(0.2)
        assert pool.submit(os.getpid).result(timeout=30) == helper   # the same process, still working
