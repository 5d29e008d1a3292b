"""Counting attempts per client in the Django cache.

The cache is the one store every web process already shares (Redis in production, see
`REDIS_URL`), so a limit holds across processes and servers without another service. With the
local-memory cache of development each process counts on its own.

Fixed windows: at most `count` hits in each `period`-second window. Identifiers (IP addresses,
user names) are hashed with the secret key before they become cache keys, so the cache holds no
personal data in the clear."""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


@dataclass(frozen=True)
class Limit:
    count: int
    period: int  # seconds


@dataclass(frozen=True)
class Result:
    allowed: bool
    count: int
    retry_after: int  # seconds until the window resets

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def client_ip(request) -> str:
    """The client's address. Behind `TRUSTED_PROXY_COUNT` reverse proxies that each append to
    X-Forwarded-For, the entry the outermost trusted proxy added; entries further left can be
    forged by the client and are never used."""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _window(limit: Limit, now: float) -> int:
    return int(now // limit.period)


def _key(scope: str, identifier: str, limit: Limit, now: float) -> str:
    digest = salted_hmac(f"ratelimit:{scope}", identifier).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{limit.period}:{_window(limit, now)}"


def _retry_after(limit: Limit, now: float) -> int:
    return max(1, math.ceil((_window(limit, now) + 1) * limit.period - now))


def hit(scope: str, identifier: str, limit: Limit) -> Result:
    """Count one attempt; `allowed` is False from the (count + 1)th attempt in a window."""
    now = time.time()
    key = _key(scope, identifier, limit, now)
    cache.add(key, 0, timeout=limit.period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=limit.period + 1)
        count = 1
    return Result(allowed=count <= limit.count, count=count, retry_after=_retry_after(limit, now))


def peek(scope: str, identifier: str, limit: Limit) -> Result:
    """The current count without adding to it; `allowed` is False once the limit is reached."""
    now = time.time()
    count = cache.get(_key(scope, identifier, limit, now), 0)
    return Result(allowed=count < limit.count, count=count, retry_after=_retry_after(limit, now))


def reset(scope: str, identifier: str, limit: Limit) -> None:
    cache.delete(_key(scope, identifier, limit, time.time()))
