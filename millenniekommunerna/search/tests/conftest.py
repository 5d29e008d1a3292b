import pytest


@pytest.fixture
def seed_stories(seed_import):
    """The 27 seed stories in 17 municipalities (indexed through Wagtail's signals)."""
    from millenniekommunerna.stories.models import StoryPage

    return StoryPage.objects.live()
