"""What readers and the API see of a story's review: the date, the "Inaktuell" badge with its
explanation, the listing's filter and the API's `review_state`."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from millenniekommunerna.stories.factories import StoryPageFactory

from .conftest import story_reviewed_at

pytestmark = pytest.mark.django_db

EXPLANATION = "Uppgifterna har inte bekräftats på över två år"
STORIES = "/api/v1/stories"


def header(page):
    """The story's own header, without the related stories' cards below it."""
    return page.split('<header class="story__header">', 1)[1].split("</header>", 1)[0]


def months_ago(months):
    return timezone.now() - timedelta(days=round(months * 30.5))


@pytest.fixture
def municipality_page(db):
    from millenniekommunerna.municipalities.models import MunicipalityPage

    return MunicipalityPage.objects.get(municipality__code="0382")


@pytest.fixture
def three_states(municipality_page):
    return {
        "current": story_reviewed_at(municipality_page, months_ago(2), title="Färsk berättelse"),
        "due": story_reviewed_at(municipality_page, months_ago(18), title="Snart gammal"),
        "out_of_date": story_reviewed_at(
            municipality_page, datetime(2020, 3, 5, 12, tzinfo=UTC), title="Gammal berättelse"
        ),
    }


def test_the_story_page_says_when_it_was_last_reviewed(client, three_states):
    page = header(client.get(three_states["current"].url).content.decode())
    reviewed = three_states["current"].last_reviewed_at
    assert "Senast granskad" in page
    assert f'<time datetime="{timezone.localtime(reviewed):%Y-%m-%d}">' in page
    assert "Inaktuell" not in page and EXPLANATION not in page


def test_an_out_of_date_story_is_marked_in_words_with_the_reason(client, three_states):
    page = header(client.get(three_states["out_of_date"].url).content.decode())
    assert "Inaktuell" in page
    assert EXPLANATION in page
    assert 'Senast granskad <time datetime="2020-03-05">5 mars 2020</time>' in page


def test_a_story_due_for_review_is_not_marked_for_readers(client, three_states):
    page = header(client.get(three_states["due"].url).content.decode())
    assert "Senast granskad" in page
    assert "Inaktuell" not in page


def test_cards_show_the_review_date_and_the_badge(client, three_states, story_index):
    listing = client.get(story_index.url).content.decode()
    cards = {
        key: listing.split(story.title, 1)[1].split("</article>", 1)[0]
        for key, story in three_states.items()
    }
    assert "Senast granskad" in cards["current"] and "Inaktuell" not in cards["current"]
    assert "Inaktuell" in cards["out_of_date"] and "5 mars 2020" in cards["out_of_date"]


def test_a_never_reviewed_story_is_out_of_date_without_a_date(client, municipality_page):
    story = StoryPageFactory(parent=municipality_page, title="Aldrig granskad")
    page = header(client.get(story.url).content.decode())
    assert "Inaktuell" in page and "Senast granskad" not in page


def test_the_listing_filter_shows_only_the_chosen_state(client, three_states, story_index):
    page = client.get(f"{story_index.url}?aktualitet=inaktuella").content.decode()
    assert "Gammal berättelse" in page
    assert "Färsk berättelse" not in page and "Snart gammal" not in page
    page = client.get(f"{story_index.url}?aktualitet=aktuella").content.decode()
    assert "Färsk berättelse" in page and "Snart gammal" in page
    assert "Gammal berättelse" not in page


def test_an_unknown_listing_value_is_left_out_with_a_notice(client, three_states, story_index):
    response = client.get(f"{story_index.url}?aktualitet=gamla")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Filtret på om en berättelse är aktuell tar" in page
    assert "Gammal berättelse" in page and "Färsk berättelse" in page


def test_the_api_filters_by_review_state(client, three_states):
    for state, story in three_states.items():
        data = client.get(f"{STORIES}?review_state={state}").json()
        assert [found["id"] for found in data["results"]] == [story.pk], state
    assert client.get(STORIES).json()["count"] == 3


def test_the_api_refuses_an_unknown_review_state(client, three_states):
    response = client.get(f"{STORIES}?review_state=old")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "review_state" in detail and "current, due or out_of_date" in detail


def test_cards_take_no_query_for_the_review(count_queries, municipality_page, story_index):
    story_reviewed_at(municipality_page, months_ago(30))
    _, few = count_queries(story_index.url)
    for months in (1, 13, 40):
        story_reviewed_at(municipality_page, months_ago(months))
    response, more = count_queries(story_index.url)
    assert response.content.decode().count("Senast granskad") == 4
    assert more == few


def test_the_api_says_a_review_state_list_changed_at_the_start_of_the_day(
    client, three_states, monkeypatch
):
    from millenniekommunerna.api.endpoints import stories as endpoint
    from millenniekommunerna.stories.models.review_state import start_of_day

    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    monkeypatch.setattr(endpoint, "data_last_modified", lambda: long_ago)
    response = client.get(f"{STORIES}?review_state=due")
    assert response["Last-Modified"] == http_date(start_of_day().timestamp())
    assert client.get(STORIES)["Last-Modified"] == http_date(long_ago.timestamp())
