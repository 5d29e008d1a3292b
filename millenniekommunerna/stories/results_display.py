"""What the story page's "Hur gick det?" section shows: the work's status, each result as
text in the reader's number format with the lengths of a small bar chart, the lessons learned
and whom to ask. The numbers are always there as text; the chart only draws them."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from millenniekommunerna.partnerships.models import WorkStatus

STATUS_LABELS = {
    WorkStatus.PLANNED: _("Planned"),
    WorkStatus.ONGOING: _("Ongoing"),
    WorkStatus.COMPLETED: _("Completed"),
    WorkStatus.DISCONTINUED: _("Discontinued"),
}
UNKNOWN_STATUS = _("Unknown")

# The chart's drawing area, in SVG user units (the CSS scales it to the column).
CHART_BAR_START = 44
CHART_BAR_LENGTH = 196

# What a contact line must never hold: people are reached through the site, not an address.
EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
URL = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(se|com|org|net|nu|eu|gov)\b", re.IGNORECASE)


def holds_address(text: str) -> bool:
    """Whether `text` holds an e-mail address or a web address."""
    return bool(EMAIL.search(text or "") or URL.search(text or ""))


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, UNKNOWN_STATUS)


def number(value: Decimal) -> str:
    """62, 1,5 or 12 345,6 in Swedish (62, 1.5, 12,345.6 in English): no trailing zeros."""
    return formats.number_format(value.normalize(), use_l10n=True, force_grouping=True)


@dataclass
class ResultRow:
    indicator: str
    unit: str
    baseline: str
    baseline_year: int
    latest: str
    latest_year: int
    source: str
    # Bar lengths in the chart's units; None when the values cannot be drawn as bars
    # (a negative value, or both zero): the text says it all then.
    baseline_bar: float | None
    latest_bar: float | None

    @property
    def chart(self) -> bool:
        return self.baseline_bar is not None

    @property
    def chart_width(self) -> int:
        return CHART_BAR_START + CHART_BAR_LENGTH

    @property
    def bar_start(self) -> int:
        return CHART_BAR_START


def bar_lengths(baseline: Decimal, latest: Decimal) -> tuple[float | None, float | None]:
    largest = max(baseline, latest)
    if baseline < 0 or latest < 0 or largest == 0:
        return None, None

    def length(value):
        # A value above zero stays visible however small it is beside the other.
        drawn = float(value / largest) * CHART_BAR_LENGTH
        return round(max(drawn, 2.0) if value > 0 else 0.0, 1)

    return length(baseline), length(latest)


def result_rows(results) -> list[ResultRow]:
    rows = []
    for result in results:
        baseline_bar, latest_bar = bar_lengths(result.baseline_value, result.latest_value)
        rows.append(
            ResultRow(
                indicator=result.indicator,
                unit=result.unit,
                baseline=number(result.baseline_value),
                baseline_year=result.baseline_year,
                latest=number(result.latest_value),
                latest_year=result.latest_year,
                source=result.source,
                baseline_bar=baseline_bar,
                latest_bar=latest_bar,
            )
        )
    return rows


@dataclass
class FollowUp:
    """The section's content. `lessons_page` and `contact_page` are the pages whose text is
    shown (for its language): a translation's own where it has it, else the Swedish story's."""

    status: str
    years: str
    results: list[ResultRow]
    lessons_learned: str
    lessons_page: object
    contact_role: str
    contact_organisation: str
    contact_page: object

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_role or self.contact_organisation)


def follow_up(page, story, results) -> FollowUp:
    """`page` is the page shown (a translation, perhaps), `story` its Swedish story."""
    lessons_page = page if page.lessons_learned.strip() else story
    contact_page = page if (page.contact_role or page.contact_organisation) else story
    role = contact_page.contact_role.strip()
    organisation = contact_page.contact_organisation.strip()
    return FollowUp(
        status=status_label(story.status),
        years=story.years,
        results=result_rows(results),
        lessons_learned=lessons_page.lessons_learned.strip(),
        lessons_page=lessons_page,
        # Refused by the editor's form; never shown should one come in another way.
        contact_role="" if holds_address(role) else role,
        contact_organisation="" if holds_address(organisation) else organisation,
        contact_page=contact_page,
    )
