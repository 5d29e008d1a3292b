"""Property-based run of the API's own OpenAPI document against the running API (schemathesis,
through the WSGI application): every operation gets generated requests, valid ones and invalid
ones, and every response must be documented, match its schema, never be a server error, and
agree with the spec: valid input accepted, invalid input refused.

The schema is loaded inside the tests (not with `schemathesis.pytest.from_fixture`, which does
not work with pytest 9) because the document lists the codes that exist, so it needs the
database."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from millenniekommunerna.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 30


@pytest.fixture
def wsgi_in_test_transaction():
    """Call the WSGI application as Django's test client does: without closing the database
    connection at the start and end of each request, which would end the test's transaction
    (and, on PostgreSQL, lose the data the test made)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_in_test_transaction, seed_stories, make_rich_story, settings):
    """The document as the running API serves it, over the seed stories plus two stories with
    everything a story can have (body blocks, images, places, countries, years)."""
    settings.API_RATE_LIMIT = 0  # hundreds of requests; the limit has tests of its own
    make_rich_story()
    make_rich_story(municipality_code="0382", year_end=None)
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def run_operations(api_schema, mode):
    failures = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 13  # the docs and the document itself are not operations

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        try:
            check()
        except Unsatisfiable:
            # Nothing can be invalid about a request to an operation without parameters.
            assert mode == GenerationMode.NEGATIVE
            assert not operation.definition.raw.get("parameters"), operation.label
        except Exception as error:
            failures[operation.label] = error
    assert not failures, "\n\n".join(f"{label}:\n{error}" for label, error in failures.items())


def test_api_answers_and_refuses_requests_as_its_document_says(api_schema):
    # One test for both, so that the seed stories are imported once.
    run_operations(api_schema, GenerationMode.POSITIVE)
    run_operations(api_schema, GenerationMode.NEGATIVE)
