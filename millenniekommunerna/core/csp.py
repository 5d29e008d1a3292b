"""The Content-Security-Policy of every response (django-csp; docs/security.md).

The public site gets `CONTENT_SECURITY_POLICY`, which allows scripts only from the site's own
files. Wagtail's admin gets `CONTENT_SECURITY_POLICY_ADMIN` under `CSP_ADMIN_PREFIXES`, looser
where the admin needs it. In both, `frame-ancestors` says what X-Frame-Options says (that
middleware runs first on the way out), so that the previews Wagtail lets its own pages frame
stay frameable and nothing else is.

Wagtail renders a preview by passing a simulated request for the page's public address through
the whole middleware chain, inside the admin's request: that inner pass writes the public
policy, which the admin's own pass then replaces."""

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

FRAME_ANCESTORS = {"DENY": ["'none'"], "SAMEORIGIN": ["'self'"]}


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_ADMIN_PREFIXES))


class SiteCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if response.status_code == 304:
            # A browser revalidating a page keeps the policy stored with it and takes over any
            # header a 304 carries (RFC 9111, 4.3.4). Django's 304 is a new response without
            # the view's own policy (csp_replace on the embeds, csp_update on the API docs):
            # the site's default written on it would replace theirs.
            return response
        written_for = getattr(response, "_csp_written_for", None)
        if written_for is not None and written_for != request.path_info:
            del response[HEADER]
        had_header = HEADER in response
        response = super().process_response(request, response)
        if not had_header and HEADER in response:
            response._csp_written_for = request.path_info
        return response

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        # A view's own csp_override wins; otherwise the admin has its own policy.
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        frame_ancestors = FRAME_ANCESTORS.get(response.get("X-Frame-Options", "").upper())
        if frame_ancestors:
            parts.replace = {**(parts.replace or {}), "frame-ancestors": frame_ancestors}
        return parts
