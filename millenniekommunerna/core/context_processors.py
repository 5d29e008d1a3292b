from wagtail.models import Site

from millenniekommunerna.core.navigation import interface_title


def navigation(request):
    """The main navigation: the home page's live children that are shown in menus."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_menu": []}
    pages = site.root_page.get_children().live().in_menu().specific(defer=True)
    menu = []
    for page in pages:
        title, lang = interface_title(page)
        menu.append({"title": title, "url": page.url, "lang": lang})
    return {"main_menu": menu}
