"""Pages are found by their address in one query (core.routing), the site and its home page
come from the cache (core.sites), and what a visitor sees stays right when pages are renamed,
moved, unpublished or restricted."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from millenniekommunerna.core.routing import DirectRouteMixin
from millenniekommunerna.home.models import HomePage
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_no_page_type_answers_paths_of_its_own():
    """Routing by `url_path` skips the levels between the home page and the page: that is
    only right while none of them routes paths itself."""
    for model in get_page_models():
        if model is Page:
            continue
        if issubclass(model, DirectRouteMixin):
            assert model is HomePage
            continue
        assert model.route is Page.route, f"{model.__name__} routes paths itself"
        assert not hasattr(model, "resolve_subpage"), f"{model.__name__} is routable"


def test_a_story_is_found_at_its_address_and_not_at_a_wrong_one(client):
    story = StoryPageFactory(title="Solceller på skolan", municipality_code="0380")
    assert client.get(story.url).status_code == 200
    assert client.get(story.url.replace("solceller", "solcell")).status_code == 404
    assert client.get(f"{story.url}mer/").status_code == 404


def test_a_renamed_story_is_found_at_its_new_address_only(client):
    story = StoryPageFactory(title="Solceller på skolan", municipality_code="0380")
    old = story.url
    assert client.get(old).status_code == 200
    story.slug = "solpaneler-pa-skolan"
    story.save_revision().publish()
    story.refresh_from_db()
    assert story.url != old
    assert client.get(story.url).status_code == 200
    assert client.get(old).status_code == 404


def test_an_unpublished_story_is_not_found(client):
    story = StoryPageFactory(title="Solceller på skolan", municipality_code="0380")
    url = story.url
    assert client.get(url).status_code == 200
    story.unpublish()
    assert client.get(url).status_code == 404


def test_a_page_behind_a_login_restriction_asks_for_a_login(client):
    story = StoryPageFactory(title="Solceller på skolan", municipality_code="0380")
    assert client.get(story.url).status_code == 200
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(story.url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or "login" in response["Location"]


def test_an_edited_home_page_is_shown_at_once(client, home_page):
    client.get("/")  # the site and its home page are now cached
    home_page.intro = "<p>Välkommen till en ny tid för berättelserna.</p>"
    home_page.save_revision().publish()
    assert "Välkommen till en ny tid" in client.get("/").content.decode()


def test_the_site_is_read_once_and_then_from_the_cache(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get("/kommuner/").status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get("/kommuner/").status_code == 200
    tables = [query["sql"] for query in warm.captured_queries]
    assert not any('FROM "wagtailcore_site"' in sql for sql in tables)
    assert not any('FROM "wagtailcore_locale"' in sql for sql in tables)
    assert any('FROM "wagtailcore_site"' in query["sql"] for query in cold.captured_queries)


def test_a_changed_site_is_used_at_once(client):
    site = Site.objects.get(is_default_site=True)
    client.get("/")
    site.site_name = "Millenniekommunerna i test"
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_site.site_name == "Millenniekommunerna i test"


def test_a_made_up_host_is_refused_before_the_site_is_looked_up(client, settings):
    settings.ALLOWED_HOSTS = ["millenniekommunerna.example"]
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert not any("site:attacker.example" in key for key in _cache_keys())


def _cache_keys():
    return list(getattr(cache, "_cache", {}))
