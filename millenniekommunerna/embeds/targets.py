"""What can be embedded: a story (a card), a municipality's or a goal's latest stories, and the
latest stories of the whole site (a list). A target is found by the page's path below the
site root, as the site's own addresses name it (`kommuner/osthammar/`), so an embed's address
is the page's address under `/inbaddning/`."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from millenniekommunerna.core import providers
from millenniekommunerna.core.templatetags.site_tags import municipality_name
from millenniekommunerna.goals.models import GoalPage
from millenniekommunerna.municipalities.models import MunicipalityPage
from millenniekommunerna.stories.models import StoryIndexPage, StoryPage

DEFAULT_COUNT = 5
MAX_COUNT = 20

KINDS = {
    StoryPage: "story",
    MunicipalityPage: "municipality",
    GoalPage: "goal",
    StoryIndexPage: "stories",
}


@dataclass(frozen=True)
class Target:
    kind: str  # "story", "municipality", "goal" or "stories"
    page: Page  # the specific page; for a story always the Swedish original
    path: str  # below the site root, without the language prefix: "kommuner/osthammar/"

    @property
    def is_list(self) -> bool:
        return self.kind != "story"

    def stories(self, count: int = DEFAULT_COUNT):
        """The stories the embed shows, ready for cards (titles and teasers in the interface's
        language where a story has a published translation), newest first."""
        if self.kind == "story":
            return list(StoryPage.objects.published().filter(pk=self.page.pk).for_listing())
        if self.kind == "stories":
            return list(StoryPage.objects.published().for_listing()[:count])
        return list(providers.ask(providers.STORIES_LISTED_ON, self.page)[:count])

    def title(self) -> str:
        """The embed's heading in the interface's language."""
        page = self.page
        if self.kind == "municipality":
            return _("Stories from %(name)s") % {"name": municipality_name(page.municipality)}
        if self.kind == "goal":
            return _("Stories about %(goal)s") % {"goal": f"{page.goal.label}: {page.goal.name}"}
        if self.kind == "stories":
            return _("Latest stories")
        # A story's title in the interface's language when it has a published translation.
        shown = self.stories()
        return shown[0].shown_title if shown else page.title


def kind_of(page) -> str:
    return KINDS.get(type(page), "")


def find(request, path: str) -> Target | None:
    """The live, public page at `path` if it can be embedded, else None. A translated story's
    own path names its Swedish story (the embed's language comes from its own address)."""
    path = path.strip("/")
    if not path or "//" in path:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    url_path = f"{site.root_page.url_path}{path}/"
    page = Page.objects.live().public().filter(url_path=url_path).specific().first()
    return target_for(page, request)


def target_for(page, request=None) -> Target | None:
    """The embed of a page, or None when the page offers none. The page's site is the
    request's (kept in the cache by core.sites) when there is one."""
    if page is None or not kind_of(page):
        return None
    if isinstance(page, StoryPage) and page.is_translation:
        page = page.original
    # Only what anyone may read: a page with a view restriction (or below one) is never shown
    # on another site.
    if not page.live or page.get_view_restrictions().exists():
        return None
    site = Site.find_for_request(request) if request is not None else page.get_site()
    if site is None or not page.url_path.startswith(site.root_page.url_path):
        return None
    path = page.url_path[len(site.root_page.url_path) :]
    return Target(kind_of(page), page, path)
