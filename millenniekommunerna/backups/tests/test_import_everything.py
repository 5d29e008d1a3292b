"""The archive made with --with-passwords --with-tips."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from millenniekommunerna.tips.models import Tip

from .content import ADMIN_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imported(archives, django_db_blocker, tmp_path_factory):
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("restored-media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("import_site", str(archives.everything), stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_the_users_keep_their_passwords(imported, client):
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password(ADMIN_PASSWORD)
    assert client.login(username="admin", password=ADMIN_PASSWORD)


def test_the_tips_are_there_with_their_images(imported):
    tip = Tip.objects.get()
    assert tip.municipality.code == "0382"
    assert bytes(tip.image_data).startswith(b"\xff\xd8")  # a JPEG
