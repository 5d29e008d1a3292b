"""The one place absolute URLs start from: canonical links, `hreflang`, Open Graph, JSON-LD,
sitemaps, feeds, the API and its exports all take their scheme, host and port from here.

- `PUBLIC_ROOT_URL` when it is set: in production the address readers use (behind the proxy),
  so that an export written by a command or a page rendered for any Host header names it;
  a system check warns when it is missing in a deployment (`core.checks`).
- Otherwise the address the request came in on: under `make run` on 127.0.0.1:8000, or any
  other host and port, links point where the site actually answers.
- Without a request (a command), the default Wagtail site's root URL, as a last resort.

Wagtail's own absolute URLs come from the Site record (hostname and port), which knows neither
the proxy's address nor the port `runserver` was given; `BasePage.get_url_parts` replaces its
root with this one."""

from django.conf import settings


def configured_root_url() -> str:
    return (getattr(settings, "PUBLIC_ROOT_URL", "") or "").rstrip("/")


def root_url(request=None, fallback: str = "") -> str:
    """`scheme://host[:port]`, without a trailing slash."""
    configured = configured_root_url()
    if configured:
        return configured
    if request is not None and hasattr(request, "get_host"):
        return f"{request.scheme}://{request.get_host()}"
    if fallback:
        return fallback.rstrip("/")
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute(path: str, request=None) -> str:
    """An absolute URL for a site path (`/berattelser/`); other URLs are returned as they are."""
    if path and path.startswith("/") and not path.startswith("//"):
        return root_url(request) + path
    return path
