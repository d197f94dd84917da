"""Datasette hooks of ``projwatch serve``: full-text snippets shown with their matches highlighted.

The search query marks matches in its ``snippet`` column with ``<mark>…</mark>`` (plain text in JSON
and CSV). Here the cell is HTML-escaped as a whole and only those markers become tags again, so a page
whose text holds markup cannot inject any.
"""
from datasette import hookimpl
from markupsafe import Markup, escape

SNIPPET_COLUMN = "snippet"
MARKS = {"&lt;mark&gt;": "<mark>", "&lt;/mark&gt;": "</mark>"}


def highlight(snippet: str) -> Markup:
    """``snippet`` escaped, its ``<mark>`` markers kept as tags."""
    html = str(escape(snippet))
    for escaped, tag in MARKS.items():
        html = html.replace(escaped, tag)
    return Markup(html)


@hookimpl
def render_cell(value, column):
    if column == SNIPPET_COLUMN and isinstance(value, str):
        return highlight(value)
    return None
