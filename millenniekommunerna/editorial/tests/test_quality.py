"""A story cannot go for review or be published while an image lacks a usable alt text, the
teaser is missing or no goal is chosen; the editor is told why, in Swedish. Drafts can always
be saved."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from millenniekommunerna.images.factories import CustomImageFactory
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

from .helpers import image_block, paragraph, story_form_data

pytestmark = pytest.mark.django_db


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["stories", "storypage", parent.pk])


@pytest.fixture
def editor(client, side_a):
    client.force_login(side_a.editor)
    return side_a.editor


@pytest.fixture
def image_a(side_a):
    return CustomImageFactory(collection=side_a.group_link.collection)


def submit(client, side_a, **data):
    return client.post(add_url(side_a.page), story_form_data(action="action-submit", **data))


def test_story_without_goal_cannot_be_submitted(client, editor, side_a):
    response = submit(client, side_a, goals=[])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Välj minst ett mål som arbetet bidrar till." in html
    assert "Berättelsen kan inte skickas till granskning eller publiceras än." in html
    assert not StoryPage.objects.filter(slug="matsvinnet-halveras").exists()


def test_story_without_teaser_cannot_be_submitted(client, editor, side_a, goal):
    response = submit(client, side_a, goals=[goal], teaser="")
    assert response.status_code == 200
    assert not StoryPage.objects.filter(slug="matsvinnet-halveras").exists()
    assert "Berättelsen kan inte skickas till granskning" in response.content.decode()


@pytest.mark.parametrize(
    "description, message",
    [
        ("", "saknar alt-text"),
        ("DSCN0010_webb", "ser ut som ett filnamn eller ett nummer"),
        ("11020", "ser ut som ett filnamn eller ett nummer"),
    ],
)
def test_main_image_needs_a_real_alt_text(client, editor, side_a, goal, description, message):
    image = CustomImageFactory(collection=side_a.group_link.collection, description=description)
    response = submit(client, side_a, goals=[goal], hero_image=image)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StoryPage.objects.filter(slug="matsvinnet-halveras").exists()


def test_decorative_main_image_needs_no_alt_text(client, editor, side_a, goal):
    image = CustomImageFactory(
        collection=side_a.group_link.collection, description="", is_decorative=True
    )
    response = submit(client, side_a, goals=[goal], hero_image=image)
    assert response.status_code == 302
    assert StoryPage.objects.get(slug="matsvinnet-halveras").workflow_in_progress


@pytest.mark.parametrize("alt_text", ["", "IMG_2041.jpg"])
def test_body_image_needs_a_real_alt_text(client, editor, side_a, goal, image_a, alt_text):
    response = submit(
        client,
        side_a,
        goals=[goal],
        body=[paragraph("<p>Text.</p>"), image_block(image_a, alt_text=alt_text)],
    )
    assert response.status_code == 200
    assert not StoryPage.objects.filter(slug="matsvinnet-halveras").exists()


def test_body_image_messages_count_images_not_blocks(side_a, image_a):
    """The one image of a body after a paragraph is "Bild 1", not "Bild 2"; the second
    image after more text is "Bild 2"."""
    from millenniekommunerna.stories.quality import body_image_problems

    def image(alt_text):
        value = {"image": {"image": image_a.pk, "alt_text": alt_text, "decorative": False}}
        return {"type": "image", "value": {**value, "caption": ""}}

    def text(html):
        return {"type": "paragraph", "value": html}

    story = StoryPageFactory.build(
        body=[
            text("<p>Text.</p>"),
            image("bild"),
            text("<p>Mer text.</p>"),
            image("Elever väger matrester i matsalen"),
            image("IMG_2041.jpg"),
        ]
    )
    messages = [str(m) for m in body_image_problems(story.body)]
    assert [m.split(" i brödtexten")[0] for m in messages] == ["Bild 1", "Bild 3"]


@pytest.mark.parametrize("alt_text", ["bild", "en bild", "logga", "foto"])
def test_a_generic_body_image_alt_text_stops_submitting(
    client, editor, side_a, goal, image_a, alt_text
):
    response = submit(client, side_a, goals=[goal], body=[image_block(image_a, alt_text=alt_text)])
    assert response.status_code == 200
    # The block's error travels in the stream editor's JSON, where "ä" may be escaped.
    html = response.content.decode()
    assert "bara att det" in html and "r en bild, inte vad den visar" in html
    assert not StoryPage.objects.filter(slug="matsvinnet-halveras").exists()


def test_complete_story_is_submitted(client, editor, side_a, goal, image_a):
    response = submit(
        client,
        side_a,
        goals=[goal],
        hero_image=image_a,
        body=[image_block(image_a, alt_text="Elever väger matrester i matsalen")],
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(slug="matsvinnet-halveras")
    assert WorkflowState.objects.get(object_id=str(story.pk)).status == "in_progress"


def test_incomplete_draft_can_always_be_saved(client, editor, side_a):
    response = client.post(add_url(side_a.page), story_form_data(goals=[], teaser=""))
    assert response.status_code == 302
    story = StoryPage.objects.get(slug="matsvinnet-halveras")
    assert not story.live


def test_editor_is_told_up_front_what_is_missing(client, editor, side_a):
    client.post(add_url(side_a.page), story_form_data(goals=[]))
    story = StoryPage.objects.get(slug="matsvinnet-halveras")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    html = response.content.decode()
    assert "Innan berättelsen kan skickas till granskning eller publiceras:" in html
    assert "Välj minst ett mål som arbetet bidrar till." in html


def test_national_editor_cannot_publish_incomplete_story(client, national_editor, side_a):
    client.force_login(national_editor)
    response = client.post(add_url(side_a.page), story_form_data(goals=[], action="action-publish"))
    assert response.status_code == 200
    assert "Välj minst ett mål" in response.content.decode()
    assert not StoryPage.objects.filter(slug="matsvinnet-halveras").exists()


def test_reviewer_cannot_approve_a_story_that_became_incomplete(
    client, side_a, national_editor, goal, editorial
):
    story = StoryPageFactory(parent=side_a.page, live=False, first_published_at=None)
    story.save_revision(user=side_a.editor)
    editorial.workflow.start(story, side_a.editor)
    task_state = story.current_workflow_task_state
    task = task_state.task.specific
    # No goal: the approve actions are gone, "request changes" stays.
    assert [name for name, *_ in task.get_actions(story, national_editor)] == ["reject"]
    client.force_login(national_editor)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    )
    assert not StoryPage.objects.get(pk=story.pk).live
    # With a goal it can be approved.
    story.goals.set([goal])
    story.save_revision(user=side_a.editor)
    fresh = StoryPage.objects.get(pk=story.pk)
    assert "approve" in [name for name, *_ in task.get_actions(fresh, national_editor)]


def test_bulk_publishing_incomplete_stories_is_refused(client, national_editor, side_a):
    story = StoryPageFactory(parent=side_a.page, live=False, first_published_at=None)
    story.save_revision(user=national_editor)
    client.force_login(national_editor)
    response = client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={story.pk}&next=/admin/",
        follow=True,
    )
    assert not StoryPage.objects.get(pk=story.pk).live
    assert "Ingenting publicerades" in response.content.decode()


def test_editor_cannot_use_another_municipalitys_image_by_its_id(client, editor, side_a, side_b):
    foreign = CustomImageFactory(collection=side_b.group_link.collection)
    response = client.post(add_url(side_a.page), story_form_data(hero_image=foreign))
    assert response.status_code == 200
    assert "Du kan bara använda bilder från din kommuns bildsamling." in response.content.decode()
    response = client.post(
        add_url(side_a.page),
        story_form_data(body=[image_block(foreign, alt_text="Elever i matsalen")]),
    )
    assert response.status_code == 200
    assert not StoryPage.objects.filter(slug="matsvinnet-halveras").exists()


def test_an_incomplete_story_sent_for_review_is_saved_as_a_draft_and_says_so(
    client, editor, side_a, goal
):
    """Honest messages: the editor's text is kept as a draft, the page says it was not sent
    and lists what stops it — never "could not be saved" beside a saved draft."""
    story = StoryPageFactory(parent=side_a.page, live=False, first_published_at=None)
    story.save_revision(user=editor)
    edit = reverse("wagtailadmin_pages:edit", args=[story.pk])
    response = client.post(
        edit,
        story_form_data(title="Nu med ny titel", slug=story.slug, action="action-submit"),
        follow=True,
    )
    assert response.redirect_chain == [(edit, 302)]
    latest = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert latest.title == "Nu med ny titel", "what the editor wrote is saved"
    assert not StoryPage.objects.get(pk=story.pk).workflow_in_progress, "not sent for review"
    shown = [str(m) for m in response.context["messages"]]
    assert any("sparade som ett utkast" in m and "skickades inte" in m for m in shown), shown
    assert any("Välj minst ett mål" in m for m in shown), "what stops it is listed"
    assert not any("kunde inte sparas" in m for m in shown)


def test_a_story_with_more_wrong_than_the_checks_takes_the_usual_path(client, editor, side_a):
    story = StoryPageFactory(parent=side_a.page, live=False, first_published_at=None)
    story.save_revision(user=editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form_data(title="", slug=story.slug, action="action-submit"),
    )
    assert response.status_code == 200, "re-rendered with the errors beside the fields"
    assert StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object().title != ""
