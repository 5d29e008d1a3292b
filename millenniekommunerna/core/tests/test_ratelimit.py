import time

import pytest
from django.core.cache import cache

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
    key = ratelimit._key("tips", "198.51.100.1", ratelimit.Limit(1, 60), time.time())
    assert "198.51.100.1" not in key
