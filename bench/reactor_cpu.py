"""Run a crawl (``-m crawler run …`` or a script) and append to the file named by ``BENCH_REACTOR_CPU`` the
CPU seconds its reactor's thread spent while ``CrawlerProcess.start`` ran: the crawl alone, without the
start-up, imports and the stages after it.

    python bench/reactor_cpu.py -m crawler run --sites … | python bench/reactor_cpu.py bench/bare_spider.py …
"""
import os
import runpy
import sys
import time

from scrapy.crawler import CrawlerProcess

_start = CrawlerProcess.start


def _measured_start(self, *args, **kwargs):
    began = time.thread_time()
    try:
        return _start(self, *args, **kwargs)
    finally:
        with open(os.environ["BENCH_REACTOR_CPU"], "a", encoding="utf-8") as out:
            out.write(f"{time.thread_time() - began}\n")


CrawlerProcess.start = _measured_start

if __name__ == "__main__":
    if sys.argv[1] == "-m":
        sys.argv = sys.argv[2:]
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    else:
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")
