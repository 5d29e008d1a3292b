import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_municipality_search_finds_a_municipality_by_name_or_code(admin_client):
    url = reverse("wagtailsnippets_municipalities_municipality:list")
    for words in ("Nacka", "0182"):
        response = admin_client.get(url, {"q": words})
        assert response.status_code == 200, words
        assert [m.code for m in response.context["object_list"]] == ["0182"], words
