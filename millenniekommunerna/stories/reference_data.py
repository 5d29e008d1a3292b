"""The page that lists every story."""

from millenniekommunerna.core import reference_data

from .models import StoryIndexPage


@reference_data.loader(order=reference_data.STORY_INDEX)
def ensure_story_index(report: reference_data.LoadReport) -> None:
    reference_data.ensure_index_page(StoryIndexPage, "Berättelser", "berattelser", report)
