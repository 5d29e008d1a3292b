"""The Redis cache backend of production: Django's own RedisCache, except that Redis being
unreachable makes the cache miss instead of failing the request.

Everything the site keeps in the cache can be done without it: the page cache
(core.page_cache) renders the page, the derived-data cache (core.derived_cache) builds the
value, rate limiting (core.ratelimit) lets the request through. Sessions are in the database
(SESSION_ENGINE), not here. Django's RedisCache raises redis' ConnectionError or TimeoutError
into the view, so every page would answer 500 while Redis restarts. django-redis would do the
same as this class with `IGNORE_EXCEPTIONS`, but it replaces the backend and its client as a
whole for one switch; this keeps Django's client and only catches its errors.

On an error: a read is a miss (`get` returns the default, `get_many` nothing, `has_key`
False), a write did not happen (`add` returns False, `set`/`delete` do nothing), and `incr`
raises ValueError, as for a key that is missing. The error is logged, at most once per
`LOG_EVERY` seconds in each process, with how many were swallowed since.

What cannot be done while Redis is unreachable: a publication cannot renew the cache's
generation. After a restart Redis is empty (the deployment keeps no snapshot), so nothing stale
survives; after a network interruption with Redis's contents intact, pages cached before it may
be served until they expire (PAGE_CACHE_SECONDS) — docs/operations.md says what to do."""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

LOG_EVERY = 30  # seconds


class _ErrorLog:
    """Logs the first error, then one line per LOG_EVERY seconds with the count in between."""

    def __init__(self):
        self._lock = threading.Lock()
        self._last = None
        self._swallowed = 0

    def record(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            if self._last is not None and now - self._last < LOG_EVERY:
                self._swallowed += 1
                return
            swallowed, self._swallowed, self._last = self._swallowed, 0, now
        more = f" ({swallowed} more errors since the last report)" if swallowed else ""
        logger.warning(
            "Redis cache unavailable, treated as a miss: %s: %r%s", operation, error, more
        )


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` object for every cache call, and each one
    sets up its table of some 150 response callbacks: a page that reads the cache five times
    spent a millisecond or more on that alone. A `redis.Redis` is safe to share between
    threads (its connection pool hands out the connections), so one per pool is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._errors = _ErrorLog()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            self._errors.record("add", error)
            return False

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            self._errors.record("get", error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            self._errors.record("set", error)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            self._errors.record("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            self._errors.record("delete", error)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            self._errors.record("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            self._errors.record("has_key", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._errors.record("incr", error)
            raise ValueError(f"Key '{key}' not found (Redis unavailable)") from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            self._errors.record("set_many", error)
            return list(data)

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except RedisError as error:
            self._errors.record("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            self._errors.record("clear", error)
            return False
