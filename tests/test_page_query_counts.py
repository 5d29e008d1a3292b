"""Every public page type costs a bounded number of database queries on the seeded site,
both cold (the first request after a story is published, with an empty cache) and warm (the
same request again). The bounds are a little above what was measured on SQLite."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

STORY = "/kommuner/osthammar/raddningstjanst-i-poti-och-osthammar/"

# page type: (URL, most queries cold, most queries warm), two above the measured counts
PAGES = {
    "home": ("/", 15, 12),  # measured 13 cold, 10 warm
    "story-index": ("/berattelser/", 19, 13),  # measured 17 cold, 11 warm
    "story-index-filtered": ("/berattelser/?mal=mdg-8&sida=2", 20, 14),  # measured 18 cold, 12 warm
    "story": (STORY, 27, 25),  # measured 25 cold, 23 warm
    "municipality-index": ("/kommuner/", 15, 12),  # measured 13 cold, 10 warm
    "municipality": ("/kommuner/osthammar/", 21, 19),  # measured 19 cold, 17 warm
    "goal-index": ("/mal/", 15, 12),  # measured 13 cold, 10 warm
    "goal": ("/mal/sdg-12/", 20, 18),  # measured 18 cold, 16 warm
    "partner-place": ("/karta/orter/poti/", 12, 10),  # measured 10 cold, 8 warm
    "map": ("/karta/", 15, 5),  # measured 13 cold (9 + the partner countries' 4), 3 warm
    "statistics": ("/statistik/", 16, 5),  # measured 14 cold, 3 warm
    "open-data": ("/oppna-data/", 13, 11),  # measured 11 cold, 9 warm
    "accessibility-statement": ("/tillganglighet/", 13, 11),  # measured 11 cold, 9 warm
    "search": ("/sok/?q=skola", 15, 13),  # measured 13 cold, 11 warm
}


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


class TestSeededSite:
    @pytest.fixture(autouse=True)
    def _seed(self, seeded):
        pass

    @pytest.mark.parametrize("page_type", PAGES)
    def test_query_count_is_bounded_cold_and_warm(self, client, page_type):
        url, most_cold, most_warm = PAGES[page_type]
        story = StoryPage.objects.live().order_by("pk").first()
        story.save_revision().publish()
        cache.clear()

        cold = queries(client, url)
        warm = queries(client, url)

        assert cold <= most_cold, f"{page_type}: {cold} queries cold"
        assert warm <= most_warm, f"{page_type}: {warm} queries warm"
