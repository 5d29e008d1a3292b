"""The story listing, `/berattelser/`, against any query string (hypothesis,
tests/properties.py): the listing, or a 404 for a page number out of range; never a server
error, and nothing from the query string in the page unescaped."""

import pytest
from django.core.cache import cache
from hypothesis import given

from millenniekommunerna.stories.listing.params import (
    FILTER_PARAMS,
    PARAM_PAGE,
    PARAM_QUERY,
    PARAM_SORT,
)
from tests.properties import query_strings

pytestmark = pytest.mark.django_db

NAMES = [*FILTER_PARAMS, PARAM_PAGE, PARAM_SORT, PARAM_QUERY]
# Real values, so that examples combine filters that match stories, too.
VALUES = [
    "sdg-12",
    "MDG-7",
    "dalarnas-lan",
    "varmlands-lan",
    "osthammar",
    "kristinehamn",
    "ke",
    "ZA",
    "2012",
    "2010-2015",
    "2015–2010",
    "ja",
    "relevans",
    "nyast",
    "2",
    "<script>alert(1)</script>",
]
SCRIPT = b"<script>alert(1)"


@pytest.mark.usefixtures("seed_import")
def test_any_query_string_gives_the_listing_or_a_404(client, examples):
    @given(query=query_strings(NAMES, VALUES))
    @examples.settings(40)
    def check(query):
        examples.count()
        cache.clear()  # the rate limit of filtered listings counts in the cache
        response = client.get(f"/berattelser/?{query}")
        assert response.status_code in (200, 404), query
        assert SCRIPT not in response.content

    check()
    examples.assert_ran()
