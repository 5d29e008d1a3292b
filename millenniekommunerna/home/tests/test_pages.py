import pytest
from wagtail.models import Page, Site

from millenniekommunerna.home.models import HomePage
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_is_the_site_root_and_unique():
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.url == "/"
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_home_page_shows_intro_and_latest_stories_as_cards(client):
    story = StoryPageFactory(
        municipality_code="1781",
        title="Skolor minskar matsvinn i rekordfart",
        teaser="När kostavdelningen uppmärksammade att mycket skolmat slängs bestämde kommunen att göra något åt saken och",
    )
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Millenniekommunerna" in html
    assert "Berättelser från Sveriges kommuner" in html
    assert f'href="{story.url}"' in html
    assert 'href="/kommuner/kristinehamn/"' in html
    assert "Kristinehamns kommun" in html
    assert "Läs mer om projektet" in html
    assert "göra något åt saken och…" in html  # a cut-off teaser says so


def test_home_page_query_count_does_not_grow_with_stories(make_stories, count_queries):
    make_stories(3)
    _, before = count_queries("/")
    make_stories(12)
    response, after = count_queries("/")
    assert response.status_code == 200
    assert response.content.decode().count('class="story-card') == 15
    assert after == before
    assert after <= 16


def test_unknown_url_gets_the_swedish_404_page(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "hittades inte" in response.content.decode().lower()
