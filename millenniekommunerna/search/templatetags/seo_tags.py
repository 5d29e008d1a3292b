"""What search engines and link previews read in a page's <head>: language alternates
(`hreflang`) and Open Graph / Twitter card meta. Canonical URLs and descriptions come from
`site_tags`; schema.org data is the open-data app's."""

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from wagtail.models import Page

from millenniekommunerna.core import public_url
from millenniekommunerna.core.locales import interface_language
from millenniekommunerna.core.templatetags.site_tags import (
    canonical_url,
    language_paths,
    meta_description,
)

register = template.Library()

OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
OG_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"


def _request(context):
    return context.get("request")


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """`<link rel="alternate" hreflang>` for the current URL in every language of the interface,
    and `x-default` for the Swedish one (the content language, without a prefix)."""
    request = _request(context)
    if request is None:
        return ""
    # The same root as the canonical URL (core.public_url).
    root = public_url.root_url(request)
    paths = language_paths(context)
    rows = []
    for code, _name in settings.LANGUAGES:
        url = root + paths[code]
        rows.append((code, url))
        if code == settings.LANGUAGE_CODE:
            rows.append(("x-default", url))
    return format_html_join(
        "\n  ", '<link rel="alternate" hreflang="{}" href="{}">', sorted(rows, key=_order)
    )


def _order(row):
    return (row[0] == "x-default", row[0])


@register.simple_tag(takes_context=True)
def social_meta(context, page=None):
    """Open Graph and Twitter card meta for a page: its title, description, canonical URL and,
    for a story with a main image, that image."""
    request = _request(context)
    if not isinstance(page, Page) or request is None:
        return ""
    title = page.seo_title or page.title
    description = meta_description(page)
    url = canonical_url(context, page)
    is_story = page.specific_class._meta.label_lower == "stories.storypage"
    language = interface_language()
    tags = [
        ("og:site_name", "Millenniekommunerna"),
        ("og:type", "article" if is_story else "website"),
        ("og:title", title),
        ("og:url", url),
        ("og:locale", OG_LOCALES.get(language, "sv_SE")),
    ]
    if description:
        tags.append(("og:description", description))
    if is_story and page.first_published_at:
        tags.append(("article:published_time", page.first_published_at.isoformat()))
        if page.last_published_at:
            tags.append(("article:modified_time", page.last_published_at.isoformat()))
    image = getattr(page, "hero_image", None) if is_story else None
    if image is not None:
        rendition = image.get_rendition(OG_IMAGE_SPEC)
        tags += [
            ("og:image", public_url.absolute(rendition.url, request)),
            ("og:image:width", str(rendition.width)),
            ("og:image:height", str(rendition.height)),
        ]
        if image.default_alt_text:
            tags.append(("og:image:alt", image.default_alt_text))
    html = format_html_join("\n  ", '<meta property="{}" content="{}">', tags)
    card = format_html(
        '<meta name="twitter:card" content="{}">',
        "summary_large_image" if image is not None else "summary",
    )
    return format_html("{}\n  {}", html, card)
