"""The article of an HTML page: its main text, title and published date.

trafilatura finds the article body (no navigation, sidebars, cookie banners or footers); the title is
the page's og:title, first ``<h1>`` or ``<title>``; htmldate finds the date in ``<time>`` and meta tags,
and where it finds none, a Latvian date line near the top of the article ("06.11.2018",
"2024. gada 24. apr.") gives it. The text's paragraphs stand apart by blank lines. A site may name its
own CSS selectors where the generic guess is wrong.
"""
import copy
import re
from dataclasses import dataclass

import htmldate
import lxml.html
import trafilatura
from lxml.etree import ParserError
from trafilatura.settings import Extractor

from .published import find_date_line

#: A fast pass finding fewer characters than this is checked by trafilatura's fallback extractors.
SHORT_TEXT = 400

#: Elements that label the value beside them in a project card: ``<dt>``, or a class naming a label
#: (Drupal's "field__label", "field-label", "views-label").
_LABEL_CLASS = re.compile(r"(?:^|[\s_-])label(?:$|[\s_-])", re.IGNORECASE)
#: A label longer than this is prose, not a label.
MAX_LABEL_CHARS = 80

#: trafilatura's options for each pass (fast or full), built once: ``bare_extraction`` given keywords
#: builds them on every call, reading its config's values again (a sixth of its time on a news page).
_OPTIONS = {fast: Extractor(output_format="python", fast=fast, tables=True, with_metadata=False)
            for fast in (True, False)}

#: Where a page keeps its title, best first.
TITLE_XPATHS = ('//meta[@property="og:title"]/@content', "//h1", "//title")


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


def _page_title(tree) -> str | None:
    for xpath in TITLE_XPATHS:
        for found in tree.xpath(xpath):
            text = " ".join((found if isinstance(found, str) else found.text_content()).split())
            if text:
                return text
    return None


def _page_date(html: str, text: str) -> str | None:
    """The date of ``<time>`` or meta tags, else of a Latvian date line at the top of ``text``."""
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True)
    except ValueError:
        found = None
    return found or find_date_line(text)


def _join_labels(tree) -> None:
    """A card's label and its value as one line, "Projekta kopējās izmaksas: 410 230,00 EUR": read
    apart, the value would be an amount with nothing saying what money it is."""
    labels = [element for element in tree.iter() if isinstance(element.tag, str)
              and (element.tag == "dt" or _LABEL_CLASS.search(element.get("class") or ""))]
    for label in labels:
        value, text = label.getnext(), " ".join(label.text_content().split()).rstrip(":")
        if value is None or not text or len(text) > MAX_LABEL_CHARS:
            continue
        target = next((element for element in value.iter() if isinstance(element.tag, str)
                       and (element.text or "").strip()), value)
        target.text = f"{text}: {(target.text or '').lstrip()}"
        label.drop_tree()


def _trafilatura_text(tree, url: str | None, fast: bool) -> str:
    # A <time> beside the heading is the page's date, not prose: read by htmldate, kept out of the
    # text, where it would read as the date of whatever the first sentence tells.
    for stamp in tree.xpath("//time[not(ancestor::p)]"):
        stamp.drop_tree()
    _join_labels(tree)
    options = copy.copy(_OPTIONS[fast])   # the page's own URL, as bare_extraction(url=url) sets it
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    document = trafilatura.bare_extraction(tree, url=url, options=options)
    return document.text if document is not None and document.text else ""


def _main_text(tree, html: str, url: str | None) -> str:
    """trafilatura's fast pass (no fallback extractors: twice as fast, the same text on news pages);
    where it finds little, the full pass with its fallbacks, on a fresh tree (trafilatura prunes the one
    it reads)."""
    text = _trafilatura_text(tree, url, fast=True)
    if len(text) < SHORT_TEXT:
        text = max(text, _trafilatura_text(lxml.html.fromstring(html), url, fast=False), key=len)
    return text


def _paragraphs(text: str) -> str:
    """The reader's lines (a paragraph, heading, list item or table row each) apart by blank lines,
    the paragraph breaks the extractor reads."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def read_article(html: str, url: str | None = None, *, title_css: str | None = None,
                 body_css: str | None = None, date_css: str | None = None) -> Article:
    """Return the article in ``html``; its text is empty where the page holds none."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return Article(title=None, text="", published=None)
    title = _css_text(tree, title_css) or _page_title(tree)
    date_text = _css_text(tree, date_css)
    body = None
    if body_css:
        body = "\n".join(node.text_content().strip() for node in tree.cssselect(body_css)).strip()
    text = _paragraphs(body or _main_text(tree, html, url))
    published = (find_date_line(date_text) or date_text) if date_text else _page_date(html, text)
    return Article(title=title, text=text, published=published)
