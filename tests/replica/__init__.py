"""A replica of the monitored sites, served on 127.0.0.1 for tests and benchmarks.

Four site styles modelled on the real ones (in our own words): a digital centre with a paginated
``/jaunumi?page=N`` list (the ventspils-cms family), a WordPress-like blog with ``/jaunumi/page/N/`` and
``/feed/``, a municipal portal with news (``/lv/jaunums/…``), project pages (``/lv/projekts/…``) and
the feed ``/lv/rss/articles`` (the state-platform family), and a WordPress municipality with posts at
root slugs, ``/page/N/``, ``/feed/``, a sitemap index named in robots.txt and static root-slug pages in
its menu that must never be stored. Every page has
navigation, a cookie banner, a sidebar of other headlines with their first sentences, and a footer;
pages carry ETag and Last-Modified and answer conditional requests with 304, unless a site is
made without validators (``validators=False``: never a 304, as WordPress without a cache plugin).
"""
from tests.replica.site import Article, ReplicaSite, serve_sites

__all__ = ["Article", "ReplicaSite", "serve_sites"]
