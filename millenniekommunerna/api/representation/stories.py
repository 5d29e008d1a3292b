"""A published story as open data, with its translations."""

from django.conf import settings
from django.db.models import F, Prefetch
from django.utils import translation

from millenniekommunerna.stories import provenance

from .bodies import body_html, body_text, story_translations
from .context import iso
from .images import story_images
from .references import country_ref, goal_ref, municipality_ref, partner_place_ref


def published_stories():
    """Live stories that anyone may read (no view restriction), with everything a story's data
    shows fetched in a fixed number of queries, newest first (ties broken by id, so pages of
    results never overlap or skip)."""
    from millenniekommunerna.goals.models import Goal
    from millenniekommunerna.partnerships.models import Country, PartnerPlace
    from millenniekommunerna.stories.models import StoryPage

    return (
        StoryPage.objects.published()
        .public()
        .select_related("municipality__county", "hero_image")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.order_by("-kind", "number"),
            ),
            Prefetch(
                "partner_places",
                queryset=PartnerPlace.objects.select_related("country").order_by("name", "pk"),
            ),
            Prefetch("countries", queryset=Country.objects.order_by("code")),
            "hero_image__renditions",
        )
        .order_by(
            F("published_on").desc(nulls_last=True),
            F("first_published_at").desc(nulls_last=True),
            "-pk",
        )
    )


def story_core(story, context):
    """A story's data without its body: what listings, the CSV export and JSON-LD share."""
    municipality = story.municipality
    return {
        "id": story.pk,
        "url": context.page_url(story),
        "title": story.title,
        "slug": story.slug,
        "language": settings.LANGUAGE_CODE,
        "municipality": municipality_ref(municipality, context) if municipality else None,
        "goals": [goal_ref(goal, context) for goal in story.goals.all()],
        "partner_places": [partner_place_ref(place) for place in story.partner_places.all()],
        "countries": [country_ref(country) for country in story.countries.all()],
        "year_start": story.year_start,
        "year_end": story.year_end,
        "teaser": story.teaser,
        "published": publication_data(story),
        "first_published_at": iso(story.first_published_at),
        "last_published_at": iso(story.last_published_at),
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
        start = end = (
            provenance.local_date(story.first_published_at) if story.first_published_at else None
        )
    with translation.override(settings.LANGUAGE_CODE):
        label = provenance.date_label(precision, start, end)
    return {
        "precision": precision,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "label": label,
        "source": source,
    }


def story_data(story, context):
    """A story as the API and the JSON export show it. Call `preload_bodies` on a batch of
    stories first, or each body costs its own queries."""
    data = story_core(story, context)
    data["body_html"] = body_html(story.body, context)
    data["body_text"] = body_text(story.body)
    data["images"] = story_images(story, context)
    data["translations"] = [
        translation_data(translated, context) for translated in story_translations(story)
    ]
    return data


def translation_data(translated, context):
    """A translation's own text and address; everything else is its story's."""
    return {
        "language": translated.locale.language_code,
        "url": translated.get_full_url(request=context.request),
        "title": translated.title,
        "teaser": translated.teaser,
        "body_html": body_html(translated.body, context),
        "body_text": body_text(translated.body),
        "first_published_at": iso(translated.first_published_at),
        "last_published_at": iso(translated.last_published_at),
    }
