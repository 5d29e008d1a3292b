from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from wagtail.contrib.sitemaps import Sitemap

from millenniekommunerna.core import public_url


class PageSitemap(Sitemap):
    """Every live, public page of the site with its last change. At most `limit` URLs a file
    (the protocol allows 50 000); the index at /sitemap.xml lists the files.

    A page's last change is its last publication, or later the last publication of a story it
    lists: a municipality's or goal's page changes with their stories, the home page and the
    index pages with any story. (Pages made by `load_reference_data` were never published
    through a revision and have no date of their own.)"""

    limit = 10_000

    @cached_property
    def _story_dates(self) -> dict:
        from millenniekommunerna.stories.models import StoryPage

        stories = StoryPage.objects.published().annotate(
            changed=Coalesce("last_published_at", "first_published_at")
        )
        by_goal = (
            StoryPage.goals.through.objects.filter(storypage__live=True)
            .values("goal_id")
            .annotate(
                latest=Max(
                    Coalesce("storypage__last_published_at", "storypage__first_published_at")
                )
            )
        )
        return {
            "any": stories.aggregate(latest=Max("changed"))["latest"],
            "municipality": {
                row["municipality_id"]: row["latest"]
                for row in stories.values("municipality_id").annotate(latest=Max("changed"))
            },
            "goal": {row["goal_id"]: row["latest"] for row in by_goal},
        }

    def _lastmod(self, page, own):
        own = own or page.first_published_at
        dates = self._story_dates
        label = page.specific_class._meta.label_lower
        if label == "municipalities.municipalitypage":
            listed = dates["municipality"].get(page.municipality_id)
        elif label == "goals.goalpage":
            listed = dates["goal"].get(page.goal_id)
        elif label in LISTS_EVERY_STORY:
            listed = dates["any"]
        else:
            listed = None
        known = [date for date in (own, listed) if date is not None]
        return max(known) if known else None

    def _urls(self, page, protocol, domain):
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in item.get_sitemap_urls(self.request):
                url_info["lastmod"] = self._lastmod(item, url_info.get("lastmod"))
                urls.append(url_info)
                last_mods.add(url_info["lastmod"])
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


# Pages whose content changes whenever any story is published.
LISTS_EVERY_STORY = {
    "home.homepage",
    "stories.storyindexpage",
    "municipalities.municipalityindexpage",
    "goals.goalindexpage",
}


SITEMAPS = {"sidor": PageSitemap}


class RobotsView(TemplateView):
    template_name = "search/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = public_url.absolute(reverse("sitemap"), self.request)
        return context


robots_txt = require_safe(cache_control(max_age=3600, public=True)(RobotsView.as_view()))
