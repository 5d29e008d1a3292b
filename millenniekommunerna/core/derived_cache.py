"""One cache for everything computed from the published content as a whole (maps, statistics,
story counts, listing facets). Each entry's key holds a generation token; `invalidate()`
replaces the token, so every derived entry goes stale at once, without knowing their keys, in
every process that shares the cache (Redis in production).

This module knows nothing of what is cached: the content layer decides when its data changed
(`stories.invalidation`), and each feature names and builds its own entries.

Two things keep the cost per request low (a page reads several entries: the site, the menu,
the breadcrumbs, counts):

- the generation is read from the shared cache once per request (`GenerationMiddleware`), not
  once per entry; a publication in the same request replaces it there too;
- each process keeps the entries it has read in a small memory of its own (Django's local
  memory cache, which hands out copies), under the same key. Since the key holds the generation,
  an entry of an old generation is never found again: the shared cache still decides what is
  current, one read per request."""

import contextvars
import time
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

GENERATION_KEY = "story-derived:generation"
# Entries expire on their own as well: a story written straight to the database (the bulk
# generator, a data migration) fires no signal, and a map at most this old is acceptable then.
TIMEOUT = 6 * 60 * 60


# The generation of the current request, once read (None outside a request, or not read yet).
_request_generation = contextvars.ContextVar("derived_generation", default=None)
_in_request = contextvars.ContextVar("derived_in_request", default=False)
# This process's copies of the entries it has read (a few hundred small values at most).
_local = LocMemCache("story-derived-local", {"TIMEOUT": TIMEOUT, "OPTIONS": {"MAX_ENTRIES": 2000}})


def _new_token() -> str:
    """A new generation: when it began (milliseconds, hexadecimal) and a random part."""
    return f"{int(time.time() * 1000):x}-{uuid.uuid4().hex[:16]}"


def seconds_since_change(token: str | None) -> float | None:
    """How long ago the data changed, from a generation token (None when unknown)."""
    try:
        return time.time() - int(str(token).split("-", 1)[0], 16) / 1000
    except ValueError:
        return None


def _read_generation() -> str | None:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, _new_token(), timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def generation() -> str | None:
    """The current generation token (None while the shared cache is unreachable)."""
    if not _in_request.get():
        return _read_generation()
    token = _request_generation.get()
    if token is None:
        token = _read_generation()
        _request_generation.set(token)
    return token


def get_or_build(name: str, build: Callable[[], object]):
    """The cached value of `name` for the current data, built with `build()` when missing."""
    token = generation()
    key = f"story-derived:{token}:{name}"
    # Without a generation (the shared cache is down) nothing is kept here: it could not be
    # told when to go stale.
    local = _local if token is not None else None
    if local is not None:
        value = local.get(key)
        if value is not None:
            return value
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    if local is not None:
        local.set(key, value)
    return value


def is_built(name: str) -> bool:
    """Whether `name` is in the cache for the current data."""
    key = f"story-derived:{generation()}:{name}"
    return _local.get(key) is not None or cache.get(key) is not None


def _new_generation():
    token = _new_token()
    cache.set(GENERATION_KEY, token, timeout=None)
    if _in_request.get():
        _request_generation.set(token)


def invalidate():
    """Forget every derived entry now, and again when the current transaction commits: a page
    rendered by another request between the change and the commit still saw the old data and
    may have cached it."""
    _new_generation()
    transaction.on_commit(_new_generation)


class GenerationMiddleware:
    """Reads the generation at most once per request (first in MIDDLEWARE: the page cache's
    key uses it too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_request = _in_request.set(True)
        request_generation = _request_generation.set(None)
        try:
            return self.get_response(request)
        finally:
            _request_generation.reset(request_generation)
            _in_request.reset(in_request)
