"""The admin view the editor's script asks, and the editor itself: suggestions come back as
JSON for the unsaved text, and nothing about a story changes until the editor saves."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.stories.models import StoryPage

from .conftest import BIOGAS, MATSVINN

pytestmark = pytest.mark.django_db

URL = "/admin/malforslag/"


def test_the_url(db):
    assert reverse("goal_suggestions") == URL


def test_an_editor_gets_the_goals_for_the_text_with_their_words(admin_client, trained):
    response = admin_client.post(URL, {"text": MATSVINN})
    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "ok"
    assert answer["message"] == ""
    found = {s["goal"]: s for s in answer["suggestions"]}
    sdg_12 = Goal.objects.get(slug="sdg-12")
    assert found["sdg-12"]["id"] == sdg_12.pk
    assert found["sdg-12"]["label"] == "Mål 12 Hållbar konsumtion och produktion"
    assert "matsvinnet" in found["sdg-12"]["words"]
    assert len(answer["suggestions"]) <= 3


def test_biogas_suggests_sdg_7(admin_client, trained):
    answer = admin_client.post(URL, {"text": BIOGAS}).json()
    assert answer["suggestions"][0]["goal"] == "sdg-7"


def test_without_a_model_the_editor_is_told_so_in_swedish(admin_client, db):
    answer = admin_client.post(URL, {"text": MATSVINN}).json()
    assert answer["status"] == "no_model"
    assert answer["suggestions"] == []
    assert "train_goal_suggestions" in answer["message"]
    assert answer["message"].startswith("Inga förslag ännu")


def test_an_empty_text_asks_for_one(admin_client, trained):
    answer = admin_client.post(URL, {"text": "  "}).json()
    assert answer["suggestions"] == []
    assert answer["message"].startswith("Skriv rubrik, ingress eller brödtext")
    answer = admin_client.post(URL, {"text": "och det att"}).json()
    assert answer["message"] == "Inget mål framträder i texten ännu."


def test_a_very_long_text_is_read_in_part_and_answered(admin_client, trained):
    response = admin_client.post(URL, {"text": MATSVINN + " ord" * 100_000})
    assert response.status_code == 200
    assert "sdg-12" in [s["goal"] for s in response.json()["suggestions"]]


def test_only_post(admin_client, trained):
    assert admin_client.get(URL, {"text": MATSVINN}).status_code == 405


def test_no_admin_access_no_suggestions(client, trained):
    assert client.post(URL, {"text": MATSVINN}).status_code == 302  # to the login
    get_user_model().objects.create_user("olle", password="a-long-test-password")
    client.login(username="olle", password="a-long-test-password")
    assert client.post(URL, {"text": MATSVINN}).status_code in (302, 403)


def test_the_story_editor_loads_the_script_with_its_url_and_swedish_labels(admin_client, trained):
    story = StoryPage.objects.get(title="Skolor minskar matsvinn i rekordfart")
    page = admin_client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "suggestions/goal-suggestions.js" in page
    assert f'data-mk-goal-suggestions="{URL}"' in page
    assert 'data-accept="Lägg till"' in page
    # Without the script the goal list is the plain checklist it always was.
    assert 'name="goals"' in page


def test_no_goal_is_added_by_suggesting_or_training(admin_client, trained):
    """Suggestions are only ever offered: asking for them, for a story's own text, changes no
    story, adds no revision and no goal; only the editor's save does."""
    story = StoryPage.objects.get(title="Service på lika villkor")
    before = sorted(story.goals.values_list("slug", flat=True))
    links = StoryPage.goals.through.objects.count()
    revisions = story.revisions.count()

    admin_client.get(f"/admin/pages/{story.pk}/edit/")
    answer = admin_client.post(URL, {"text": MATSVINN + " " + BIOGAS}).json()
    assert {"sdg-12", "sdg-7"} & {s["goal"] for s in answer["suggestions"]}

    story.refresh_from_db()
    assert sorted(story.goals.values_list("slug", flat=True)) == before
    assert StoryPage.goals.through.objects.count() == links
    assert story.revisions.count() == revisions
