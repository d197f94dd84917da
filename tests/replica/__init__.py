"""A replica of the monitored sites, served on 127.0.0.1 for tests and benchmarks.

Three site styles modelled on the real ones (in our own words): a digital centre with a paginated
``/jaunumi?page=N`` list, a WordPress-like blog with ``/jaunumi/page/N/`` and ``/feed/``, and a
municipal portal with news (``/lv/jaunums/…``) and project pages (``/lv/projekts/…``). Every page has
navigation, a cookie banner, a sidebar of other headlines with their first sentences, and a footer;
pages carry ETag and Last-Modified and answer conditional requests with 304.
"""
from tests.replica.site import Article, ReplicaSite, serve_sites

__all__ = ["Article", "ReplicaSite", "serve_sites"]
