"""The maps and statistics are cached, and the cache is dropped when what they show changes."""

import html

import pytest

from millenniekommunerna.core import derived_cache as story_cache
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

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
    StoryPageFactory(municipality_code="0382")  # created published, as the importer does
    assert label(client, "Östhammar") == "Östhammar: 1 berättelse"
    draft = StoryPageFactory(municipality_code="0382", live=False, first_published_at=None)
    assert label(client, "Östhammar") == "Östhammar: 1 berättelse"
    # Written straight to the database (a bulk update) it sends no signal: the cached map stays.
    StoryPage.objects.filter(pk=draft.pk).update(live=True)
    assert label(client, "Östhammar") == "Östhammar: 1 berättelse"
    StoryPage.objects.get(pk=draft.pk).save_revision().publish()
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


def test_story_counts_and_listing_facets_follow_publishing(client):
    """The municipality and goal indexes, the home page's figures and the story listing's
    facets are kept in the same cache, and change when a story is published or unpublished."""
    import re

    from millenniekommunerna.goals.models import Goal

    def salem_on_municipality_index():
        text = html.unescape(client.get("/kommuner/").content.decode())
        item = text[text.index('href="/kommuner/salem/"') :].split("</li>", 1)[0]
        found = re.search(r"(\d+) berättelse", item)
        return int(found.group(1)) if found else 0

    def goal_tile_count(slug):
        text = html.unescape(client.get("/mal/").content.decode())
        tile = text[text.index(f'href="/mal/{slug}/"') :].split("</a>", 1)[0]
        return int(re.search(r"(\d+) berättelse", tile).group(1))

    def salem_facet():
        text = client.get("/berattelser/").content.decode()
        option = re.search(r'data-facet="salem">.*?facet-option__count">(\d+)', text, flags=re.S)
        return int(option.group(1)) if option else 0

    def home_figures():
        text = html.unescape(client.get("/").content.decode())
        return re.sub(
            r"\s+", " ", text.split('class="intro-band__stats">', 1)[1].split("</p>")[0]
        ).strip()

    goal = Goal.objects.get(slug="sdg-7")
    StoryPageFactory(municipality_code="0382", goals=[goal])
    before = (
        salem_on_municipality_index(),
        goal_tile_count("sdg-7"),
        salem_facet(),
        home_figures(),
    )
    assert before == (0, 1, 0, "1 berättelse från 1 kommun")

    story = StoryPageFactory(municipality_code="0128", live=False, first_published_at=None)
    story.goals.set([goal])
    story.save_revision().publish()
    after = (salem_on_municipality_index(), goal_tile_count("sdg-7"), salem_facet(), home_figures())
    assert after == (1, 2, 1, "2 berättelser från 2 kommuner")

    StoryPage.objects.get(pk=story.pk).unpublish()
    assert (salem_on_municipality_index(), goal_tile_count("sdg-7"), salem_facet()) == (0, 1, 0)
