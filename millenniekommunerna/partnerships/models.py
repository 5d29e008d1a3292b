from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from millenniekommunerna.core.text import fold_slug


class Country(models.Model):
    """A country by ISO 3166-1 code, with its Swedish and English names (CLDR)."""

    code = models.CharField(
        _("ISO code"), max_length=2, unique=True, validators=[RegexValidator(r"^[A-Z]{2}$")]
    )
    code_alpha3 = models.CharField(_("ISO alpha-3 code"), max_length=3, blank=True)
    numeric_code = models.CharField(_("ISO numeric code"), max_length=3, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class PartnerPlace(index.Indexed, models.Model):
    """A place abroad that Swedish municipalities work with: a city or a region."""

    class Kind(models.TextChoices):
        CITY = "city", _("city or municipality")
        REGION = "region", _("region")
        REGION_CAPITAL = "region_capital", _("region (shown at its capital)")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="partner_places", verbose_name=_("country")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CITY)
    region = models.CharField(_("region"), max_length=120, blank=True)
    latitude = models.FloatField(
        _("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)
    aliases = models.CharField(
        _("other names"),
        max_length=255,
        blank=True,
        help_text=_("Names the place goes by in stories, separated by semicolons."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("country"),
        FieldPanel("kind"),
        FieldPanel("region"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
        FieldPanel("geonames_id"),
        FieldPanel("aliases"),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("aliases"),
        index.AutocompleteField("name"),
        index.RelatedFields(
            "country", [index.SearchField("name_sv"), index.SearchField("name_en")]
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner place")
        verbose_name_plural = _("partner places")

    def __str__(self):
        return f"{self.name} ({self.country.code})"

    @property
    def names(self) -> list[str]:
        """Every name the place is known by in Swedish text, the main name first."""
        return [self.name, *(a.strip() for a in self.aliases.split(";") if a.strip())]


class WorkStatus(models.TextChoices):
    """Where a piece of work stands: a partnership's, and a story's (stories.models). Empty
    means not known — never guessed."""

    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    COMPLETED = "completed", _("completed")
    DISCONTINUED = "discontinued", _("discontinued")


class FundingProgramme(models.Model):
    """Who pays for a partnership's work: ICLD, Sida, an EU programme, the municipality's own
    budget… A list the national editors keep."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    url = models.URLField(_("web address"), blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("url"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self):
        return self.name


class PartnershipQuerySet(models.QuerySet):
    """Which partnerships: the filters of `/samarbeten/`, the API and the statistics."""

    def involving_municipality(self, municipality_ids):
        """Led by, or joined by, any of these Swedish municipalities."""
        return self.filter(
            models.Q(municipality_id__in=municipality_ids)
            | models.Q(other_municipalities__in=municipality_ids)
        ).distinct()

    def active_between(self, year_from: int | None, year_to: int | None):
        """Going on at some time in these years (a bound left out is open). A partnership
        without a start year is never counted as active: when is not known."""
        found = self.filter(start_year__isnull=False)
        if year_to is not None:
            found = found.filter(start_year__lte=year_to)
        if year_from is not None:
            found = found.filter(
                models.Q(end_year__isnull=True) | models.Q(end_year__gte=year_from)
            )
        return found

    def active_in(self, year: int):
        return self.active_between(year, year)


class Partnership(models.Model):
    """A partnership between a Swedish municipality (with others, sometimes) and a place
    abroad: its years, status, funding and themes. The stories that belong to it point to it
    (`StoryPage.partnerships`)."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("municipality"),
        help_text=_("The Swedish municipality that leads the partnership."),
    )
    other_municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="joint_partnerships",
        verbose_name=_("other Swedish municipalities"),
    )
    partner_place = models.ForeignKey(
        PartnerPlace,
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("partner place"),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Leave empty while the partnership goes on."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WorkStatus.choices, blank=True, default=""
    )
    funding_programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("funding programme"),
    )
    goals = models.ManyToManyField(
        "goals.Goal", blank=True, related_name="partnerships", verbose_name=_("themes (goals)")
    )
    description = models.TextField(_("description"), blank=True)

    objects = PartnershipQuerySet.as_manager()

    panels = [
        FieldPanel("municipality"),
        FieldPanel("other_municipalities"),
        FieldPanel("partner_place"),
        FieldPanel("start_year"),
        FieldPanel("end_year"),
        FieldPanel("status"),
        FieldPanel("funding_programme"),
        FieldPanel("goals"),
        FieldPanel("description"),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "partner_place"], name="partnership_unique_pair"
            ),
        ]
        ordering = ["municipality__name", "partner_place__name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return f"{self.municipality} – {self.partner_place}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.slug_for(self.municipality.name, self.partner_place.name)
        return super().save(*args, **kwargs)

    def get_absolute_url(self):
        """`/samarbeten/<slug>/` in the active language. Reversed by name: the public pages
        belong to a feature app that this layer must not import."""
        return reverse("collaborations:detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    @classmethod
    def slug_for(cls, municipality_name: str, place_name: str) -> str:
        """`osthammar-poti`: the municipality's and the place's names (`-2`… if taken)."""
        base = fold_slug(f"{municipality_name} {place_name}")[:110].strip("-") or "samarbete"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


class PartnerPlaceProposal(models.Model):
    """A partner place a municipality's editor proposes because it is not in the list yet.
    A national editor confirms it (which adds the place and the municipality's partnership)
    or declines it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="place_proposals",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name of the place"), max_length=120)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    geonames_id = models.PositiveIntegerField(
        _("GeoNames id"),
        null=True,
        blank=True,
        help_text=_("The number in the place's address on geonames.org, if you know it."),
    )
    note = models.TextField(
        _("about the partnership"),
        blank=True,
        help_text=_("What the municipality does with the place, and since when."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    place = models.ForeignKey(
        PartnerPlace,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("partner place"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("proposed partner place")
        verbose_name_plural = _("proposed partner places")

    def __str__(self):
        return f"{self.name} ({self.country.code}) – {self.municipality}"

    @transaction.atomic
    def save(self, *args, **kwargs):
        if self.status == self.Status.CONFIRMED and self.place_id is None:
            self.place = PartnerPlace.objects.create(
                name=self.name,
                slug=_unique_slug(self.name, self.country.code),
                country=self.country,
                latitude=self.latitude,
                longitude=self.longitude,
                geonames_id=self.geonames_id,
            )
            Partnership.objects.get_or_create(
                municipality=self.municipality,
                partner_place=self.place,
                defaults={"description": self.note},
            )
        super().save(*args, **kwargs)

    def clean(self):
        has_point = self.latitude is not None and self.longitude is not None
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})
        if not has_point and not self.geonames_id:
            raise ValidationError(
                {"latitude": _("Give the place's coordinates or its GeoNames id.")}
            )
        if self.status == self.Status.CONFIRMED and not has_point:
            raise ValidationError(
                {"latitude": _("A confirmed place needs coordinates for the map: add them.")}
            )
        same = PartnerPlace.objects.filter(country_id=self.country_id, name__iexact=self.name)
        if self.geonames_id:
            same = same | PartnerPlace.objects.filter(geonames_id=self.geonames_id)
        existing = same.exclude(pk=self.place_id).first()
        if existing is not None and self.status != self.Status.DECLINED:
            raise ValidationError(
                _("“%(place)s” is already a partner place: choose it in the story instead.")
                % {"place": existing}
            )


def _unique_slug(name: str, country_code: str) -> str:
    base = slugify(name) or country_code.lower()
    slug, number = base, 1
    while PartnerPlace.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{country_code.lower()}" if number == 2 else f"{base}-{number}"
    return slug
