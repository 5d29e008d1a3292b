from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


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


class Partnership(models.Model):
    """A Swedish municipality's partnership with a place abroad."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("municipality"),
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
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("municipality"),
        FieldPanel("partner_place"),
        FieldPanel("start_year"),
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
