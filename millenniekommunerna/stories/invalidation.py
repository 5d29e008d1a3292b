"""Invalidate what is derived from the published content (maps, statistics, story counts,
listing facets, menus, breadcrumbs, related stories and, through its key, the page cache:
core.derived_cache) when what they show changes: any page published, unpublished, moved or
deleted (a section page's title is in every page's menu, a municipality page's in its
stories' breadcrumbs), and any reference data a page shows."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from millenniekommunerna.core.derived_cache import invalidate
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.images.models import CustomImage
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.partnerships.models import (
    Country,
    FundingProgramme,
    PartnerPlace,
    Partnership,
)

from .models import StoryPage


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    invalidate()


@receiver(post_delete)
def page_deleted(sender, **kwargs):
    if isinstance(sender, type) and issubclass(sender, Page):
        invalidate()


@receiver(post_save, sender=StoryPage)
def story_created_published(sender, instance, created, **kwargs):
    """A story created already published (the listing importer) is never "published" through
    a revision, so `page_published` does not tell."""
    if created and instance.live:
        invalidate()


@receiver(post_save, sender=Partnership)
@receiver(post_delete, sender=Partnership)
@receiver(post_save, sender=FundingProgramme)
@receiver(post_delete, sender=FundingProgramme)
@receiver(post_save, sender=PartnerPlace)
@receiver(post_delete, sender=PartnerPlace)
@receiver(post_save, sender=Municipality)
@receiver(post_save, sender=County)
@receiver(post_save, sender=Country)
@receiver(post_save, sender=Goal)
@receiver(post_save, sender=CustomImage)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def reference_changed(sender, **kwargs):
    """Partnerships draw the world map's lines; a municipality's Millennium status marks it on
    the Sweden map; names of goals, counties and countries and images' texts are on the pages;
    the site and the view restrictions decide how pages are found and who may see them;
    a partnership's record (years, status, funding programme) is on its page, the statistics
    and in the API."""
    invalidate()


@receiver(m2m_changed, sender=Partnership.other_municipalities.through)
@receiver(m2m_changed, sender=Partnership.goals.through)
@receiver(m2m_changed, sender=StoryPage.partnerships.through)
def partnership_links_changed(sender, action, **kwargs):
    """The municipalities and themes of a partnership, and the stories that belong to it, are
    saved after the partnership itself (the admin form's many-to-many step; a story's are
    written with the page, or straight by the importer)."""
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate()
