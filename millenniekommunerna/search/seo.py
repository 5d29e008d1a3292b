from django.conf import settings
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.functional import cached_property
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from wagtail.contrib.sitemaps import Sitemap

from millenniekommunerna.core import public_url


def in_each_language(path: str) -> list[str]:
    """A Swedish site path (`/karta/`) and the same under each other language's prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        return [translate_url(path, code) for code, _name in settings.LANGUAGES]


class PageSitemap(Sitemap):
    """Every live, public page of the site with its last change, in every language of the
    interface (a translated story at its translation's address). At most `limit` pages a file,
    so twice as many URLs (the protocol allows 50 000); the index at /sitemap.xml lists the
    files.

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

    @cached_property
    def _translations(self) -> dict:
        """translation key → {language: page} for the live pages in other languages than the
        site's (translated stories; nothing else is translated)."""
        from wagtail.models import Page

        found = {}
        for page in (
            Page.objects.live()
            .public()
            .exclude(locale__language_code=settings.LANGUAGE_CODE)
            .select_related("locale")
        ):
            found.setdefault(page.translation_key, {})[page.locale.language_code] = page
        return found

    def _locations(self, item, location: str) -> list[str]:
        root = public_url.root_url(self.request)
        path = location.removeprefix(root)
        if not path.startswith("/"):
            return [location]
        translated = self._translations.get(item.translation_key, {})
        locations = []
        for code, path_in_language in zip(
            (code for code, _name in settings.LANGUAGES), in_each_language(path), strict=True
        ):
            page = translated.get(code)
            if page is not None:
                locations.append(page.get_full_url(self.request))
            else:
                locations.append(root + path_in_language)
        return locations

    def _urls(self, page, protocol, domain):
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in item.get_sitemap_urls(self.request):
                url_info["lastmod"] = self._lastmod(item, url_info.get("lastmod"))
                for location in self._locations(item, url_info["location"]):
                    urls.append({**url_info, "location": location})
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


class PathSitemap(Sitemap):
    """Site paths that are no Wagtail page, each in every language; `paths()` gives the Swedish
    ones."""

    limit = 10_000

    def paths(self) -> list[str]:
        raise NotImplementedError

    def items(self):
        return [path for swedish in self.paths() for path in in_each_language(swedish)]

    def lastmod(self, item):
        return None

    def _urls(self, page, protocol, domain):
        return [
            {"item": path, "location": public_url.absolute(path, self.request), "lastmod": None}
            for path in self.paginator.page(page).object_list
        ]


class ViewSitemap(PathSitemap):
    """The map, the partnerships, the statistics and the tip form."""

    def paths(self):
        with translation.override(settings.LANGUAGE_CODE):
            return [
                reverse(name)
                for name in (
                    "maps:index",
                    "collaborations:index",
                    "statistics:index",
                    "tips:submit",
                )
            ]


class PlaceSitemap(PathSitemap):
    """The partner places abroad that the site links to: those a municipality works with or a
    published story names."""

    def paths(self):
        from millenniekommunerna.partnerships.models import PartnerPlace

        places = (
            PartnerPlace.objects.filter(
                Q(partnerships__isnull=False) | Q(stories__live=True),
            )
            .distinct()
            .order_by("slug")
            .values_list("slug", flat=True)
        )
        with translation.override(settings.LANGUAGE_CODE):
            return [reverse("maps:place", args=[slug]) for slug in places]


class PartnershipSitemap(PathSitemap):
    """Each partnership's page (`/samarbeten/<slug>/`)."""

    def paths(self):
        from millenniekommunerna.partnerships.models import Partnership

        slugs = Partnership.objects.order_by("slug").values_list("slug", flat=True)
        with translation.override(settings.LANGUAGE_CODE):
            return [reverse("collaborations:detail", args=[slug]) for slug in slugs]


class LandingSitemap(PathSitemap):
    """The story listing's landing pages (docs/crawling.md): one county, one partner country;
    exactly the options its first page links to without rel="nofollow"."""

    def paths(self):
        from millenniekommunerna.stories.listing import Selection, StoryFinder
        from millenniekommunerna.stories.models import StoryIndexPage

        index = StoryIndexPage.objects.live().public().first()
        if index is None:
            return []
        with translation.override(settings.LANGUAGE_CODE):
            base = index.get_url(self.request)
            finder = StoryFinder(Selection.from_params(QueryDict(), allow_query=False))
            return [
                base + option.url
                for facet in finder.facets
                for option in facet.options
                if option.landing and option.url != "?"
            ]


SITEMAPS = {
    "sidor": PageSitemap,
    "vyer": ViewSitemap,
    "orter": PlaceSitemap,
    "samarbeten": PartnershipSitemap,
    "listor": LandingSitemap,
}


class RobotsView(TemplateView):
    template_name = "search/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = public_url.absolute(reverse("sitemap"), self.request)
        return context


robots_txt = require_safe(cache_control(max_age=3600, public=True)(RobotsView.as_view()))
