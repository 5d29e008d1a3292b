from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from millenniekommunerna.core import providers
from millenniekommunerna.core.models import BasePage
from millenniekommunerna.core.routing import DirectRouteMixin
from millenniekommunerna.stories.models import StoryPage


class HomePage(DirectRouteMixin, BasePage):
    """`/`: the intro to the Millennium Municipalities and the latest stories."""

    template = "pages/home_page.html"

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    stories_heading = models.CharField(
        _("heading above the stories"),
        max_length=120,
        default="Berättelser från Sveriges kommuner",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("stories_heading")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "municipalities.MunicipalityIndexPage",
        "goals.GoalIndexPage",
        "stories.StoryIndexPage",
        "api.OpenDataPage",
        "core.AccessibilityStatementPage",
    ]
    max_count = 1
    per_page = 30

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self):
        """The site is routed through the Swedish page tree in every interface language
        (core.locales): the home page is the same in each, so Wagtail need not ask the
        database for the active locale and a translation on every request."""
        return self

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.published().for_listing()
        context["stories"] = self.paginate(request, stories)
        context["municipality_count"] = len(providers.ask(providers.STORY_COUNTS, "municipality"))
        return context
