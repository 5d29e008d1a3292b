"""/healthz (core.health): up or down for anyone, never cached, never limited."""

import json
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable

pytestmark = pytest.mark.django_db


def test_healthy_is_200_and_says_no_more_than_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]


def test_a_failing_database_check_is_503(client):
    with mock.patch.object(Database, "run", side_effect=ServiceUnavailable("db down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def test_the_database_check_really_asks_the_database(client):
    secret = "could not connect to server at 10.1.2.3 as user mk_prod"
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.temporary_connection",
        side_effect=OperationalError(secret),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"10.1.2.3" not in response.content and b"mk_prod" not in response.content


def test_the_health_check_is_never_taken_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    assert client.get("/healthz").status_code == 200
    with mock.patch.object(Database, "run", side_effect=ServiceUnavailable("db down")):
        assert client.get("/healthz").status_code == 503


def test_the_health_check_is_not_rate_limited(client, settings):
    settings.API_RATE_LIMIT = 1
    settings.EXPENSIVE_RATE_LIMIT = 1
    assert [client.get("/healthz").status_code for _ in range(4)] == [200] * 4


def test_crawlers_are_kept_away_from_it(client):
    assert "Disallow: /healthz\n" in client.get("/robots.txt").content.decode()


def test_a_load_balancer_may_ask_over_plain_http_in_production(client, settings):
    """The production settings' HTTPS redirect spares /healthz (read in a process of their own:
    they refuse to load without a key and hosts)."""
    code = (
        "import json; from millenniekommunerna.settings import production as p; "
        "print(json.dumps([p.SECURE_SSL_REDIRECT, p.SECURE_REDIRECT_EXEMPT]))"
    )
    environment = {**os.environ, "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "testserver"}
    output = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, check=True, text=True
    ).stdout
    settings.SECURE_SSL_REDIRECT, settings.SECURE_REDIRECT_EXEMPT = json.loads(output)
    assert settings.SECURE_SSL_REDIRECT is True
    assert client.get("/healthz").status_code == 200
    assert client.get("/robots.txt").status_code == 301
