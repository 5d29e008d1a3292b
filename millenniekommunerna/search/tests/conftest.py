import io
from pathlib import Path

import pytest
from django.core.management import call_command

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"


@pytest.fixture
def seed_stories(db):
    """The 27 seed stories in 17 municipalities, imported as `make run` does (and so indexed
    by the search backend through Wagtail's signals)."""
    from millenniekommunerna.stories.models import StoryPage

    call_command(
        "import_listing",
        str(SEED / "millenniekommunerna-listing.txt"),
        goals=str(SEED / "seed_goals.csv"),
        mark_millennium=True,
        stdout=io.StringIO(),
    )
    return StoryPage.objects.live()
