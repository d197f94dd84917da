"""Pure parsing of Latvian project news: text or HTML in, project entries out (no Scrapy, no I/O).

``extract_page(text_or_html, url=None, published=None) -> PageEntries``; ``PageEntries.to_dict()`` is
the output shape of ../shared/corpus/README.md. The stages, each with its vocabulary as data tables:

- ``html``: the article, title and published date of an HTML page;
- ``sentences``: sentences and paragraphs;
- ``dates``: Latvian dates, ranges, numeric dates, month periods, year inference;
- ``places``: countries and cities in Latvian cases → ISO codes, online words;
- ``money``: euro amounts, lats skipped, kind, holder and share of each;
- ``programmes``: programme aliases and project numbers → programme keys;
- ``projects``: quoted project names, English twins, acronyms, project numbers;
- ``partners``: lead partner, partner lists, countries, Latvian bodies;
- ``meetings`` and ``periods``: dated gatherings, and phases;
- ``page``: assembles the projects of a page.
"""
from .page import PageEntries, Project, extract_page

__all__ = ["PageEntries", "Project", "extract_page"]
