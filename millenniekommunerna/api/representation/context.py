"""What every representation needs to know: the site's root URL for absolute links, the
language, and the rendition specs; and how dates are written."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from wagtail.models import Site

from millenniekommunerna.core import public_url

# The renditions the site itself shows (story page hero and body images), so that the API
# points at files that usually exist already.
IMAGE_WIDTHS = (640, 960, 1280)
IMAGE_FORMAT = "webp"


def rendition_specs():
    return [f"width-{width}|format-{IMAGE_FORMAT}" for width in IMAGE_WIDTHS]


@dataclass
class Context:
    """What turning pages into data needs besides the pages: the site (its root URL, to make
    URLs absolute) and the request (for Wagtail's per-request caches).

    Page URLs are worked out from `url_path` as Wagtail does for a page under the site's root
    page (root URL + the path below the root). Every page the API links to lies under the one
    root, the home page in the default language, whose URLs have no language prefix (a story's
    translation lies beside it, editorial.translation; its URL, with its language prefix, is
    Wagtail's own). So a batch of stories needs no page objects for the municipalities and
    goals it links to: their URLs are read once, in one query each, for the whole request or
    export, unless the page is already loaded."""

    request: object = None
    root_url: str = ""
    root_path: str = ""
    _urls: dict = field(default_factory=dict)

    @classmethod
    def for_request(cls, request):
        # Wagtail's site of the request (the default site for an unknown host), which the
        # site middleware has usually found already; None only while no site exists at all,
        # and then no page has a URL.
        context = cls(request=request, root_url=public_url.root_url(request))
        site = Site.find_for_request(request)
        if site is not None:
            context.root_path = site.root_page.url_path
        return context

    def absolute(self, url):
        if url and url.startswith("/") and not url.startswith("//"):
            return f"{self.root_url}{url}"
        return url or None

    def url_from_path(self, url_path):
        if self.root_path and url_path.startswith(self.root_path):
            return f"{self.root_url}/{url_path[len(self.root_path) :]}"
        return None

    def page_url(self, page):
        """Absolute URL of a live page, None for a page that is not published."""
        if page is None or not page.live:
            return None
        return self.url_from_path(page.url_path)

    def _section_urls(self, model, key):
        if model.__name__ not in self._urls:
            rows = model.objects.filter(live=True).values_list(key, "url_path")
            self._urls[model.__name__] = {
                related_id: self.url_from_path(url_path) for related_id, url_path in rows
            }
        return self._urls[model.__name__]

    def _related_page_url(self, obj, model, key):
        """URL of the page of a municipality or goal: from the page itself when it is loaded
        (select_related("page")), else from the list of all such pages."""
        if type(obj).page.is_cached(obj):
            return self.page_url(getattr(obj, "page", None))
        return self._section_urls(model, key).get(obj.pk)

    def municipality_url(self, municipality):
        from millenniekommunerna.municipalities.models import MunicipalityPage

        return self._related_page_url(municipality, MunicipalityPage, "municipality_id")

    def goal_url(self, goal):
        from millenniekommunerna.goals.models import GoalPage

        return self._related_page_url(goal, GoalPage, "goal_id")


def iso(value):
    """ISO 8601: dates as they are, times in UTC with a `Z`, the same everywhere (API, exports,
    JSON-LD), so that they can be compared as strings."""
    if not value:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()
