"""Answers that a page of a lower layer needs from a layer above it, through Wagtail's hooks
registry. A goal page lists its stories and the municipality index counts them, but stories
are content, a layer above the reference data those pages belong to: the page asks by name,
and the app that owns the answer registers it in its `wagtail_hooks.py` (as Wagtail's admin
asks the apps that extend it, without importing them).

The questions asked, and who answers them (`stories.wagtail_hooks`):
- `STORIES_LISTED_ON` (page): the published stories a page lists, ready for story cards;
- `STORY_COUNTS` (by): published stories per goal or municipality id (`by` = "goal" or
  "municipality"), for the indexes."""

from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

STORIES_LISTED_ON = "millenniekommunerna_stories_listed_on"
STORY_COUNTS = "millenniekommunerna_story_counts"


def ask(question: str, *args, **kwargs):
    """The answer of the one hook registered for `question`."""
    answerers = hooks.get_hooks(question)
    if len(answerers) != 1:
        raise ImproperlyConfigured(
            f"Exactly one app must answer {question!r}; {len(answerers)} do."
        )
    return answerers[0](*args, **kwargs)
