from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from millenniekommunerna.core import derived_cache, locales
from millenniekommunerna.core.models import BasePage
from millenniekommunerna.core.navigation import lang_url
from millenniekommunerna.core.text import excerpt
from millenniekommunerna.core.widgets import ChecklistWidget
from millenniekommunerna.partnerships.models import WorkStatus

from .. import quality, results_display
from ..blocks import StoryBodyBlock
from ..forms import StoryPageForm
from ..related import related_stories
from . import review_state
from .querysets import StoryPageManager
from .source import StorySource
from .translated import TranslatedStory

TEASER_MAX_LENGTH = 400


class StoryPage(TranslatedStory, BasePage, StorySource):
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
    # What the work led to ("Hur gick det?"): its status, measured results (`results`,
    # StoryResult), lessons learned and whom to ask; and when an editor last confirmed it.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WorkStatus.choices,
        blank=True,
        default="",
        help_text=_("Leave empty when it is not known."),
    )
    lessons_learned = models.TextField(
        _("lessons learned"),
        blank=True,
        help_text=_("What worked and what did not: what others can learn from, failures too."),
    )
    contact_role = models.CharField(
        _("contact: role"),
        max_length=120,
        blank=True,
        help_text=_("A role, not a person, e.g. environmental strategist. No e-mail addresses."),
    )
    contact_organisation = models.CharField(
        _("contact: organisation"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Östhammar municipality, the environment unit."),
    )
    last_reviewed_at = models.DateTimeField(
        _("last reviewed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When an editor last published the story or confirmed it is still true."),
    )
    # Reuse: "Vi gjorde också".
    adapted_from = models.ForeignKey(
        "stories.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adapted_by",
        verbose_name=_("inspired by or adapted from"),
        help_text=_("Another municipality's story this work took its idea from."),
    )
    partnerships = ParentalManyToManyField(
        "partnerships.Partnership",
        blank=True,
        related_name="stories",
        verbose_name=_("partnerships"),
    )

    # What a translation takes from the Swedish story instead of holding its own copy.
    STRUCTURAL_FIELDS = (
        "hero_image",
        "goals",
        "partner_places",
        "countries",
        "year_start",
        "year_end",
        "status",
        "adapted_from",
        "partnerships",
        "source_name",
        "source_url",
        "source_programme",
        "source_date_precision",
        "source_date_start",
        "source_date_end",
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
                FieldPanel(
                    "goals", widget=ChecklistWidget(search_label=_("Find a goal by number or word"))
                ),
                FieldPanel(
                    "partner_places",
                    widget=ChecklistWidget(search_label=_("Find a place or country code")),
                ),
                FieldPanel("countries", widget=ChecklistWidget(search_label=_("Find a country"))),
                FieldRowPanel([FieldPanel("year_start"), FieldPanel("year_end")]),
            ],
            heading=_("Goals, partners and years"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source_name"),
                FieldPanel("source_url"),
                FieldPanel("source_programme"),
                FieldRowPanel(
                    [
                        FieldPanel("source_date_precision"),
                        FieldPanel("source_date_start"),
                        FieldPanel("source_date_end"),
                    ]
                ),
            ],
            heading=_("Source"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                InlinePanel("results", heading=_("Results"), label=_("Result")),
                FieldPanel("lessons_learned"),
                FieldRowPanel([FieldPanel("contact_role"), FieldPanel("contact_organisation")]),
                FieldPanel(
                    "partnerships",
                    widget=ChecklistWidget(search_label=_("Find a partnership")),
                ),
                PageChooserPanel("adapted_from", "stories.StoryPage"),
            ],
            heading=_("What came of it"),
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
        # An index newest first, NULLS LAST, on PostgreSQL: migration 0006.

    def clean(self):
        super().clean()
        if self.year_start and self.year_end and self.year_end < self.year_start:
            raise ValidationError({"year_end": _("The end year cannot be before the start year.")})
        self.clean_source_date()

    def save(self, *args, **kwargs):
        self.sync_municipality()
        if self.is_translation:
            self.clear_structural_fields()
        self.sync_publication()
        return super().save(*args, **kwargs)

    def sync_municipality(self):
        """Take the municipality from the parent page (the tree is the source of truth).
        A translation belongs to no municipality of its own: it is shown as part of its
        Swedish story, and so never counted, listed or mapped twice."""
        if self.is_translation:
            self.municipality_id = None
            return
        if not self.path:
            return
        parent = self.get_parent()
        municipality_id = getattr(getattr(parent, "specific", None), "municipality_id", None)
        if municipality_id:
            self.municipality_id = municipality_id

    def clear_structural_fields(self):
        self.hero_image = None
        self.year_start = self.year_end = None
        self.status = ""
        self.adapted_from = None
        self.source_name = self.source_url = self.source_programme = ""
        self.source_date_precision = ""
        self.source_date_start = self.source_date_end = None
        for name in ("goals", "partner_places", "countries", "partnerships"):
            setattr(self, name, [])

    def review_state(self, now=None) -> str:
        """Current, due for review or out of date ("inaktuell"): models.review_state."""
        return review_state.state_of(self.original.last_reviewed_at, now)

    @property
    def is_out_of_date(self) -> bool:
        return self.review_state() == review_state.ReviewState.OUT_OF_DATE

    @property
    def card_teaser(self):
        return excerpt(self.teaser)

    # What a listing shows of the story: its translation into the interface's language where
    # `for_listing()` found one, else the story itself.

    @property
    def shown_title(self) -> str:
        return getattr(self, "translated_title", None) or self.title

    @property
    def shown_teaser(self) -> str:
        return excerpt(getattr(self, "translated_teaser", None) or self.teaser)

    @property
    def shown_language(self) -> str:
        if getattr(self, "translated_title", None):
            return self.translated_language
        return self.language

    @property
    def shown_url(self) -> str:
        url = lang_url(self.url)
        slug = getattr(self, "translated_title", None) and self.translated_slug
        if url and slug:
            url = f"{url.rstrip('/').rsplit('/', 1)[0]}/{slug}/"
        return url

    @property
    def years(self):
        if self.year_start and self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}–{self.year_end}"
        if self.year_start and not self.year_end:
            return _("since %(year)s") % {"year": self.year_start}
        return str(self.year_start or self.year_end or "")

    def quality_problems(self) -> list[quality.Problem]:
        """What stops this story (or a revision of it: `revision.as_object()`) from going for
        review or being published. A translation has its own text; its goals and main image
        are the Swedish story's."""
        story = self.original if self.is_translation else self
        return quality.problems(
            teaser=self.teaser,
            goals=list(story.goals.all()),
            hero_image=story.hero_image,
            body=self.body,
        )

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        # A translation shows its own text with the Swedish story's facts.
        story = self.original
        context["story"] = story
        if story.municipality_id and "municipality" not in story._state.fields_cache:
            # The municipality with its county in one query (the page, its feeds and its
            # structured data name both).
            story.municipality = (
                type(story)
                .municipality.field.related_model.objects.select_related("county")
                .get(pk=story.municipality_id)
            )
        context["goals"] = list(story.goals.order_by("-kind", "number").select_related("page"))
        context["follow_up"] = results_display.follow_up(self, story, story.results.all())
        context["partner_places"] = list(story.partner_places.select_related("country"))
        place_countries = {p.country_id for p in context["partner_places"]}
        context["other_countries"] = [
            c for c in story.countries.all() if c.pk not in place_countries
        ]
        # The related stories depend on the published stories only: which they are is kept
        # in the derived-data cache, and their cards are a cached fragment of the template
        # (`related_stories_key`), so a story read again costs none of their queries.
        related_ids = derived_cache.get_or_build(
            f"related-stories:{story.pk}",
            lambda: [
                related.pk
                for related in related_stories(
                    story,
                    goal_ids=[goal.pk for goal in context["goals"]],
                    place_ids=[place.pk for place in context["partner_places"]],
                    country_ids=place_countries | {c.pk for c in context["other_countries"]},
                )
            ],
        )
        context["has_related_stories"] = bool(related_ids)
        context["related_stories_key"] = (
            f"{derived_cache.generation()}:{story.pk}:{locales.interface_language()}"
        )
        context["related_stories"] = lambda: sorted(
            StoryPage.objects.filter(pk__in=related_ids).for_listing(),
            key=lambda related: related_ids.index(related.pk),
        )
        return context
