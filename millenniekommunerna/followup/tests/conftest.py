"""Two municipalities with an editor each, A = Salem (0128) and B = Östhammar (0382), and a
national editor."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

A_CODE, B_CODE = "0128", "0382"
# A fixed "now" for the review rule: 12 and 24 months before it are easy to read.
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)


def make_user(username, groups=()):
    user = get_user_model().objects.create_user(
        username=username, email=username, password="a-long-test-password"
    )
    user.groups.add(*groups)
    return user


@dataclass
class Side:
    municipality: object
    page: object
    editor: object


@pytest.fixture
def editorial(db):
    from millenniekommunerna.editorial.roles import ensure_editorial_setup

    return ensure_editorial_setup()


def _side(code, username):
    from millenniekommunerna.editorial.roles import ensure_municipality_group
    from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage

    municipality = Municipality.objects.get(code=code)
    link = ensure_municipality_group(municipality)
    return Side(
        municipality=municipality,
        page=MunicipalityPage.objects.get(municipality=municipality),
        editor=make_user(username, [link.group]),
    )


@pytest.fixture
def side_a(editorial):
    return _side(A_CODE, "anna@salem.se")


@pytest.fixture
def side_b(editorial):
    return _side(B_CODE, "bo@osthammar.se")


@pytest.fixture
def national_editor(editorial):
    return make_user("nina@example.org", [editorial.national_group])


def story_reviewed_at(parent, moment, **kwargs):
    """A published story last reviewed at `moment` (None: never)."""
    from millenniekommunerna.stories.factories import StoryPageFactory
    from millenniekommunerna.stories.models import StoryPage

    story = StoryPageFactory(parent=parent, **kwargs)
    StoryPage.objects.filter(pk=story.pk).update(last_reviewed_at=moment)
    story.last_reviewed_at = moment
    return story
