"""Whether a story is still current: when an editor last published it or confirmed it is still
true (`StoryPage.last_reviewed_at`). Due for review after 12 months (the editors are reminded),
out of date ("inaktuell") after 24 — still readable, marked as such, until an editor reviews it.
A story never reviewed is out of date."""

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DUE_AFTER_MONTHS = 12
OUT_OF_DATE_AFTER_MONTHS = 24


class ReviewState(models.TextChoices):
    CURRENT = "current", _("current")
    DUE = "due", _("due for review")
    OUT_OF_DATE = "out_of_date", _("out of date")


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` months earlier (the last day of a shorter month)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def cutoffs(now: datetime | None = None) -> tuple[datetime, datetime]:
    """(due before, out of date before): stories last reviewed before these moments. Without
    `now`, counted from the start of today, as the listing and the API count (`start_of_day`):
    a story's page, its API record and the filters agree all day on its state."""
    now = now or start_of_day()
    return months_before(now, DUE_AFTER_MONTHS), months_before(now, OUT_OF_DATE_AFTER_MONTHS)


def state_of(last_reviewed_at: datetime | None, now: datetime | None = None) -> str:
    due, out_of_date = cutoffs(now)
    if last_reviewed_at is None or last_reviewed_at < out_of_date:
        return ReviewState.OUT_OF_DATE
    if last_reviewed_at < due:
        return ReviewState.DUE
    return ReviewState.CURRENT


def state_filter(state: str, now: datetime | None = None) -> Q:
    """The stories in `state`, as a filter on StoryPage."""
    due, out_of_date = cutoffs(now)
    if state == ReviewState.OUT_OF_DATE:
        return Q(last_reviewed_at__isnull=True) | Q(last_reviewed_at__lt=out_of_date)
    if state == ReviewState.DUE:
        return Q(last_reviewed_at__gte=out_of_date, last_reviewed_at__lt=due)
    if state == ReviewState.CURRENT:
        return Q(last_reviewed_at__gte=due)
    raise ValueError(state)


def start_of_day(now: datetime | None = None) -> datetime:
    """The start of the day (Swedish time): the moment the listing and the API tell the states
    apart, so that a story changes state once a day and counts kept for the day stay true."""
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
