"""Translating a story into English in the admin: who may, what the draft holds, and the
review it goes through before it is shown at /en/."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from millenniekommunerna.editorial.translation import translate_story
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

from .helpers import paragraph, story_form_data

pytestmark = pytest.mark.django_db


def translate_url(story, language="en"):
    return reverse("editorial_admin:translate_story", args=[story.pk, language])


def workflow_action(client, page, action):
    task_state = page.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        {"comment": ""},
    )


@pytest.fixture
def a_story(side_a, goal):
    story = StoryPageFactory(
        parent=side_a.page,
        title="Matsvinnet halveras",
        slug="matsvinnet-halveras",
        teaser="Skolorna i Salem väger matsvinnet varje dag.",
        goals=[goal],
        year_start=2012,
    )
    story.save_revision(user=side_a.editor).publish()
    return StoryPage.objects.get(pk=story.pk)


def test_the_editor_confirms_and_gets_a_draft_translation_beside_the_story(client, side_a, a_story):
    client.force_login(side_a.editor)
    confirm = client.get(translate_url(a_story))
    assert confirm.status_code == 200
    assert "Matsvinnet halveras" in confirm.content.decode()
    assert StoryPage.objects.count() == 1  # looking at the confirmation changes nothing

    response = client.post(translate_url(a_story))
    translated = StoryPage.objects.get(locale__language_code="en")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert translated.translation_key == a_story.translation_key
    assert translated.get_parent().pk == side_a.page.pk
    assert translated.slug == "matsvinnet-halveras-en"
    assert not translated.live
    assert translated.title == a_story.title  # the Swedish text, to be replaced
    # Where the story belongs stays with the Swedish story, so nothing is counted twice.
    assert translated.municipality_id is None
    assert not translated.goals.exists()
    assert translated.year_start is None
    assert translated.original.pk == a_story.pk
    assert translated.get_admin_display_title() == "Matsvinnet halveras [EN]"
    assert a_story.get_admin_display_title() == "Matsvinnet halveras"
    assert PageLogEntry.objects.filter(
        page=translated, action="wagtail.copy_for_translation"
    ).exists()

    # A second request opens the same translation instead of making another one.
    again = client.get(translate_url(a_story))
    assert again["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert StoryPage.objects.filter(locale__language_code="en").count() == 1


def test_the_story_editor_offers_to_translate_and_then_to_edit_the_translation(
    client, side_a, a_story
):
    client.force_login(side_a.editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[a_story.pk])).content.decode()
    assert translate_url(a_story) in edit
    assert "Översätt till engelska" in edit

    translated, _created = translate_story(a_story, "en", side_a.editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[a_story.pk])).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[translated.pk]) in edit
    assert "Redigera översättningen till engelska" in edit


def test_another_municipality_s_editor_and_accounts_without_a_role_cannot_translate(
    client, side_a, b_editor, outsider, a_story
):
    for user in (b_editor, outsider):
        client.force_login(user)
        assert client.get(translate_url(a_story)).status_code in (302, 403)
        assert client.post(translate_url(a_story)).status_code in (302, 403)
    assert not StoryPage.objects.filter(locale__language_code="en").exists()
    client.force_login(b_editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[a_story.pk]))
    assert translate_url(a_story) not in edit.content.decode()


def test_only_swedish_stories_into_the_site_s_other_languages(client, side_a, a_story):
    client.force_login(side_a.editor)
    assert client.get(translate_url(a_story, "de")).status_code == 404
    assert client.get(translate_url(a_story, "sv")).status_code == 404
    translated, _created = translate_story(a_story, "en", side_a.editor)
    # Wagtail's admin answers a refused request by sending the user to the dashboard.
    assert client.post(translate_url(translated)).status_code == 302
    assert client.post(translate_url(side_a.page)).status_code == 302
    assert StoryPage.objects.filter(locale__language_code="en").count() == 1


def test_the_translation_form_asks_for_text_only_and_goes_through_national_review(
    client, side_a, national_editor, a_story
):
    translated, _created = translate_story(a_story, "en", side_a.editor)
    client.force_login(side_a.editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[translated.pk])
    response = client.get(edit_url)
    html = response.content.decode()
    assert "Det här är den engelska översättningen av en svensk berättelse." in html
    assert reverse("wagtailadmin_pages:edit", args=[a_story.pk]) in html
    form = response.context["form"]
    assert {"title", "teaser", "body"} <= set(form.fields)
    assert not {"goals", "partner_places", "countries", "hero_image", "year_start"} & set(
        form.fields
    )

    data = story_form_data(
        title="Food waste halved",
        slug="food-waste-halved",
        teaser="The schools of Salem weigh their food waste every day.",
        body=[paragraph("<p>The pupils weigh what is left.</p>")],
        action="action-submit",
    )
    for name in ("goals", "hero_image", "year_start", "year_end"):
        data.pop(name, None)
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    translated = StoryPage.objects.get(pk=translated.pk)
    state = WorkflowState.objects.get(object_id=str(translated.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # a municipality cannot publish
    assert not translated.live

    client.force_login(national_editor)
    workflow_action(client, translated, "approve")
    translated = StoryPage.objects.get(pk=translated.pk)
    assert translated.live
    assert translated.title == "Food waste halved"
    assert translated.municipality_id is None
    assert not translated.goals.exists()

    page = client.get("/en/kommuner/salem/matsvinnet-halveras/", follow=True)
    assert page.redirect_chain[-1][0] == "/en/kommuner/salem/food-waste-halved/"
    assert "Food waste halved" in page.content.decode()


def test_a_translation_is_refused_for_review_while_its_text_has_an_image_without_alt_text(
    client, side_a, a_story
):
    from millenniekommunerna.images.factories import CustomImageFactory

    from .helpers import image_block

    image = CustomImageFactory(collection=side_a.group_link.collection)
    translated, _created = translate_story(a_story, "en", side_a.editor)
    client.force_login(side_a.editor)
    data = story_form_data(
        title="Food waste halved",
        slug="matsvinnet-halveras-en",
        body=[image_block(image, alt_text="DSCN0010_webb")],
        action="action-submit",
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[translated.pk]), data)
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not WorkflowState.objects.filter(object_id=str(translated.pk)).exists()
    # The translation as it was is kept.
    assert StoryPage.objects.get(pk=translated.pk).title == a_story.title
