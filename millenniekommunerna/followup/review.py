"""Marking a story as reviewed without changing it ("Inget nytt – markera som granskad"): the
editor confirms that what it says is still true. No new revision; the page's history records
who confirmed it and when."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from millenniekommunerna.core.derived_cache import invalidate
from millenniekommunerna.stories.models import StoryPage

LOG_ACTION = "followup.reviewed"


def can_review(story: StoryPage, user) -> bool:
    """Whoever may edit the story may confirm it (its municipality's editors, the national
    editors)."""
    return story.permissions_for_user(user).can_edit()


@transaction.atomic
def mark_reviewed(story: StoryPage, user, now=None) -> StoryPage:
    """The Swedish story reviewed at `now` (a translation's review is its story's)."""
    now = now or timezone.now()
    original = story.original
    StoryPage.objects.filter(pk=original.pk).update(last_reviewed_at=now)
    original.last_reviewed_at = now
    log(story, LOG_ACTION, user=user, data={"reviewed_at": now.isoformat()})
    # The date is on the published page and its cards: renew what was derived from it.
    transaction.on_commit(invalidate)
    return original
