"""The story editor refuses an "inspired by" story that is the story itself, its own
translation, or one that is already inspired by it (a cycle), with the reason in Swedish."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from millenniekommunerna.editorial.tests.helpers import story_form_data
from millenniekommunerna.editorial.translation import translate_story
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("admin", "admin@example.se", "x")


def form_for(story, adapted_from, user):
    form_class = StoryPage.get_edit_handler().get_form_class()
    data = story_form_data(title=story.title, slug=story.slug, teaser=story.teaser)
    data.update(nested_form_data({"results": inline_formset([])}))
    data["adapted_from"] = adapted_from.pk if adapted_from else ""
    return form_class(data, instance=story, for_user=user, parent_page=story.get_parent())


def adapted_from_errors(story, adapted_from, user) -> list[str]:
    form = form_for(story, adapted_from, user)
    form.is_valid()
    return form.errors.get("adapted_from", [])


def test_another_municipalitys_story_is_accepted(admin_user):
    original = StoryPageFactory(title="Vattenskolan", municipality_code="0382")
    story = StoryPageFactory(title="Vattenskolan i Salem", municipality_code="0128")
    form = form_for(story, original, admin_user)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["adapted_from"] == original


def test_the_story_itself_is_refused(admin_user):
    story = StoryPageFactory(title="Vattenskolan")
    assert adapted_from_errors(story, story, admin_user) == [
        "En berättelse kan inte vara inspirerad av sig själv."
    ]


def test_its_own_translation_is_refused_and_another_translation_means_its_story(admin_user):
    story = StoryPageFactory(title="Vattenskolan")
    translated, _created = translate_story(story, "en", None)
    assert adapted_from_errors(story, translated, admin_user) == [
        "En berättelse kan inte vara inspirerad av sin egen översättning."
    ]
    other = StoryPageFactory(title="Solceller", municipality_code="0128")
    other_translated, _created = translate_story(other, "en", None)
    form = form_for(story, other_translated, admin_user)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["adapted_from"] == other


def test_a_cycle_is_refused_however_long(admin_user):
    first = StoryPageFactory(title="Ett", municipality_code="0382")
    second = StoryPageFactory(title="Två", municipality_code="0128")
    third = StoryPageFactory(title="Tre", municipality_code="2514")
    StoryPage.objects.filter(pk=second.pk).update(adapted_from=first)
    StoryPage.objects.filter(pk=third.pk).update(adapted_from=second)
    first.refresh_from_db()
    assert adapted_from_errors(first, third, admin_user) == [
        "”Tre” är redan inspirerad av den här berättelsen, direkt eller via andra berättelser. "
        "Välj en annan berättelse."
    ]
    # A cycle already in the database (written straight to it) does not hang the check.
    StoryPage.objects.filter(pk=first.pk).update(adapted_from=third)
    fourth = StoryPageFactory(title="Fyra", municipality_code="0182")
    assert adapted_from_errors(fourth, second, admin_user) == []


def test_the_refusal_keeps_the_story_as_it_was(admin_user):
    story = StoryPageFactory(title="Vattenskolan")
    form = form_for(story, story, admin_user)
    assert not form.is_valid()
    story.refresh_from_db()
    assert story.adapted_from_id is None
