"""A database with content of its own is never overwritten (its own module: the seed stories
stay in the database for the rest of the module)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from millenniekommunerna.stories.models import StoryPage

from .conftest import files_under

pytestmark = pytest.mark.django_db


def test_a_database_with_stories_is_refused_and_says_what_it_holds(
    seed_import, archives, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    pks = sorted(StoryPage.objects.values_list("pk", flat=True))
    with pytest.raises(
        CommandError,
        match=r"inget sparades: databasen är inte tom, den innehåller redan .*27 berättelser",
    ):
        call_command("import_site", str(archives.plain))
    assert sorted(StoryPage.objects.values_list("pk", flat=True)) == pks
    assert files_under(tmp_path / "media") == []


def test_a_database_with_a_user_is_refused(archives, tmp_path, settings, django_user_model):
    settings.MEDIA_ROOT = tmp_path / "media"
    django_user_model.objects.create_user("admin", "admin@example.org", "ett långt lösenord")
    with pytest.raises(CommandError, match="den innehåller redan 1 användare;"):
        call_command("import_site", str(archives.plain))
