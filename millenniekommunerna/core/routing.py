"""Finding the page a URL names in one query.

Wagtail's `Page.route` walks the tree one level at a time: for `/kommuner/osthammar/<story>/`
it asks the database for each level's child and then for that child's specific page, six
queries before the story's own. Every page stores its address below the site root in
`url_path` (Wagtail keeps it up to date when a slug changes or a page moves), so the site root
can look the whole path up at once: one query for the page, one for its specific model.

This holds while no page type between the root and the page answers paths of its own (a
`RoutablePageMixin`, a custom `route`): `tests/test_routing.py` fails when one does, and such a
page then needs its own routing here. When nothing has the path, Wagtail's walk runs as
before, so a missing page is a 404 in exactly the same way.
"""

from wagtail.models import Page


class DirectRouteMixin:
    """For the site's root page: route a path to the page whose `url_path` it is."""

    def route(self, request, path_components):
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(url_path=url_path).specific().first()
            if page is not None:
                # The page's own route decides the rest, as in Wagtail's walk: a page that is
                # not live is a 404.
                return page.route(request, [])
        return super().route(request, path_components)
