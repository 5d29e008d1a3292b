"""The national editors' overview: per municipality, how many of its published stories are
current, due for review and out of date, with links to those stories."""

from dataclasses import dataclass

from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from millenniekommunerna.municipalities.models import MunicipalityPage
from millenniekommunerna.stories.models import StoryPage
from millenniekommunerna.stories.models.review_state import ReviewState, state_filter

from .editors import is_national_editor

STATES = (ReviewState.CURRENT, ReviewState.DUE, ReviewState.OUT_OF_DATE)


def can_see(user) -> bool:
    """The overview covers every municipality: it is the national editors' (a municipality's
    editors follow their own stories in the page explorer and their reminders)."""
    return is_national_editor(user)


@dataclass
class Row:
    municipality_id: int
    name: str
    explorer_url: str
    counts: dict

    def links(self):
        return [
            {
                "state": state,
                "count": self.counts[state],
                "url": stories_url(self.municipality_id, state),
            }
            for state in STATES
        ]


def stories_url(municipality_id, state) -> str:
    return f"{reverse('followup_admin:stories')}?kommun={municipality_id}&status={state}"


def _counted(now):
    return (
        StoryPage.objects.published()
        .exclude(municipality_id=None)
        .order_by()
        .values("municipality_id", "municipality__name")
        .annotate(**{state: Count("pk", filter=state_filter(state, now)) for state in STATES})
    )


def rows(now=None) -> list[Row]:
    """Municipalities with published stories, those with the most out of date first."""
    now = now or timezone.now()
    counted = list(_counted(now))
    pages = dict(
        MunicipalityPage.objects.filter(
            municipality_id__in=[row["municipality_id"] for row in counted]
        ).values_list("municipality_id", "pk")
    )
    found = [
        Row(
            municipality_id=row["municipality_id"],
            name=row["municipality__name"],
            explorer_url=reverse("wagtailadmin_explore", args=[pages[row["municipality_id"]]])
            if row["municipality_id"] in pages
            else "",
            counts={state: row[state] for state in STATES},
        )
        for row in counted
    ]
    found.sort(
        key=lambda r: (-r.counts[ReviewState.OUT_OF_DATE], -r.counts[ReviewState.DUE], r.name)
    )
    return found


def totals(found: list[Row]) -> dict:
    return {state: sum(row.counts[state] for row in found) for state in STATES}


def stories(municipality_id=None, state=None, now=None):
    """The published stories of a municipality (or all) in a state (or any), least recently
    reviewed first."""
    queryset = StoryPage.objects.published().select_related("municipality")
    if municipality_id is not None:
        queryset = queryset.filter(municipality_id=municipality_id)
    if state:
        queryset = queryset.in_review_state(state, now)
    return queryset.order_by(F("last_reviewed_at").asc(nulls_first=True), "title")
