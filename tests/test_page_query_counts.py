"""Every public page type costs a bounded number of database queries on the seeded site,
both cold (the first request after a story is published, with an empty cache) and warm (the
same request again). The bounds are a little above what was measured on SQLite; warm, no public
page may cost more than ten (the site, its menus and breadcrumbs, a story's related stories
and whether any page is restricted come from the derived-data cache)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

STORY = "/kommuner/osthammar/raddningstjanst-i-poti-och-osthammar/"

# page type: (URL, most queries cold, most queries warm), two above the measured counts
MOST_WARM = 10
PAGES = {
    "home": ("/", 13, 5),  # measured 11 cold, 3 warm
    "story-index": ("/berattelser/", 17, 6),  # measured 15 cold, 4 warm
    "story-index-filtered": ("/berattelser/?mal=mdg-8&sida=2", 19, 8),  # measured 17 cold, 6 warm
    "story": (STORY, 22, 9),  # measured 20 cold, 7 warm
    "municipality-index": ("/kommuner/", 13, 5),  # measured 11 cold, 3 warm
    "municipality": ("/kommuner/osthammar/", 19, 10),  # measured 17 cold, 5 warm
    "goal-index": ("/mal/", 13, 5),  # measured 11 cold, 3 warm
    "goal": ("/mal/sdg-12/", 16, 9),  # measured 14 cold, 7 warm
    "partner-place": ("/karta/orter/poti/", 15, 7),  # measured 13 cold, 3 warm
    "map": ("/karta/", 16, 2),  # measured 14 cold, 0 warm
    "statistics": ("/statistik/", 19, 2),  # measured 17 cold, 0 warm
    "open-data": ("/oppna-data/", 11, 4),  # measured 9 cold, 2 warm
    "accessibility-statement": ("/tillganglighet/", 11, 4),  # measured 9 cold, 2 warm
    "search": ("/sok/?q=skola", 16, 10),  # measured 14 cold, 8 warm
    "partnership-index": ("/samarbeten/", 20, 5),  # measured 18 cold, 3 warm
    "partnership-index-filtered": ("/samarbeten/?lan=uppsala&land=ge", 20, 5),  # 18 cold, 3 warm
    "partnership": ("/samarbeten/osthammar-poti/", 12, 6),  # measured 10 cold, 4 warm
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
        assert warm <= most_warm <= MOST_WARM, f"{page_type}: {warm} queries warm"
