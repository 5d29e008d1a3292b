import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from millenniekommunerna.goals.models import Goal, GoalIndexPage
from millenniekommunerna.home.models import HomePage
from millenniekommunerna.municipalities.models import MunicipalityIndexPage, MunicipalityPage
from millenniekommunerna.partnerships.models import Country, PartnerPlace
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryIndexPage, StoryPage, StoryReviewFlag

pytestmark = pytest.mark.django_db


def test_story_page_can_only_live_under_a_municipality_page():
    assert StoryPage.allowed_parent_page_models() == [MunicipalityPage]
    assert StoryPage.allowed_subpage_models() == []
    osthammar = MunicipalityPage.objects.get(municipality__code="0382")
    assert StoryPage.can_create_at(osthammar)
    for parent_class in (HomePage, StoryIndexPage, MunicipalityIndexPage, GoalIndexPage):
        assert not StoryPage.can_create_at(parent_class.objects.get())


def test_story_index_page_is_a_single_child_of_home():
    assert StoryIndexPage.allowed_parent_page_models() == [HomePage]
    assert not StoryIndexPage.can_create_at(HomePage.objects.get())  # max_count reached


def test_story_takes_its_municipality_from_the_tree():
    story = StoryPageFactory(municipality_code="1781")
    assert story.municipality.name == "Kristinehamn"
    target = MunicipalityPage.objects.get(municipality__code="0182")
    story.move(target, pos="last-child")
    story.refresh_from_db()
    assert story.municipality.name == "Nacka"


def test_story_year_range_is_validated():
    from django.core.exceptions import ValidationError

    story = StoryPageFactory.build(year_start=2012, year_end=2010)
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "year_end" in error.value.message_dict


def test_story_page_renders_everything_it_knows(client):
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    story = StoryPageFactory(
        municipality_code="0182",
        title="Avfallshantering formar samarbetet",
        teaser="Strategisk planering är grunden för en hållbar stadsplanering. Något som kenyanska kommunen",
        goals=[Goal.objects.get(slug="sdg-11"), Goal.objects.get(slug="mdg-7")],
        partner_places=[kisumu],
        year_start=2010,
        year_end=2014,
    )
    story.countries.add(Country.objects.get(code="ZA"))
    story.save()  # ParentalManyToManyField changes are written on save
    response = client.get(story.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Avfallshantering formar samarbetet" in html
    assert "Något som kenyanska kommunen…" in html
    assert "Nacka kommun" in html
    assert 'href="/kommuner/nacka/"' in html
    assert 'href="/mal/sdg-11/"' in html
    assert 'href="/mal/mdg-7/"' in html
    assert "Kisumu" in html
    assert "Sydafrika" in html
    assert "2010–2014" in html


def test_story_page_query_count_is_bounded_and_independent_of_relations(count_queries):
    few = StoryPageFactory(goals=list(Goal.objects.filter(slug="sdg-1")))
    many = StoryPageFactory(
        goals=list(Goal.objects.all()[:10]), partner_places=list(PartnerPlace.objects.all())
    )
    many.countries.set(Country.objects.filter(code__in=["ZA", "IN", "PE"]))
    many.save()
    _, queries_few = count_queries(few.url)
    response, queries_many = count_queries(many.url)
    assert response.status_code == 200
    assert queries_many == queries_few
    # Routing costs one query per tree level; one more looks for the story's translations.
    assert queries_many <= 23


def test_story_index_lists_stories_with_a_bounded_number_of_queries(make_stories, count_queries):
    make_stories(3)
    response, queries_3 = count_queries("/berattelser/")
    assert response.status_code == 200
    make_stories(8)
    response, queries_11 = count_queries("/berattelser/")
    assert response.status_code == 200
    assert response.content.decode().count('class="story-card') == 11
    assert queries_11 == queries_3
    assert queries_11 <= 16


def test_story_index_is_paginated(make_stories, client):
    make_stories(13)
    first = client.get("/berattelser/")
    assert first.content.decode().count('class="story-card') == 12
    second = client.get("/berattelser/?sida=2")
    assert second.content.decode().count('class="story-card') == 1
    assert client.get("/berattelser/?sida=9").status_code == 404
    assert client.get("/berattelser/?sida=abc").status_code == 404


def test_unpublished_story_is_not_listed_or_served(client):
    story = StoryPageFactory(title="Hemligt utkast")
    story.unpublish()
    assert "Hemligt utkast" not in client.get("/berattelser/").content.decode()
    assert client.get(story.url or "/kommuner/osthammar/hemligt-utkast/").status_code == 404


def test_review_flags_are_editorial_and_not_shown_publicly(client):
    story = StoryPageFactory()
    StoryReviewFlag.objects.create(page=story, kind="image_alt_text", note="DSCN0010_webb")
    html = client.get(story.url).content.decode()
    assert "DSCN0010_webb" not in html


def test_story_can_be_created_in_the_admin_only_under_a_municipality(client):
    admin = get_user_model().objects.create_superuser("redaktor", "r@example.org", "x" * 16)
    client.force_login(admin)
    municipality_page = MunicipalityPage.objects.get(municipality__code="0382")
    add_url = reverse("wagtailadmin_pages:add", args=("stories", "storypage", municipality_page.pk))
    assert client.get(add_url).status_code == 200
    wrong_parent = GoalIndexPage.objects.get()
    wrong_url = reverse("wagtailadmin_pages:add", args=("stories", "storypage", wrong_parent.pk))
    refused = client.get(wrong_url)
    assert refused.status_code == 302  # Wagtail's admin answers PermissionDenied with a redirect
    assert refused["Location"] == reverse("wagtailadmin_home")
