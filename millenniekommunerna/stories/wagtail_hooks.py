from wagtail import hooks

from millenniekommunerna.core import providers
from millenniekommunerna.core.derived_cache import get_or_build
from millenniekommunerna.goals.models import GoalPage
from millenniekommunerna.municipalities.models import MunicipalityPage

from .models import StoryPage


@hooks.register(providers.STORIES_LISTED_ON)
def stories_listed_on(page):
    stories = StoryPage.objects.published()
    if isinstance(page, GoalPage):
        return stories.filter(goals=page.goal).for_listing()
    if isinstance(page, MunicipalityPage):
        return stories.child_of(page).for_listing()
    raise TypeError(f"{type(page).__name__} lists no stories.")


@hooks.register(providers.STORY_COUNTS)
def story_counts(by: str) -> dict[int, int]:
    """Counting every story on each request grows with the stories: the counts are kept in the
    cache of what is derived from the published stories (renewed on publish, unpublish, move
    and delete: stories.invalidation)."""
    count = {
        "goal": StoryPage.objects.counts_by_goal,
        "municipality": StoryPage.objects.counts_by_municipality,
    }[by]
    return get_or_build(f"story-counts:{by}", count)
