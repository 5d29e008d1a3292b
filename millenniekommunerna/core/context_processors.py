from wagtail.models import Site

from millenniekommunerna.core import derived_cache
from millenniekommunerna.core.locales import interface_language
from millenniekommunerna.core.navigation import interface_title


def navigation(request):
    """The main navigation: the home page's live children that are shown in menus, kept in
    the derived-data cache until a page is published, moved or deleted."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_menu": []}

    def build():
        pages = site.root_page.get_children().live().in_menu().specific(defer=True)
        menu = []
        for page in pages:
            title, lang = interface_title(page)
            menu.append({"title": title, "url": page.url, "lang": lang})
        return menu

    key = f"main-menu:{site.pk}:{interface_language()}"
    return {"main_menu": derived_cache.get_or_build(key, build)}


def published_content_key(request):
    """`published_content_key`: a key for a template fragment that depends only on the
    published content, the interface language and the address asked for (a listing's grid of
    story cards: `{% cache … published_content_key %}`). It holds the derived-data cache's
    generation, so every such fragment goes stale with any publication."""
    return {
        "published_content_key": (
            f"{derived_cache.generation()}:{interface_language()}:{request.get_full_path()}"
        )
    }
