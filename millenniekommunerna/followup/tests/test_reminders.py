"""The review reminders at a fixed moment (NOW, passed in: the clock is not read)."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from millenniekommunerna.followup import reminders
from millenniekommunerna.followup.models import ReviewReminder
from millenniekommunerna.stories.factories import StoryPageFactory

from .conftest import NOW, story_reviewed_at

pytestmark = pytest.mark.django_db

NORRTALJE = "0188"  # a municipality without editors


@pytest.fixture
def stories(side_a, side_b, national_editor):
    from millenniekommunerna.municipalities.models import MunicipalityPage

    norrtalje = MunicipalityPage.objects.get(municipality__code=NORRTALJE)
    return {
        "b_fresh": story_reviewed_at(side_b.page, NOW - timedelta(days=200), title="B färsk"),
        "b_due": story_reviewed_at(side_b.page, NOW - timedelta(days=400), title="B att granska"),
        "b_old": story_reviewed_at(side_b.page, NOW - timedelta(days=800), title="B inaktuell"),
        "a_due": story_reviewed_at(side_a.page, NOW - timedelta(days=370), title="A att granska"),
        "orphan": story_reviewed_at(norrtalje, None, title="Norrtälje utan redaktör"),
        "b_draft": story_reviewed_at(
            side_b.page, None, title="B utkast", live=False, first_published_at=None
        ),
    }


def mail_to(address):
    found = [message for message in mail.outbox if message.to == [address]]
    assert len(found) == 1, [m.to for m in mail.outbox]
    return found[0]


def test_each_municipalitys_editors_get_their_stories_due(stories, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://redaktion.example.se"
    outcome = reminders.send(now=NOW)
    assert outcome.failed == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@salem.se",
        "bo@osthammar.se",
        "nina@example.org",
    ]
    to_b = mail_to("bo@osthammar.se")
    assert to_b.subject == "2 berättelser att granska på Millenniekommunerna"
    assert "B att granska" in to_b.body and "B inaktuell" in to_b.body
    assert "B färsk" not in to_b.body and "A att granska" not in to_b.body
    assert "B utkast" not in to_b.body
    edit = reverse("wagtailadmin_pages:edit", args=[stories["b_due"].pk])
    assert f"https://redaktion.example.se{edit}" in to_b.body
    review = reverse("followup_admin:review", args=[stories["b_due"].pk])
    assert f"https://redaktion.example.se{review}" in to_b.body
    assert "Inget nytt – markera som granskad" in to_b.body
    html = to_b.alternatives[0][0]
    assert f'href="https://redaktion.example.se{edit}"' in html


def test_stories_without_editors_go_to_the_national_editors(stories):
    reminders.send(now=NOW)
    to_nina = mail_to("nina@example.org")
    assert to_nina.subject == "En berättelse att granska på Millenniekommunerna"
    assert "Norrtälje utan redaktör" in to_nina.body
    assert "Aldrig granskad." in to_nina.body
    assert "B att granska" not in to_nina.body


def test_a_story_is_not_reminded_again_within_twelve_months(stories):
    reminders.send(now=NOW)
    assert ReviewReminder.objects.count() == 4
    recorded = ReviewReminder.objects.get(story=stories["b_due"])
    assert recorded.recipients == "bo@osthammar.se" and recorded.sent_at == NOW
    mail.outbox.clear()
    reminders.send(now=NOW + timedelta(days=1))
    assert mail.outbox == []
    # Ten months on, only the story that has become due since.
    reminders.send(now=NOW + timedelta(days=300))
    body = mail_to("bo@osthammar.se").body
    assert "B färsk" in body and "B att granska" not in body and "B inaktuell" not in body
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    # A year on, still not reviewed: reminded again.
    reminders.send(now=NOW + timedelta(days=366))
    body = mail_to("bo@osthammar.se").body
    assert "B att granska" in body and "B färsk" not in body


def test_a_reviewed_story_is_not_reminded(client, stories, side_b):
    from millenniekommunerna.followup.review import mark_reviewed

    mark_reviewed(stories["b_due"], side_b.editor, now=NOW - timedelta(days=1))
    reminders.send(now=NOW)
    assert "B att granska" not in mail_to("bo@osthammar.se").body


def test_a_new_story_becomes_due_after_twelve_months(side_b):
    story = StoryPageFactory(parent=side_b.page, live=False, first_published_at=None)
    story.save_revision(user=side_b.editor).publish()
    story.refresh_from_db()
    published = story.last_reviewed_at
    reminders.send(now=published + timedelta(days=364))
    assert mail.outbox == []
    reminders.send(now=published + timedelta(days=366))
    assert story.title in mail_to("bo@osthammar.se").body


def test_dry_run_prints_and_sends_nothing(stories):
    out = io.StringIO()
    call_command("send_review_reminders", "--dry-run", f"--now={NOW.isoformat()}", stdout=out)
    printed = out.getvalue()
    assert "bo@osthammar.se: 2 stories" in printed
    assert "B att granska" in printed
    assert "3 reminders would be sent" in printed
    assert mail.outbox == []
    assert not ReviewReminder.objects.exists()


def test_the_command_sends(stories):
    out = io.StringIO()
    call_command("send_review_reminders", f"--now={NOW.isoformat()}", stdout=out)
    assert "3 reminders sent (4 stories), 0 failed." in out.getvalue()
    assert len(mail.outbox) == 3


def test_the_command_refuses_a_bad_moment():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ISO 8601"):
        call_command("send_review_reminders", "--now=igår")
