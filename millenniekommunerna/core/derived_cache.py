"""One cache for everything computed from the published content as a whole (maps, statistics,
story counts, listing facets). Each entry's key holds a generation token; `invalidate()`
replaces the token, so every derived entry goes stale at once, without knowing their keys, in
every process that shares the cache (Redis in production).

This module knows nothing of what is cached: the content layer decides when its data changed
(`stories.invalidation`), and each feature names and builds its own entries."""

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "story-derived:generation"
# Entries expire on their own as well: a story written straight to the database (the bulk
# generator, a data migration) fires no signal, and a map at most this old is acceptable then.
TIMEOUT = 6 * 60 * 60


def generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def get_or_build(name: str, build: Callable[[], object]):
    """The cached value of `name` for the current data, built with `build()` when missing."""
    key = f"story-derived:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def is_built(name: str) -> bool:
    """Whether `name` is in the cache for the current data."""
    return cache.get(f"story-derived:{generation()}:{name}") is not None


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate():
    """Forget every derived entry now, and again when the current transaction commits: a page
    rendered by another request between the change and the commit still saw the old data and
    may have cached it."""
    _new_generation()
    transaction.on_commit(_new_generation)
