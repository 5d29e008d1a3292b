from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from millenniekommunerna.core import providers
from millenniekommunerna.core.colour import accessible_badge_colours
from millenniekommunerna.core.models import BasePage


class Goal(index.Indexed, models.Model):
    """One of the 8 Millennium Development Goals (2000–2015) or the 17 Sustainable
    Development Goals (2015–2030)."""

    class Kind(models.TextChoices):
        MDG = "mdg", _("Millennium Development Goal")
        SDG = "sdg", _("Sustainable Development Goal")

    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("code"), unique=True, help_text=_("For example mdg-7 or sdg-12."))
    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    colour = models.CharField(_("colour"), max_length=7, help_text=_("Hex colour, e.g. #3F7E44."))
    successors = models.ManyToManyField(
        "self",
        through="GoalMapping",
        symmetrical=False,
        related_name="predecessors",
        blank=True,
        verbose_name=_("successor goals"),
    )

    search_fields = [
        index.SearchField("name_sv", boost=2),
        index.SearchField("name_en"),
        index.AutocompleteField("name_sv"),
        index.FilterField("kind"),
        index.FilterField("number"),
    ]

    class Meta:
        ordering = ["-kind", "number"]  # SDGs first: they are the goals of today
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="goal_unique_kind_number"),
        ]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return f"{self.label} {self.name}"

    @property
    def name(self):
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv

    @property
    def label(self):
        """Short visible label: "Mål 12" for an SDG, "Millenniemål 7" for an MDG."""
        if self.kind == self.Kind.MDG:
            return _("MDG %(number)s") % {"number": self.number}
        return _("SDG %(number)s") % {"number": self.number}

    @cached_property
    def badge_colours(self):
        return accessible_badge_colours(self.colour)

    @property
    def badge_background(self):
        return self.badge_colours[0]

    @property
    def badge_text(self):
        return self.badge_colours[1]


class GoalMapping(models.Model):
    """Editorial link from a Millennium goal to the Sustainable goals that carry it on. This is
    the editors' reading, not an official UN table, and the site says so."""

    mdg = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        related_name="successor_mappings",
        limit_choices_to={"kind": Goal.Kind.MDG},
    )
    sdg = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        related_name="predecessor_mappings",
        limit_choices_to={"kind": Goal.Kind.SDG},
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mdg", "sdg"], name="goal_mapping_unique_pair"),
        ]
        ordering = ["mdg__number", "sdg__number"]
        verbose_name = _("goal mapping (editorial)")
        verbose_name_plural = _("goal mappings (editorial)")

    def __str__(self):
        return f"{self.mdg.label} → {self.sdg.label}"


class GoalIndexPage(BasePage):
    """`/mal/`: the 17 Sustainable Development Goals and the 8 Millennium goals before them."""

    template = "pages/goal_index_page.html"

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["goals.GoalPage"]
    max_count = 1

    class Meta:
        verbose_name = _("goal index page")

    def get_meta_description(self):
        return _(
            "The eight Millennium Development Goals and the 17 Sustainable Development Goals, "
            "with the Swedish municipalities’ stories for each."
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = list(
            GoalPage.objects.live().child_of(self).select_related("goal").order_by("goal__number")
        )
        counts = providers.ask(providers.STORY_COUNTS, "goal")
        for page in pages:
            page.story_count = counts.get(page.goal_id, 0)
        context["sdg_pages"] = [p for p in pages if p.goal.kind == Goal.Kind.SDG]
        context["mdg_pages"] = [p for p in pages if p.goal.kind == Goal.Kind.MDG]
        return context


class GoalPage(BasePage):
    """`/mal/<code>/`: one goal, its stories, and its successors or predecessors."""

    template = "pages/goal_page.html"

    goal = models.OneToOneField(
        Goal, on_delete=models.PROTECT, related_name="page", verbose_name=_("goal")
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("goal"), FieldPanel("intro")]
    parent_page_types = ["goals.GoalIndexPage"]
    subpage_types = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields("goal", [index.SearchField("name_sv"), index.SearchField("name_en")]),
    ]

    class Meta:
        verbose_name = _("goal page")

    def get_meta_description(self):
        return _("Swedish municipalities’ stories of their local work toward %(goal)s.") % {
            "goal": f"{self.goal.label}: {self.goal.name}"
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        goal = self.goal
        related = goal.successors if goal.kind == Goal.Kind.MDG else goal.predecessors
        context["related_goals"] = list(related.select_related("page").order_by("number"))
        stories = providers.ask(providers.STORIES_LISTED_ON, self)
        context["stories"] = self.paginate(request, stories)
        return context
