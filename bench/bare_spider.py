"""The baseline: a bare Scrapy spider that follows the same links as projwatch and stores nothing.

    python bench/bare_spider.py SITES_TOML SITE_NAME
"""
import sys

from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule

from crawler.sites import load_sites


class BareSpider(CrawlSpider):
    name = "bare"

    def __init__(self, site, *args, **kwargs):
        self.start_urls = site.start_urls
        self.rules = (Rule(LinkExtractor(allow=site.articles), callback="parse_article", follow=False),
                      Rule(LinkExtractor(allow=site.follow), follow=True))
        super().__init__(*args, **kwargs)

    def parse_article(self, response):
        return None


if __name__ == "__main__":
    sites_path, name = sys.argv[1:3]
    site = next(site for site in load_sites(sites_path) if site.name == name)
    process = CrawlerProcess({"LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
                              "TELNETCONSOLE_ENABLED": False})
    process.crawl(BareSpider, site=site)
    process.start()
