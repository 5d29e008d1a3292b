import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from millenniekommunerna.editorial.tests.conftest import make_user
from millenniekommunerna.editorial.tests.helpers import active_content
from millenniekommunerna.stories.models import StoryPage, StoryReviewFlag
from millenniekommunerna.tips.conversion import AlreadyConverted, convert_to_story
from millenniekommunerna.tips.factories import TipFactory
from millenniekommunerna.tips.models import Tip

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(db):
    from millenniekommunerna.editorial.roles import ensure_editorial_setup

    return make_user("nina@example.org", [ensure_editorial_setup().national_group])


def test_national_editor_turns_a_tip_into_a_draft_story_in_one_step(client, national):
    tip = TipFactory(municipality_code="0128", title="Matsvinn i Salem", with_image=True)
    client.force_login(national)
    inspect = client.get(reverse("wagtailsnippets_tips_tip:inspect", args=[tip.pk]))
    assert "Gör till utkast till berättelse" in inspect.content.decode()
    response = client.post(reverse("tips_admin:convert", args=[tip.pk]))
    story = StoryPage.objects.get(title="Matsvinn i Salem")
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert not story.live
    assert story.get_parent().specific.municipality.code == "0128"
    assert story.municipality.code == "0128"
    assert story.slug == "matsvinn-i-salem"
    assert story.teaser.startswith("Skolorna väger matsvinnet varje dag.")
    assert [block.block_type for block in story.body] == ["paragraph", "paragraph"]
    assert story.owner == national
    assert story.latest_revision is not None
    image = story.hero_image
    assert image.collection.name == "Salem (0128)"
    assert image.description == "Elever väger matrester i skolans matsal"
    assert (image.width, image.height) == (40, 30)
    assert {flag.kind for flag in story.review_flags.all()} == {StoryReviewFlag.Kind.OTHER}
    tip.refresh_from_db()
    assert tip.status == Tip.Status.CONVERTED and tip.story_id == story.pk
    assert ModelLogEntry.objects.filter(action="tips.convert_to_story", user=national).exists()
    # The editor opens the draft; it needs goals before it can go for review.
    edit = client.get(response["Location"]).content.decode()
    assert "Välj minst ett mål" in edit


def test_a_tip_is_converted_only_once(client, national):
    tip = TipFactory()
    convert_to_story(tip, national)
    with pytest.raises(AlreadyConverted):
        convert_to_story(tip, national)
    client.force_login(national)
    assert StoryPage.objects.filter(title=tip.title).count() == 1
    # The button is gone and the view refuses.
    response = client.post(reverse("tips_admin:convert", args=[tip.pk]))
    assert response.status_code in (302, 403)
    assert StoryPage.objects.filter(title=tip.title).count() == 1


def test_image_without_a_usable_description_is_flagged(national):
    tip = TipFactory(with_image=True, image_description="IMG_2041.jpg")
    story = convert_to_story(tip, national)
    assert story.hero_image.description == ""
    assert StoryReviewFlag.Kind.IMAGE_ALT_TEXT in {f.kind for f in story.review_flags.all()}


def test_hostile_text_that_bypassed_the_form_is_escaped_in_the_story(client, national):
    """The form refuses markup; the conversion escapes it anyway."""
    tip = TipFactory(
        title="Rubrik",
        text='<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> <a href="javascript:x">l</a>',
    )
    story = convert_to_story(tip, national)
    story.save_revision(user=national).publish()
    html = client.get(story.url).content.decode()
    assert active_content(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_municipality_editor_cannot_convert(client, db):
    from millenniekommunerna.editorial.roles import (
        ensure_editorial_setup,
        ensure_municipality_group,
    )
    from millenniekommunerna.municipalities.models import Municipality

    ensure_editorial_setup()
    link = ensure_municipality_group(Municipality.objects.get(code="0128"))
    editor = make_user("anna@salem.se", [link.group])
    tip = TipFactory(municipality_code="0128")
    client.force_login(editor)
    inspect = client.get(reverse("wagtailsnippets_tips_tip:inspect", args=[tip.pk]))
    assert inspect.status_code == 200  # they see their own municipality's tip ...
    assert "Gör till utkast till berättelse" not in inspect.content.decode()
    client.post(reverse("tips_admin:convert", args=[tip.pk]))
    assert not StoryPage.objects.filter(title=tip.title).exists()  # ... but cannot convert it
