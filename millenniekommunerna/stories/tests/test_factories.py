import pytest

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.images.factories import CustomImageFactory
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_story_factory_builds_a_valid_live_story_under_its_municipality():
    story = StoryPageFactory(goals=[Goal.objects.get(slug="sdg-12")])
    story.full_clean()
    assert story.live
    assert story.get_parent().specific.municipality.code == "0382"
    assert story.municipality.code == "0382"
    assert list(story.goals.values_list("slug", flat=True)) == ["sdg-12"]
    assert story.url == f"/kommuner/osthammar/{story.slug}/"


def test_image_factory_builds_a_valid_image():
    image = CustomImageFactory()
    image.full_clean()
    assert image.default_alt_text == "Elever sorterar matrester i skolans matsal"


def test_result_factory_builds_a_valid_result_of_a_story():
    from millenniekommunerna.stories.factories import StoryResultFactory

    story = StoryPageFactory()
    result = StoryResultFactory(page=story)
    result.full_clean()
    assert list(story.results.all()) == [result]
