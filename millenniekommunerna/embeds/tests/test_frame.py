"""The embed itself, `/inbaddning/<page>/`: what it shows, in which language and colours, that
it may be framed by any site while every other page may not, and that it is cached like any
public page and sets no cookie."""

import re

import pytest
from wagtail.models import Page, PageViewRestriction

from millenniekommunerna.stories.models import StoryPage

from .conftest import GOAL, MUNICIPALITY, STORY, policy

pytestmark = pytest.mark.django_db

FRAME = "/inbaddning"


@pytest.fixture(autouse=True)
def _seed(seeded_site):
    pass


def links(html: str) -> list[str]:
    return re.findall(r"<a\b[^>]*>", html)


def test_a_municipalitys_latest_stories_link_to_the_site_in_the_top_window(client):
    response = client.get(FRAME + MUNICIPALITY)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv" class="embed embed--ljust">' in html
    assert '<h1 class="embed__title">Berättelser från Östhammars kommun</h1>' in html
    assert html.count('<article class="embed-story">') == 2
    assert "Räddningstjänst i Poti och Östhammar" in html
    assert (
        f'href="http://testserver{MUNICIPALITY}" target="_top">Visa på Millenniekommunerna</a>'
        in html
    )
    assert f'href="{STORY}" target="_top"' in html
    assert all('target="_top"' in link for link in links(html)), links(html)
    # Its own small stylesheet, nothing of the site's, and nothing that runs.
    assert "/static/embeds/frame.css" in html and "css/site.css" not in html
    assert "<script" not in html and "<form" not in html and "<style" not in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_a_story_card_shows_one_story_with_its_goals(client):
    html = client.get(FRAME + STORY).content.decode()
    assert html.count('<article class="embed-story">') == 1
    assert '<h1 class="embed-story__title"><a href="' + STORY + '" target="_top">' in html
    assert "Mål 17<span" in html and "Publicerad 2010–2015" in html
    assert f'href="http://testserver{STORY}" target="_top">Visa på Millenniekommunerna' in html


def test_a_goal_shows_its_five_latest_stories_unless_told_how_many(client):
    expected = [s.title for s in StoryPage.objects.published().filter(goals__slug="sdg-12")]
    assert len(expected) > 5
    html = client.get(FRAME + GOAL).content.decode()
    assert "Berättelser om Mål 12: Hållbar konsumtion och produktion" in html
    assert html.count('<article class="embed-story">') == 5
    assert client.get(FRAME + GOAL + "?antal=2").content.decode().count("<article") == 2
    every = client.get(FRAME + GOAL + "?antal=20").content.decode()
    assert every.count("<article") == len(expected)


def test_all_the_latest_stories_can_be_embedded_too(client):
    html = client.get(FRAME + "/berattelser/?antal=3").content.decode()
    assert "Senaste berättelserna" in html and html.count("<article") == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "antal=21",
            "Antal berättelser: Kontrollera att detta värde är mindre än eller lika med 20.",
        ),
        (
            "antal=0",
            "Antal berättelser: Kontrollera att detta värde är större än eller lika med 1.",
        ),
        ("antal=många", "Antal berättelser: Fyll i ett heltal."),
        ("tema=rosa", "Färger: Välj ett giltigt alternativ. rosa finns inte bland tillgängliga"),
    ],
)
def test_bad_options_are_a_clear_swedish_error(client, query, message):
    response = client.get(f"{FRAME}{GOAL}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Inbäddningen kunde inte visas" in html
    assert message in html
    assert "<article" not in html


@pytest.mark.parametrize(("theme", "scheme"), [("morkt", "dark"), ("auto", "light dark")])
def test_dark_and_automatic_colours(client, theme, scheme):
    html = client.get(f"{FRAME}{STORY}?tema={theme}").content.decode()
    assert f'class="embed embed--{theme}"' in html
    assert f'<meta name="color-scheme" content="{scheme}">' in html


def test_the_language_is_chosen_by_the_address(client):
    html = client.get("/en" + FRAME + MUNICIPALITY).content.decode()
    assert '<html lang="en"' in html
    assert '<h1 class="embed__title">Stories from Östhammar Municipality</h1>' in html
    assert ">View on Millenniekommunerna</a>" in html
    assert f'href="http://testserver/en{MUNICIPALITY}"' in html
    # The stories are Swedish content, marked so for screen readers.
    assert '<h2 class="embed-story__title" lang="sv"><a href="/en' + STORY in html
    assert "Published 2010–2015" in html


@pytest.mark.parametrize(
    "path", ["/kommuner/", "/mal/", "/tillganglighet/", "/kommuner/finns-inte/", "/", "//x/"]
)
def test_only_stories_municipalities_goals_and_the_story_listing_are_embedded(client, path):
    assert client.get(FRAME + path).status_code == 404


def test_unpublished_and_private_stories_are_not_embedded(client):
    story = StoryPage.objects.get(url_path__endswith="/raddningstjanst-i-poti-och-osthammar/")
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    assert client.get(FRAME + STORY).status_code == 404
    PageViewRestriction.objects.all().delete()
    Page.objects.get(pk=story.pk).specific.unpublish()
    assert client.get(FRAME + STORY).status_code == 404
    assert "Räddningstjänst" not in client.get(FRAME + MUNICIPALITY).content.decode()


def test_the_embed_may_be_framed_by_any_site_and_keeps_the_rest_of_the_policy(client):
    response = client.get(FRAME + MUNICIPALITY)
    assert "X-Frame-Options" not in response
    directives = policy(response)
    assert directives["frame-ancestors"] == ["*"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]


@pytest.mark.parametrize(
    "path",
    [STORY, MUNICIPALITY, GOAL, "/badda-in" + MUNICIPALITY, "/oembed?url=x", "/en" + STORY],
)
def test_every_other_page_still_refuses_to_be_framed(client, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == ["'none'"]


def test_the_embed_sets_no_cookie_and_comes_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(FRAME + MUNICIPALITY + "?tema=morkt")
    assert first.cookies == {} and not client.cookies
    assert "public" in first["Cache-Control"]
    again = client.get(FRAME + MUNICIPALITY + "?tema=morkt")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    # Served from the cache it may still be framed, and only it.
    assert "X-Frame-Options" not in again
    assert policy(again)["frame-ancestors"] == ["*"]
    other = client.get(FRAME + MUNICIPALITY + "?tema=auto")
    assert "X-Page-Cache" not in other and "embed--auto" in other.content.decode()


def test_the_embed_costs_the_same_queries_for_one_story_or_twenty(
    client, django_assert_max_num_queries
):
    client.get(FRAME + GOAL + "?antal=1")  # the site and its caches warm
    with django_assert_max_num_queries(12):
        client.get(FRAME + GOAL + "?antal=1")
    with django_assert_max_num_queries(12):
        client.get(FRAME + GOAL + "?antal=20")


@pytest.mark.parametrize("path", [FRAME + MUNICIPALITY, "/badda-in" + MUNICIPALITY])
def test_a_revalidated_embed_keeps_its_own_policy(client, path):
    """A 304 carries no policy, so the browser keeps the one it stored with the page: the
    site's default on the 304 would forbid framing the embed (and the preview) on a revisit."""
    first = client.get(path)
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "Content-Security-Policy" not in again
    assert "X-Frame-Options" not in again
