"""A partnership as open data: the same object in the API (`/partnerships`) and the exports."""

from django.db.models import Prefetch

from .references import goal_ref, partner_place_ref

# The public pages of partnerships (the partnerships app's `/samarbeten/<slug>/`).
PARTNERSHIP_PATH = "/samarbeten/{slug}/"


def partnerships_for_api():
    """Every partnership with everything `partnership_data` shows, in a fixed number of
    queries however many there are: the lead, the place and its country and the funding
    programme joined; the other municipalities, the themes and the published stories fetched
    once for all of them. Ordered by municipality and place (ties by id, so pages never
    overlap)."""
    from millenniekommunerna.partnerships.models import Partnership
    from millenniekommunerna.stories.models import StoryPage

    stories = (
        StoryPage.objects.published()
        .public()
        .only("title", "url_path", "live")
        .order_by("title", "pk")
    )
    return (
        Partnership.objects.select_related(
            "municipality", "partner_place__country", "funding_programme"
        )
        .prefetch_related(
            "other_municipalities",  # by name (Municipality.Meta.ordering)
            "goals",
            Prefetch("stories", queryset=stories, to_attr="api_stories"),
        )
        .order_by("municipality__name", "partner_place__name", "pk")
    )


def partnership_url(partnership, context):
    return context.absolute(PARTNERSHIP_PATH.format(slug=partnership.slug))


def _municipality(municipality, role, context):
    return {
        "code": municipality.code,
        "slug": municipality.slug,
        "name": municipality.name,
        "role": role,
        "url": context.municipality_url(municipality),
    }


def partnership_data(partnership, context):
    programme = partnership.funding_programme
    return {
        "slug": partnership.slug,
        "url": partnership_url(partnership, context),
        "municipalities": [
            _municipality(partnership.municipality, "lead", context),
            *(
                _municipality(m, "partner", context)
                for m in partnership.other_municipalities.all()
                if m.pk != partnership.municipality_id
            ),
        ],
        "partner_place": partner_place_ref(partnership.partner_place),
        "start_year": partnership.start_year,
        "end_year": partnership.end_year,
        "status": partnership.status or None,
        "funding_programme": (
            {"slug": programme.slug, "name": programme.name, "url": programme.url or None}
            if programme is not None
            else None
        ),
        "goals": [goal_ref(goal, context) for goal in partnership.goals.all()],
        "description": partnership.description,
        "stories": [
            {"id": story.pk, "title": story.title, "url": context.page_url(story)}
            for story in partnership.api_stories
        ],
    }
