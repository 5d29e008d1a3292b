import pytest

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.partnerships.models import Country, PartnerPlace
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.related import related_stories

pytestmark = pytest.mark.django_db


def related_to(story, limit=3):
    story.refresh_from_db()
    places = list(story.partner_places.all())
    return related_stories(
        story,
        goal_ids=story.goals.values_list("pk", flat=True),
        place_ids=[p.pk for p in places],
        country_ids={p.country_id for p in places}
        | set(story.countries.values_list("pk", flat=True)),
        limit=limit,
    )


def test_related_stories_are_the_nearest_and_never_the_story_itself():
    goals = {g.slug: g for g in Goal.objects.filter(slug__in=["sdg-12", "sdg-13", "sdg-5"])}
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    story = StoryPageFactory(
        title="Matsvinn i skolköken halveras",
        goals=[goals["sdg-12"], goals["sdg-13"]],
        partner_places=[kisumu],
    )
    same_place_and_goals = StoryPageFactory(
        title="Avfall och återvinning", goals=[goals["sdg-12"]], partner_places=[kisumu]
    )
    same_text = StoryPageFactory(title="Mindre matsvinn i skolköken", goals=[goals["sdg-5"]])
    one_goal = StoryPageFactory(title="Cykelvägar byggs ut", goals=[goals["sdg-13"]])
    unrelated = StoryPageFactory(title="Konst i parken", goals=[goals["sdg-5"]])

    related = related_to(story, limit=10)
    assert story not in related
    assert unrelated not in related
    assert related[:3] == [same_place_and_goals, same_text, one_goal]


def test_a_shared_country_relates_stories_without_shared_goals():
    kenya = Country.objects.get(code="KE")
    story = StoryPageFactory(
        title="Vänort i Kenya", partner_places=[PartnerPlace.objects.get(name="Kisumu")]
    )
    other = StoryPageFactory(title="Lärarutbyte")
    other.countries.set([kenya])
    other.save()
    assert related_to(story) == [other]


def test_a_story_with_nothing_in_common_has_no_related_stories():
    story = StoryPageFactory(title="Och")
    StoryPageFactory(title="Konst i parken", goals=[Goal.objects.get(slug="sdg-5")])
    assert related_to(story) == []


def test_unpublished_stories_are_not_related():
    goal = Goal.objects.get(slug="sdg-12")
    story = StoryPageFactory(goals=[goal])
    draft = StoryPageFactory(goals=[goal])
    draft.unpublish()
    assert related_to(story) == []


def test_story_page_shows_related_stories_in_a_bounded_number_of_queries(count_queries):
    goal = Goal.objects.get(slug="sdg-12")
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    story = StoryPageFactory(title="Biogas av matavfall", goals=[goal], partner_places=[kisumu])
    StoryPageFactory(title="Biogas i bussarna", goals=[goal])
    response, few = count_queries(story.url)
    html = response.content.decode()
    assert 'id="related-stories-heading"' in html
    assert "Biogas i bussarna" in html
    for n in range(12):
        StoryPageFactory(title=f"Biogas nummer {n}", goals=[goal], partner_places=[kisumu])
    response, many = count_queries(story.url)
    assert response.content.decode().count('class="story-card') == 3
    assert many == few
    assert many <= 25  # measured 23, of which routing and the story's own relations most


def test_related_stories_take_a_bounded_number_of_queries(django_assert_max_num_queries):
    goal = Goal.objects.get(slug="sdg-12")
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    story = StoryPageFactory(title="Biogas av matavfall", goals=[goal], partner_places=[kisumu])
    for n in range(12):
        StoryPageFactory(title=f"Biogas nummer {n}", goals=[goal], partner_places=[kisumu])
    story.refresh_from_db()
    arguments = {
        "goal_ids": [goal.pk],
        "place_ids": [kisumu.pk],
        "country_ids": {kisumu.country_id},
        "limit": 3,
    }
    with django_assert_max_num_queries(5):  # measured 4: the stories, their goals and images
        found = list(related_stories(story, **arguments))
    assert len(found) == 3
