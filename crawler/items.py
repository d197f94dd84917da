"""What a spider hands to the pipelines: a fetched article page, or word that a stored one is gone."""
from dataclasses import dataclass


@dataclass
class PageItem:
    url: str
    site: str
    html: str


@dataclass
class GoneItem:
    url: str
    site: str
