"""The story listing, `/berattelser/`, against any query string (hypothesis,
tests/properties.py): the listing, or a 404 for a page number out of range; never a server
error, and nothing from the query string in the page unescaped."""

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
# Real values, so that examples combine filters that match stories, and values that are not.
VALUES = {
    PARAM_GOAL: ["sdg-12", "MDG-7", "sdg-18", SCRIPT_VALUE],
    PARAM_COUNTY: ["dalarnas-lan", "varmlands-lan", "lan", SCRIPT_VALUE],
    PARAM_MUNICIPALITY: ["osthammar", "kristinehamn", "Nacka ", "atlantis"],
    PARAM_COUNTRY: ["ke", "ZA", "xx", "ken"],
    PARAM_YEAR: ["2012", "2010-2015", "2015–2010", "2012-2012", "１２３４", "1949", "2010-"],
    PARAM_MILLENNIUM: ["ja", "nej", "JA", "kanske"],
    PARAM_REVIEW: ["aktuella", "inaktuella", "INAKTUELLA", "gamla"],
    PARAM_SORT: ["relevans", "nyast", "äldst"],
    PARAM_PAGE: ["1", "2", "3", "0", "-1", "1.0", "1.5", "9" * 5000, "٣"],
    PARAM_QUERY: ["matsvinn", SCRIPT_VALUE],
}
SCRIPT = b"<script>alert(1)"


@pytest.mark.usefixtures("seed_import")
def test_any_query_string_gives_the_listing_or_a_404(client, examples):
    @given(query=query_strings(VALUES))
    @examples.settings(40)
    def check(query):
        examples.count()
        cache.clear()  # the rate limit of filtered listings counts in the cache
        response = client.get(f"/berattelser/?{query}")
        assert response.status_code in (200, 404), query
        assert SCRIPT not in response.content

    check()
    examples.assert_ran()


def test_a_nul_character_in_any_filter_is_no_server_error(client):
    """PostgreSQL refuses a text parameter with a NUL character; the listing reads the query
    string without them (found by the property test above on PostgreSQL)."""
    response = client.get(
        "/berattelser/?mal=sdg%0012&lan=%00&kommun=osthammar%00&land=k%00e&ar=%00&q=%00"
    )
    assert response.status_code == 200
    response = client.get("/sok/?q=skola%00&mal=%00")
    assert response.status_code == 200
