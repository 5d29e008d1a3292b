"""The review loop in plain words: e-mails that say what happened, with the reviewer's
comment and working links; "publicerad" with the public link when approved; the national
editor's queue with municipality and waiting time, oldest first."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from .helpers import story_form_data
from .test_workflow import create_story, workflow_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, side_a, national_editor, goal, settings):
    settings.PUBLIC_ROOT_URL = "https://millenniekommunerna.example"
    national_editor.email = "nina@example.org"
    national_editor.first_name, national_editor.last_name = "Nina", "Granskare"
    national_editor.save()
    return create_story(
        client, side_a.editor, side_a.page, goals=[goal], action="action-submit", title="Solceller"
    )


def links(message):
    return re.findall(r"https?://\S+", message.body)


def test_the_reviewer_is_told_what_waits_and_from_where(submitted, side_a):
    to_reviewer = next(m for m in mail.outbox if "nina@example.org" in m.to)
    assert to_reviewer.subject == f"Att granska: ”Solceller” ({side_a.municipality.name})"
    assert f"”Solceller” från {side_a.municipality.name} väntar på din granskning." in (
        to_reviewer.body
    )
    assert "moderering" not in (to_reviewer.subject + to_reviewer.body).lower()
    assert any(link.endswith(f"/admin/pages/{submitted.pk}/edit/") for link in links(to_reviewer))


def test_a_change_request_mail_names_the_reviewer_and_quotes_the_comment(
    client, submitted, national_editor, side_a
):
    mail.outbox.clear()
    client.force_login(national_editor)
    workflow_action(client, submitted, "reject", comment="Skriv vilka skolor som deltar.")
    to_editor = next(m for m in mail.outbox if side_a.editor.email in m.to)
    assert to_editor.subject == "Ändringar begärda: ”Solceller”"
    assert "Nina Granskare har granskat ”Solceller” och begär ändringar" in to_editor.body
    assert "Granskarens kommentar:\n”Skriv vilka skolor som deltar.”" in to_editor.body
    assert "avvisad" not in (to_editor.subject + to_editor.body)
    assert links(to_editor)[0] == (
        f"https://millenniekommunerna.example/admin/pages/{submitted.pk}/edit/"
    )


def test_approval_says_published_with_the_public_link_on_both_sides(
    client, submitted, national_editor, side_a, goal
):
    mail.outbox.clear()
    client.force_login(national_editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[submitted.pk]),
        story_form_data(
            title="Solceller",
            goals=[goal],
            **{"action-workflow-action": "1", "workflow-action-name": "approve"},
        ),
        follow=True,
    )
    submitted.refresh_from_db()
    assert submitted.live
    public = f"https://millenniekommunerna.example{submitted.url}"
    shown = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("”Solceller” är publicerad:") and public in m for m in shown), shown
    to_editor = next(m for m in mail.outbox if side_a.editor.email in m.to)
    assert to_editor.subject == "Publicerad: ”Solceller”"
    assert public in links(to_editor)


def test_the_review_queue_shows_municipality_and_waiting_days_oldest_first(
    client, submitted, national_editor, side_a, goal
):
    newer = create_story(
        client,
        side_a.editor,
        side_a.page,
        goals=[goal],
        action="action-submit",
        title="Cykelbanor",
        slug="cykelbanor",
    )
    TaskState.objects.filter(workflow_state__object_id=str(submitted.pk)).update(
        started_at=timezone.now() - timedelta(days=5)
    )
    client.force_login(national_editor)
    html = client.get("/admin/").content.decode()
    queue = html[html.index("Inväntar din granskning") :]
    assert queue.index("Solceller") < queue.index("Cykelbanor"), "oldest first"
    assert "5 dagar" in queue
    assert side_a.municipality.name in queue
    assert newer.title in queue


def test_every_link_in_every_mail_of_the_loop_starts_at_the_public_root(
    client, side_a, national_editor, goal, settings
):
    """Production sets PUBLIC_ROOT_URL and the admin's base URL follows it (settings.base):
    the invitation, the review request, the change request and the publication all link
    there, never to localhost or the Site record's host."""
    root = "https://millenniekommunerna.example"
    settings.PUBLIC_ROOT_URL = root
    settings.WAGTAILADMIN_BASE_URL = root
    from django.core.management import call_command

    call_command("create_editor", "ny@salem.se", "--municipality", "0128")
    national_editor.email = "nina@example.org"
    national_editor.save()
    story = create_story(
        client, side_a.editor, side_a.page, goals=[goal], action="action-submit", title="Länkar"
    )
    client.force_login(national_editor)
    workflow_action(client, story, "reject", comment="Lägg till en bild.")
    client.force_login(side_a.editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form_data(title="Länkar", goals=[goal], action="action-submit"),
    )
    client.force_login(national_editor)
    workflow_action(client, story, "approve")

    subjects = [m.subject for m in mail.outbox]
    assert any("Att granska" in s for s in subjects)
    assert any("Ändringar begärda" in s for s in subjects)
    assert any("Publicerad" in s for s in subjects)
    every_link = [link for m in mail.outbox for link in links(m)]
    assert len(every_link) >= 8
    assert [link for link in every_link if not link.startswith(root + "/")] == []
