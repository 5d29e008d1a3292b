"""The schema.org JSON-LD on story and municipality pages parses and says what the API says."""

import json
import re

import pytest

from millenniekommunerna.api.jsonld import script
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    blocks = JSON_LD.findall(response.content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_story_page_json_ld_agrees_with_the_api(client, make_rich_story):
    story = make_rich_story(title="Matsvinnet halverat", teaser="Eleverna vägde maten.")
    api = client.get(f"/api/v1/stories/{story.pk}").json()
    data = json_ld(client, story.url)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["url"] == data["@id"] == data["mainEntityOfPage"] == api["url"]
    assert data["headline"] == api["title"]
    assert data["description"] == api["teaser"]
    assert data["inLanguage"] == api["language"]
    assert data["identifier"] == str(api["id"])
    assert data["datePublished"] == api["first_published_at"]
    assert data["dateModified"] == api["last_published_at"]
    assert [t["termCode"] for t in data["about"]] == [g["code"] for g in api["goals"]]
    assert [t["url"] for t in data["about"]] == [g["url"] for g in api["goals"]]
    assert [t["name"] for t in data["about"]] == [g["name_sv"] for g in api["goals"]]

    places = data["contentLocation"]
    assert [p["name"] for p in places] == [p["name"] for p in api["partner_places"]]
    assert places[0]["@type"] == "Place"
    assert places[0]["geo"]["latitude"] == api["partner_places"][0]["latitude"]
    assert places[0]["address"]["addressCountry"] == api["partner_places"][0]["country"]["code"]

    municipality = api["municipality"]
    for role in ("author", "publisher"):
        organization = data[role]
        assert organization["@type"] == "GovernmentOrganization"
        assert organization["name"] == municipality["official_name"]
        assert organization["identifier"]["value"] == municipality["code"]
        assert organization["identifier"]["propertyID"] == "SCB kommunkod"
        assert organization["url"] == municipality["url"]
    area = data["spatialCoverage"]
    assert area["@type"] == "AdministrativeArea"
    assert area["containedInPlace"]["identifier"]["value"] == municipality["county"]["code"]

    main = api["images"][0]
    assert data["image"]["url"] == main["renditions"][-1]["url"]
    assert data["image"]["description"] == main["alt"]


@pytest.mark.parametrize("gone", ["unpublished", "deleted"])
def test_a_goal_whose_page_is_gone_is_named_without_a_link(client, make_rich_story, gone):
    from millenniekommunerna.goals.models import GoalPage

    story = make_rich_story()
    page = GoalPage.objects.get(goal__slug="sdg-12")
    page.unpublish() if gone == "unpublished" else page.delete()
    api = client.get(f"/api/v1/stories/{story.pk}").json()
    about = {term["termCode"]: term for term in json_ld(client, story.url)["about"]}
    assert [g["url"] for g in api["goals"] if g["code"] == "sdg-12"] == [None]
    assert "url" not in about["sdg-12"]
    assert about["mdg-7"]["url"].endswith("/mal/mdg-7/")
    # The story's page names the goal without a link to a page that is not there.
    html = client.get(story.url).content.decode()
    assert 'href="/mal/sdg-12/"' not in html and 'href="/mal/mdg-7/"' in html


def test_story_without_places_or_image_has_no_empty_properties(client):
    story = StoryPageFactory(municipality_code="0382")
    data = json_ld(client, story.url)
    assert "contentLocation" not in data
    assert "image" not in data
    assert data["author"]["identifier"]["value"] == "0382"


def test_municipality_page_json_ld_agrees_with_the_api(client):
    Municipality.objects.filter(code="1781").update(is_millennium_municipality=True)
    page = MunicipalityPage.objects.get(municipality__code="1781")
    api = client.get("/api/v1/municipalities/1781").json()
    data = json_ld(client, page.url)
    assert data["@type"] == "GovernmentOrganization"
    assert data["@id"] == data["url"] == api["url"]
    assert data["name"] == api["official_name"]
    assert data["alternateName"] == api["name"]
    assert data["identifier"]["value"] == api["code"]
    assert data["sameAs"] == api["website"]
    assert data["areaServed"]["@type"] == "AdministrativeArea"
    assert data["areaServed"]["identifier"]["value"] == api["code"]
    county = data["areaServed"]["containedInPlace"]
    assert county["identifier"]["value"] == api["county"]["code"]
    assert county["name"] == api["county"]["name"]
    assert data["award"] == "Millenniekommun"


def test_json_ld_cannot_close_its_script_element():
    html = script({"headline": "</script><script>alert(1)</script> & <!--"})
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner)["headline"] == "</script><script>alert(1)</script> & <!--"


def test_story_title_with_markup_is_escaped_in_the_page(client):
    story = StoryPageFactory(title="Skolor </script> och <b>mat</b>")
    data = json_ld(client, story.url)
    assert data["headline"] == "Skolor </script> och <b>mat</b>"
