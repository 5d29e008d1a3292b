"""Municipalities, counties, goals and partner places as open data, with their story counts."""

from django.db.models import Count, Q

from .context import iso
from .references import county_ref, goal_ref, partner_place_ref


def municipalities_with_counts():
    from millenniekommunerna.municipalities.models import Municipality

    return (
        Municipality.objects.select_related("county")
        .annotate(story_count=Count("stories", filter=_story_filter("stories__")))
        .order_by("code")
    )


def _story_filter(prefix):
    """Q over a relation to StoryPage that keeps only stories the API shows."""
    from millenniekommunerna.stories.models import StoryPage

    public_ids = StoryPage.objects.published().public().values("pk")
    return Q(**{f"{prefix}live": True, f"{prefix}pk__in": public_ids})


def municipality_data(municipality, context):
    return {
        "code": municipality.code,
        "name": municipality.name,
        "official_name": municipality.official_name,
        "slug": municipality.slug,
        "county": county_ref(municipality.county),
        "website": municipality.website or None,
        "is_millennium_municipality": municipality.is_millennium_municipality,
        "millennium_decision_date": iso(municipality.millennium_decision_date),
        "millennium_diploma_date": iso(municipality.millennium_diploma_date),
        "url": context.municipality_url(municipality),
        "story_count": municipality.story_count,
    }


def counties_with_counts():
    from millenniekommunerna.municipalities.models import County

    return County.objects.annotate(
        municipality_count=Count("municipalities", distinct=True),
        millennium_municipality_count=Count(
            "municipalities",
            filter=Q(municipalities__is_millennium_municipality=True),
            distinct=True,
        ),
        # One row per story of a municipality: each story has one municipality, so counting
        # the rows counts the stories (the municipality counts above need `distinct`).
        story_count=Count(
            "municipalities__stories", filter=_story_filter("municipalities__stories__")
        ),
    ).order_by("code")


def county_data(county):
    return {
        "code": county.code,
        "name": county.name,
        "short_name": county.short_name,
        "municipality_count": county.municipality_count,
        "millennium_municipality_count": county.millennium_municipality_count,
        "story_count": county.story_count,
    }


def goals_with_counts():
    from millenniekommunerna.goals.models import Goal

    # Successors and predecessors in the goals' own order (Goal.Meta.ordering): by number.
    return (
        Goal.objects.prefetch_related("successors", "predecessors")
        .annotate(story_count=Count("stories", filter=_story_filter("stories__")))
        .order_by("-kind", "number")
    )


def goal_data(goal, context):
    data = goal_ref(goal, context)
    data["colour"] = goal.colour
    data["story_count"] = goal.story_count
    data["successors_editorial"] = [g.slug for g in goal.successors.all()]
    data["predecessors_editorial"] = [g.slug for g in goal.predecessors.all()]
    return data


def goal_mapping_data():
    from millenniekommunerna.goals.models import GoalMapping

    return [
        {"mdg": mdg, "sdg": sdg, "note": note}
        for mdg, sdg, note in GoalMapping.objects.order_by(
            "mdg__number", "sdg__number"
        ).values_list("mdg__slug", "sdg__slug", "note")
    ]


def partner_places_with_counts():
    from millenniekommunerna.partnerships.models import PartnerPlace

    return (
        PartnerPlace.objects.select_related("country")
        .prefetch_related("partnerships__municipality")
        .annotate(story_count=Count("stories", filter=_story_filter("stories__")))
        .order_by("name", "pk")
    )


def partner_place_data(place):
    data = partner_place_ref(place)
    data["aliases"] = place.names[1:]
    data["municipalities"] = sorted(
        {partnership.municipality.code for partnership in place.partnerships.all()}
    )
    data["story_count"] = place.story_count
    return data
