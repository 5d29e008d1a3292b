"""What a story's work led to: its results, measured (an indicator from a baseline to its
latest value), shown in the story's "Hur gick det?" section, the API and the exports."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]


class StoryResult(Orderable):
    """One measured result: "Matsvinn per elev och dag, g: 62 (2011) → 38 (2014), källa:
    kostenheten"."""

    page = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(
        _("indicator"),
        max_length=200,
        help_text=_("What was measured, e.g. food waste per pupil and day."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. g, kWh, %"))
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=3)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), validators=YEAR_VALIDATORS)
    latest_value = models.DecimalField(_("latest value"), max_digits=14, decimal_places=3)
    latest_year = models.PositiveSmallIntegerField(_("latest year"), validators=YEAR_VALIDATORS)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Who measured it, e.g. the catering unit."),
    )

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("source")]),
        FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_year")]),
        FieldRowPanel([FieldPanel("latest_value"), FieldPanel("latest_year")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return self.indicator

    def clean(self):
        super().clean()
        if self.baseline_year and self.latest_year and self.latest_year < self.baseline_year:
            raise ValidationError(
                {"latest_year": _("The latest year cannot be before the baseline year.")}
            )
