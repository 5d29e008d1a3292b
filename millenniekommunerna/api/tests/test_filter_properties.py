"""The API's filters against any values (hypothesis, tests/properties.py): 200, or 400 (404 for
a page or a thing that does not exist) with an English error in the shape the OpenAPI document
gives; never a server error. Schemathesis (test_openapi.py) generates requests from the
document; these go outside it: parameters it does not know, repeated, broken encodings."""

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties import any_text, query_strings

pytestmark = pytest.mark.django_db

DOCUMENT = json.loads(Path(__file__).with_name("openapi-v1.json").read_text(encoding="utf-8"))
ERROR = DOCUMENT["components"]["schemas"]["Error"]
CODES = {
    "municipality": ["1781", "0382", "0000", "178", "17811", "１７８１"],
    "county": ["17", "03", "99", "1"],
    "goal": ["sdg-12", "mdg-7", "SDG-12", "sdg-18", "mdg-0", "sdg-012"],
    "country": ["KE", "ZA", "ke", "XX", "KEN"],
    "year": ["2012", "1949", "2101", "2012.0", "２０１２", "-2012"],
    "updated_since": [
        "2024-05-01",
        "2024-05-01T12:00:00Z",
        "2024-5-1",
        "2024-02-30",
        "2024-13-01",
        "2024-05-01T25:00",
        "0001-01-01",
        "9999-12-31T23:59:59+14:00",
        "2024-05-01T12:00:00+99:00",
    ],
    "review_state": ["current", "due", "out_of_date", "CURRENT", "stale", ""],
    "q": ["matsvinn", "och", '"', "*", "x" * 201],
    "page": ["1", "2", "0", "100000", "100001", "1.0"],
    "page_size": ["1", "100", "101", "0"],
    "millennium": ["true", "false", "ja", "1", "TRUE"],
}
ENDPOINTS = {
    "/api/v1/stories": [
        "municipality",
        "county",
        "goal",
        "country",
        "year",
        "updated_since",
        "review_state",
        "q",
        "page",
        "page_size",
    ],
    "/api/v1/municipalities": ["county", "millennium"],
    "/api/v1/partner-places": ["country"],
    "/api/v1/exports/stories.csv": [],
    "/api/v1/exports/stories.json": [],
}
# How the API's errors begin (service.py, filters.py, endpoints/).
ENGLISH = re.compile(
    r"^(Bad value for ['\"]|Unknown query parameter ['\"]|There is no |[a-z_]+=.+: there is no |"
    r"updated_since=.* is not a date|Not found)"
)


def assert_documented(response):
    assert response.status_code in (200, 400, 404), response.content[:300]
    if response.status_code == 200:
        return
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    # The Error schema: `detail` (required) a string, `errors` a list of objects or null.
    assert set(ERROR["required"]) <= set(body) <= set(ERROR["properties"])
    assert isinstance(body["detail"], str)
    assert ENGLISH.match(body["detail"]), body["detail"]
    errors = body.get("errors")
    assert errors is None or isinstance(errors, list)
    for error in errors or []:
        assert set(error) == {"parameter", "message"}
        assert ENGLISH.match(error["message"]), error["message"]


@pytest.fixture
def stories(make_rich_story, settings):
    settings.API_RATE_LIMIT = 0  # many requests; the limit has tests of its own
    make_rich_story()
    make_rich_story(municipality_code="0382", year_end=None)


@pytest.mark.usefixtures("stories")
def test_any_filter_values_give_an_answer_or_a_documented_error(client, examples):
    @given(data=st.data(), endpoint=st.sampled_from(sorted(ENDPOINTS)))
    @examples.settings(60)
    def check(data, endpoint):
        examples.count()
        # Each endpoint's own parameters, and the others' as parameters it does not take.
        own = {name: CODES[name] for name in ENDPOINTS[endpoint]}
        query = data.draw(query_strings(own) | query_strings(CODES))
        assert_documented(client.get(f"{endpoint}?{query}"))

    check()
    examples.assert_ran()


@pytest.mark.usefixtures("stories")
def test_any_id_or_code_in_the_path_gives_an_answer_or_a_documented_error(client, examples):
    @given(
        collection=st.sampled_from(["stories", "municipalities"]),
        key=st.sampled_from(["1", "0", "-1", "1781", "0382", str(2**31), "1.5"]) | any_text(),
    )
    @examples.settings(30)
    def check(collection, key):
        examples.count()
        assert_documented(client.get(f"/api/v1/{collection}/{quote(key, safe='')}"))

    check()
    examples.assert_ran()
