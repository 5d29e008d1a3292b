from wagtail.models import Site


def navigation(request):
    """The main navigation: the home page's live children that are shown in menus."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_menu": []}
    pages = site.root_page.get_children().live().in_menu().specific(defer=True)
    return {"main_menu": [{"title": p.title, "url": p.url} for p in pages]}
