"""What a spider hands to the pipelines: a fetched article page, or word that a stored one is gone."""
from dataclasses import dataclass


@dataclass
class PageItem:
    url: str
    site: str
    html: str
    validators: bool = True   # the answer carried an ETag or Last-Modified (so a 304 can spare the body)
    known: bool = True        # stored when the run began (a page new to the store cannot be unchanged)


@dataclass
class GoneItem:
    url: str
    site: str
