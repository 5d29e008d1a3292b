"""A story whose full text is missing is no dead end: it says so and offers the municipality's
page and website, related stories and the tip form filled in for the story; and the map,
statistics, open data and the tip form are reachable from every page, in both languages."""

import pytest

from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db


def test_a_story_without_its_text_offers_what_exists(client, seed_import):
    story = StoryPage.objects.get(title="Skolor minskar matsvinn i rekordfart")
    html = client.get(story.url).content.decode()
    box = html.split('class="empty-state story-missing"', 1)[1].split("</div>", 1)[0]
    assert "Hela berättelsen har inte publicerats här ännu." in box
    assert 'href="/kommuner/kristinehamn/">Mer från Kristinehamns kommun</a>' in box
    assert story.municipality.website and f'href="{story.municipality.website}"' in box
    assert 'href="#related-stories-heading"' in box and 'id="related-stories-heading"' in html
    assert (
        f'href="/tipsa/?berattelse={story.pk}" rel="nofollow">Vet du mer om projektet? Tipsa oss</a>'
        in box
    )


def test_the_tip_form_is_filled_in_for_the_story(client, seed_import):
    story = StoryPage.objects.get(title="Skolor minskar matsvinn i rekordfart")
    form = client.get(f"/tipsa/?berattelse={story.pk}").context["form"]
    assert form.initial["municipality"] == "1781"
    assert form.initial["title"] == story.title
    assert form.initial["text"].startswith(f"Om berättelsen ”{story.title}” (http://testserver")


@pytest.mark.parametrize("value", ["abc", "-1", "99999999", "1" * 40, ""])
def test_a_tip_link_to_no_published_story_gives_the_empty_form(client, db, value):
    response = client.get("/tipsa/", {"berattelse": value})
    assert response.status_code == 200
    assert "title" not in response.context["form"].initial


def test_a_draft_story_is_not_offered_to_the_tip_form(client, db):
    draft = StoryPageFactory(live=False, first_published_at=None)
    assert "title" not in client.get(f"/tipsa/?berattelse={draft.pk}").context["form"].initial


def test_a_story_with_its_text_has_no_such_box(client, db):
    story = StoryPageFactory(body=[("paragraph", "<p>Hela texten.</p>")])
    assert "story-missing" not in client.get(story.url).content.decode()


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", ["/", "/berattelser/", "/kommuner/kristinehamn/", "/mal/"])
def test_map_statistics_open_data_and_tips_are_linked_from_every_page(
    client, seed_import, prefix, path
):
    html = client.get(prefix + path).content.decode()
    for target in ("/karta/", "/statistik/", "/oppna-data/", "/tipsa/"):
        assert f'href="{prefix}{target}"' in html, (prefix + path, target)
