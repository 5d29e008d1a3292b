"""`{% oembed_links page %}`: oEmbed discovery links in the head of a page that can be embedded;
`{% embed_offer page as embed %}`: the address of its embed page ("Bädda in")."""

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from wagtail.models import Page

from millenniekommunerna.core import public_url
from millenniekommunerna.core.navigation import lang_url

from ..oembed import endpoint_url
from ..targets import target_for

register = template.Library()


def _request(context):
    # An `{% include … only %}` keeps the request on the context, not among its variables.
    return getattr(context, "request", None) or context.get("request")


DISCOVERY_TYPES = (("application/json+oembed", "json"), ("text/xml+oembed", "xml"))


def _target(page, request=None):
    """The page's embed, worked out once per request (the head and the page both ask)."""
    # An undefined `page` (views that are not pages) reaches a tag as "".
    if not isinstance(page, Page):
        return None
    known = getattr(request, "_embed_targets", None)
    if known is None:
        known = {}
        if request is not None:
            request._embed_targets = known
    if page.pk not in known:
        known[page.pk] = target_for(page.specific, request)
    return known[page.pk]


@register.simple_tag(takes_context=True)
def oembed_links(context, page=None):
    request = _request(context)
    target = _target(page, request)
    if target is None or getattr(request, "is_preview", False):
        return ""
    # The page as it is shown: its language (and a translated story's own address) is the
    # embed's language.
    url = public_url.absolute(request.path if request else lang_url(target.page.url), request)
    # The shown page's own title (a translated story's is its translation's).
    title = page.title if target.kind == "story" else target.title()
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="{}" href="{}" title="{}">',
        (
            (mime, endpoint_url(url, request, response_format), title)
            for mime, response_format in DISCOVERY_TYPES
        ),
    )


@register.simple_tag(takes_context=True)
def embed_offer(context, page):
    """`{% embed_offer page as embed %}`: `embed.url` (the embed page) and `embed.kind`
    ("story", "municipality", "goal", "stories"), or None for a page that offers no embed."""
    target = _target(page, _request(context))
    if target is None:
        return None
    url = lang_url(reverse("embeds:page", kwargs={"path": target.path}))
    return {"url": url, "kind": target.kind}
