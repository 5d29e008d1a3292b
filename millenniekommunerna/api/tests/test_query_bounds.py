"""What each API answer and export costs in queries, for the first request after a publication
(every cache empty, the image renditions made long ago) and for the next one, over stories with everything a story can have: body
images, a published translation, results, stories adapted from each other and partnerships
with other municipalities. Each bound is what the answer costs now, so that a lost
`select_related` or `prefetch_related` (the same answer, one query per story) fails here; the
tests beside it show that the counts do not grow with the number of stories."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from millenniekommunerna.api.tests.test_partnerships import make as make_partnership
from millenniekommunerna.editorial.translation import translate_story
from millenniekommunerna.partnerships.models import FundingProgramme
from millenniekommunerna.stories.factories import StoryResultFactory

pytestmark = pytest.mark.django_db

# url: (cold, warm); cold counts the content types Django keeps for the life of a process.
BOUNDS = {
    "/api/v1/stories": (26, 17),
    "/api/v1/stories/{story}": (22, 17),
    "/api/v1/municipalities": (9, 3),
    "/api/v1/municipalities/1781": (9, 3),
    "/api/v1/counties": (8, 2),
    "/api/v1/goals": (12, 6),
    "/api/v1/partner-places": (10, 4),
    "/api/v1/partnerships": (14, 7),
    "/api/v1/partnerships/{partnership}": (13, 7),
    "/api/v1/exports/stories.csv": (25, 19),
    "/api/v1/exports/stories.json": (27, 19),
    "/api/v1/exports/partnerships.csv": (14, 8),
    "/api/v1/exports/partnerships.json": (14, 8),
}


@pytest.fixture
def everything(make_rich_story):
    """Three rich stories in three municipalities, one translated into English, each adapted
    from the one before, all in two partnerships with other municipalities and programmes."""
    a = make_rich_story(municipality_code="1781", title="Matsvinnet halveras")
    b = make_rich_story(municipality_code="0182", title="Vågen i matsalen")
    c = make_rich_story(municipality_code="0382", title="Vi vägde också")
    translated, _created = translate_story(a, "en", None)
    translated.save_revision().publish()
    a.adapted_from = b
    a.save_revision().publish()
    c.adapted_from = a
    c.save_revision().publish()
    StoryResultFactory(page=b, unit="%")
    poti = make_partnership(
        "0382",
        "Poti",
        others=["1781", "0182"],
        goals=["sdg-11", "sdg-6"],
        funding_programme=FundingProgramme.objects.get(slug="icld"),
    )
    kisumu = make_partnership(
        "0182",
        "Kisumu",
        others=["0382"],
        goals=["sdg-6"],
        funding_programme=FundingProgramme.objects.get(slug="sida"),
    )
    for story in (a, b, c):
        story.partnerships.set([poti, kisumu])
    return {"story": a.pk, "partnership": poti.slug}


def queries(client, url):
    """The number of queries of a GET, a streamed export read to its end."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, (url, body[:300])
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", BOUNDS)
def test_each_answer_has_an_upper_bound_cold_and_warm(client, everything, url):
    cold_bound, warm_bound = BOUNDS[url]
    url = url.format(**everything)
    queries(client, url)  # the image renditions are made once, on the first request ever
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()
    cold = queries(client, url)
    warm = queries(client, url)
    assert cold <= cold_bound and warm <= warm_bound, (cold, warm)
