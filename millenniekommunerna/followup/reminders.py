"""Reminding editors of the stories they should review: the published stories not reviewed
for 12 months (due for review, or already out of date), each in at most one reminder per 12
months (ReviewReminder). Each address gets one mail listing its stories, with a link to each
story's edit view and to the one-click review; the stories of a municipality without editors
go to the national editors."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from millenniekommunerna.stories.models import StoryPage
from millenniekommunerna.stories.models.review_state import (
    DUE_AFTER_MONTHS,
    ReviewState,
    months_before,
    state_filter,
)

from .editors import municipality_editors, national_editors
from .models import ReviewReminder


def admin_url(name: str, story: StoryPage) -> str:
    """An absolute link into the admin (Wagtail's own notifications start from the same
    setting)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=[story.pk])


def stories_to_remind(now):
    """Published stories not reviewed for 12 months whose editors have not been reminded of
    them within the last 12 months."""
    reminded = ReviewReminder.objects.filter(
        story_id=OuterRef("pk"), sent_at__gte=months_before(now, DUE_AFTER_MONTHS)
    )
    not_reviewed = state_filter(ReviewState.DUE, now) | state_filter(ReviewState.OUT_OF_DATE, now)
    return (
        StoryPage.objects.published()
        .filter(Q(not_reviewed))
        .exclude(Exists(reminded))
        .select_related("municipality")
        .order_by("municipality__name", "title", "pk")
    )


@dataclass
class Mail:
    address: str
    stories: list = field(default_factory=list)
    national: bool = False


def plan(now) -> list[Mail]:
    """Who gets which stories, one mail per address."""
    stories = list(stories_to_remind(now))
    editors = municipality_editors({story.municipality_id for story in stories})
    national = None
    mails: dict[str, Mail] = {}
    for story in stories:
        addresses = editors.get(story.municipality_id)
        is_national = not addresses
        if is_national:
            national = national_editors() if national is None else national
            addresses = national
        for address in addresses:
            mail = mails.setdefault(address, Mail(address=address))
            mail.stories.append(story)
            mail.national = mail.national or is_national
    return sorted(mails.values(), key=lambda mail: mail.address.lower())


def message(mail: Mail, now, connection=None) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "stories": [
                {
                    "title": story.title,
                    "municipality": story.municipality.name if story.municipality else "",
                    "last_reviewed_at": story.last_reviewed_at,
                    "out_of_date": story.review_state(now) == ReviewState.OUT_OF_DATE,
                    "edit_url": admin_url("wagtailadmin_pages:edit", story),
                    "review_url": admin_url("followup_admin:review", story),
                }
                for story in mail.stories
            ],
            "national": mail.national,
            "due_after_months": DUE_AFTER_MONTHS,
        }
        count = len(mail.stories)
        subject = ngettext(
            "A story to review on Millenniekommunerna",
            "%(count)s stories to review on Millenniekommunerna",
            count,
        ) % {"count": count}
        email = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("followup/mail/review_reminder.txt", context),
            to=[mail.address],
            connection=connection,
        )
        email.attach_alternative(
            render_to_string("followup/mail/review_reminder.html", context), "text/html"
        )
    return email


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    stories: int = 0


def send(now=None, connection=None, dry_run=False, write=print) -> Outcome:
    """Send the reminders due at `now`; with `dry_run`, only say what would be sent."""
    now = now or timezone.now()
    outcome = Outcome()
    delivered = defaultdict(list)
    for mail in plan(now):
        if dry_run:
            write(f"{mail.address}: {len(mail.stories)} stories")
            for story in mail.stories:
                write(f"  {story.title} ({admin_url('wagtailadmin_pages:edit', story)})")
            outcome.sent += 1
            continue
        try:
            message(mail, now, connection).send()
        except Exception as error:
            write(f"{mail.address}: not sent ({error})")
            outcome.failed += 1
            continue
        outcome.sent += 1
        for story in mail.stories:
            delivered[story.pk].append(mail.address)
    if not dry_run:
        ReviewReminder.objects.bulk_create(
            ReviewReminder(story_id=pk, sent_at=now, recipients="\n".join(addresses))
            for pk, addresses in delivered.items()
        )
    outcome.stories = len(delivered)
    return outcome
