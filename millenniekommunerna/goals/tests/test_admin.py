import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_goal_search_finds_goals_by_swedish_or_english_name(admin_client):
    url = reverse("wagtailsnippets_goals_goal:list")
    for words in ("Bekämpa klimatförändringarna", "climate action"):
        response = admin_client.get(url, {"q": words})
        assert response.status_code == 200, words
        assert [goal.slug for goal in response.context["object_list"]] == ["sdg-13"], words
