"""The oEmbed endpoint against the specification (https://oembed.com, section 2): a "rich"
answer of version 1.0 with html, width and height, maxwidth and maxheight honoured, JSON and
XML, 404 for URLs it has no embed for, 501 for other formats; and the discovery links on the
pages that can be embedded."""

import json
import re
from html import unescape
from xml.etree import ElementTree

import pytest

from .conftest import GOAL, MUNICIPALITY, STORY

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
REQUIRED = {"type", "version", "html", "width", "height"}


@pytest.fixture(autouse=True)
def _seed(seeded_site):
    pass


def oembed(client, url, status=200, **params):
    response = client.get("/oembed", {"url": url, **params})
    assert response.status_code == status, response.content
    return response


def iframe_attributes(html: str) -> dict[str, str]:
    assert re.fullmatch(r"<iframe [^>]*></iframe>", html), html
    return {name: unescape(value) for name, value in re.findall(r'(\w+)="([^"]*)"', html)}


def check_rich(data: dict) -> dict[str, str]:
    """What the specification requires of a rich answer, and an html that fits its size."""
    assert set(data) >= REQUIRED, data
    assert data["type"] == "rich" and data["version"] == "1.0"
    assert isinstance(data["width"], int) and isinstance(data["height"], int)
    attributes = iframe_attributes(data["html"])
    assert int(attributes["width"]) == data["width"]
    assert int(attributes["height"]) == data["height"]
    assert attributes["title"] and "<script" not in data["html"]
    return attributes


@pytest.mark.parametrize(
    ("page", "title", "embed"),
    [
        (MUNICIPALITY, "Berättelser från Östhammars kommun", "/inbaddning" + MUNICIPALITY),
        (GOAL, "Berättelser om Mål 12: Hållbar konsumtion och produktion", "/inbaddning" + GOAL),
        (STORY, "Räddningstjänst i Poti och Östhammar", "/inbaddning" + STORY),
    ],
)
def test_a_rich_json_answer_for_a_municipality_a_goal_and_a_story(client, page, title, embed):
    response = oembed(client, SITE + page, format="json")
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    attributes = check_rich(data)
    assert attributes["src"] == SITE + embed
    assert data["title"] == title
    assert data["provider_name"] == "Millenniekommunerna"
    assert data["provider_url"] == SITE + "/"
    assert data.get("author_name") == (None if page == GOAL else "Östhammars kommun")
    assert isinstance(data["cache_age"], int)
    # The html it gives is an embed that answers.
    assert client.get(attributes["src"].removeprefix(SITE)).status_code == 200


def test_json_is_the_default_format(client):
    data = json.loads(oembed(client, SITE + MUNICIPALITY).content)
    check_rich(data)


@pytest.mark.parametrize(("maxwidth", "maxheight"), [(320, 200), (1000, 2000), (50, 50)])
def test_maxwidth_and_maxheight_are_honoured(client, maxwidth, maxheight):
    natural = json.loads(oembed(client, SITE + GOAL).content)
    data = json.loads(oembed(client, SITE + GOAL, maxwidth=maxwidth, maxheight=maxheight).content)
    check_rich(data)
    assert data["width"] == min(natural["width"], maxwidth)
    assert data["height"] == min(natural["height"], maxheight)


def test_a_list_is_sized_for_the_stories_it_shows(client):
    five = json.loads(oembed(client, SITE + GOAL).content)
    two = json.loads(oembed(client, SITE + GOAL, antal="2").content)
    # Östhammar has two stories: asking for five gives the size of two.
    osthammar = json.loads(oembed(client, SITE + MUNICIPALITY).content)
    assert two["height"] < five["height"]
    assert osthammar["height"] == two["height"]
    assert "antal=2" in iframe_attributes(two["html"])["src"]


def test_the_embeds_options_pass_through(client):
    data = json.loads(oembed(client, SITE + GOAL, tema="morkt", antal="3").content)
    assert iframe_attributes(data["html"])["src"] == f"{SITE}/inbaddning{GOAL}?tema=morkt&antal=3"


def test_xml_has_the_same_answer(client):
    response = oembed(client, SITE + MUNICIPALITY, format="xml", maxwidth="400")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8" standalone="yes"?>')
    root = ElementTree.fromstring(response.content)
    assert root.tag == "oembed"
    data = {child.tag: child.text for child in root}
    as_json = json.loads(oembed(client, SITE + MUNICIPALITY, maxwidth="400").content)
    assert data == {key: str(value) for key, value in as_json.items()}
    check_rich({**data, "width": int(data["width"]), "height": int(data["height"])})


def test_an_english_address_gives_the_english_embed(client):
    data = json.loads(oembed(client, SITE + "/en" + MUNICIPALITY).content)
    assert data["title"] == "Stories from Östhammar Municipality"
    assert iframe_attributes(data["html"])["src"] == f"{SITE}/en/inbaddning{MUNICIPALITY}"
    assert data["provider_url"] == SITE + "/en/"


@pytest.mark.parametrize(
    "url",
    [
        SITE + "/kommuner/finns-inte/",
        SITE + "/tillganglighet/",
        SITE + "/mal/",
        "https://example.org" + MUNICIPALITY,
        "ftp://testserver" + MUNICIPALITY,
        "kommuner/osthammar/",
    ],
)
def test_urls_without_an_embed_are_404(client, url):
    response = oembed(client, url, status=404)
    assert "No embed for this URL" in json.loads(response.content)["detail"]


def test_other_formats_are_501(client):
    response = oembed(client, SITE + MUNICIPALITY, status=501, format="yaml")
    assert json.loads(response.content)["detail"].startswith("Format 'yaml' is not supported")


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"maxwidth": "wide"}, "maxwidth must be a positive whole number."),
        ({"maxheight": "0"}, "maxheight must be a positive whole number."),
        ({"antal": "21"}, "Number of stories: Ensure this value is less than or equal to 20."),
        ({"tema": "rosa"}, "Colours: Select a valid choice."),
    ],
)
def test_bad_parameters_are_400_in_english(client, params, detail):
    response = oembed(client, SITE + GOAL, status=400, **params)
    assert detail in json.loads(response.content)["detail"]


def test_a_missing_url_is_400(client):
    response = client.get("/oembed")
    assert response.status_code == 400
    assert json.loads(response.content) == {"detail": "The url parameter is required."}


def discovery(html: str) -> dict[str, str]:
    found = re.findall(r'<link rel="alternate" type="([a-z/+]+oembed)" href="([^"]+)"', html)
    return {kind: unescape(href) for kind, href in found}


@pytest.mark.parametrize("page", [STORY, MUNICIPALITY, GOAL, "/en" + MUNICIPALITY])
def test_pages_that_can_be_embedded_say_where_their_oembed_is(client, page):
    links = discovery(client.get(page).content.decode())
    assert set(links) == {"application/json+oembed", "text/xml+oembed"}
    for kind, href in links.items():
        assert href.startswith(SITE + "/oembed?url=")
        response = client.get(href.removeprefix(SITE))
        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/json" if "json" in kind else "text/xml"
        )
    data = json.loads(client.get(links["application/json+oembed"].removeprefix(SITE)).content)
    assert iframe_attributes(data["html"])["src"].endswith("/inbaddning" + page.removeprefix("/en"))


@pytest.mark.parametrize("page", ["/", "/kommuner/", "/mal/", "/karta/", "/tillganglighet/"])
def test_other_pages_offer_no_oembed(client, page):
    assert discovery(client.get(page).content.decode()) == {}


def test_a_translated_story_is_embedded_with_its_english_title(client):
    from millenniekommunerna.editorial.translation import translate_story
    from millenniekommunerna.stories.models import StoryPage

    story = StoryPage.objects.get(url_path__endswith="/raddningstjanst-i-poti-och-osthammar/")
    translation, _created = translate_story(story, "en", None)
    translation.title = "Rescue services in Poti"
    translation.slug = "rescue-in-poti"
    translation.save_revision().publish()
    english = "/en/kommuner/osthammar/rescue-in-poti/"
    links = discovery(client.get(english).content.decode())
    assert set(links) == {"application/json+oembed", "text/xml+oembed"}
    data = json.loads(client.get(links["application/json+oembed"].removeprefix(SITE)).content)
    assert data["title"] == "Rescue services in Poti"
    assert iframe_attributes(data["html"])["src"] == f"{SITE}/en/inbaddning{STORY}"
    card = client.get("/en/inbaddning" + STORY).content.decode()
    assert f'<a href="{english}" target="_top">Rescue services in Poti</a>' in card
    swedish = json.loads(oembed(client, SITE + STORY).content)
    assert swedish["title"] == "Räddningstjänst i Poti och Östhammar"
