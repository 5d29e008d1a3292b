"""The site's sections and addresses as the interface shows them: the section index pages
(found in one query per request, kept on the request), a site path in the interface's
language, and page titles in that language. Template tags (`site_tags`), views and feature
apps use it; it knows apps only by the labels of their index page types."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy

from millenniekommunerna.core.locales import interface_language

SECTION_KEYS = {
    "home.homepage": "home",
    "stories.storyindexpage": "stories",
    "municipalities.municipalityindexpage": "municipalities",
    "goals.goalindexpage": "goals",
    "api.opendatapage": "open_data",
    "core.accessibilitystatementpage": "accessibility",
}

# What the section pages are called in the interface's language when that is not the content
# language: their titles are Swedish content, their names in the English menu must not be.
SECTION_LABELS = {
    "stories": gettext_lazy("Stories"),
    "municipalities": gettext_lazy("Municipalities"),
    "goals": gettext_lazy("Goals"),
    "open_data": gettext_lazy("Open data"),
    "accessibility": gettext_lazy("Accessibility statement"),
}


def lang_url(url):
    """A site path in the active language: `/kommuner/` stays as it is in Swedish and becomes
    `/en/kommuner/` in English. Page URLs from Wagtail are in the content language, except a
    translated story's, which keeps its own."""
    if not url or not str(url).startswith("/"):
        return url
    if translation.get_language_from_path(str(url)) not in (None, settings.LANGUAGE_CODE):
        return url  # already in another language (a translated story's own address)
    language = interface_language()
    if language == settings.LANGUAGE_CODE:
        return url
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(str(url), language)


def site_tree(request, page=None):
    """The site's home page, the section index pages below it and, when `page` is given, the
    page's ancestors: what navigation and breadcrumbs need. Kept on the request, and in the
    derived-data cache until a page is published, moved or deleted; built in one query."""
    from wagtail.models import Site

    from millenniekommunerna.core import derived_cache

    state = getattr(request, "_site_tags_tree", None) if request is not None else None
    if state is None:
        state = {"sections": None, "crumbs": {}}
        if request is not None:
            request._site_tags_tree = state
    need_sections = state["sections"] is None
    need_crumbs = page is not None and page.pk not in state["crumbs"]
    if not (need_sections or need_crumbs):
        return state

    if request is not None:
        site = Site.find_for_request(request)
    else:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    key = "site-tree:{}:{}:{}".format(
        site.pk if site else "", int(need_sections), page.path if need_crumbs else ""
    )
    sections, crumbs = derived_cache.get_or_build(
        key, lambda: _build_site_tree(request, site, page, need_sections, need_crumbs)
    )
    if need_sections:
        state["sections"] = sections
    if need_crumbs:
        state["crumbs"][page.pk] = crumbs
    return state


def _build_site_tree(request, site, page, need_sections, need_crumbs):
    from django.db.models import Q
    from wagtail.models import Page

    root = site.root_page if site else None
    condition = Q(pk__in=[])
    if need_sections and root is not None:
        condition |= Q(pk=root.pk) | Q(live=True, depth=root.depth + 1, path__startswith=root.path)
    ancestor_paths = []
    if need_crumbs:
        step = Page.steplen
        ancestor_paths = [page.path[:end] for end in range(step, len(page.path), step)]
        condition |= Q(path__in=ancestor_paths)
    pages = list(Page.objects.filter(condition).order_by("path"))

    sections = None
    if need_sections:
        sections = {}
        for candidate in pages:
            if root is not None and candidate.depth in (root.depth, root.depth + 1):
                key = SECTION_KEYS.get(candidate.specific_class._meta.label_lower)
                if key and key not in sections and candidate.path.startswith(root.path):
                    sections[key] = candidate.get_url(request=request) or ""
    crumbs = None
    if need_crumbs:
        root_pk = root.pk if root is not None else None
        crumbs = []
        for ancestor in pages:
            if ancestor.path not in ancestor_paths or ancestor.depth < 2:
                continue
            if root_pk is not None and ancestor.depth < root.depth:
                continue
            is_root = ancestor.pk == root_pk or ancestor.depth == 2
            crumbs.append(
                {
                    "page": None if is_root else ancestor,
                    "url": ancestor.get_url(request=request) or "",
                }
            )
    return sections, crumbs


def section_page_url(request, section):
    """URL of a section's index page (`stories`, `municipalities`, `goals`, `home`), in the
    active language."""
    return lang_url(site_tree(request)["sections"].get(section, ""))


def interface_is_content_language() -> bool:
    return interface_language() == settings.LANGUAGE_CODE


def interface_title(page) -> tuple[str, str]:
    """The page's title for the interface, and the language code to mark it with when it is
    content in another language than the interface (else ""). In English the section pages
    (Stories, Municipalities, …) have English names; other pages keep their Swedish titles."""
    if interface_is_content_language():
        return page.title, ""
    specific_class = page.specific_class
    key = SECTION_KEYS.get(specific_class._meta.label_lower) if specific_class else None
    if key in SECTION_LABELS:
        return str(SECTION_LABELS[key]), ""
    return page.title, settings.LANGUAGE_CODE
