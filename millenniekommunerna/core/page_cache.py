"""The page cache: whole responses for anonymous visitors, shared by every app process
through the default cache (Redis in production, local memory by default).

Django's own cache middleware does the work (`UpdateCacheMiddleware` first in MIDDLEWARE,
`FetchFromCacheMiddleware` last). Three things are added here, which it cannot know:

- *who and what is never cached*: anyone with a session (editors, a visitor with a message
  waiting) or a CSRF cookie, POST and the other unsafe methods, and the paths in
  `PAGE_CACHE_EXCLUDE` (the admin and previews, the tip form with its CSRF token, the API
  with its own rate limits);
- *invalidation*: the key of every entry holds the generation of the derived-data cache
  (core.derived_cache), which the content layer renews on publish, unpublish, move, delete
  and reference-data edits — so every page that shows the changed thing (a story's
  municipality, goals, the listings, home, feeds, map, statistics) is rendered afresh at
  once, in every process. The generation is read once per request, when the request starts,
  so a page rendered from data older than a publication is stored under a generation that
  is already dead;
- *HTTP caching in front*: a cached page says `public, max-age=0, s-maxage=…` — browsers
  revalidate every time (an ETag from ConditionalGetMiddleware answers 304), shared caches
  (nginx's micro-cache, a CDN) keep it for `PAGE_CACHE_SHARED_SECONDS` (one second: a
  publication is visible everywhere within it). nginx counts those seconds on its whole-second
  clock, so each response also says when, to the second, its copy ends (`X-Accel-Expires`,
  `SharedCacheExpiryMiddleware`).

Django's `cache_page`/per-site cache has a fixed key prefix; wagtail-cache, the Wagtail-aware
library, supports Wagtail only up to 7. Hence these two small subclasses."""

import contextvars
import re
import time

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_cache_control

from .derived_cache import generation

_prefix = contextvars.ContextVar("page_cache_prefix", default="")
_S_MAXAGE = re.compile(r"(?:^|,)\s*s-maxage\s*=\s*(\d+)", re.IGNORECASE)


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def cacheable(request) -> bool:
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    # A session (an editor, a message waiting) or a CSRF cookie (someone who opened a form)
    # means a page of one's own; nginx's micro-cache in deploy/ passes the same requests by.
    personal = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")
    if any(request.COOKIES.get(name) for name in personal):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDE)


class _Prefixed:
    """The key prefix of the current request (a context variable: one middleware instance
    serves every request of a process)."""

    @property
    def key_prefix(self):
        return _prefix.get()

    @key_prefix.setter
    def key_prefix(self, value):
        pass  # Django's __init__ sets a fixed one; the request's generation is used instead.


class PageCacheUpdateMiddleware(_Prefixed, UpdateCacheMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self.page_timeout = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        self.cache_timeout = self.page_timeout

    def process_response(self, request, response):
        if not self._should_update_cache(request, response):
            return response
        if response.status_code == 200 and not response.streaming:
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=getattr(settings, "PAGE_CACHE_SHARED_SECONDS", 1),
            )
        return super().process_response(request, response)


class PageCacheFetchMiddleware(_Prefixed, FetchFromCacheMiddleware):
    def process_request(self, request):
        if not cacheable(request):
            request._cache_update_cache = False
            return None
        _prefix.set(f"page:{generation()}")
        response = super().process_request(request)
        if response is not None:
            response["X-Page-Cache"] = "hit"
        return response


class SharedCacheExpiryMiddleware:
    """Tells nginx's micro-cache when its copy of a response ends: at the end of the second
    in which the request *started* (`s-maxage=N`: N - 1 seconds later).

    nginx keeps a copy while its expiry second is not yet past on its whole-second clock:
    `s-maxage=1` stored at 12.9 s becomes 13 and is handed out until 14.0 — 1.1 s after — and
    a page rendered from data read just before a publication could live on almost two seconds
    after it. A response holds the data as it was when its request started, so ending the
    copy with that second keeps every copy younger than one second after its data. nginx
    takes `X-Accel-Expires: @<unix time>` over Cache-Control and never passes it on to the
    browser; other shared caches keep reading `s-maxage`. First in MIDDLEWARE: it sees the
    answers from the page cache too (they carry no expiry of their own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = int(time.time())
        response = self.get_response(request)
        shared = _S_MAXAGE.search(response.get("Cache-Control", ""))
        if shared and int(shared.group(1)) > 0:
            response["X-Accel-Expires"] = f"@{started + int(shared.group(1)) - 1}"
        return response
