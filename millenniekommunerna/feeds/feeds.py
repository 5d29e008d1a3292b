"""Atom 1.0 and RSS 2.0 feeds of the newest stories: all of them, and those of one
municipality, one county or one goal, so that people can follow new stories in a feed reader.

Every entry's id (Atom) and guid (RSS) is `urn:uuid:` + the page's translation key, which never
changes, so a story whose title or URL changes is not shown again as new. Feeds are in Swedish,
the language of the stories, whatever the interface language.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import override

from millenniekommunerna.core import public_url
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.stories import provenance
from millenniekommunerna.stories.models import StoryIndexPage, StoryPage

SITE_NAME = "Millenniekommunerna"
ITEMS = 50


@dataclass(frozen=True)
class Scope:
    """What a feed covers: everything, or one municipality, county or goal."""

    kind: str = "all"  # all | municipality | county | goal
    obj: object = None

    @property
    def slug(self) -> str:
        return getattr(self.obj, "slug", "")


def feed_url(kind: str, slug: str = "", feed_format: str = "atom") -> str:
    if kind == "all":
        return reverse(f"feeds:stories-{feed_format}")
    return reverse(f"feeds:{kind}-{feed_format}", kwargs={"slug": slug})


class StoryFeed(Feed):
    """RSS 2.0; AtomStoryFeed below is the same feed in Atom."""

    feed_type = Rss201rev2Feed
    kind = "all"
    language = "sv"
    author_name = SITE_NAME

    def __call__(self, request, *args, **kwargs):
        self.request = request
        with override("sv"):
            return super().__call__(request, *args, **kwargs)

    # The feed

    def get_object(self, request, slug=None):
        if self.kind == "municipality":
            return Scope(
                "municipality",
                get_object_or_404(Municipality.objects.select_related("county"), slug=slug),
            )
        if self.kind == "county":
            return Scope("county", get_object_or_404(County, slug=slug))
        if self.kind == "goal":
            return Scope("goal", get_object_or_404(Goal, slug=slug))
        return Scope()

    def title(self, scope):
        return feed_title(scope)

    def subtitle(self, scope):
        return _(
            "The newest stories of Swedish municipalities' local work toward the global goals."
        )

    description = subtitle

    def link(self, scope):
        """The page listing the same stories. Absolute, from core.public_url: Django's feeds
        would otherwise put the request's host in front of a path."""
        return public_url.absolute(self._listing_path(scope), self.request)

    def _listing_path(self, scope):
        index = StoryIndexPage.objects.live().first()
        base = index.get_url(request=self.request) if index else "/"
        if scope.kind == "municipality":
            page = getattr(scope.obj, "page", None)
            return page.get_url(request=self.request) if page else f"{base}?kommun={scope.slug}"
        if scope.kind == "county":
            return f"{base}?lan={scope.slug}"
        if scope.kind == "goal":
            page = getattr(scope.obj, "page", None)
            return page.get_url(request=self.request) if page else f"{base}?mal={scope.slug}"
        return base

    def feed_url(self, scope):
        return public_url.absolute(
            feed_url(scope.kind, scope.slug, "rss" if self.feed_type is Rss201rev2Feed else "atom"),
            self.request,
        )

    def feed_guid(self, scope):
        return public_url.absolute(self.feed_url(scope), self.request)

    def feed_copyright(self, scope):
        return SITE_NAME

    def stories(self, scope):
        stories = StoryPage.objects.published()
        if scope.kind == "municipality":
            stories = stories.filter(municipality=scope.obj)
        elif scope.kind == "county":
            stories = stories.filter(municipality__county=scope.obj)
        elif scope.kind == "goal":
            stories = stories.filter(goals=scope.obj)
        return stories

    def items(self, scope):
        return list(self.stories(scope).for_listing()[:ITEMS])

    # Its entries

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.card_teaser

    def item_link(self, story):
        return public_url.absolute(story.get_url(request=self.request), self.request)

    def item_guid(self, story):
        return f"urn:uuid:{story.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        """When the story was first published: the day at its source when that is known, else
        nothing for a story from elsewhere (a year or a period is no day, and the day it was
        added here is not when it was published); `updated` still says when it was added."""
        if not story.is_from_source:
            return story.first_published_at
        if story.source_date_precision == provenance.DAY and story.source_date_start:
            day = story.source_date_start
            return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))
        return None

    def item_updateddate(self, story):
        return story.last_published_at or story.first_published_at

    def item_author_name(self, story):
        return story.municipality.official_name if story.municipality else SITE_NAME

    def item_categories(self, story):
        return [f"{goal.label} {goal.name}" for goal in story.goals.all()]


class AtomStoryFeed(StoryFeed):
    feed_type = Atom1Feed


def feed_title(scope: Scope) -> str:
    if scope.kind == "municipality":
        return _("Stories from %(municipality)s – %(site)s") % {
            "municipality": scope.obj.name,
            "site": SITE_NAME,
        }
    if scope.kind == "county":
        return _("Stories from %(county)s – %(site)s") % {
            "county": scope.obj.name,
            "site": SITE_NAME,
        }
    if scope.kind == "goal":
        return _("Stories about %(goal)s – %(site)s") % {
            "goal": f"{scope.obj.label} {scope.obj.name}",
            "site": SITE_NAME,
        }
    return _("New stories – %(site)s") % {"site": SITE_NAME}


def feed_name(scope: Scope) -> str:
    """A short name for a feed among others: "Östhammar", "Uppsala län", "Mål 12"."""
    if scope.kind in ("municipality", "county"):
        return scope.obj.name
    if scope.kind == "goal":
        return str(scope.obj.label)
    return _("all stories")


def feed_class(kind: str, atom: bool) -> type[StoryFeed]:
    return type(
        f"{kind.title()}{'Atom' if atom else 'Rss'}Feed",
        (AtomStoryFeed if atom else StoryFeed,),
        {"kind": kind},
    )
