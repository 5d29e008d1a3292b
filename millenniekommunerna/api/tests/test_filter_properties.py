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
ENDPOINTS = {
    "/api/v1/stories": [
        "municipality",
        "county",
        "goal",
        "country",
        "year",
        "updated_since",
        "q",
        "page",
        "page_size",
    ],
    "/api/v1/municipalities": ["county", "millennium"],
    "/api/v1/partner-places": ["country"],
    "/api/v1/exports/stories.csv": [],
    "/api/v1/exports/stories.json": [],
}
# Real values, so that examples combine filters that match stories, too.
VALUES = [
    "1781",
    "0382",
    "17",
    "sdg-12",
    "mdg-7",
    "sdg-18",
    "KE",
    "ZA",
    "ke",
    "2012",
    "1949",
    "2024-05-01",
    "2024-05-01T12:00:00Z",
    "2024-02-30",
    "0001-01-01",
    "matsvinn",
    "true",
    "false",
    "1",
    "100",
    "101",
    "0",
]
# How the API's errors begin (service.py, filters.py, endpoints/).
ENGLISH = re.compile(
    r"^(Bad value for '|Unknown query parameter '|There is no |[a-z_]+=.+: there is no |"
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
        query = data.draw(query_strings(ENDPOINTS[endpoint] or ["page"], VALUES))
        assert_documented(client.get(f"{endpoint}?{query}"))

    check()
    examples.assert_ran()


@pytest.mark.usefixtures("stories")
def test_any_id_or_code_in_the_path_gives_an_answer_or_a_documented_error(client, examples):
    @given(
        collection=st.sampled_from(["stories", "municipalities"]),
        key=st.sampled_from(["1", "0", "-1", "1781", "0382", "9" * 40, "1.5"]) | any_text(),
    )
    @examples.settings(30)
    def check(collection, key):
        examples.count()
        assert_documented(client.get(f"/api/v1/{collection}/{quote(key, safe='')}"))

    check()
    examples.assert_ran()
