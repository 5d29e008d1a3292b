"""Redis unreachable: the cache misses, nothing fails (core.cache_backends). Anonymous pages
render, rate limits let requests through, editors sign in; sessions and kept database
connections do not depend on the cache. The same with real servers, worker kills and a
database restart: `make fault-test` (docs/operations.md)."""

import logging
import socket

import pytest
from django.core.cache import caches
from django.test import Client

from millenniekommunerna.core import cache_backends
from millenniekommunerna.users.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"

PAGES = [
    "/",
    "/berattelser/",
    "/kommuner/osthammar/",
    "/mal/sdg-12/",
    "/karta/",
    "/statistik/",
    "/flode/berattelser.atom",
    "/en/",
]
# Not in any cache: each one is counted by the limit on expensive requests.
EXPENSIVE = ["/berattelser/?mal=sdg-1", "/berattelser/?mal=sdg-2", "/sok/?q=skola"]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unreachable_redis() -> dict:
    return {
        "default": {
            "BACKEND": "millenniekommunerna.core.cache_backends.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "KEY_PREFIX": "mk",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = unreachable_redis()
    settings.PAGE_CACHE_SECONDS = 300
    settings.EXPENSIVE_RATE_LIMIT = 1
    settings.API_RATE_LIMIT = 1


def test_every_operation_is_a_miss_and_the_error_is_logged_once(caplog):
    cache = cache_backends.DegradingRedisCache(
        unreachable_redis()["default"]["LOCATION"], {"OPTIONS": {"socket_connect_timeout": 0.5}}
    )
    with caplog.at_level(logging.WARNING, logger=cache_backends.__name__):
        assert cache.get("key", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("key") is False
        assert cache.add("key", 1) is False
        assert cache.set("key", 1) is None
        assert cache.set_many({"a": 1}) == ["a"]
        assert cache.touch("key") is False
        assert cache.delete("key") is False
        cache.delete_many(["a"])
        assert cache.get_or_set("key", lambda: "built") == "built"
        with pytest.raises(ValueError):  # as for a missing key: django-ratelimit expects it
            cache.incr("key")
    warnings = [r for r in caplog.records if r.name == cache_backends.__name__]
    assert len(warnings) == 1
    assert "treated as a miss" in warnings[0].getMessage()


def test_a_working_limit_would_refuse_the_second_expensive_request(seed_import, settings):
    """The control for the test below: with a cache that counts, the limit of 1 holds."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.EXPENSIVE_RATE_LIMIT = 1
    client = Client()
    assert [client.get(path).status_code for path in EXPENSIVE] == [200, 429, 429]


def test_anonymous_pages_render_and_limits_let_requests_through(seed_import, redis_down):
    client = Client()
    for path in PAGES:
        for _ in range(2):  # the second time too: nothing was stored
            response = client.get(path)
            assert response.status_code == 200, path
            assert "X-Page-Cache" not in response
    assert [client.get(path).status_code for path in EXPENSIVE] == [200, 200, 200]
    assert [client.get("/api/v1/stories").status_code for _ in range(3)] == [200, 200, 200]
    assert isinstance(caches["default"], cache_backends.DegradingRedisCache)


def test_an_editor_signs_in_and_stays_signed_in(seed_import, redis_down):
    User.objects.create_superuser("redaktor@example.org", "redaktor@example.org", PASSWORD)
    client = Client()
    response = client.post(
        "/admin/login/", {"username": "redaktor@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_sessions_live_in_the_database(settings):
    assert settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )


def test_a_kept_database_connection_is_checked_before_a_request_uses_it(settings):
    # Without it the first request of each process after a database restart answers 500.
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
