"""`{% story_json_ld page %}` and `{% municipality_json_ld page %}`: schema.org JSON-LD that
agrees with the API (see `millenniekommunerna.api.jsonld`)."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from millenniekommunerna.api import jsonld

register = template.Library()


@register.filter
def field_name(name):
    """`municipality_code` with a line-break opportunity after each underscore, so that a
    narrow screen breaks a field name between its words, never inside one."""
    separator = mark_safe("_<wbr>")  # nosec B308, B703  # a literal
    return format_html_join(separator, "{}", ((part,) for part in str(name).split("_")))


def _request(context):
    return getattr(context, "request", None) or context.get("request")


@register.simple_tag(takes_context=True)
def story_json_ld(context, page):
    """The story as a schema.org Article, its municipality as author and publisher."""
    if page is None:
        return ""
    # The story page's context has its goals and partner places loaded (in the order shown).
    return jsonld.story_json_ld(
        page,
        _request(context),
        goals=context.get("goals"),
        partner_places=context.get("partner_places"),
    )


@register.simple_tag(takes_context=True)
def municipality_json_ld(context, page):
    """The municipality as a schema.org GovernmentOrganization serving its AdministrativeArea."""
    if page is None or getattr(page, "municipality", None) is None:
        return ""
    return jsonld.municipality_json_ld(page, _request(context))
