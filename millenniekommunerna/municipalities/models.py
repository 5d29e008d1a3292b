from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from millenniekommunerna.core import derived_cache, providers
from millenniekommunerna.core.models import BasePage


class County(models.Model):
    """One of Sweden's 21 counties (län), keyed by its SCB code."""

    code = models.CharField(
        _("SCB code"), max_length=2, unique=True, validators=[RegexValidator(r"^\d{2}$")]
    )
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=60)
    slug = models.SlugField(_("slug"), unique=True)
    label_lat = models.FloatField(_("label latitude"))
    label_lon = models.FloatField(_("label longitude"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self):
        return self.name

    @staticmethod
    def name_in_interface(name: str, short_name: str) -> str:
        """ "Uppsala län" in the Swedish interface, "Uppsala County" in the English one; for
        lists built from `values()` rows as well as from County objects."""
        if (get_language() or "sv").startswith("sv"):
            return name
        return gettext("%(name)s County") % {"name": short_name}

    @property
    def interface_name(self) -> str:
        return self.name_in_interface(self.name, self.short_name)


class MunicipalityQuerySet(models.QuerySet):
    def millennium(self):
        return self.filter(is_millennium_municipality=True)


class Municipality(index.Indexed, models.Model):
    """A Swedish municipality (kommun), keyed by its SCB code as Kolada and SCB use it.

    The reference fields come from the data files and are refreshed by
    `load_reference_data`; the Millenniekommun fields are editorial and never overwritten.
    """

    code = models.CharField(
        _("SCB code"), max_length=4, unique=True, validators=[RegexValidator(r"^\d{4}$")]
    )
    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    label_lat = models.FloatField(_("label latitude"))
    label_lon = models.FloatField(_("label longitude"))
    website = models.URLField(_("website"), blank=True)

    is_millennium_municipality = models.BooleanField(_("Millennium Municipality"), default=False)
    millennium_decision_date = models.DateField(
        _("date of the council's decision"), null=True, blank=True
    )
    millennium_diploma_date = models.DateField(_("date of the diploma"), null=True, blank=True)
    millennium_note = models.CharField(
        _("note on the status"),
        max_length=255,
        blank=True,
        help_text=_("Where the status comes from, shown to editors only."),
    )

    objects = MunicipalityQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("county", read_only=True),
                FieldPanel("website"),
            ],
            heading=_("Reference data"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_millennium_municipality"),
                FieldRowPanel(
                    [FieldPanel("millennium_decision_date"), FieldPanel("millennium_diploma_date")]
                ),
                FieldPanel("millennium_note"),
            ],
            heading=_("Millennium Municipality"),
        ),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.FilterField("code"),
        index.FilterField("is_millennium_municipality"),
        index.RelatedFields("county", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class MunicipalityIndexPage(BasePage):
    """`/kommuner/`: all 290 municipalities, grouped by county."""

    template = "pages/municipality_index_page.html"

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["municipalities.MunicipalityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("municipality index page")

    def get_meta_description(self):
        return _(
            "All 290 Swedish municipalities by county, with their stories of local work toward "
            "the global development goals."
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = (
            MunicipalityPage.objects.live()
            .child_of(self)
            .select_related("municipality__county")
            .order_by("municipality__county__name", "municipality__name")
        )
        counts = providers.ask(providers.STORY_COUNTS, "municipality")
        counties = {}
        for page in pages:
            page.story_count = counts.get(page.municipality_id, 0)
            counties.setdefault(page.municipality.county, []).append(page)
        context["counties"] = list(counties.items())
        context["municipality_count"] = sum(len(group) for group in counties.values())
        return context


class MunicipalityPage(BasePage):
    """`/kommuner/<slug>/`: one municipality, its stories and partner places. Stories live
    below it in the tree so that editors' permissions can follow the tree."""

    # Paged to the end: the crawl path to every story (core.pagination, docs/crawling.md).
    paginate_to_end = True
    template = "pages/municipality_page.html"

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.PROTECT,
        related_name="page",
        verbose_name=_("municipality"),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        # Only national editors may point a page at another municipality: its stories and
        # tips are filed under the page's municipality.
        FieldPanel("municipality", permission="municipalities.change_municipality"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["municipalities.MunicipalityIndexPage"]
    subpage_types = ["stories.StoryPage"]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("municipality page")

    def get_meta_description(self):
        return _(
            "Stories from %(municipality)s of its local work toward the global development "
            "goals, and the places abroad it works with."
        ) % {"municipality": self.municipality.name}

    @cached_property
    def partnerships(self):
        """The partnerships the municipality leads or takes part in, with the place and the
        other municipalities (kept with the derived data: renewed when a partnership or a
        story changes)."""
        from millenniekommunerna.partnerships.models import Partnership

        def build():
            found = (
                Partnership.objects.involving_municipality([self.municipality_id])
                .select_related("municipality", "partner_place__country")
                .prefetch_related("other_municipalities")
                .order_by("partner_place__name", "pk")
            )
            for partnership in found:
                involved = [partnership.municipality, *partnership.other_municipalities.all()]
                partnership.partners = [m.name for m in involved if m.pk != self.municipality_id]
            return list(found)

        return derived_cache.get_or_build(
            f"municipality-partnerships:{self.municipality_id}", build
        )

    @cached_property
    def partner_places(self):
        from millenniekommunerna.partnerships.models import PartnerPlace

        return list(
            PartnerPlace.objects.filter(partnerships__municipality_id=self.municipality_id)
            .select_related("country")
            .distinct()
            .order_by("name")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = providers.ask(providers.STORIES_LISTED_ON, self)
        context["stories"] = self.paginate(request, stories)
        return context
