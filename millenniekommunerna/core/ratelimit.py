"""Rate limits, counted by django-ratelimit in the Django cache.

The cache is the one store every web process already shares (Redis in production, see
`REDIS_URL`), so a limit holds across processes and servers without another service. With the
local-memory cache of development each process counts on its own.

Every limit of the site goes through here: failed logins (`editorial.forms`), tips
(`tips.views`), the API (`api.middleware`) and the expensive anonymous pages, filtered
listings and search (`throttle`, below). django-ratelimit counts fixed windows of `period`
seconds (each identifier's window starts at its own offset, so that windows do not all end at
once); at most `count` hits in a window are allowed.

Identifiers (IP addresses, user names) are hashed with the secret key before they reach
django-ratelimit (which hashes its cache keys again), so the cache holds no personal data in
the clear. django-ratelimit has no way to forget a count before its window ends, which the
login limit needs after a successful login: `reset` moves the identifier to a new generation
instead, so its next hit starts a new count."""

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django_ratelimit.core import get_usage


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
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


def _digest(scope: str, identifier: str) -> str:
    return salted_hmac(f"ratelimit:{scope}", identifier).hexdigest()


def _generation_key(scope: str, digest: str) -> str:
    return f"ratelimit-generation:{scope}:{digest}"


def _usage(scope: str, identifier: str, limit: Limit, increment: bool) -> tuple[int, int]:
    """(count, seconds left in the window) from django-ratelimit."""
    digest = _digest(scope, identifier)
    value = f"{digest}:{cache.get(_generation_key(scope, digest)) or 0}"
    usage = get_usage(
        None,
        group=f"mk-{scope}",
        key=lambda _group, _request: value,
        rate=(limit.count, limit.period),
        increment=increment,
    )
    # RATELIMIT_ENABLE = False, or the cache could not count (RATELIMIT_FAIL_OPEN: Redis down).
    if usage is None:
        return 0, limit.period
    return usage["count"], max(1, int(usage["time_left"]))


def hit(scope: str, identifier: str, limit: Limit) -> Result:
    """Count one attempt; `allowed` is False from the (count + 1)th attempt in a window."""
    count, left = _usage(scope, identifier, limit, increment=True)
    return Result(allowed=count <= limit.count, count=count, retry_after=left)


def peek(scope: str, identifier: str, limit: Limit) -> Result:
    """The current count without adding to it; `allowed` is False once the limit is reached."""
    count, left = _usage(scope, identifier, limit, increment=False)
    return Result(allowed=count < limit.count, count=count, retry_after=left)


def reset(scope: str, identifier: str, limit: Limit) -> None:
    """Start the identifier's count again (see the module's docstring)."""
    key = _generation_key(scope, _digest(scope, identifier))
    try:
        cache.incr(key)
    except ValueError:  # the first reset (or the last one's generation has expired)
        # Kept a minute longer than a window, so that no count of an earlier generation is
        # left when the number comes round again.
        cache.set(key, 1, timeout=limit.period + 60)


# --- the expensive anonymous pages ---------------------------------------------------------

EXPENSIVE_SCOPE = "expensive"


def expensive_limit() -> Limit | None:
    """`EXPENSIVE_RATE_LIMIT` requests per `EXPENSIVE_RATE_PERIOD` seconds, None when off (0)."""
    count = settings.EXPENSIVE_RATE_LIMIT
    return Limit(count, settings.EXPENSIVE_RATE_PERIOD) if count > 0 else None


def throttle(request):
    """For a request whose answer must be computed afresh (a filtered listing or a search that
    is not in the cache): None while the client's address is within its limit, else the
    429 page to send instead. Signed-in users (editors) are never limited; the caller leaves
    out what the cache answers."""
    limit = expensive_limit()
    if limit is None:
        return None
    if request.user.is_authenticated:
        return None
    result = hit(EXPENSIVE_SCOPE, client_ip(request), limit)
    if result.allowed:
        return None
    return too_many_requests(request, result)


def too_many_requests(request, result: Result):
    """A short page in the interface's language: 429, Retry-After, never cached."""
    response = render(request, "429.html", {"retry_after": result.retry_after}, status=429)
    response["Retry-After"] = str(result.retry_after)
    response["Cache-Control"] = "no-store"
    return response
