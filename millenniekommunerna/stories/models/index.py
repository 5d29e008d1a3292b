from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from millenniekommunerna.core.models import BasePage

from ..listing import Selection, StoryFinder


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Facets (goal, county, municipality, country, year, Millenniekommun) from the query
        # string; see millenniekommunerna.stories.listing.
        finder = StoryFinder(Selection.from_params(request.GET, allow_query=False))
        context["stories"] = finder.page(request.GET.get("sida"), self.per_page, strict=True)
        context["listing"] = finder
        return context
