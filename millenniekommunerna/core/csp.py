"""The Content-Security-Policy of every response (django-csp; docs/security.md).

The public site gets `CONTENT_SECURITY_POLICY`, which allows scripts only from the site's own
files. Wagtail's admin gets `CONTENT_SECURITY_POLICY_ADMIN` under `CSP_ADMIN_PREFIXES`, looser
where the admin needs it. In both, `frame-ancestors` says what X-Frame-Options says (that
middleware runs first on the way out), so that the previews Wagtail lets its own pages frame
stay frameable and nothing else is."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

FRAME_ANCESTORS = {"DENY": ["'none'"], "SAMEORIGIN": ["'self'"]}


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_ADMIN_PREFIXES))


class SiteCSPMiddleware(CSPMiddleware):
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
