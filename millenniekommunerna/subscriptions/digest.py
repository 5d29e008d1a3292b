"""The digest: for one address and one period (yesterday, or last week from Monday to
Sunday, in the site's time zone), the stories published or updated in it that each of its
follows matches; sent at most once per address and period (`Delivery`)."""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from millenniekommunerna.core.public_url import absolute
from millenniekommunerna.stories.models import StoryPage

from . import mail
from .models import Delivery, Frequency, Subscriber
from .scope import described, matching

logger = logging.getLogger(__name__)

# A digest lists at most this many stories per follow, then links to the rest.
MAX_STORIES_PER_FOLLOW = 20


@dataclass(frozen=True)
class Period:
    frequency: str
    start: date  # the first day
    end: date  # the day after the last

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end, time.min, tzinfo=zone),
        )

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def describe(self) -> str:
        """ "3 december 2026", "23–29 november 2026" or "30 november–6 december 2026" (in
        the active language)."""
        last = self.last_day
        if self.frequency == Frequency.DAILY or self.start == last:
            return date_format(self.start, "j F Y")
        if (self.start.year, self.start.month) == (last.year, last.month):
            first = "j"
        elif self.start.year == last.year:
            first = "j F"
        else:
            first = "j F Y"
        return f"{date_format(self.start, first)}–{date_format(last, 'j F Y')}"


def period_before(frequency: str, today: date) -> Period:
    """The last whole period before `today`: yesterday, or the week (Monday to Sunday) before
    the one `today` is in."""
    if frequency == Frequency.DAILY:
        return Period(frequency, today - timedelta(days=1), today)
    monday = today - timedelta(days=today.weekday())
    return Period(frequency, monday - timedelta(days=7), monday)


@dataclass
class Item:
    story: object
    url: str
    is_new: bool


@dataclass
class Section:
    label: str
    url: str
    items: list[Item] = field(default_factory=list)
    more: int = 0


def sections(subscriber, period: Period) -> list[Section]:
    """The digest's content in the subscriber's language: one section per confirmed follow
    with stories, each story marked new or updated. A story that two follows match is listed
    under both: each section is what its listing would show."""
    start, end = period.bounds
    changed = StoryPage.objects.published().filter(
        last_published_at__gte=start, last_published_at__lt=end
    )
    result = []
    with translation.override(subscriber.language):
        follows = described(subscriber.follows.confirmed().select_related("place__country"))
        for described_follow in follows:
            follow = described_follow["follow"]
            stories = list(matching(follow, changed)[: MAX_STORIES_PER_FOLLOW + 1])
            if not stories:
                continue
            # The count only when the list is cut: it costs a query of its own.
            more = 0
            if len(stories) > MAX_STORIES_PER_FOLLOW:
                more = matching(follow, changed).count() - MAX_STORIES_PER_FOLLOW
                stories = stories[:MAX_STORIES_PER_FOLLOW]
            result.append(
                Section(
                    label=described_follow["label"],
                    url=absolute(described_follow["url"]),
                    items=[
                        Item(
                            story=story,
                            url=absolute(story.shown_url),
                            is_new=story.first_published_at is not None
                            and story.first_published_at >= start,
                        )
                        for story in stories
                    ],
                    more=more,
                )
            )
    return result


def message(subscriber, period: Period, found: list[Section], connection=None):
    with translation.override(subscriber.language):
        count = sum(len(section.items) + section.more for section in found)
        if period.frequency == Frequency.DAILY:
            subject = _("New stories %(period)s – Millenniekommunerna")
        else:
            subject = _("New stories this week, %(period)s – Millenniekommunerna")
        return mail.build(
            subscriber,
            "digest",
            subject % {"period": period.describe()},
            {"period": period, "sections": found, "count": count},
            connection=connection,
        )


@dataclass
class Outcome:
    sent: int = 0
    empty: int = 0
    skipped: int = 0  # already had this period's digest
    failed: int = 0


def due(period: Period):
    """The confirmed addresses that get a digest of `period`: those with its frequency that
    were confirmed before it ended (no digest of stories from before one subscribed)."""
    _start, end = period.bounds
    return (
        Subscriber.objects.confirmed()
        .filter(frequency=period.frequency, confirmed_at__lt=end)
        .order_by("pk")
    )


def send(period: Period, connection=None, dry_run: bool = False) -> Outcome:
    """Sends `period`'s digest to every address due one. The `Delivery` row is written before
    the mail goes: a rerun, or a second run at the same time, finds it and sends nothing;
    when sending fails the row is removed, so that the next run tries again. The mail
    connection is opened only when there is something to send (the file backend of
    development would otherwise write an empty file on every run)."""
    outcome = Outcome()
    opened = False
    try:
        for subscriber in due(period):
            if dry_run:
                exists = Delivery.objects.filter(
                    subscriber=subscriber, frequency=period.frequency, period_start=period.start
                ).exists()
                outcome.skipped += exists
                outcome.sent += not exists and bool(sections(subscriber, period))
                continue
            try:
                with transaction.atomic():
                    delivery, created = Delivery.objects.get_or_create(
                        subscriber=subscriber,
                        frequency=period.frequency,
                        period_start=period.start,
                    )
            except IntegrityError:  # another run took it in the meantime
                created = False
            if not created:
                outcome.skipped += 1
                continue
            found = sections(subscriber, period)
            delivery.story_count = sum(len(s.items) + s.more for s in found)
            if not found:
                delivery.save(update_fields=["story_count"])
                outcome.empty += 1
                continue
            try:
                if connection is not None and not opened:
                    connection.open()
                    opened = True
                message(subscriber, period, found, connection=connection).send()
            except Exception:
                logger.exception("The digest to subscriber %s could not be sent", subscriber.pk)
                delivery.delete()
                outcome.failed += 1
                continue
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["story_count", "sent_at"])
            outcome.sent += 1
    finally:
        if opened:
            connection.close()
    return outcome
