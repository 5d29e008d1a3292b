"""Template tags and filters shared by the site's templates.

Page URLs here are built without touching reverse one-to-one relations such as
`municipality.page` or `goal.page`: a list of story cards must not run a query per card.
"""

from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from millenniekommunerna.core import public_url
from millenniekommunerna.core.locales import interface_language
from millenniekommunerna.core.navigation import (
    interface_is_content_language,
    interface_title,
    lang_url,
    section_page_url,
    site_tree,
)
from millenniekommunerna.core.text import excerpt as excerpt_text

register = template.Library()
lang_url = register.filter("lang_url", lang_url)

PAGE_PARAM = "sida"


# Text


@register.filter
def excerpt(text, limit=240):
    """`{{ text|excerpt }}` or `{{ text|excerpt:160 }}`: cut at a sentence or word boundary,
    with an ellipsis when the text stops mid-sentence."""
    return excerpt_text(str(text or ""), int(limit))


@register.filter
def full_excerpt(text):
    """The whole text, never shortened, but ending in "…" when it stops mid-sentence (imported
    teasers were often cut off in the source)."""
    text = str(text or "")
    return excerpt_text(text, max(len(text), 1))


# URLs


def _request(context):
    return getattr(context, "request", None) or context.get("request")


@register.simple_tag(takes_context=True)
def section_url(context, section):
    """`{% section_url "stories" %}`: URL of the stories, municipalities or goals index page."""
    return section_page_url(_request(context), section)


def _child_url(context, obj, section):
    if obj is None:
        return ""
    related = type(obj).page
    if related.is_cached(obj):
        # Already loaded (select_related("page")): its real URL costs nothing. None when
        # the page was deleted (Django raises an AttributeError for a missing one-to-one).
        page = getattr(obj, "page", None)
        if page is None or not page.live:
            return ""
        return lang_url(page.get_url(request=_request(context)))
    base = section_page_url(_request(context), section)
    return f"{base}{obj.slug}/" if base else ""


@register.simple_tag(takes_context=True)
def municipality_url(context, municipality):
    """`{% municipality_url story.municipality %}`: the municipality's page, without a query
    per call (municipality pages live at `<municipality index>/<municipality.slug>/`)."""
    return _child_url(context, municipality, "municipalities")


@register.simple_tag(takes_context=True)
def goal_url(context, goal):
    """`{% goal_url goal %}`: the goal's page, without a query per call (goal pages live at
    `<goal index>/<goal.slug>/`)."""
    return _child_url(context, goal, "goals")


@register.simple_tag(takes_context=True)
def page_number_url(context, number):
    """`{% page_number_url 3 %}`: the current URL showing page 3 of a listing, keeping the
    other query parameters; page 1 has no page parameter at all."""
    request = _request(context)
    if request is None:
        return f"?{PAGE_PARAM}={number}" if int(number) > 1 else "?"
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    if int(number) > 1:
        params[PAGE_PARAM] = number
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@register.simple_tag
def page_range(page_obj, on_each_side=1, on_ends=1):
    """Page numbers to show for a paginated listing, with `…` for the gaps."""
    if not isinstance(page_obj, PaginatorPage):
        return []
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


@register.simple_tag(takes_context=True)
def language_links(context):
    """The site's languages, each with the URL of the current page in that language."""
    current = translation.get_language()
    paths = language_paths(context)
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"].capitalize(),
                "url": paths[code],
                "current": code == current,
            }
        )
    return links


def language_paths(context) -> dict[str, str]:
    """The current page's path in each language of the site: a page that knows its
    translations (a story) says where they are; any other page is the same page under the
    other language's prefix."""
    page = context.get("page")
    if hasattr(page, "language_paths"):
        return page.language_paths()
    request = _request(context)
    path = request.get_full_path() if request is not None else "/"
    return {code: translate_url(path, code) for code, _name in settings.LANGUAGES}


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors of `page` from the home page down, as `{title, url}`; the home page is called
    "Home" and the page itself is not included. No crumbs on the home page itself."""
    if page is None or page.depth <= 2:
        return []
    crumbs = []
    for crumb in site_tree(_request(context), page)["crumbs"][page.pk]:
        if crumb["page"] is None:
            title, lang = _("Home"), ""
        else:
            title, lang = interface_title(crumb["page"])
        crumbs.append({"title": title, "url": lang_url(crumb["url"]), "lang": lang})
    return crumbs


@register.simple_tag
def meta_description(page):
    """The page's search description, else its teaser or intro, shortened for search results."""
    if page is None:
        return ""
    from django.utils.html import strip_tags

    if getattr(page, "search_description", ""):
        return page.search_description
    text = getattr(page, "teaser", "") or strip_tags(str(getattr(page, "intro", "") or ""))
    if not text.strip() and hasattr(page, "get_meta_description"):
        text = page.get_meta_description()
    return excerpt_text(text, 200) if text.strip() else ""


@register.simple_tag(takes_context=True)
def canonical_url(context, page=None):
    """Absolute URL of the page in the active language, without any query string: a later page
    of a listing, a filtered or sorted one, names its first page (or the indexable form the
    view gives as `canonical_path`) and says `noindex` (`robots_directives`). The English page
    is its own canonical: it is one of the `hreflang` alternates, and a canonical pointing at
    another alternate would tell search engines to drop it. A view that is no Wagtail page is
    its own canonical at its path."""
    request = _request(context)
    if context.get("canonical_path"):
        return public_url.absolute(context["canonical_path"], request)
    if not hasattr(page, "get_full_url"):  # a view that is no Wagtail page
        match = getattr(request, "resolver_match", None)
        return public_url.absolute(request.path, request) if match is not None else ""
    url = page.get_full_url(request=request) or ""
    if url:
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(path=lang_url(parts.path), query=""))
    return url


@register.simple_tag(takes_context=True)
def robots_directives(context):
    """The page's `<meta name="robots">`: what the view says (`robots` in the context, ""
    for an indexable page), else `noindex, follow` for any address with a query string (a later
    page, `?kommun=` on a partner place, a tip about a story) and nothing otherwise. The links
    that lead to such addresses carry rel="nofollow" (docs/crawling.md)."""
    if "robots" in context:
        return context["robots"] or ""
    request = _request(context)
    if request is not None and request.GET:
        return "noindex, follow"
    return ""


@register.simple_tag(takes_context=True)
def is_current_section(context, url):
    """True when the current request is at `url` or below it (for `aria-current`)."""
    request = _request(context)
    if request is None or not url:
        return False
    home = lang_url("/")
    if url == home:
        return request.path == home
    return request.path.startswith(url)


@register.filter
def website_host(url):
    """`https://www.osthammar.se/` → `osthammar.se`, for link texts."""
    host = urlsplit(str(url or "")).hostname or str(url or "")
    return host.removeprefix("www.")


@register.simple_tag
def content_lang(page=None):
    """` lang="sv"` on elements holding editors' text when it is in another language than the
    interface (a Swedish story on an English page), so that screen readers read it with the
    right voice. The text is `page`'s (a translated story has its own language), else Swedish
    content."""
    from django.utils.html import format_html

    language = _content_language(page)
    if interface_language() == language:
        return ""
    return format_html(' lang="{}"', language)


def _content_language(page) -> str:
    # A story card shows the story's translation when there is one (`shown_language`).
    return (
        getattr(page, "shown_language", None)
        or getattr(page, "language", None)
        or settings.LANGUAGE_CODE
    )


@register.simple_tag
def content_in_other_language(page=None):
    """True when the interface is in another language than the content (an English page
    showing a Swedish story), so that the page can say so."""
    return interface_language() != _content_language(page)


@register.filter
def municipality_name(municipality):
    """ "Östhammars kommun" in Swedish, "Östhammar Municipality" in English."""
    if not municipality:
        return ""
    if interface_is_content_language():
        return municipality.official_name
    return _("%(name)s Municipality") % {"name": municipality.name}


@register.filter
def county_name(county):
    """ "Uppsala län" in Swedish, "Uppsala County" in English."""
    if not county:
        return ""
    return county.interface_name


@register.simple_tag
def page_title(page):
    """`{% page_title page %}`: the page's title in the interface's language where it has one."""
    return interface_title(page)[0] if page is not None else ""


@register.simple_tag
def document_title(page):
    """The page's part of the `<title>`: its SEO title or title, or in English the section's
    English name."""
    if page is None:
        return ""
    title, lang = interface_title(page)
    if lang or interface_is_content_language():
        return page.seo_title or page.title
    return title


@register.simple_tag
def title_lang(page):
    """` lang="sv"` on an element holding `{% page_title page %}` when that is Swedish content
    in the English interface."""
    from django.utils.html import format_html

    lang = interface_title(page)[1] if page is not None else ""
    return format_html(' lang="{}"', lang) if lang else ""
