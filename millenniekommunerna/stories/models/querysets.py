"""Which stories: published ones, their translations, ready for cards, counted."""

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Subquery, Value
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from millenniekommunerna.core import locales

from . import review_state


class StoryPageQuerySet(PageQuerySet):
    def originals(self):
        """Stories in the content language (Swedish), without their translations: what every
        listing, count, feed, map and export of the site is made of. See core.locales."""
        return self.filter(locale_id=locales.content_locale_id())

    def published(self):
        return self.live().originals()

    def in_review_state(self, state: str, now=None):
        """Current, due for review or out of date (review_state)."""
        return self.filter(review_state.state_filter(state, now))

    def adaptation_links(self):
        """(story id, id of the story it was adapted from, their two municipality ids) for every
        published story adapted from another published story: the whole graph of reuse ("Vi
        gjorde också") in one query, whatever its size."""
        published = self.published()
        return (
            published.filter(adapted_from__in=published.values("pk"))
            .order_by("pk")
            .values_list(
                "pk", "adapted_from_id", "municipality_id", "adapted_from__municipality_id"
            )
        )

    def translations_of(self, stories, language=None):
        """The live translations of `stories` into `language` (into any language when None)."""
        keys = [story.translation_key for story in stories]
        found = self.live().filter(translation_key__in=keys)
        if language is None:
            return found.exclude(locale_id=locales.content_locale_id())
        return found.filter(locale_id=locales.locale_id(language))

    def for_listing(self):
        """Everything a story card shows, in a fixed number of queries however many stories:
        in another interface language than Swedish, also each story's published translation
        into it, if any (`StoryPage.shown_title` and the like)."""
        from millenniekommunerna.goals.models import Goal

        listing = (
            self.select_related("municipality__county", "hero_image")
            .prefetch_related(
                Prefetch("goals", queryset=Goal.objects.order_by("-kind", "number")),
                "hero_image__renditions",
            )
            .order_by(F("published_on").desc(nulls_last=True), "-first_published_at", "-pk")
        )
        language = locales.interface_language()
        if language != settings.LANGUAGE_CODE:
            listing = listing.with_translation(language)
        return listing

    def counts_by_goal(self) -> dict[int, int]:
        """Published stories per goal id, for the goals that have any."""
        goal_story = self.model.goals.through
        rows = (
            goal_story.objects.filter(storypage__in=self.published())
            .values("goal_id")
            .annotate(n=models.Count("storypage_id", distinct=True))
        )
        return {row["goal_id"]: row["n"] for row in rows}

    def counts_by_municipality(self) -> dict[int, int]:
        """Published stories per municipality id, for the municipalities that have any."""
        rows = (
            self.published()
            .filter(municipality__isnull=False)
            .order_by()
            .values("municipality_id")
            .annotate(n=models.Count("pk"))
        )
        return {row["municipality_id"]: row["n"] for row in rows}

    def with_translation(self, language):
        """Each story's published translation into `language`: its title, teaser and slug
        (a translation lives beside its story), as subqueries of the same query."""
        translations = self.model.objects.filter(
            translation_key=OuterRef("translation_key"),
            locale_id=locales.locale_id(language),
            live=True,
        ).order_by("pk")[:1]
        return self.annotate(
            translated_title=Subquery(translations.values("title")),
            translated_teaser=Subquery(translations.values("teaser")),
            translated_slug=Subquery(translations.values("slug")),
            translated_language=Value(language),
        )


StoryPageManager = PageManager.from_queryset(StoryPageQuerySet)
