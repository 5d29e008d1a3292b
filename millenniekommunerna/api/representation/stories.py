"""A published story as open data, with its translations."""

import functools

from django.conf import settings
from django.db.models import F
from django.utils import translation

from millenniekommunerna.stories import provenance

from .bodies import body_html, body_text, preload_bodies
from .context import iso
from .followup import followup_data, preload_followup
from .images import story_images
from .references import country_ref, goal_ref, municipality_ref, partner_place_ref


def published_stories():
    """Live stories that anyone may read (no view restriction), newest first (ties broken by
    id, so pages of results never overlap or skip), with their municipality and hero image.
    Call `preload` on the stories read before `story_data`: it fetches the rest for all of
    them at once."""
    from millenniekommunerna.stories.models import StoryPage

    return (
        StoryPage.objects.published()
        .public()
        .select_related("municipality__county", "hero_image")
        .prefetch_related("hero_image__renditions")
        .order_by(
            F("published_on").desc(nulls_last=True),
            "-first_published_at",  # never NULL: Wagtail sets it on the first publication
            "-pk",
        )
    )


def preload(stories):
    """Everything `story_data` shows, for many stories in a fixed number of queries."""
    preload_relations(stories)
    preload_followup(stories)
    preload_bodies(stories)


def preload_relations(stories):
    """The goals, partner places and countries of many stories: one query each.

    Django's prefetch_related would do it too, but it builds a queryset for every story and
    relation (three per story), which was most of an export's time at 100 000 stories."""
    from millenniekommunerna.stories.models import StoryPage

    by_id = {story.pk: story for story in stories}
    for story in stories:
        story.api_goals, story.api_partner_places, story.api_countries = [], [], []
    if not by_id:
        return
    relations = (
        (StoryPage.goals.through, "goal", ("-goal__kind", "goal__number"), "api_goals"),
        (
            StoryPage.partner_places.through,
            "partnerplace",
            ("partnerplace__name", "partnerplace__pk"),
            "api_partner_places",
        ),
        (StoryPage.countries.through, "country", ("country__code",), "api_countries"),
    )
    for through, field, order, attribute in relations:
        related = [field, f"{field}__country"] if field == "partnerplace" else [field]
        rows = (
            through.objects.filter(storypage_id__in=by_id).select_related(*related).order_by(*order)
        )
        for row in rows:
            getattr(by_id[row.storypage_id], attribute).append(getattr(row, field))


def story_core(story, context):
    """A story's data without its body: what listings and the CSV export share. Call
    `preload` on the stories first: their goals, places, countries and what came of their
    work are read from what it found."""
    municipality = story.municipality
    return {
        "id": story.pk,
        "url": context.page_url(story),
        "title": story.title,
        "slug": story.slug,
        "language": settings.LANGUAGE_CODE,
        "municipality": municipality_ref(municipality, context) if municipality else None,
        "goals": [goal_ref(goal, context) for goal in story.api_goals],
        "partner_places": [partner_place_ref(place) for place in story.api_partner_places],
        "countries": [country_ref(country) for country in story.api_countries],
        "year_start": story.year_start,
        "year_end": story.year_end,
        "teaser": story.teaser,
        "published": publication_data(story),
        "first_published_at": iso(story.first_published_at),
        "last_published_at": iso(story.last_published_at),
        **followup_data(story, context),
    }


def publication_data(story):
    """When and where the story was first published (stories.provenance)."""
    if story.is_from_source:
        precision = story.source_date_precision or provenance.UNKNOWN
        start, end = story.source_date_start, story.source_date_end
        source = {
            "name": story.source_name,
            "url": story.source_url or None,
            "programme": story.source_programme,
        }
    else:
        precision, source = provenance.DAY, None
        start = end = provenance.local_date(story.first_published_at)
    return {
        "precision": precision,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "label": _site_language_date_label(precision, start, end),
        "source": source,
    }


@functools.lru_cache(maxsize=8192)
def _site_language_date_label(precision, start, end) -> str:
    """The label in the site's language. Switching the language and formatting a date cost a
    millisecond a story, most of an export's time; the same few thousand dates recur."""
    with translation.override(settings.LANGUAGE_CODE):
        return provenance.date_label(precision, start, end)


def story_data(story, context):
    """A story as the API and the JSON export show it. Call `preload` on the stories first."""
    data = story_core(story, context)
    data["body_html"] = body_html(story.body, context)
    data["body_text"] = body_text(story.body)
    data["images"] = story_images(story, context)
    data["translations"] = [
        translation_data(translated, context) for translated in story.api_translations
    ]
    return data


def translation_data(translated, context):
    """A translation's own text and address; everything else is its story's."""
    return {
        "language": translated.locale.language_code,
        "url": translated.get_full_url(request=context.request),  # with /en/
        "title": translated.title,
        "teaser": translated.teaser,
        "body_html": body_html(translated.body, context),
        "body_text": body_text(translated.body),
        "first_published_at": iso(translated.first_published_at),
        "last_published_at": iso(translated.last_published_at),
    }
