"""The national editors' follow-up overview, and the 24-month rule at fixed moments."""

from datetime import timedelta

import pytest
from django.urls import reverse

from millenniekommunerna.followup import dashboard
from millenniekommunerna.followup.review import mark_reviewed
from millenniekommunerna.stories.models import StoryPage

from .conftest import NOW, story_reviewed_at

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/uppfoljning/"


@pytest.fixture
def b_stories(side_b):
    return [
        story_reviewed_at(side_b.page, NOW - timedelta(days=30), title="Ny"),
        story_reviewed_at(side_b.page, NOW - timedelta(days=500), title="Halvgammal"),
        story_reviewed_at(side_b.page, NOW - timedelta(days=900), title="Gammal"),
        story_reviewed_at(side_b.page, None, title="Aldrig"),
    ]


def test_the_counts_per_municipality(b_stories, side_b):
    row = next(r for r in dashboard.rows(NOW) if r.municipality_id == side_b.municipality.pk)
    assert row.counts == {"current": 1, "due": 1, "out_of_date": 2}
    assert row.name == "Östhammar"


def test_national_editors_see_the_overview_and_follow_its_links(
    client, b_stories, national_editor, side_b
):
    client.force_login(national_editor)
    admin = client.get("/admin/").content.decode()
    assert DASHBOARD in admin  # the menu item
    page = client.get(DASHBOARD).content.decode()
    assert "Östhammar" in page
    assert reverse("wagtailadmin_explore", args=[side_b.page.pk]) in page
    link = dashboard.stories_url(side_b.municipality.pk, "out_of_date")
    assert link.replace("&", "&amp;") in page
    listed = client.get(link).content.decode()
    assert "Gammal" in listed and "Aldrig" in listed
    assert "Halvgammal" not in listed and ">Ny<" not in listed


def test_municipality_editors_do_not_see_the_overview(client, b_stories, side_b):
    client.force_login(side_b.editor)
    assert DASHBOARD not in client.get("/admin/").content.decode()
    assert client.get(DASHBOARD).status_code in (302, 403)
    assert client.get(f"{DASHBOARD}berattelser/").status_code in (302, 403)


def test_bad_filters_of_the_story_list_are_explained(client, national_editor):
    client.force_login(national_editor)
    response = client.get(f"{DASHBOARD}berattelser/?kommun=abc&status=gammal")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Det finns ingen kommun med numret ”abc”." in page
    assert "”gammal” är inget granskningsläge" in page


def test_the_24_month_rule_and_a_review_making_it_current(side_b):
    story = story_reviewed_at(side_b.page, NOW)
    in_days = [(0, "current"), (364, "current"), (366, "due"), (730, "due"), (732, "out_of_date")]
    for days, state in in_days:
        moment = NOW + timedelta(days=days)
        assert story.review_state(moment) == state, days
        assert StoryPage.objects.in_review_state(state, moment).filter(pk=story.pk).exists()
    later = NOW + timedelta(days=800)
    mark_reviewed(story, side_b.editor, now=later)
    story = StoryPage.objects.get(pk=story.pk)
    assert story.review_state(later) == "current"
    assert story.review_state(later + timedelta(days=370)) == "due"
