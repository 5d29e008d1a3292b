from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import StoryPage


@receiver(post_page_move)
def keep_story_municipality_in_step_with_the_tree(sender, instance, **kwargs):
    """A story moved under another municipality's page belongs to that municipality now.
    Wagtail saves a moved page as a plain `Page`, so StoryPage.save() does not run."""
    if not issubclass(sender, StoryPage):
        return
    story = StoryPage.objects.get(pk=instance.pk)
    story.sync_municipality()
    StoryPage.objects.filter(pk=story.pk).update(municipality_id=story.municipality_id)
