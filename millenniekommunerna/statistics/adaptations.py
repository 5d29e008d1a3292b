"""The most reused stories: those that the most other published stories took their idea from
(`StoryPage.adapted_from`), directly or through another story. Two queries: every link of
reuse, then the stories shown."""

from collections import deque

from django.conf import settings
from django.utils.translation import gettext as _

from millenniekommunerna.core import locales
from millenniekommunerna.stories.models import StoryPage

from .tables import Column, Row, Table

TOP = 10


def adaptation_counts(links) -> dict[int, tuple[int, int]]:
    """{story id: (stories adapted from it directly, all stories adapted from it directly or
    through others)} for every story adapted at least once. `links` are (story id, id of the
    story it was adapted from) pairs; a cycle counts each story once, never the story itself."""
    children: dict[int, list[int]] = {}
    for child, parent in links:
        children.setdefault(parent, []).append(child)
    counts = {}
    for story_id, direct in children.items():
        seen, queue = {story_id}, deque([story_id])
        while queue:
            for child in children.get(queue.popleft(), ()):
                if child not in seen:
                    seen.add(child)
                    queue.append(child)
        counts[story_id] = (len({child for child in direct if child != story_id}), len(seen) - 1)
    return counts


def most_reused(limit: int = TOP) -> list[tuple[StoryPage, int, int]]:
    """(story, direct, all) for the `limit` stories adapted the most, most first."""
    links = [(story, parent) for story, parent, _m, _pm in StoryPage.objects.adaptation_links()]
    counts = {pk: n for pk, n in adaptation_counts(links).items() if n[1]}
    if not counts:
        return []
    stories = StoryPage.objects.filter(pk__in=counts).select_related("municipality")
    language = locales.interface_language()
    if language != settings.LANGUAGE_CODE:
        stories = stories.with_translation(language)
    ranked = sorted(stories, key=lambda s: (-counts[s.pk][1], -counts[s.pk][0], s.shown_title))
    return [(story, *counts[story.pk]) for story in ranked[:limit]]


def most_reused_table() -> Table:
    return Table(
        slug="mest-ateranvanda",
        title=_("Most reused stories"),
        description=_(
            "At most %(count)s published stories: those that the most other stories took "
            "their idea from, directly or through another story."
        )
        % {"count": TOP},
        columns=[
            Column("story", _("Story"), numeric=False),
            Column("direct", _("Adapted directly")),
            Column("all", _("Adapted in all")),
        ],
        rows=[
            Row(
                f"{story.shown_title} ({story.municipality.name})"
                if story.municipality
                else story.shown_title,
                {"direct": direct, "all": total},
                url=story.shown_url,
            )
            for story, direct, total in most_reused()
        ],
        chart_key="all",
        notes=[
            _(
                "A story adapted from an adaptation counts for both stories it builds on. "
                "Only published stories count."
            )
        ],
    )
