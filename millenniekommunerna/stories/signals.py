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


@receiver(post_page_move)
def move_translations_with_their_story(sender, instance, parent_page_after=None, **kwargs):
    """A story's translations live beside it (see core.locales): when the Swedish story moves
    to another municipality, they move with it, and so keep their address in step."""
    if not issubclass(sender, StoryPage) or parent_page_after is None:
        return
    story = StoryPage.objects.get(pk=instance.pk)
    if story.is_translation:
        return
    translations = StoryPage.objects.filter(translation_key=story.translation_key).exclude(
        pk=story.pk
    )
    for translated in translations:
        if translated.get_parent().pk != parent_page_after.pk:
            translated.move(parent_page_after, pos="last-child")
