"""The search page, `/sok/`, against any query string (hypothesis, tests/properties.py): the
results page, never a server error, and nothing from the query string in the page
unescaped."""

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

NAMES = [PARAM_QUERY, PARAM_QUERY, *FILTER_PARAMS, PARAM_PAGE, PARAM_SORT]
# Real values, so that examples find stories and combine filters that match them, too.
VALUES = [
    "matsvinn",
    "biogas Älmhult",
    "och i att",
    "kenya skolor",
    "sdg-12",
    "mdg-7",
    "varmlands-lan",
    "nacka",
    "ke",
    "2012",
    "nej",
    "relevans",
    "nyast",
    "3",
    '"',
    "*",
    "<script>alert(1)</script>",
]
SCRIPT = b"<script>alert(1)"


def test_any_query_string_gives_a_page_of_results(seed_stories, client, examples):
    @given(query=query_strings(NAMES, VALUES))
    @examples.settings(40)
    def check(query):
        examples.count()
        cache.clear()  # the rate limit of searches counts in the cache
        response = client.get(f"/sok/?{query}")
        assert response.status_code in (200, 400, 404), query
        assert SCRIPT not in response.content

    check()
    examples.assert_ran()
