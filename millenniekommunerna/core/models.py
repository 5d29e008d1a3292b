from django.core.paginator import InvalidPage
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction, WorkflowState

from . import derived_cache
from .pagination import BoundedPaginator
from .public_url import root_url


class BasePage(Page):
    """Shared behaviour of the site's page types. Abstract: no table of its own."""

    per_page = 12

    class Meta:
        abstract = True

    @property
    def status_string(self):
        """Wagtail says "draft" for a page whose reviewer has asked for changes; the editor's
        page list and reports say what it is."""
        state = self.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return _("live + changes requested") if self.live else _("changes requested")
        return super().status_string

    def get_view_restrictions(self):
        """Wagtail asks the database for the view restrictions of the page and its ancestors
        on every request (two queries). The site has none unless an editor sets one, so
        whether any exists at all is kept in the derived-data cache, renewed when one is
        saved or deleted (stories.invalidation), and the queries are made only then."""
        if not derived_cache.get_or_build(
            "page-view-restrictions-exist", PageViewRestriction.objects.exists
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_meta_description(self) -> str:
        """What search results show under the page's title when the editors have written no
        search description, teaser or introduction. Page types override it."""
        return ""

    def get_url_parts(self, request=None):
        """Wagtail's URL parts with the public root URL (core.public_url) instead of the Site
        record's hostname and port."""
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, site_root_url, path = parts
        return site_id, root_url(request, fallback=site_root_url), path

    # Whether the page's listing is paged to its end rather than through its first pages
    # (core.pagination).
    paginate_to_end = False

    def paginate(self, request, queryset, per_page=None):
        """A page of this page's listing. Its length is kept in the derived-data cache (it
        changes only when something is published): counting a municipality's 20 000 stories
        on every request cost more than rendering the page."""
        count = derived_cache.get_or_build(f"listing-count:{self.pk}", queryset.count)
        paginator = BoundedPaginator(
            queryset, per_page or self.per_page, bounded=not self.paginate_to_end, count=count
        )
        try:
            return paginator.page(request.GET.get("sida") or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error


class AccessibilityStatementPage(BasePage):
    """`/tillganglighet/`: the accessibility statement the law on accessible digital public
    services (DOS-lagen) requires, in the form the Agency for Digital Government (DIGG)
    prescribes. The fixed parts of that form are in the template; what the editors keep up to
    date (known gaps, how we tested, dates, contact) are fields."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    template = "pages/accessibility_statement_page.html"

    organisation = models.CharField(
        _("organisation responsible"), max_length=120, default="Millenniekommunerna"
    )
    compliance = models.CharField(
        _("compliance with the law"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_("Partially compliant as long as any known gap below remains."),
    )
    contact_email = models.EmailField(
        _("contact email"), help_text=_("Where visitors report problems and ask for content.")
    )
    known_gaps = RichTextField(
        _("content that is not accessible"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_(
            "Every known gap, honestly: what does not work, for whom, why, the WCAG criterion "
            "it fails and what we do about it."
        ),
    )
    disproportionate_burden = RichTextField(
        _("disproportionate burden"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Content exempted as a disproportionate burden (12 §), with the reasons."),
    )
    out_of_scope = RichTextField(
        _("content not covered by the law"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Content the law does not cover (9 §), e.g. third parties' content."),
    )
    testing = RichTextField(
        _("how we tested the website"), features=["bold", "italic", "link", "ul", "ol"]
    )
    assessed_on = models.DateField(_("date of the latest assessment"))
    statement_updated_on = models.DateField(_("date the statement was last updated"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation"),
        FieldPanel("compliance"),
        FieldPanel("contact_email"),
        FieldPanel("known_gaps"),
        FieldPanel("disproportionate_burden"),
        FieldPanel("out_of_scope"),
        FieldPanel("testing"),
        FieldRowPanel([FieldPanel("assessed_on"), FieldPanel("statement_updated_on")]),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")
