"""What a spider hands to the pipelines: one fetched article page."""
from dataclasses import dataclass


@dataclass
class PageItem:
    url: str
    site: str
    html: str
