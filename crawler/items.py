"""What a spider hands to the pipelines: a fetched article page, or word that a stored one is gone."""
from dataclasses import dataclass


@dataclass
class PageItem:
    url: str
    site: str
    html: str
    validators: bool = True   # the answer carried an ETag or Last-Modified (so a 304 can spare the body)
    known: bool = True        # stored before the run began (False: new, no need to ask the store whether it changed)


@dataclass
class GoneItem:
    url: str
    site: str
