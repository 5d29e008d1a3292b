import pytest

from millenniekommunerna.goals.models import Goal, GoalIndexPage, GoalPage
from millenniekommunerna.home.models import HomePage
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_goal_pages_live_only_under_the_goal_index():
    assert GoalIndexPage.allowed_parent_page_models() == [HomePage]
    assert GoalPage.allowed_parent_page_models() == [GoalIndexPage]
    assert GoalPage.allowed_subpage_models() == []
    assert GoalPage.can_create_at(GoalIndexPage.objects.get())
    assert not GoalPage.can_create_at(HomePage.objects.get())


def test_goal_index_shows_17_sdgs_and_8_mdgs(client):
    response = client.get("/mal/")
    assert response.status_code == 200
    assert len(response.context["sdg_pages"]) == 17
    assert len(response.context["mdg_pages"]) == 8
    html = response.content.decode()
    for n in range(1, 18):
        assert f'href="/mal/sdg-{n}/"' in html
    for n in range(1, 9):
        assert f'href="/mal/mdg-{n}/"' in html


def test_mdg_page_shows_its_successors_as_an_editorial_mapping(client):
    response = client.get("/mal/mdg-7/")
    assert response.status_code == 200
    html = response.content.decode()
    assert {g.slug for g in response.context["related_goals"]} == {
        "sdg-6",
        "sdg-11",
        "sdg-12",
        "sdg-13",
        "sdg-14",
        "sdg-15",
    }
    assert 'href="/mal/sdg-13/"' in html
    assert "redaktion" in html.lower()


def test_sdg_page_shows_its_predecessors(client):
    response = client.get("/mal/sdg-3/")
    assert {g.slug for g in response.context["related_goals"]} == {"mdg-4", "mdg-5", "mdg-6"}
    assert 'href="/mal/mdg-6/"' in response.content.decode()


def test_goal_page_lists_only_its_stories(client):
    StoryPageFactory(title="Matsvinn i skolan", goals=[Goal.objects.get(slug="sdg-12")])
    StoryPageFactory(title="Brandkåren i Poti", goals=[Goal.objects.get(slug="sdg-11")])
    html = client.get("/mal/sdg-12/").content.decode()
    assert "Matsvinn i skolan" in html
    assert "Brandkåren i Poti" not in html


def test_goal_page_query_count_does_not_grow_with_stories(make_stories, count_queries):
    make_stories(2)
    _, before = count_queries("/mal/sdg-12/")
    make_stories(7)
    response, after = count_queries("/mal/sdg-12/")
    assert response.status_code == 200
    assert response.content.decode().count('class="story-card') == 9
    assert after == before
    assert after <= 22  # routing costs one query per tree level


def test_goal_index_query_count_is_bounded(make_stories, count_queries):
    make_stories(2)
    _, before = count_queries("/mal/")
    make_stories(5)
    response, after = count_queries("/mal/")
    assert response.status_code == 200
    assert after == before
    assert after <= 10
