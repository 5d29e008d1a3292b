from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from millenniekommunerna.core import ratelimit
from millenniekommunerna.core.models import BasePage
from millenniekommunerna.core.navigation import lang_url

from ..listing import Selection, StoryFinder
from ..listing.params import LANDING_PARAMS


class StoryIndexPage(BasePage):
    """`/berattelser/`: every published story, newest first."""

    template = "pages/story_index_page.html"

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("story index page")

    def get_meta_description(self):
        return _(
            "Stories from Swedish municipalities of their local work toward the global "
            "development goals, by goal, county, partner country and year."
        )

    def serve(self, request, *args, **kwargs):
        # A filtered listing whose counts and facets are not cached reads every matching
        # story: such requests are rate limited per address. The finder is kept on the request
        # for get_context, which Wagtail calls with the request alone.
        finder = StoryFinder(Selection.from_params(request.GET, allow_query=False))
        request.story_finder = finder
        if request.GET and not finder.is_cached:
            limited = ratelimit.throttle(request)
            if limited is not None:
                return limited
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Facets (goal, county, municipality, country, year, Millenniekommun) from the query
        # string; see millenniekommunerna.stories.listing.
        finder = getattr(request, "story_finder", None) or StoryFinder(
            Selection.from_params(request.GET, allow_query=False)
        )
        context["stories"] = finder.page(request.GET.get("sida"), self.per_page, strict=True)
        context["listing"] = finder
        context.update(self._for_search_engines(request, finder.selection, context["stories"]))
        return context

    def _for_search_engines(self, request, selection, stories) -> dict:
        """The whole listing and its landing pages (one county, one country) are indexable on
        their first page; any other state is `noindex, follow` with its indexable form as the
        canonical URL (docs/crawling.md)."""
        if selection.is_landing and stories.number == 1 and set(request.GET) <= set(LANDING_PARAMS):
            return {"robots": ""}
        canonical = selection.canonical()
        if isinstance(canonical, str):
            path = request.path + (canonical if canonical != "?" else "")
        else:
            page = getattr(canonical, "page", None)
            path = lang_url(page.get_url(request)) if page is not None else request.path
        return {"robots": "noindex, follow", "canonical_path": path}
