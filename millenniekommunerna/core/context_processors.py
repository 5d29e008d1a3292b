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
