"""The embed page, `/badda-in/<page>/` ("Bädda in"): a preview of the embed and the snippet to
copy, with options in a form that works without JavaScript; and the links to it."""

import re
from html import unescape

import pytest

from .conftest import GOAL, MUNICIPALITY, STORY, policy

pytestmark = pytest.mark.django_db

PAGE = "/badda-in"


@pytest.fixture(autouse=True)
def _seed(seeded_site):
    pass


def preview_src(html: str) -> str:
    return unescape(re.search(r'<iframe class="embed-page__preview" src="([^"]+)"', html)[1])


def snippet(html: str) -> str:
    return unescape(re.search(r"<textarea [^>]*>(.*?)</textarea>", html, re.S)[1])


def test_the_page_shows_a_preview_and_the_code_to_copy(client):
    response = client.get(PAGE + MUNICIPALITY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Bädda in: <span>Berättelser från Östhammars kommun</span></h1>" in html
    src = preview_src(html)
    assert src == "http://testserver/inbaddning" + MUNICIPALITY
    code = snippet(html)
    assert code.startswith(f'<iframe src="{src}" title="Berättelser från Östhammars kommun')
    assert 'style="border:0;max-width:100%"' in code and "<script" not in code
    # The code is shown as text, in a labelled read-only field.
    assert '<label for="embed-code">HTML-kod till er webbplats</label>' in html
    assert re.search(r'<textarea id="embed-code"[^>]*readonly', html)
    assert "&lt;iframe src=" in html
    assert '<form method="get"' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_the_page_may_frame_its_own_preview_and_nothing_else(client):
    response = client.get(PAGE + MUNICIPALITY)
    assert policy(response)["frame-src"] == ["'self'"]
    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_options_change_the_preview_and_the_code(client):
    html = client.get(PAGE + GOAL, {"tema": "morkt", "antal": "3", "sprak": "en"}).content.decode()
    expected = "http://testserver/en/inbaddning" + GOAL + "?tema=morkt&antal=3"
    assert preview_src(html) == expected
    # In the code the address is an HTML attribute, its & written as &amp;.
    in_html = expected.replace("&", "&amp;")
    assert snippet(html).startswith(f'<iframe src="{in_html}" title="Stories about SDG 12')
    assert re.search(r'<input type="radio" name="tema" value="morkt"[^>]*checked', html)
    assert re.search(r'<input type="radio" name="sprak" value="en"[^>]*checked', html)


def test_the_english_page_embeds_in_english_by_default(client):
    html = client.get("/en" + PAGE + MUNICIPALITY).content.decode()
    assert preview_src(html) == "http://testserver/en/inbaddning" + MUNICIPALITY
    assert "<h1>Embed: <span>Stories from Östhammar Municipality</span></h1>" in html


def test_a_story_card_has_no_number_of_stories(client):
    html = client.get(PAGE + STORY).content.decode()
    assert 'name="antal"' not in html
    assert preview_src(html) == "http://testserver/inbaddning" + STORY


def test_bad_options_are_explained_in_swedish(client):
    response = client.get(PAGE + GOAL, {"antal": "50"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rätta följande:" in html
    assert "Antal berättelser: Kontrollera att detta värde är mindre än eller lika med 20." in html
    # The preview still shows the embed with the defaults.
    assert preview_src(html) == "http://testserver/inbaddning" + GOAL


def test_a_page_without_an_embed_has_no_embed_page(client):
    assert client.get(PAGE + "/kommuner/").status_code == 404


@pytest.mark.parametrize(
    ("page", "text"),
    [
        (STORY, "Visa berättelsen på kommunens egen webbplats:"),
        (MUNICIPALITY, "Visa berättelserna på kommunens egen webbplats:"),
        (GOAL, "Visa berättelserna på kommunens egen webbplats:"),
    ],
)
def test_story_municipality_and_goal_pages_link_to_their_embed_page(client, page, text):
    html = client.get(page).content.decode()
    assert f'{text} <a href="{PAGE}{page}" rel="nofollow">Bädda in</a>' in html
    english = client.get("/en" + page).content.decode()
    assert f'<a href="/en{PAGE}{page}" rel="nofollow">Embed</a>' in english


def test_crawlers_are_kept_out_of_the_embeds_and_their_pages(client):
    from urllib.robotparser import RobotFileParser

    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    for path in ("/inbaddning" + GOAL, "/en/badda-in" + STORY, PAGE + STORY, "/oembed?url=x"):
        assert not robots.can_fetch("Googlebot", "http://testserver" + path), path
    assert robots.can_fetch("Googlebot", "http://testserver" + STORY)


def test_an_option_left_out_keeps_its_default_chosen(client):
    html = client.get("/en" + PAGE + STORY, {"tema": "auto"}).content.decode()
    assert re.search(r'<input type="radio" name="sprak" value="en"[^>]*checked', html)
    assert re.search(r'<input type="radio" name="tema" value="auto"[^>]*checked', html)
    assert preview_src(html) == "http://testserver/en/inbaddning" + STORY + "?tema=auto"
