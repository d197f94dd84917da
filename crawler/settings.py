"""Scrapy settings for projwatch: polite, incremental, bounded."""
BOT_NAME = "projwatch"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = "projwatch/0.1 (+https://github.com/projwatch/projwatch; EU project news monitor)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
# At most 4 requests a second per site, whatever AutoThrottle measures; a delay also keeps Scrapy 2.19
# from starting more than CONCURRENT_REQUESTS_PER_DOMAIN downloads at once when the delay is zero.
DOWNLOAD_DELAY = 0.25
DOWNLOAD_DELAY_JITTER = 0   # Scrapy's default draws 0.5–1.5 × the delay: 0.125 s, under the floor
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024     # a news article is far smaller: larger bodies are skipped
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Items processed at once per response: an article gives one. Scrapy starts this many asyncio tasks for
# every response's output, so its default of 100 costs the reactor more than the page's own work.
CONCURRENT_ITEMS = 4
# The pages a site holds while they wait to be read and stored (Scrapy counts each body, at least 1 kB):
# when downloading outpaces reading, Scrapy's 5 MB a site let 32 sites at once hold 140 MB more in the
# crawl's process; 250 kB still keeps a few real pages a site (a hundred small ones) queued for the readers.
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 250_000

# Incremental re-crawls: the HTTP cache keeps each body with its ETag / Last-Modified; spiders ask
# with "Cache-Control: max-age=0", so every request is a conditional one (304 → the cached body).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "crawler.httpcache.RevalidatePolicy"
HTTPCACHE_STORAGE = "crawler.cachestore.SqliteCacheStorage"   # a site's responses in one file
HTTPCACHE_GZIP = True
HTTPCACHE_IGNORE_HTTP_CODES = [404, 410, 429, 500, 502, 503, 504]
HTTPCACHE_DIR = "projwatch-httpcache"  # the runner puts it beside the database
# Between the cache (900) and the network: the bytes and 304s each site really sent (crawler/cost.py).
# Scrapy's cache middleware answers a failed download with the cached copy: ours lets the error through.
DOWNLOADER_MIDDLEWARES = {"crawler.cost.SiteCost": 950,
                          "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
                          "crawler.httpcache.RevalidateCacheMiddleware": 900}

ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}

LOG_LEVEL = "WARNING"
FEED_EXPORT_ENCODING = "utf-8"

# projwatch's own
PROJWATCH_NOW = None    # the run's time (crawler/clock.py); set by the runner, or by hand for a simulated clock
# Worker processes reading pages (trafilatura and the extractor) while the reactor downloads and stores:
# None = one per CPU (or the PROJWATCH_WORKERS environment variable); 0 = read in the crawl's own process.
PROJWATCH_WORKERS = None
# Sites crawled at once; the next starts as one ends. Each running site holds its own connections, queues
# and cache handles, so this bounds file handles and memory however long the site list is.
PROJWATCH_CONCURRENT_SITES = 32
