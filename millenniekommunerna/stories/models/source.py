"""Where a story was first published and when (stories.provenance): the fields editors set
under "Källa", their checks, and the publication derived from them on save."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .. import provenance


class StorySource(models.Model):
    """Mixed into StoryPage. Abstract: its fields are the story's columns."""

    # Where the story comes from (stories.provenance). Empty for a story written here.
    source_name = models.CharField(
        _("first published at"),
        max_length=120,
        blank=True,
        help_text=_(
            "Where the story was first published, e.g. millenniekommun.se. Leave empty for a "
            "story written here."
        ),
    )
    source_url = models.URLField(_("address at the source"), blank=True)
    source_programme = models.CharField(
        _("programme"),
        max_length=200,
        blank=True,
        help_text=_("The programme the story belonged to, e.g. Millenniekommunerna (SKL)."),
    )
    source_date_precision = models.CharField(
        _("date at the source"),
        max_length=10,
        choices=[
            (provenance.DAY, _("known to the day")),
            (provenance.YEAR, _("only the year is known")),
            (provenance.PERIOD, _("only a period is known")),
            (provenance.UNKNOWN, _("unknown")),
        ],
        blank=True,
    )
    source_date_start = models.DateField(
        _("from"),
        null=True,
        blank=True,
        help_text=_("The day, or the first day of the year or period."),
    )
    source_date_end = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last day of a period.")
    )
    # Derived on save (stories.provenance.publication): what listings sort and count by.
    published_on = models.DateField(_("published"), null=True, editable=False, db_index=True)
    published_period = models.CharField(
        _("year or period published"), max_length=9, blank=True, editable=False, db_index=True
    )

    class Meta:
        abstract = True

    def clean_source_date(self):
        precision, start, end = (
            self.source_date_precision,
            self.source_date_start,
            self.source_date_end,
        )
        if self.source_name and not precision:
            self.source_date_precision = precision = provenance.UNKNOWN
        if precision in (provenance.DAY, provenance.YEAR) and not start:
            raise ValidationError(
                {"source_date_start": _("Give the day, or the first day of the year.")}
            )
        if precision == provenance.PERIOD and not (start and end):
            raise ValidationError(
                {"source_date_end": _("Give the first and the last day of the period.")}
            )
        if start and end and end < start:
            raise ValidationError({"source_date_end": _("The period cannot end before it starts.")})
        if precision == provenance.DAY:
            self.source_date_end = start
        elif precision == provenance.YEAR:
            self.source_date_start = start.replace(month=1, day=1)
            self.source_date_end = start.replace(month=12, day=31)
        elif precision in (provenance.UNKNOWN, ""):
            self.source_date_start = self.source_date_end = None

    def sync_publication(self):
        self.published_on, self.published_period = provenance.publication(
            has_source=bool(self.source_name),
            precision=self.source_date_precision,
            start=self.source_date_start,
            end=self.source_date_end,
            first_published_at=self.first_published_at,
        )

    @property
    def is_from_source(self) -> bool:
        return bool(self.source_name)

    @property
    def source_date_label(self) -> str:
        return provenance.date_label(
            self.source_date_precision, self.source_date_start, self.source_date_end
        )

    @property
    def published_label(self) -> str:
        """The story's publication as a card shows it: `2010–2015`, `3 maj 2012`, or the day
        it was published here."""
        if self.is_from_source:
            return self.source_date_label
        if self.first_published_at:
            return formats.date_format(
                provenance.local_date(self.first_published_at), "DATE_FORMAT"
            )
        return ""
