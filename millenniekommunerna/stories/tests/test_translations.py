"""A story's English translation on the public site: shown at /en/ in place of the Swedish
story, with the Swedish story's facts, linked to it both ways, and never listed or counted as
a story of its own."""

import json
import re

import pytest

from millenniekommunerna.editorial.translation import translate_story
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import MunicipalityPage
from millenniekommunerna.partnerships.models import PartnerPlace
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

SWEDISH = "/kommuner/osthammar/raddning-i-poti/"
ENGLISH = "/en/kommuner/osthammar/rescue-in-poti/"


def make_story(**kwargs):
    fields = {
        "municipality_code": "0382",
        "title": "Räddningstjänst i Poti",
        "slug": "raddning-i-poti",
        "teaser": "Östhammar och Poti övar räddningsinsatser tillsammans.",
        "goals": list(Goal.objects.filter(slug__in=["sdg-11", "mdg-8"])),
        "partner_places": list(PartnerPlace.objects.filter(slug="poti")),
        "year_start": 2011,
        "year_end": 2014,
    }
    story = StoryPageFactory(**{**fields, **kwargs})
    story.save_revision().publish()
    return StoryPage.objects.get(pk=story.pk)


def translate(story, publish=True):
    translated, _created = translate_story(story, "en", None)
    translated.title = "Rescue services in Poti"
    translated.slug = "rescue-in-poti"
    translated.teaser = "Östhammar and Poti train rescue operations together."
    revision = translated.save_revision()
    if publish:
        revision.publish()
    return StoryPage.objects.get(pk=translated.pk)


@pytest.fixture
def story(db):
    return make_story()


@pytest.fixture
def translated(story):
    return translate(story)


def alternates(html):
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="https?://[^/]+([^"]+)"', html)
    )


def test_the_translation_has_its_own_english_address(translated):
    assert translated.url == ENGLISH
    assert translated.language == "en"
    assert translated.is_translation


def test_the_swedish_story_at_en_sends_the_reader_to_the_translation(client, story, translated):
    response = client.get("/en" + SWEDISH)
    assert response.status_code == 302
    assert response["Location"] == ENGLISH
    # The translation's address without the language prefix is the English page too.
    response = client.get(ENGLISH.removeprefix("/en"))
    assert response.status_code == 302
    assert response["Location"] == ENGLISH
    # The Swedish story itself is unchanged.
    response = client.get(SWEDISH)
    assert response.status_code == 200
    assert "Räddningstjänst i Poti" in response.content.decode()


def test_the_translation_shows_its_text_with_the_swedish_story_s_facts(client, translated):
    response = client.get(ENGLISH)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert re.search(r"<h1>Rescue services in Poti</h1>", html)  # English text, no lang="sv"
    assert "Östhammar and Poti train rescue operations together." in html
    assert "only available in Swedish" not in html
    assert "Räddningstjänst i Poti" not in html
    # Facts kept on the Swedish story: municipality, goals, partner place, years, map.
    assert "Östhammar Municipality" in html
    assert 'href="/en/mal/sdg-11/"' in html
    assert 'href="/en/karta/orter/poti/"' in html
    assert "2011–2014" in html
    assert 'class="locator-map' in html or "locator" in html
    assert response.context["story"].municipality.code == "0382"


def test_each_language_version_links_to_the_other(client, story, translated):
    english = client.get(ENGLISH).content.decode()
    assert alternates(english) == {"sv": SWEDISH, "en": ENGLISH, "x-default": SWEDISH}
    assert f'href="{SWEDISH}" lang="sv" hreflang="sv"' in english  # the language switcher
    assert re.search(rf'rel="canonical" href="https?://[^/]+{ENGLISH}"', english)

    swedish = client.get(SWEDISH).content.decode()
    assert alternates(swedish) == {"sv": SWEDISH, "en": ENGLISH, "x-default": SWEDISH}
    assert f'href="{ENGLISH}"' in swedish


def test_without_a_published_translation_the_english_page_shows_the_swedish_story(client, story):
    translate(story, publish=False)  # a draft is not shown
    response = client.get("/en" + SWEDISH)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This story is only available in Swedish." in html
    assert '<h1 lang="sv">Räddningstjänst i Poti</h1>' in html
    assert alternates(html)["en"] == "/en" + SWEDISH
    assert client.get(ENGLISH).status_code == 404  # the draft has no page


def test_a_translation_is_not_shown_while_its_swedish_story_is_unpublished(
    client, story, translated
):
    story.unpublish()
    assert client.get(ENGLISH).status_code == 404
    assert client.get("/en" + SWEDISH).status_code == 404


def test_the_translation_moves_with_its_story(story, translated):
    salem = MunicipalityPage.objects.get(municipality__code="0128")
    story.move(salem, pos="last-child")
    translated = StoryPage.objects.get(pk=translated.pk)
    assert translated.get_parent().pk == salem.pk
    assert translated.url == "/en/kommuner/salem/rescue-in-poti/"
    assert translated.municipality_id is None
    assert StoryPage.objects.get(pk=story.pk).municipality.code == "0128"


def test_english_listings_show_the_translation_and_swedish_ones_the_story(
    client, story, translated
):
    other = make_story(title="Vatten i Kisumu", slug="vatten-i-kisumu")
    for path in ("/en/berattelser/", "/en/kommuner/osthammar/", "/en/mal/sdg-11/", "/en/"):
        html = client.get(path).content.decode()
        assert f'<a href="{ENGLISH}">Rescue services in Poti</a>' in html, path
        assert "Räddningstjänst i Poti" not in html, path
        assert "Vatten i Kisumu" in html, path  # stories without a translation stay Swedish
        assert html.count("Rescue services in Poti</a>") == 1, path
    for path in ("/berattelser/", "/kommuner/osthammar/", "/mal/sdg-11/", "/"):
        html = client.get(path).content.decode()
        assert "Räddningstjänst i Poti" in html, path
        assert "Rescue services in Poti" not in html, path
    del other


def test_a_translation_is_never_counted_as_a_story_of_its_own(client, story, translated):
    assert list(StoryPage.objects.published()) == [story]
    assert story.municipality.stories.filter(live=True).count() == 1
    api = client.get("/api/v1/stories").json()
    assert api["count"] == 1
    assert [row["id"] for row in api["results"]] == [story.pk]
    statistics = client.get("/statistik/berattelser-per-lan.csv").content.decode()
    assert "Uppsala län,1" in statistics.replace(";", ",").replace('"', "")
    feed = client.get("/flode/berattelser.atom").content.decode()
    assert feed.count("<item>") + feed.count("<entry>") == 1
    results = client.get("/sok/", {"q": "Poti"}).content.decode()
    assert len(re.findall(r'<article class="search-result[ "]', results)) == 1


def sitemap_paths(client):
    sitemap = client.get("/sitemap.xml")
    text = b"".join(sitemap.streaming_content if sitemap.streaming else [sitemap.content])
    urls = re.findall(r"<loc>https?://[^/]+([^<]+)</loc>", text.decode())
    pages = "".join(client.get(url).content.decode() for url in urls if "sitemap" in url)
    return urls + re.findall(r"<loc>https?://[^/]+([^<]+)</loc>", pages)


def test_the_sitemap_lists_the_translation_beside_the_story(client, story, translated):
    urls = sitemap_paths(client)
    assert SWEDISH in urls
    assert ENGLISH in urls

    story.unpublish()
    assert ENGLISH not in sitemap_paths(client)


def test_the_translation_s_structured_data_names_its_language_and_original(
    client, story, translated
):
    html = client.get(ENGLISH).content.decode()
    assert '"inLanguage":"en"' in html
    assert '"headline":"Rescue services in Poti"' in html
    assert "translationOfWork" in html
    assert SWEDISH in html.split("translationOfWork", 1)[1][:300]


def test_translated_story_page_query_count_is_bounded(story, translated, count_queries):
    _response, swedish = count_queries(SWEDISH)
    response, english = count_queries(ENGLISH)
    assert response.status_code == 200
    # The Swedish story's own page plus the lookup of the original.
    assert english <= swedish + 2


def test_the_api_gives_each_story_with_its_published_translations(client, story, translated):
    detail = client.get(f"/api/v1/stories/{story.pk}").json()
    assert detail["language"] == "sv"
    assert detail["title"] == "Räddningstjänst i Poti"
    [english] = detail["translations"]
    assert english["language"] == "en"
    assert english["title"] == "Rescue services in Poti"
    assert english["teaser"] == "Östhammar and Poti train rescue operations together."
    assert english["url"].endswith(ENGLISH)
    # The translation is not a story of its own in the API.
    assert client.get(f"/api/v1/stories/{translated.pk}").status_code == 404
    listed = client.get("/api/v1/stories").json()["results"]
    assert [row["translations"][0]["title"] for row in listed] == ["Rescue services in Poti"]
    exported = client.get("/api/v1/exports/stories.json")
    rows = json.loads(
        b"".join(exported.streaming_content) if exported.streaming else exported.content
    )
    assert rows[0]["translations"][0]["language"] == "en"


def test_a_draft_translation_is_not_in_the_api(client, story):
    translate(story, publish=False)
    assert client.get(f"/api/v1/stories/{story.pk}").json()["translations"] == []


def test_image_descriptions_are_marked_swedish_on_english_pages(client, story, translated):
    from millenniekommunerna.images.factories import CustomImageFactory

    story.hero_image = CustomImageFactory(description="Brandmän övar i Poti")
    story.save_revision().publish()
    english = client.get(ENGLISH).content.decode()
    assert re.search(r'<img [^>]*alt="Brandmän övar i Poti"[^>]*lang="sv"', english) or re.search(
        r'<img [^>]*lang="sv"[^>]*alt="Brandmän övar i Poti"', english
    )
    listing = client.get("/en/berattelser/").content.decode()
    assert re.search(r'<div class="card-media" lang="sv">\s*(<!--.*?-->)?\s*<img', listing)
    swedish = client.get(SWEDISH).content.decode()
    assert not re.search(r'<img [^>]*lang="sv"', swedish)  # Swedish already, as the page
