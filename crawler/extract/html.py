"""The article of an HTML page: its main text, title and published date.

trafilatura finds the article body (no navigation, sidebars, cookie banners or footers) and, through
htmldate, the date from `<time>` and meta tags; where neither knows it, a Latvian date line near the top
of the article ("06.11.2018", "2024. gada 24. apr.") gives it. A site may name its own CSS selectors
where the generic guess is wrong.
"""
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml.etree import ParserError

from .dates import find_date_line


@dataclass(frozen=True)
class Article:
    title: str | None
    text: str
    published: str | None


def _css_text(tree, css: str | None) -> str | None:
    if not css:
        return None
    found = tree.cssselect(css)
    if not found:
        return None
    return "\n".join(" ".join(node.text_content().split()) for node in found).strip() or None


def read_article(html: str, url: str | None = None, *, title_css: str | None = None,
                 body_css: str | None = None, date_css: str | None = None) -> Article:
    """Return the article in ``html``; its text is empty where the page holds none."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return Article(title=None, text="", published=None)
    title = _css_text(tree, title_css)
    date_text = _css_text(tree, date_css)
    body = None
    if body_css:
        body = "\n".join(node.text_content().strip() for node in tree.cssselect(body_css)).strip()
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is not None:
        title = title or document.title
        body = body or document.text
    text = body or ""
    published = date_text or (document.date if document else None) or find_date_line(text)
    return Article(title=title, text=text, published=published)
