import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError

from millenniekommunerna.users.models import User

pytestmark = pytest.mark.django_db


def test_the_project_uses_its_own_user_model():
    assert settings.AUTH_USER_MODEL == "users.User"
    assert get_user_model() is User


def test_a_user_is_shown_by_username_and_keeps_no_plain_password():
    user = User.objects.create_user(
        username="anna@salem.se", email="anna@salem.se", password="ett-långt-lösenord"
    )
    assert str(user) == "anna@salem.se"
    assert "ett-långt-lösenord" not in user.password
    assert user.check_password("ett-långt-lösenord")
    assert not user.is_staff and not user.is_superuser and user.is_active


def test_a_superuser_is_staff():
    user = User.objects.create_superuser(username="root", password="ett-långt-lösenord")
    assert user.is_staff and user.is_superuser


def test_usernames_are_unique():
    User.objects.create_user(username="anna")
    with pytest.raises(IntegrityError):
        User.objects.create_user(username="anna")
