import pytest
from django.template import Context, Template

from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load map_tags %}" + source).render(Context(context))


def test_municipality_locator_marks_the_municipality_without_queries(
    django_assert_num_queries,
):
    kalix = Municipality.objects.get(code="2514")
    with django_assert_num_queries(0):
        svg = render("{% municipality_locator m %}", m=kalix)
    assert 'role="img"' in svg
    assert '<title id="locator-title-2514">Karta: var Kalix ligger i Sverige</title>' in svg
    assert svg.count("<path") == 21 + 1  # the counties, and Kalix filled in
    assert 'href="/karta/#k2514"' in svg


def test_story_locator_uses_the_story_municipality():
    story = StoryPageFactory(municipality_code="0382")
    svg = render("{% story_locator s %}", s=story)
    assert "Östhammar" in svg and 'href="/karta/#k0382"' in svg


def test_locator_renders_nothing_without_a_municipality():
    assert render("{% municipality_locator m %}", m=None).strip() == ""
