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

# Incremental re-crawls: the HTTP cache keeps each body with its ETag / Last-Modified; spiders ask
# with "Cache-Control: max-age=0", so every request is a conditional one (304 → the cached body).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "crawler.httpcache.RevalidatePolicy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_GZIP = True
HTTPCACHE_IGNORE_HTTP_CODES = [404, 410, 429, 500, 502, 503, 504]
HTTPCACHE_DIR = "projwatch-httpcache"  # the runner puts it beside the database
# Between the cache (900) and the network: the bytes and 304s each site really sent (crawler/cost.py).
DOWNLOADER_MIDDLEWARES = {"crawler.cost.SiteCost": 950}

ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}

LOG_LEVEL = "WARNING"
FEED_EXPORT_ENCODING = "utf-8"

# projwatch's own
PROJWATCH_DB = "projwatch.db"
PROJWATCH_NOW = None    # the run's time (crawler/clock.py); set by the runner, or by hand for a simulated clock
