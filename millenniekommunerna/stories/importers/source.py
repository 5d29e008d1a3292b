"""Where a listing's stories were first published, and when (stories.provenance): the
importer's defaults are the Millennium Municipalities programme's pages, 2010–2015."""

from dataclasses import dataclass

from .. import provenance
from ..models import StoryPage


@dataclass(frozen=True)
class Source:
    """Where the listing's stories were first published, and when (stories.provenance)."""

    name: str = "millenniekommun.se"
    url: str = ""
    programme: str = "Millenniekommunerna, Sveriges Kommuner och Landsting (SKL)"
    date: str = "2010-2015"

    def fields(self) -> dict:
        precision, start, end = provenance.parse_source_date(self.date)
        return {
            "source_name": self.name,
            "source_url": self.url,
            "source_programme": self.programme,
            "source_date_precision": precision,
            "source_date_start": start,
            "source_date_end": end,
        }


def sync_source(page: StoryPage, source: Source) -> bool:
    changed = False
    for name, value in source.fields().items():
        if getattr(page, name) != value:
            setattr(page, name, value)
            changed = True
    return changed
