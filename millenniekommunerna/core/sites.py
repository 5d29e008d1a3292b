"""The Wagtail site of a request, without asking the database on every request.

Wagtail looks the request's `Site` up by host name and port on every request (a query), then
asks for its root page's specific page (another) before it can route the path. The site and
its specific root page depend only on the site records and the published home page, so they
are kept in the derived-data cache, which is renewed whenever a page is published, moved or
deleted or a site is saved (stories.invalidation). Wagtail reads the site from
`request._wagtail_site` when it is there: this middleware sets it.
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from . import derived_cache


def _find_site(request):
    site = Site.find_for_request(request)
    if site is not None:
        # Routing asks for the root page's specific page; keep that one on the site.
        site.root_page = site.root_page.specific
    return site


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() refuses a host not in ALLOWED_HOSTS (a 400), so that no request with a
        # made-up Host header gets as far as a lookup or a cache entry of its own.
        hostname = split_domain_port(request.get_host())[0]
        key = f"site:{hostname}:{request.get_port()}"
        site = derived_cache.get_or_build(key, lambda: _find_site(request))
        if site is not None:
            request._wagtail_site = site
        return self.get_response(request)
