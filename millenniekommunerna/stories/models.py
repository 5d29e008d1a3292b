from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from millenniekommunerna.core.models import BasePage
from millenniekommunerna.core.text import excerpt
from millenniekommunerna.editorial.forms import StoryPageForm

from .blocks import StoryBodyBlock

TEASER_MAX_LENGTH = 400


class StoryPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Everything a story card shows, in a fixed number of queries however many stories."""
        from millenniekommunerna.goals.models import Goal

        return (
            self.select_related("municipality__county", "hero_image")
            .prefetch_related(
                Prefetch("goals", queryset=Goal.objects.order_by("-kind", "number")),
                "hero_image__renditions",
            )
            .order_by("-first_published_at", "-pk")
        )


StoryPageManager = PageManager.from_queryset(StoryPageQuerySet)


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
        from millenniekommunerna.search.listing import Selection, StoryFinder

        context = super().get_context(request, *args, **kwargs)
        # Facets (goal, county, municipality, country, year, Millenniekommun) from the query
        # string; see millenniekommunerna.search.listing.
        finder = StoryFinder(Selection.from_params(request.GET, allow_query=False))
        context["stories"] = finder.page(request.GET.get("sida"), self.per_page, strict=True)
        context["listing"] = finder
        return context


class StoryPage(BasePage):
    """A municipality's story of its local work toward the global goals. Lives under its
    municipality's page, so permissions and URLs follow the municipality."""

    template = "pages/story_page.html"

    teaser = models.TextField(
        _("teaser"),
        max_length=TEASER_MAX_LENGTH,
        help_text=_("One or two whole sentences shown on cards and in search results."),
    )
    body = StreamField(StoryBodyBlock(), blank=True, verbose_name=_("body"))
    hero_image = models.ForeignKey(
        "images.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="stories",
        editable=False,
        null=True,
        verbose_name=_("municipality"),
        help_text=_("Follows the parent municipality page; kept here for fast filtering."),
    )
    goals = ParentalManyToManyField(
        "goals.Goal", blank=True, related_name="stories", verbose_name=_("goals")
    )
    partner_places = ParentalManyToManyField(
        "partnerships.PartnerPlace",
        blank=True,
        related_name="stories",
        verbose_name=_("partner places"),
    )
    countries = ParentalManyToManyField(
        "partnerships.Country",
        blank=True,
        related_name="stories",
        verbose_name=_("countries"),
        help_text=_("Countries the work involves, also when no single place is named."),
    )
    year_start = models.PositiveSmallIntegerField(
        _("work started (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    year_end = models.PositiveSmallIntegerField(
        _("work ended (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("Leave empty while the work goes on."),
    )

    objects = StoryPageManager()
    # Refuses to send a story for review or publish it without alt texts, teaser and goals.
    base_form_class = StoryPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("goals", widget=None),
                FieldPanel("partner_places"),
                FieldPanel("countries"),
                FieldRowPanel([FieldPanel("year_start"), FieldPanel("year_end")]),
            ],
            heading=_("Goals, partners and years"),
        ),
        InlinePanel("review_flags", heading=_("Needs review"), label=_("Review flag")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser", boost=2),
        index.SearchField("body"),
        index.FilterField("municipality"),
        index.RelatedFields(
            "municipality",
            [index.SearchField("name"), index.RelatedFields("county", [index.SearchField("name")])],
        ),
        index.RelatedFields("goals", [index.SearchField("name_sv"), index.SearchField("name_en")]),
        index.RelatedFields(
            "partner_places", [index.SearchField("name"), index.SearchField("aliases")]
        ),
        index.RelatedFields("countries", [index.SearchField("name_sv")]),
    ]

    parent_page_types = ["municipalities.MunicipalityPage"]
    subpage_types = []

    @classmethod
    def get_indexed_objects(cls):
        # update_index reads every related name above: a few queries per chunk, not per story.
        return (
            super()
            .get_indexed_objects()
            .select_related("municipality__county")
            .prefetch_related("goals", "partner_places__country", "countries")
        )

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def clean(self):
        super().clean()
        if self.year_start and self.year_end and self.year_end < self.year_start:
            raise ValidationError({"year_end": _("The end year cannot be before the start year.")})

    def save(self, *args, **kwargs):
        self.sync_municipality()
        return super().save(*args, **kwargs)

    def sync_municipality(self):
        """Take the municipality from the parent page (the tree is the source of truth)."""
        if not self.path:
            return
        parent = self.get_parent()
        municipality_id = getattr(getattr(parent, "specific", None), "municipality_id", None)
        if municipality_id:
            self.municipality_id = municipality_id

    @property
    def card_teaser(self):
        return excerpt(self.teaser)

    @property
    def years(self):
        if self.year_start and self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}–{self.year_end}"
        if self.year_start and not self.year_end:
            return _("since %(year)s") % {"year": self.year_start}
        return str(self.year_start or self.year_end or "")

    def get_context(self, request, *args, **kwargs):
        from millenniekommunerna.search.related import related_stories

        context = super().get_context(request, *args, **kwargs)
        context["goals"] = list(self.goals.order_by("-kind", "number").select_related("page"))
        context["partner_places"] = list(self.partner_places.select_related("country"))
        place_countries = {p.country_id for p in context["partner_places"]}
        context["other_countries"] = [
            c for c in self.countries.all() if c.pk not in place_countries
        ]
        context["related_stories"] = related_stories(
            self,
            goal_ids=[goal.pk for goal in context["goals"]],
            place_ids=[place.pk for place in context["partner_places"]],
            country_ids=place_countries | {c.pk for c in context["other_countries"]},
        )
        return context


class StoryReviewFlag(Orderable):
    """Something an editor must look at before the story is complete, e.g. an imported image
    caption that was a file name and so could not become alt text."""

    class Kind(models.TextChoices):
        IMAGE_ALT_TEXT = "image_alt_text", _("Image lacks a usable alt text")
        IMAGE_MISSING = "image_missing", _("Image in the source was not imported")
        TEASER_INCOMPLETE = "teaser_incomplete", _("Teaser is cut off in the source")
        BODY_MISSING = "body_missing", _("The story has no body text yet")
        GOALS_CHECK = "goals_check", _("Goals were assigned editorially: check them")
        OTHER = "other", _("Other")

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="review_flags")
    kind = models.CharField(_("what to review"), max_length=30, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("review flag")
        verbose_name_plural = _("review flags")

    def __str__(self):
        return self.get_kind_display()
