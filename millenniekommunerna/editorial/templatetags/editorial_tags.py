from django import template
from django.conf import settings

from millenniekommunerna.core import public_url

register = template.Library()


@register.simple_tag
def email_url(path):
    """An absolute address for an e-mail: the public root URL in production, the admin's base
    URL otherwise (an e-mail has no request to take the host from)."""
    root = public_url.root_url(fallback=getattr(settings, "WAGTAILADMIN_BASE_URL", ""))
    return root + path if path.startswith("/") else path
