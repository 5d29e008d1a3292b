"""The page that lists every story."""

from millenniekommunerna.core.reference_data import (
    STORY_INDEX,
    LoadReport,
    ensure_index_page,
    loader,
)

from .models import StoryIndexPage


@loader(order=STORY_INDEX)
def ensure_story_index(report: LoadReport) -> None:
    ensure_index_page(StoryIndexPage, "Berättelser", "berattelser", report)
