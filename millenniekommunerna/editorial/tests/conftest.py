"""Two municipalities with an editor each, A = Salem (0128) and B = Östhammar (0382), a
national editor and an account without any role; B has a draft story, a published story with
a newer draft, an image in its collection and a tip."""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

A_CODE, B_CODE = "0128", "0382"


def make_user(username, groups=(), **extra):
    user = get_user_model().objects.create_user(
        username=username, email=username, password="a-long-test-password", **extra
    )
    user.groups.add(*groups)
    return user


@pytest.fixture
def editorial(db):
    from millenniekommunerna.editorial.roles import ensure_editorial_setup

    return ensure_editorial_setup()


@dataclass
class Side:
    municipality: object
    page: object
    group_link: object
    editor: object


def _side(code, username):
    from millenniekommunerna.editorial.roles import ensure_municipality_group
    from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage

    municipality = Municipality.objects.get(code=code)
    link = ensure_municipality_group(municipality)
    return Side(
        municipality=municipality,
        page=MunicipalityPage.objects.get(municipality=municipality),
        group_link=link,
        editor=make_user(username, [link.group]),
    )


@pytest.fixture
def side_a(editorial):
    return _side(A_CODE, "anna@salem.se")


@pytest.fixture
def side_b(editorial):
    return _side(B_CODE, "bo@osthammar.se")


@pytest.fixture
def a_editor(side_a):
    return side_a.editor


@pytest.fixture
def b_editor(side_b):
    return side_b.editor


@pytest.fixture
def national_editor(editorial):
    return make_user("nina@example.org", [editorial.national_group])


@pytest.fixture
def outsider(db):
    return make_user("olle@example.org")


def draft_story(parent, user, **kwargs):
    """An unpublished story with two revisions."""
    from millenniekommunerna.stories.factories import StoryPageFactory

    story = StoryPageFactory(parent=parent, live=False, first_published_at=None, **kwargs)
    story.owner = user
    story.save_revision(user=user)
    story.title = f"{story.title} (andra versionen)"
    story.save_revision(user=user)
    return story


@pytest.fixture
def goal(db):
    from millenniekommunerna.goals.models import Goal

    return Goal.objects.get(slug="sdg-12")


@pytest.fixture
def b_objects(side_b, goal):
    """B's draft, B's published story with a newer draft, B's image and B's tip."""
    from millenniekommunerna.images.factories import CustomImageFactory
    from millenniekommunerna.stories.factories import StoryPageFactory
    from millenniekommunerna.tips.factories import TipFactory

    image = CustomImageFactory(collection=side_b.group_link.collection, title="Östhammars bild")
    draft = draft_story(side_b.page, side_b.editor, title="Hemligt utkast i Östhammar")
    draft.goals.set([goal])
    draft.save_revision(user=side_b.editor)
    live = StoryPageFactory(parent=side_b.page, title="Publicerad i Östhammar", goals=[goal])
    live.save_revision(user=side_b.editor).publish()
    live.title = "Publicerad i Östhammar, ny version"
    live.save_revision(user=side_b.editor)
    tip = TipFactory(municipality_code=B_CODE, title="Tips om Östhammar", with_image=True)
    return {"image": image, "draft": draft, "live": live, "tip": tip}
