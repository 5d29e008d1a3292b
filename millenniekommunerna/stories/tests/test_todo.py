"""The editors' work list rows: what is left to do on a story, from its latest version."""

import pytest
from django.core.management import call_command

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.images.factories import CustomImageFactory
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryReviewFlag, StoryTodo
from millenniekommunerna.stories.todo import refresh_all

pytestmark = pytest.mark.django_db

BODY = [("paragraph", "<p>Eleverna väger resterna varje dag.</p>")]


def kinds(story):
    return set(StoryTodo.objects.filter(story=story).values_list("kind", flat=True))


@pytest.fixture
def goal():
    return Goal.objects.get(slug="sdg-12")


def test_a_complete_story_has_nothing_to_do(goal):
    story = StoryPageFactory(body=BODY, goals=[goal])
    assert kinds(story) == set()


def test_a_story_without_body_or_goal_has_both_to_do():
    story = StoryPageFactory()
    assert kinds(story) == {"body_missing", "no_goal"}


def test_review_notes_are_listed_with_their_note(goal):
    story = StoryPageFactory(body=BODY, goals=[goal])
    story.review_flags.add(
        StoryReviewFlag(kind="teaser_incomplete", note="Ingressen slutar mitt i en mening")
    )
    story.save()
    todo = StoryTodo.objects.get(story=story)
    assert (todo.kind, todo.detail, todo.from_review_note) == (
        "teaser_incomplete",
        "Ingressen slutar mitt i en mening",
        True,
    )


def test_a_weak_main_image_alt_text_is_to_do(goal):
    image = CustomImageFactory(title="Skolmatsal")
    type(image).objects.filter(pk=image.pk).update(description="IMG_2041.jpg")
    image.refresh_from_db()
    story = StoryPageFactory(body=BODY, goals=[goal], hero_image=image)
    assert kinds(story) == {"image_alt_text"}
    assert "IMG_2041.jpg" in StoryTodo.objects.get(story=story).detail

    image.description = "Elever lägger matrester på en våg i skolmatsalen"
    image.save()
    assert kinds(story) == set(), "mending the alt text in the image library mends the story"


def test_the_list_follows_the_latest_draft_not_the_live_version(goal):
    story = StoryPageFactory(goals=[goal])
    story.save_revision().publish()
    assert "body_missing" in kinds(story)

    draft = story.get_latest_revision_as_object()
    draft.body = BODY
    draft.save_revision()
    assert "body_missing" not in kinds(story), "the draft has a body now"
    assert len(story.__class__.objects.get(pk=story.pk).body) == 0, "live is unchanged"


def test_refresh_todos_fills_rows_for_stories_written_directly(goal, capsys):
    story = StoryPageFactory()
    StoryTodo.objects.all().delete()
    call_command("refresh_todos")
    assert kinds(story) == {"body_missing", "no_goal"}
    assert "1 stories" in capsys.readouterr().out
    assert refresh_all() == 1
    assert StoryTodo.objects.filter(story=story).count() == 2, "a rerun adds nothing twice"
