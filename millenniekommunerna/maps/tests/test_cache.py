"""The maps and statistics are cached, and the cache is dropped when what they show changes."""

import html

import pytest

from millenniekommunerna.maps import cache as story_cache
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def label(client, name):
    """The Sweden map's accessible name for a municipality (`Östhammar: 2 berättelser`)."""
    text = html.unescape(client.get("/karta/").content.decode())
    start = text.index(f'aria-label="{name}: ')
    return text[start + len('aria-label="') : text.index('"', start + len('aria-label="'))]


def stories_in_county(client, county):
    rows = html.unescape(client.get("/statistik/").content.decode()).split("<tr>")
    row = next(r for r in rows if f'<th scope="row">{county}</th>' in r)
    return int(row.split('<td class="numeric">')[1].split("<")[0])


def test_the_map_is_served_from_the_cache_until_a_story_changes(client):
    story = StoryPageFactory(municipality_code="0382")  # created live, without a publish signal
    assert label(client, "Östhammar") == "Östhammar: 1 berättelse"
    # A story written straight to the database sends no signal: the cached map stays.
    StoryPageFactory(municipality_code="0382")
    assert label(client, "Östhammar") == "Östhammar: 1 berättelse"
    story.save_revision().publish()
    assert label(client, "Östhammar") == "Östhammar: 2 berättelser"


def test_unpublishing_a_story_updates_map_and_statistics(client):
    story = StoryPageFactory(municipality_code="0382")
    assert label(client, "Östhammar") == "Östhammar: 1 berättelse"
    assert stories_in_county(client, "Uppsala län") == 1
    story.unpublish()
    assert label(client, "Östhammar") == "Östhammar: 0 berättelser"
    assert stories_in_county(client, "Uppsala län") == 0


def test_moving_a_story_to_another_municipality_updates_the_map(client):
    story = StoryPageFactory(municipality_code="0382")
    assert label(client, "Östhammar") == "Östhammar: 1 berättelse"
    story.move(MunicipalityPage.objects.get(municipality__code="2514"), pos="last-child")
    assert label(client, "Östhammar") == "Östhammar: 0 berättelser"
    assert label(client, "Kalix") == "Kalix: 1 berättelse"
    assert stories_in_county(client, "Norrbottens län") == 1


def test_deleting_a_story_updates_map_and_statistics(client):
    story = StoryPageFactory(municipality_code="2514")
    assert label(client, "Kalix") == "Kalix: 1 berättelse"
    assert stories_in_county(client, "Norrbottens län") == 1
    story.delete()
    assert label(client, "Kalix") == "Kalix: 0 berättelser"
    assert stories_in_county(client, "Norrbottens län") == 0


def test_partnerships_and_millennium_status_update_the_map(client):
    text = client.get("/karta/").content.decode()
    assert 'class="partnership"' not in text
    Partnership.objects.create(
        municipality=Municipality.objects.get(code="0182"),
        partner_place=PartnerPlace.objects.get(slug="kisumu"),
    )
    text = client.get("/karta/").content.decode()
    assert text.count('class="partnership"') == 1
    nacka = Municipality.objects.get(code="0182")
    nacka.is_millennium_municipality = True
    nacka.save()
    assert label(client, "Nacka") == "Nacka: 0 berättelser, Millenniekommun"


def test_invalidation_is_repeated_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    before = story_cache.generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story_cache.invalidate()
    during = story_cache.generation()
    assert during != before
    assert len(callbacks) == 1
    callbacks[0]()
    assert story_cache.generation() not in (before, during)


def test_get_or_build_builds_once_per_generation():
    calls = []

    def build():
        calls.append(1)
        return "value"

    assert story_cache.get_or_build("test", build) == "value"
    assert story_cache.get_or_build("test", build) == "value"
    assert len(calls) == 1
    story_cache.invalidate()
    story_cache.get_or_build("test", build)
    assert len(calls) == 2
