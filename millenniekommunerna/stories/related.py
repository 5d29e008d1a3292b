"""Related stories: the stories nearest to one story by shared goals, partner place or
country, and text (its title's words through the search backend).

In a fixed number of queries whatever the number of stories: the candidates are gathered from
bounded lists (most goals in common, best text matches) and the stories with the same partner
place or country, scored together in one query and loaded for cards.
"""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from modelsearch.query import Or, PlainText
from wagtail.search.backends import get_search_backend

from millenniekommunerna.core import swedish as text

GOAL_CANDIDATES = 100
TEXT_CANDIDATES = 20
TITLE_WORDS = 6

# What a shared trait is worth. A partner place in common is the strongest tie (the same
# twinning), then each shared goal, the same country, and a close text.
WEIGHT_PLACE = 4.0
WEIGHT_GOAL = 2.0
WEIGHT_COUNTRY = 2.0
WEIGHT_TEXT = 3.0


def _title_query(story):
    searched, _stop_words = text.query_words(story.title)
    searched = [word for word in searched if len(word) > 2][:TITLE_WORDS]
    if not searched:
        return None
    return Or([PlainText(form) for word in searched for form in text.inflections(word)])


def _text_candidates(story, others) -> list[int]:
    query = _title_query(story)
    if query is None:
        return []
    results = get_search_backend().search(query, others)
    if hasattr(results, "get_queryset"):  # the database backends: ids only
        return list(results.get_queryset().values_list("pk", flat=True)[:TEXT_CANDIDATES])
    return [found.pk for found in results[:TEXT_CANDIDATES]]


def related_stories(story, goal_ids, place_ids, country_ids, limit: int = 3) -> list:
    """Up to `limit` live stories nearest to `story`, never `story` itself, ready for cards.
    The story's model is taken from `story`: the story page imports this module."""
    model = type(story)
    GoalStory = model.goals.through
    CountryStory = model.countries.through
    PlaceStory = model.partner_places.through
    others = model.objects.published().exclude(pk=story.pk)
    goal_ids, place_ids, country_ids = list(goal_ids), list(place_ids), list(country_ids)

    text_ids = _text_candidates(story, others)
    candidates = set(text_ids)
    if goal_ids:
        candidates.update(
            GoalStory.objects.filter(goal_id__in=goal_ids, storypage__live=True)
            .exclude(storypage_id=story.pk)
            .values("storypage_id")
            .annotate(shared=Count("goal_id"))
            .order_by("-shared", "-storypage_id")
            .values_list("storypage_id", flat=True)[:GOAL_CANDIDATES]
        )
    # Stories with the same partner place or country are few enough to score them all, and
    # doing so in the scoring query keeps the number of queries the same for every story.
    near = (
        Q(pk__in=candidates)
        | Q(pk__in=PlaceStory.objects.filter(partnerplace_id__in=place_ids).values("storypage_id"))
        | Q(pk__in=CountryStory.objects.filter(country_id__in=country_ids).values("storypage_id"))
        | Q(
            pk__in=PlaceStory.objects.filter(partnerplace__country_id__in=country_ids).values(
                "storypage_id"
            )
        )
    )

    shared_goals = Coalesce(
        Subquery(
            GoalStory.objects.filter(storypage_id=OuterRef("pk"), goal_id__in=goal_ids)
            .values("storypage_id")
            .annotate(n=Count("goal_id"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )
    same_place = Exists(
        PlaceStory.objects.filter(storypage_id=OuterRef("pk"), partnerplace_id__in=place_ids)
    )
    same_country = Exists(
        CountryStory.objects.filter(storypage_id=OuterRef("pk"), country_id__in=country_ids)
    ) | Exists(
        PlaceStory.objects.filter(
            storypage_id=OuterRef("pk"), partnerplace__country_id__in=country_ids
        )
    )
    # Text matches come best first: the first gets the full weight, the last a little.
    text_score = Case(
        *[
            When(pk=pk, then=Value(WEIGHT_TEXT * (1 - rank / (2 * len(text_ids)))))
            for rank, pk in enumerate(text_ids)
        ],
        default=Value(0.0),
        output_field=FloatField(),
    )
    scored = (
        others.filter(near)
        .annotate(
            _goals=shared_goals,
            _place=Case(When(same_place, then=Value(WEIGHT_PLACE)), default=Value(0.0)),
            _country=Case(When(same_country, then=Value(WEIGHT_COUNTRY)), default=Value(0.0)),
            _text=text_score,
        )
        .annotate(
            _score=F("_goals") * WEIGHT_GOAL + F("_place") + F("_country") + F("_text"),
        )
        .filter(_score__gt=0)
    )
    return list(
        scored.for_listing().order_by("-_score", F("published_on").desc(nulls_last=True), "-pk")[
            :limit
        ]
    )
