from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from millenniekommunerna.followup.review import LOG_ACTION
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

from .conftest import story_reviewed_at

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=800)


def review_url(story):
    return reverse("followup_admin:review", args=[story.pk])


def test_publishing_a_story_reviews_it(side_b):
    story = StoryPageFactory(parent=side_b.page, live=False, first_published_at=None)
    assert StoryPage.objects.get(pk=story.pk).last_reviewed_at is None
    story.save_revision(user=side_b.editor).publish()
    story.refresh_from_db()
    assert story.last_reviewed_at == story.last_published_at
    assert story.review_state() == "current"


def test_an_imported_story_is_not_reviewed_by_its_import(side_b):
    """The importer publishes stories as they were at their source: a revision no person made
    confirms nothing, so the story stays out of date until an editor reviews it."""
    story = StoryPageFactory(parent=side_b.page, live=False, first_published_at=None)
    story.save_revision().publish()
    story.refresh_from_db()
    assert story.last_published_at is not None
    assert story.last_reviewed_at is None
    assert story.review_state() == "out_of_date"


def test_publishing_a_translation_reviews_the_swedish_story(side_b):
    from millenniekommunerna.editorial.translation import translate_story

    story = story_reviewed_at(side_b.page, LONG_AGO)
    translated, _created = translate_story(story, "en", side_b.editor)
    translated.save_revision(user=side_b.editor).publish()
    story.refresh_from_db()
    translated.refresh_from_db()
    assert story.last_reviewed_at == translated.last_published_at
    assert StoryPage.objects.get(pk=translated.pk).review_state() == "current"


def test_an_editor_reviews_their_own_story_without_a_new_revision(client, side_b):
    story = story_reviewed_at(side_b.page, LONG_AGO)
    revisions = Revision.objects.filter(object_id=str(story.pk)).count()
    client.force_login(side_b.editor)
    response = client.post(review_url(story), follow=True)
    story.refresh_from_db()
    assert timezone.now() - story.last_reviewed_at < timedelta(minutes=1)
    assert story.review_state() == "current"
    assert Revision.objects.filter(object_id=str(story.pk)).count() == revisions
    assert "markerad som granskad" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[story.pk])


def test_the_review_is_in_the_page_history(client, side_b):
    story = story_reviewed_at(side_b.page, LONG_AGO)
    client.force_login(side_b.editor)
    client.post(review_url(story))
    entry = PageLogEntry.objects.filter(page=story, action=LOG_ACTION).get()
    assert entry.user == side_b.editor
    history = client.get(reverse("wagtailadmin_pages:history", args=[story.pk]))
    assert "Markerad som granskad: inget nytt" in history.content.decode()


def test_an_editor_cannot_review_another_municipalitys_story(client, side_a, side_b):
    story = story_reviewed_at(side_b.page, LONG_AGO)
    client.force_login(side_a.editor)
    assert client.post(review_url(story)).status_code in (302, 403)
    assert client.get(review_url(story)).status_code in (302, 403)
    story.refresh_from_db()
    assert story.last_reviewed_at == LONG_AGO
    assert not PageLogEntry.objects.filter(page=story, action=LOG_ACTION).exists()


def test_get_asks_and_changes_nothing(client, side_b):
    story = story_reviewed_at(side_b.page, LONG_AGO)
    client.force_login(side_b.editor)
    response = client.get(review_url(story))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    story.refresh_from_db()
    assert story.last_reviewed_at == LONG_AGO
    assert not PageLogEntry.objects.filter(page=story, action=LOG_ACTION).exists()


def test_the_review_needs_the_csrf_token(side_b):
    from django.test import Client

    story = story_reviewed_at(side_b.page, LONG_AGO)
    client = Client(enforce_csrf_checks=True)
    client.force_login(side_b.editor)
    assert client.post(review_url(story)).status_code == 403
    story.refresh_from_db()
    assert story.last_reviewed_at == LONG_AGO


def test_a_national_editor_reviews_any_story(client, side_b, national_editor):
    story = story_reviewed_at(side_b.page, LONG_AGO)
    client.force_login(national_editor)
    client.post(review_url(story))
    story.refresh_from_db()
    assert story.review_state() == "current"


def test_the_button_is_on_the_edit_view_and_in_the_listing(client, side_a, side_b):
    story = story_reviewed_at(side_b.page, LONG_AGO)
    client.force_login(side_b.editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert review_url(story) in edit
    listing = client.get(reverse("wagtailadmin_explore", args=[side_b.page.pk])).content.decode()
    assert review_url(story) in listing
    client.force_login(side_a.editor)
    listing = client.get(reverse("wagtailadmin_explore", args=[side_b.page.pk])).content.decode()
    assert review_url(story) not in listing


def test_a_draft_has_no_review_button(client, side_b):
    story = StoryPageFactory(parent=side_b.page, live=False, first_published_at=None)
    client.force_login(side_b.editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert review_url(story) not in edit


def test_next_may_not_lead_elsewhere(client, side_b):
    story = story_reviewed_at(side_b.page, LONG_AGO)
    client.force_login(side_b.editor)
    response = client.post(review_url(story), {"next": "https://example.com/"})
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[story.pk])
