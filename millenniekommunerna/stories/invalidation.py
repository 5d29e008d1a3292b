"""Invalidate what is derived from the published stories (maps, statistics, story counts,
listing facets: core.derived_cache) when what they show changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from millenniekommunerna.core.derived_cache import invalidate
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership

from .models import StoryPage

# Moving or unpublishing a municipality page takes its stories along.
PAGE_TYPES = (StoryPage, MunicipalityPage)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    if issubclass(sender, PAGE_TYPES):
        invalidate()


@receiver(post_delete, sender=StoryPage)
def story_deleted(sender, **kwargs):
    invalidate()


@receiver(post_save, sender=StoryPage)
def story_created_published(sender, instance, created, **kwargs):
    """A story created already published (the listing importer) is never "published" through
    a revision, so `page_published` does not tell."""
    if created and instance.live:
        invalidate()


@receiver(post_save, sender=Partnership)
@receiver(post_delete, sender=Partnership)
@receiver(post_save, sender=PartnerPlace)
@receiver(post_delete, sender=PartnerPlace)
@receiver(post_save, sender=Municipality)
def reference_changed(sender, **kwargs):
    """Partnerships draw the world map's lines; a municipality's Millennium status marks it on
    the Sweden map."""
    invalidate()
