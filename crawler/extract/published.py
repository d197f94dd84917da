"""What a page tells of its own date: a date or year in its URL's path, or a short date line near its top."""
import re
from datetime import date

from .dates import find_dates

#: How far down a page its date line may stand, and how long such a line may be.
DATE_LINE_MAX_LINES = 12
DATE_LINE_MAX_CHARS = 40
_URL_DATE = re.compile(r"/((?:19|20)\d\d)(?:/(\d\d)/(\d\d))?/")


def find_date_line(text: str) -> str | None:
    """The page's own date from a short date line near its top ("06.11.2018", "2024. gada 24. apr.")."""
    for line in text.splitlines()[:DATE_LINE_MAX_LINES]:
        line = line.strip()
        if not line or len(line) > DATE_LINE_MAX_CHARS:
            continue
        spans = find_dates(line)
        if len(spans) == 1 and spans[0].start == spans[0].end and not spans[0].start.startswith("--"):
            return spans[0].start
    return None


def find_url_date(url: str | None) -> str | None:
    """The date or year in a URL's path ("/jaunumi/2020/…", "/2015/12/08/…")."""
    found = _URL_DATE.search(url or "")
    if not found:
        return None
    if found.group(2):
        try:
            return date(int(found.group(1)), int(found.group(2)), int(found.group(3))).isoformat()
        except ValueError:
            pass
    return found.group(1)
