"""The OpenAPI document is the API's published contract: moving code around must not change a
byte of it. `openapi-v1.json` is the published document (it was byte-identical before and
after the code was split into layers); a change to the contract is made on purpose, by
updating that file in the same commit (and, if it breaks clients, under a new API version).
Since then: stories gained `published` (when and where a story was first published), an
addition that breaks no client; the `year` filter counts a story without years in the years
it was published at its source (the listing's year facet does the same); stories gained what
came of the work (status, results, lessons learned, contact, review state, the stories adapted
from and by, partnerships); partnerships as records (`/partnerships`, `/partnerships/{slug}`
and their exports); a `review_state` filter — additions that break no client."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

PUBLISHED = Path(__file__).with_name("openapi-v1.json")


def test_the_openapi_document_is_byte_identical_to_the_published_one(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.content == PUBLISHED.read_bytes()
