"""The editorial journey in the admin: a municipality editor writes and submits, the national
editor requests changes or approves (which publishes), with email notifications, revisions,
scheduling, locking and an audit trail."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import rich_text

from millenniekommunerna.editorial import roles
from millenniekommunerna.editorial.models import NationalReviewTask
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

from .conftest import make_user
from .helpers import story_form_data

pytestmark = pytest.mark.django_db


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["stories", "storypage", parent.pk])


def create_story(client, editor, parent, **data):
    client.force_login(editor)
    response = client.post(add_url(parent), story_form_data(**data))
    assert response.status_code == 302, response.content.decode()[:3000]
    return StoryPage.objects.get(slug=data.get("slug", "matsvinnet-halveras"))


def workflow_action(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        {"comment": comment},
    )


def test_setup_is_idempotent_and_covers_every_story(editorial):
    first = roles.ensure_editorial_setup()
    second = roles.ensure_editorial_setup()
    assert first.workflow.pk == second.workflow.pk
    assert first.workflow.name == "Nationell granskning"
    assert [wp.page.specific_class.__name__ for wp in first.workflow.workflow_pages.all()] == [
        "MunicipalityIndexPage"
    ]
    task = first.workflow.tasks.get().specific
    assert isinstance(task, GroupApprovalTask)
    assert isinstance(task, NationalReviewTask)
    assert list(task.groups.values_list("name", flat=True)) == ["Nationell redaktör"]
    story = StoryPageFactory(municipality_code="0128")
    assert story.get_workflow().pk == first.workflow.pk
    assert NationalReviewTask.objects.count() == 1


def test_municipality_editor_group_has_exactly_its_permissions(side_a):
    group = side_a.group_link.group
    assert group.name == "Kommunredaktör: Salem (0128)"
    assert set(group.page_permissions.values_list("page_id", "permission__codename")) == {
        (side_a.page.pk, "add_page"),
        (side_a.page.pk, "change_page"),
        (side_a.page.pk, "lock_page"),
    }
    assert set(
        group.collection_permissions.values_list("collection__name", "permission__codename")
    ) == {
        ("Salem (0128)", "add_image"),
        ("Salem (0128)", "change_image"),
        ("Salem (0128)", "choose_image"),
    }
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "add_partnerplaceproposal",
        "change_partnerplaceproposal",
        "view_partnerplaceproposal",
        # Their municipality's partnerships only (partnerships.permissions).
        "add_partnership",
        "change_partnership",
        "delete_partnership",
        "view_partnership",
    }


def test_municipality_editor_can_publish_nothing_not_even_their_own(client, side_a, goal):
    story = create_story(client, side_a.editor, side_a.page, goals=[goal])
    assert not story.live
    assert not story.permissions_for_user(side_a.editor).can_publish()
    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    client.post(edit_url, story_form_data(goals=[goal], action="action-publish"))
    story.refresh_from_db()
    assert not story.live
    # Creating with "publish" only makes a draft either.
    client.post(
        add_url(side_a.page),
        story_form_data(slug="andra", goals=[goal], action="action-publish"),
    )
    assert not StoryPage.objects.get(slug="andra").live


def test_municipality_editor_cannot_unpublish_or_bulk_publish_own_stories(client, side_a, goal):
    live = StoryPageFactory(parent=side_a.page, goals=[goal])
    draft = create_story(client, side_a.editor, side_a.page, goals=[goal])
    client.force_login(side_a.editor)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]))
    assert StoryPage.objects.get(pk=live.pk).live
    client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={draft.pk}&next=/admin/",
    )
    assert not StoryPage.objects.get(pk=draft.pk).live


def test_municipality_editor_cannot_approve_own_submission(client, side_a, goal):
    story = create_story(client, side_a.editor, side_a.page, goals=[goal], action="action-submit")
    assert story.workflow_in_progress
    workflow_action(client, story, "approve")
    story.refresh_from_db()
    assert not story.live
    assert story.workflow_in_progress


def test_submit_request_changes_fix_approve_publishes_with_emails(
    client, side_a, national_editor, goal
):
    national_editor.email = "nina@example.org"
    national_editor.save()
    story = create_story(
        client, side_a.editor, side_a.page, goals=[goal], action="action-submit", title="Första"
    )
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Nationell granskning"
    # The national editors are told, in Swedish.
    to_reviewer = [m for m in mail.outbox if "nina@example.org" in m.to]
    assert to_reviewer and "Första" in to_reviewer[0].subject
    assert "granskning" in (to_reviewer[0].subject + to_reviewer[0].body).lower()

    mail.outbox.clear()
    client.force_login(national_editor)
    workflow_action(client, story, "reject", comment="Skriv vilka skolor som deltar.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_editor = [m for m in mail.outbox if side_a.editor.email in m.to]
    assert to_editor and "Skriv vilka skolor som deltar." in to_editor[0].body

    # The editor fixes it and submits again; the same workflow resumes.
    client.force_login(side_a.editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form_data(title="Första, med skolorna", goals=[goal], action="action-submit"),
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    mail.outbox.clear()
    client.force_login(national_editor)
    workflow_action(client, story, "approve")
    story.refresh_from_db()
    assert story.live
    assert story.title == "Första, med skolorna"
    assert any(side_a.editor.email in m.to for m in mail.outbox)
    response = client.get(story.url)
    assert response.status_code == 200


def test_the_editor_opening_the_story_sees_who_asked_for_what_change(
    client, side_a, national_editor, goal
):
    national_editor.first_name, national_editor.last_name = "Nina", "Granskare"
    national_editor.save()
    story = create_story(client, side_a.editor, side_a.page, goals=[goal], action="action-submit")
    client.force_login(national_editor)
    workflow_action(client, story, "reject", comment="Skriv vilka skolor som deltar.")

    client.force_login(side_a.editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    today = timezone.localdate()
    assert "Ändringar begärda av Nina Granskare" in html
    assert f"{today.day} " in html and str(today.year) in html
    assert "”Skriv vilka skolor som deltar.”" in html or "“Skriv vilka skolor som deltar.”" in html

    # Resubmitted, the request is no longer shown.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form_data(goals=[goal], action="action-submit"),
    )
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "Ändringar begärda av" not in html


def test_story_in_review_is_locked_for_its_editor(client, side_a, goal):
    story = create_story(client, side_a.editor, side_a.page, goals=[goal], action="action-submit")
    client.force_login(side_a.editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form_data(title="Ändrad under granskning", goals=[goal]),
    )
    story.refresh_from_db()
    assert story.get_latest_revision_as_object().title != "Ändrad under granskning"


def test_a_lock_keeps_other_editors_of_the_same_municipality_out(client, side_a, goal):
    colleague = make_user("karin@salem.se", [side_a.group_link.group])
    story = create_story(client, side_a.editor, side_a.page, goals=[goal])
    client.force_login(side_a.editor)
    client.post(reverse("wagtailadmin_pages:lock", args=[story.pk]))
    story.refresh_from_db()
    assert story.locked and story.locked_by == side_a.editor
    client.force_login(colleague)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form_data(title="Kollegans ändring", goals=[goal]),
    )
    story.refresh_from_db()
    assert story.get_latest_revision_as_object().title != "Kollegans ändring"
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert "låst" in response.content.decode().lower()


def test_editor_can_compare_and_revert_own_revisions(client, side_a, goal):
    story = create_story(client, side_a.editor, side_a.page, goals=[goal], title="Version ett")
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form_data(title="Version två", goals=[goal]),
    )
    first, second = story.revisions.order_by("pk")[:2]
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[story.pk, first.pk, second.pk])
    )
    assert compare.status_code == 200
    assert "Version ett" in compare.content.decode() and "Version två" in compare.content.decode()
    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=[story.pk, first.pk]))
    assert revert.status_code == 200
    assert 'value="Version ett"' in revert.content.decode()


def test_national_editor_schedules_publishing(client, national_editor, side_a, goal):
    story = create_story(client, national_editor, side_a.page, goals=[goal])
    go_live = timezone.localtime() + timedelta(days=2)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form_data(
            goals=[goal], action="action-publish", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")
        ),
    )
    story.refresh_from_db()
    assert not story.live
    scheduled = story.get_scheduled_revision_as_object()
    assert scheduled is not None, list(story.revisions.values("approved_go_live_at"))
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    story.refresh_from_db()
    assert not story.live
    later = timezone.now() + timedelta(days=2, minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    story.refresh_from_db()
    assert story.live


def test_audit_trail_shows_national_editors_who_did_what(
    client, side_a, side_b, national_editor, goal
):
    story = create_story(
        client, side_a.editor, side_a.page, goals=[goal], action="action-submit", title="Spårad"
    )
    client.force_login(national_editor)
    workflow_action(client, story, "approve")
    actions = set(PageLogEntry.objects.filter(page=story).values_list("action", "user__username"))
    assert ("wagtail.workflow.start", "anna@salem.se") in actions
    assert ("wagtail.workflow.approve", national_editor.username) in actions
    assert ("wagtail.publish", national_editor.username) in actions
    report = client.get(reverse("wagtailadmin_reports:site_history"))
    html = report.content.decode()
    assert "Spårad" in html and "anna@salem.se" in html
    # B's editor sees nothing of it.
    client.force_login(side_b.editor)
    assert "Spårad" not in client.get(reverse("wagtailadmin_reports:site_history")).content.decode()


def test_municipality_editor_cannot_repoint_their_page_to_another_municipality(
    client, side_a, side_b
):
    client.force_login(side_a.editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[side_a.page.pk])
    response = client.get(edit_url)
    assert response.status_code == 200
    assert 'name="municipality"' not in response.content.decode()
    client.post(
        edit_url,
        {
            "title": side_a.page.title,
            "slug": side_a.page.slug,
            "municipality": side_b.municipality.pk,
            "intro": rich_text(""),
        },
    )
    side_a.page.refresh_from_db()
    latest = side_a.page.get_latest_revision_as_object()
    assert latest.municipality_id == side_a.municipality.pk
