"""System checks for a deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def public_root_url_is_set(app_configs, **kwargs):
    url = getattr(settings, "PUBLIC_ROOT_URL", "") or ""
    if url and url.startswith(("https://", "http://")):
        return []
    return [
        Warning(
            "PUBLIC_ROOT_URL is not set to the site's public address (e.g. "
            "https://millenniekommunerna.se).",
            hint=(
                "Canonical links, sitemaps, feeds, the API and its exports would otherwise name "
                "whatever host a request or the Wagtail Site record gives. See "
                "docs/deployment.md."
            ),
            id="millenniekommunerna.W001",
        )
    ]
