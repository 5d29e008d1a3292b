from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from millenniekommunerna.core.models import BasePage

# What each field of the exports means, in the order of the CSV columns; the page lists them so
# that the documentation cannot drift from the files.
FIELD_DESCRIPTIONS = {
    "id": _("The story's stable number; the API's /api/v1/stories/{id}."),
    "url": _("The story's page on this site."),
    "title": _("The story's title."),
    "municipality_code": _("SCB municipality code (four digits), as SCB and Kolada use it."),
    "municipality": _("The municipality's name."),
    "county_code": _("SCB county code (two digits)."),
    "county": _("The county's name."),
    "goals": _("Goal codes: mdg-1 to mdg-8 (Millennium goals), sdg-1 to sdg-17 (global goals)."),
    "partner_places": _("Places abroad the work was done with."),
    "countries": _("ISO 3166-1 codes of the countries involved."),
    "year_start": _("Year the work started, when known."),
    "year_end": _("Year the work ended; empty while it goes on."),
    "teaser": _("A summary of one or two sentences."),
    "body_text": _("The whole story as plain text (the JSON has it as HTML too)."),
    "image_url": _("The main image, 1280 pixels wide (WebP)."),
    "image_alt": _("The main image's alt text."),
    "published_precision": _(
        "How exactly the date of first publication is known: day, year, period or unknown. For "
        "a story from elsewhere it is the date at its source."
    ),
    "published_start": _("The day, or the first day of the year or period (ISO 8601)."),
    "published_end": _("The same day, or the last day of the year or period."),
    "source_name": _("Where the story was first published, for a story from elsewhere."),
    "source_url": _("Its address there, when known."),
    "source_programme": _("The programme it belonged to."),
    "first_published_at": _(
        "When the story was first published on this site; for a story from elsewhere, when it "
        "was added here (ISO 8601)."
    ),
    "last_published_at": _("When the story was last updated (ISO 8601)."),
    "status": _(
        "Where the work stands: planned, ongoing, completed or discontinued; empty when not known."
    ),
    "results": _(
        "Measured results, separated by semicolons: indicator, unit: baseline value (year) → "
        "latest value (year), and the source."
    ),
    "lessons_learned": _("What worked and what did not."),
    "contact_role": _("Whom to ask: a role, never a person."),
    "contact_organisation": _("The organisation of that role."),
    "last_reviewed_at": _(
        "When an editor last published the story or confirmed it is still true (ISO 8601)."
    ),
    "review_state": _(
        "current; due (not reviewed for 12 months); out_of_date (not for 24 months: "
        "“inaktuell” on the site)."
    ),
    "out_of_date": _("true when review_state is out_of_date."),
    "adapted_from": _("The id of the story this work took its idea from, if any."),
    "adapted_by": _("The ids of the published stories that took their idea from this one."),
    "partnerships": _("The partnerships the story belongs to, as in /api/v1/partnerships/{slug}."),
}


# The same for the partnerships' CSV file (partnership_exports.CSV_COLUMNS).
PARTNERSHIP_FIELD_DESCRIPTIONS = {
    "slug": _("The partnership's stable name; the API's /api/v1/partnerships/{slug}."),
    "url": _("The partnership's page on this site."),
    "municipality_code": _("SCB code of the Swedish municipality that leads the partnership."),
    "municipality": _("The leading municipality's name."),
    "other_municipality_codes": _("SCB codes of the other Swedish municipalities in it."),
    "other_municipalities": _("Their names."),
    "partner_place": _("The place abroad."),
    "partner_place_slug": _("The place's stable name, as in /api/v1/partner-places."),
    "country_code": _("ISO 3166-1 code of the place's country."),
    "country": _("The country's name in Swedish."),
    "latitude": _("The place's latitude (GeoNames)."),
    "longitude": _("The place's longitude (GeoNames)."),
    "start_year": _("Year the partnership started, when known."),
    "end_year": _("Year it ended; empty while it goes on."),
    "status": _("planned, ongoing, completed or discontinued; empty when not known."),
    "funding_programme": _("Who pays for the work: icld, sida, eu, egen-finansiering …"),
    "goals": _("Goal codes of its themes."),
    "description": _("What the partnership is about."),
    "story_ids": _("Ids of the published stories that belong to it."),
}


def feed_links():
    """The site-wide story feeds (Atom and RSS), if the feeds app is installed."""
    try:
        return {
            "atom": reverse("feeds:stories-atom"),
            "rss": reverse("feeds:stories-rss"),
            "example": reverse("feeds:municipality-atom", kwargs={"slug": "kristinehamn"}),
        }
    except NoReverseMatch:
        return None


class OpenDataPage(BasePage):
    """`/oppna-data/`: what data the site offers, under which licence, and where to get it: the
    API and its documentation, the OpenAPI document and the exports."""

    template = "api/open_data_page.html"

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("open data page")

    def get_meta_description(self):
        return _(
            "The stories as open data: a read API, CSV and JSON exports, the fields and the "
            "licence."
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["licence_name"] = settings.OPEN_DATA_LICENCE_NAME
        context["licence_url"] = settings.OPEN_DATA_LICENCE_URL
        context["fields"] = list(FIELD_DESCRIPTIONS.items())
        context["partnership_fields"] = list(PARTNERSHIP_FIELD_DESCRIPTIONS.items())
        context["api_links"] = {
            "root": "/api/v1/",
            "docs": reverse("api-v1:openapi-view"),
            "openapi": reverse("api-v1:openapi-json"),
            "stories": reverse("api-v1:list_stories"),
            "csv": reverse("api-v1:export_csv"),
            "json": reverse("api-v1:export_json"),
            "partnerships_csv": reverse("api-v1:export_partnerships_csv"),
            "partnerships_json": reverse("api-v1:export_partnerships_json"),
        }
        context["endpoints"] = [
            (reverse("api-v1:list_stories"), _("Stories, with filters and pages")),
            (reverse("api-v1:list_municipalities"), _("Municipalities, by SCB code")),
            (reverse("api-v1:list_counties"), _("Counties")),
            (reverse("api-v1:list_goals"), _("Goals, with the editorial MDG–SDG mapping")),
            (reverse("api-v1:list_partner_places"), _("Partner places abroad")),
            (
                reverse("api-v1:list_partnerships"),
                _("Partnerships: years, status, funding and themes, with filters and pages"),
            ),
        ]
        context["feeds"] = feed_links()
        context["rate_limit"] = settings.API_RATE_LIMIT
        context["rate_limit_window"] = settings.API_RATE_LIMIT_WINDOW
        return context
