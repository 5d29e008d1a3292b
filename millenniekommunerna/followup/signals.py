"""A publication is a review: the editor who publishes a story (or one of its translations)
has looked at it, so the Swedish story counts as current from then on. Only a person's
revision counts: the importer's (no user) brings stories as they were at their source, which
nobody has confirmed since."""

from django.dispatch import receiver
from wagtail.signals import page_published

from millenniekommunerna.stories.models import StoryPage


@receiver(page_published)
def publication_reviews_the_story(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, StoryPage):
        return
    if revision is None or revision.user_id is None:
        return
    original = instance.original
    moment = instance.last_published_at or (revision.created_at if revision else None)
    if moment is None:
        return
    # An update, not save(): the story's own save would run its publication bookkeeping again.
    StoryPage.objects.filter(pk=original.pk).update(last_reviewed_at=moment)
    original.last_reviewed_at = moment
    if original.pk == instance.pk:
        instance.last_reviewed_at = moment
