import time

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django_ratelimit import core as ratelimit_core

from millenniekommunerna.core import ratelimit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_limiter_allows_exactly_the_limit_of_10000_attempts():
    limit = ratelimit.Limit(count=10, period=3600)
    started = time.perf_counter()
    results = [ratelimit.hit("test", "198.51.100.1", limit) for _ in range(10_000)]
    elapsed = time.perf_counter() - started
    assert sum(r.allowed for r in results) == 10
    assert all(r.allowed for r in results[:10]) and not any(r.allowed for r in results[10:])
    assert results[-1].count == 10_000
    assert 0 < results[-1].retry_after <= 3600
    print(f"10 000 hits in {elapsed * 1000:.0f} ms")


def test_limits_are_per_identifier_and_per_scope():
    limit = ratelimit.Limit(count=1, period=60)
    assert ratelimit.hit("a", "x", limit).allowed
    assert not ratelimit.hit("a", "x", limit).allowed
    assert ratelimit.hit("a", "y", limit).allowed
    assert ratelimit.hit("b", "x", limit).allowed


def test_peek_and_reset():
    limit = ratelimit.Limit(count=2, period=60)
    ratelimit.hit("a", "x", limit)
    assert ratelimit.peek("a", "x", limit).allowed
    ratelimit.hit("a", "x", limit)
    assert not ratelimit.peek("a", "x", limit).allowed
    ratelimit.reset("a", "x", limit)
    assert ratelimit.peek("a", "x", limit).count == 0


def test_cache_keys_hold_no_address_in_the_clear():
    ratelimit.hit("tips", "198.51.100.1", ratelimit.Limit(1, 60))
    assert "198.51.100.1" not in ratelimit._digest("tips", "198.51.100.1")
    assert not any("198.51.100.1" in str(key) for key in cache._cache)


def test_reset_starts_a_new_count_within_the_window():
    limit = ratelimit.Limit(count=1, period=600)
    ratelimit.hit("login", "x", limit)
    assert not ratelimit.hit("login", "x", limit).allowed
    ratelimit.reset("login", "x", limit)
    assert ratelimit.hit("login", "x", limit).allowed
    assert not ratelimit.hit("login", "x", limit).allowed
    ratelimit.reset("login", "x", limit)  # and again, and again
    assert ratelimit.hit("login", "x", limit).allowed
    ratelimit.reset("login", "x", limit)
    assert ratelimit.hit("login", "x", limit).allowed
    assert ratelimit.hit("login", "y", limit).allowed  # another identifier has its own count


def test_the_limit_is_off_when_django_ratelimit_is_switched_off(settings):
    settings.RATELIMIT_ENABLE = False
    limit = ratelimit.Limit(count=1, period=60)
    assert all(ratelimit.hit("a", "x", limit).allowed for _ in range(5))
    # What the login form asks before it counts (editorial.forms): no attempt counted yet.
    state = ratelimit.peek("a", "x", limit)
    assert (state.allowed, state.count) == (True, 0)


def request_from(remote="203.0.113.9", forwarded=None):
    request = RequestFactory().get("/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "198.51.100.1", "203.0.113.9"),  # no trusted proxy: the header is the client's
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the forged entry on the left is not used
        (1, " 6.6.6.6 ,, 198.51.100.1 , ", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 192.0.2.5", "198.51.100.1"),
        (2, "192.0.2.5", "203.0.113.9"),  # fewer entries than proxies: the connection
        (1, "", "203.0.113.9"),
        (1, None, "203.0.113.9"),
    ],
)
def test_client_ip_behind_trusted_proxies(settings, proxies, forwarded, address):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert ratelimit.client_ip(request_from(forwarded=forwarded)) == address


def test_client_ip_without_an_address_is_unknown(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(request_from(remote="")) == "unknown"
    request = request_from()
    del request.META["REMOTE_ADDR"]
    assert ratelimit.client_ip(request) == "unknown"


def test_a_count_lasts_to_the_end_of_its_window_and_no_longer(monkeypatch):
    limit = ratelimit.Limit(count=1, period=600)
    clock = [1_000_000.0]
    monkeypatch.setattr(ratelimit_core.time, "time", lambda: clock[0])
    assert ratelimit.hit("test", "a", limit).allowed
    denied = ratelimit.hit("test", "a", limit)
    assert not denied.allowed
    assert 1 <= denied.retry_after <= 600
    assert denied.retry_after_minutes == max(1, -(-denied.retry_after // 60))
    clock[0] += denied.retry_after  # the last second of the window
    assert not ratelimit.hit("test", "a", limit).allowed
    clock[0] += 1
    assert ratelimit.hit("test", "a", limit).allowed  # a new window


def test_retry_after_is_at_least_one_second():
    assert ratelimit.Result(allowed=False, count=2, retry_after=1).retry_after_minutes == 1
    limit = ratelimit.Limit(count=1, period=1)
    ratelimit.hit("test", "b", limit)
    assert ratelimit.hit("test", "b", limit).retry_after >= 1
    assert ratelimit.peek("test", "b", limit).retry_after >= 1
