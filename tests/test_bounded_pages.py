"""A long listing is paged through its first pages only, and says so (core.pagination); a
municipality's page is paged to its end (the crawl path to every story)."""

import re

import pytest

from millenniekommunerna.core import pagination
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

NOTICE = re.compile(r'<p class="pagination__bound">\s*Bara de första (\d+) av (\d+) visas')


@pytest.fixture
def many_stories(monkeypatch):
    """25 stories in Arvika, with listings bounded at two pages."""
    monkeypatch.setattr(pagination, "MAX_PAGES", 2)
    return StoryPageFactory.create_batch(25, municipality_code="1784", goals=[])


def page_numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'visually-hidden">Sida </span>(\d+)', html)]


def test_the_story_listing_has_at_most_its_bound_of_pages(client, many_stories):
    first = client.get("/berattelser/").content.decode()
    assert page_numbers(first) == [1, 2]
    assert NOTICE.search(first).groups() == ("24", "25")
    assert client.get("/berattelser/?sida=2").status_code == 200
    assert client.get("/berattelser/?sida=3").status_code == 404


def test_the_search_results_have_at_most_their_bound_of_pages(client, many_stories):
    first = client.get("/sok/", {"q": "Arvika"}).content.decode()
    assert page_numbers(first) == [1, 2]
    assert NOTICE.search(first)
    # A page past the bound is the last page shown, as a page past the end is.
    past = client.get("/sok/", {"q": "Arvika", "sida": "3"})
    assert past.status_code == 200
    assert 'aria-current="page"><span class="visually-hidden">Sida </span>2<' in (
        past.content.decode()
    )


def test_the_home_page_has_at_most_its_bound_of_pages(client, many_stories, monkeypatch):
    from millenniekommunerna.home.models import HomePage

    monkeypatch.setattr(HomePage, "per_page", 10)
    html = client.get("/").content.decode()
    assert page_numbers(html) == [1, 2]
    assert NOTICE.search(html).groups() == ("20", "25")
    assert client.get("/?sida=3").status_code == 404


def test_a_listing_within_its_bound_says_nothing_of_it(client, monkeypatch):
    monkeypatch.setattr(pagination, "MAX_PAGES", 3)
    StoryPageFactory.create_batch(25, municipality_code="1784", goals=[])
    html = client.get("/berattelser/").content.decode()
    assert page_numbers(html) == [1, 2, 3]
    assert "pagination__bound" not in html


def test_a_municipality_is_paged_to_its_end(client, many_stories):
    html = client.get("/kommuner/arvika/").content.decode()
    assert "pagination__bound" not in html
    assert page_numbers(html) == [1, 2, 3]
    last = client.get("/kommuner/arvika/?sida=3").content.decode()
    assert last.count('<h3 class="card-title"') == 25 - 2 * 12
