"""The search page, `/sok/`, against any query string (hypothesis, tests/properties.py): the
results page, never a server error, and nothing from the query string in the page
unescaped."""

import pytest
from django.core.cache import cache
from hypothesis import given

from millenniekommunerna.stories.listing.params import (
    PARAM_COUNTRY,
    PARAM_COUNTY,
    PARAM_GOAL,
    PARAM_MILLENNIUM,
    PARAM_MUNICIPALITY,
    PARAM_PAGE,
    PARAM_QUERY,
    PARAM_REVIEW,
    PARAM_SORT,
    PARAM_YEAR,
)
from tests.properties import query_strings

pytestmark = pytest.mark.django_db

SCRIPT_VALUE = "<script>alert(1)</script>"
# Words that find stories, words too common to search for, search syntax, and the listing's
# filters with real values and others.
VALUES = {
    PARAM_QUERY: [
        "matsvinn",
        "biogas Älmhult",
        "och i att",
        "kenya skolor",
        "Östhammar",
        '"',
        "*",
        "a OR b",
        "-x",
        "x" * 300,
        " ".join(["skola"] * 50),
        SCRIPT_VALUE,
    ],
    PARAM_GOAL: ["sdg-12", "mdg-7", "sdg-18"],
    PARAM_COUNTY: ["varmlands-lan", SCRIPT_VALUE],
    PARAM_MUNICIPALITY: ["nacka", "atlantis"],
    PARAM_COUNTRY: ["ke", "xx"],
    PARAM_YEAR: ["2012", "2010-2015", "2015-2010"],
    PARAM_MILLENNIUM: ["ja", "nej", "kanske"],
    PARAM_REVIEW: ["aktuella", "inaktuella", "INAKTUELLA", "gamla"],
    PARAM_SORT: ["relevans", "nyast"],
    PARAM_PAGE: ["1", "2", "0", "-1", "abc", "1.5", "9" * 5000, "٣"],
}
SCRIPT = b"<script>alert(1)"


def test_any_query_string_gives_a_page_of_results(seed_stories, client, examples):
    @given(query=query_strings(VALUES))
    @examples.settings(40)
    def check(query):
        examples.count()
        cache.clear()  # the rate limit of searches counts in the cache
        response = client.get(f"/sok/?{query}")
        assert response.status_code in (200, 400, 404), query
        assert SCRIPT not in response.content

    check()
    examples.assert_ran()
