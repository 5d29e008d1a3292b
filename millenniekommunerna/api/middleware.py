"""What every response under `/api/` gets, whichever view made it: CORS for reading, a rate
limit per client, HEAD, conditional GET (ETag, Last-Modified, 304) and errors as JSON.

CORS is a few headers here rather than django-cors-headers: the API is public, read-only and
uses no cookies or credentials, so `Access-Control-Allow-Origin: *` on GET, HEAD and OPTIONS is
the whole policy, and a dependency would add configuration without adding safety.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from millenniekommunerna.core import ratelimit

API_PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining"
# Browsers may keep an answer a minute; shared caches in front (nginx, a CDN) only as long as
# they keep the pages (PAGE_CACHE_SHARED_SECONDS), so that a publication reaches the API as fast.
CACHE_MAX_AGE = 60

ERROR_MESSAGES = {
    400: "Bad request.",
    403: "Forbidden.",
    404: "Not found: see /api/v1/docs for the endpoints.",
    405: "Method not allowed: the API only answers GET, HEAD and OPTIONS.",
    500: "Server error. It has been logged; please try again later.",
}


def check_rate_limit(request):
    """Count the request against the client's limit (core.ratelimit, shared by every process
    through the cache); return (allowed, limit, remaining, seconds until the window ends)."""
    limit = getattr(settings, "API_RATE_LIMIT", 0)
    window = max(1, getattr(settings, "API_RATE_LIMIT_WINDOW", 60))
    if not limit:
        return True, 0, 0, 0
    result = ratelimit.hit("api", ratelimit.client_ip(request), ratelimit.Limit(limit, window))
    return result.allowed, limit, max(0, limit - result.count), result.retry_after


def json_error(status, detail, **headers):
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ALLOWED_METHODS
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return self.finish(request, response)

        allowed, limit, remaining, reset = check_rate_limit(request)
        if not allowed:
            response = json_error(
                429,
                f"Too many requests: at most {limit} per {settings.API_RATE_LIMIT_WINDOW} "
                f"seconds from one client. Try again in {reset} seconds.",
                **{"Retry-After": str(reset)},
            )
            response["Cache-Control"] = "no-store"
            return self.finish(request, response, limit=limit, remaining=0)

        is_head = request.method == "HEAD"
        if is_head:
            # Ninja routes GET only; HEAD is the same answer without the body.
            request.method = "GET"
        with translation.override(settings.LANGUAGE_CODE):
            response = self.get_response(request)
        if is_head:
            request.method = "HEAD"

        response = self.as_json_error(response)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response = self.conditional(request, response)
        response = self.finish(request, response, limit=limit, remaining=remaining)
        if is_head:
            if response.streaming:
                # The generator has not started: an export's HEAD reads no stories.
                response.streaming_content = iter(())
            else:
                response.content = b""
        return response

    def as_json_error(self, response):
        """Django's own 404, 405 and 500 pages are HTML; API clients get JSON."""
        status = response.status_code
        content_type = response.get("Content-Type", "")
        if status < 400 or content_type.startswith("application/json") or response.streaming:
            return response
        detail = ERROR_MESSAGES.get(status, "Request failed.")
        replacement = json_error(status, detail)
        if status == 405:
            replacement["Allow"] = ALLOWED_METHODS
        return replacement

    def conditional(self, request, response):
        if not response.streaming and not response.has_header("ETag"):
            set_response_etag(response)
        if not response.has_header("Cache-Control"):
            shared = getattr(settings, "PAGE_CACHE_SHARED_SECONDS", 1)
            response["Cache-Control"] = f"public, max-age={CACHE_MAX_AGE}, s-maxage={shared}"
        last_modified = response.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )

    def finish(self, request, response, limit=0, remaining=0):
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if limit:
            response["X-RateLimit-Limit"] = str(limit)
            response["X-RateLimit-Remaining"] = str(remaining)
        patch_vary_headers(response, ["Accept-Encoding"])
        return response


def last_modified_header(moment):
    return http_date(moment.timestamp()) if moment else None
