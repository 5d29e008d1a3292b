"""The default archive (no passwords, no tips) imported into the test database, which holds
what migrations and the reference data make, and nothing else."""

import io
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Comment, Revision, WorkflowState

from millenniekommunerna.images.factories import CustomImageFactory
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage
from millenniekommunerna.tips.models import Tip

from .conftest import manifest_of

pytestmark = pytest.mark.django_db

COMPARED_OUT = {"created_at", "database_vendor"}


@pytest.fixture(scope="module")
def imported(archives, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("restored-media")
    output = io.StringIO()
    with (
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("import_site", str(archives.plain), stdout=output)
        yield SimpleNamespace(media=media, output=output.getvalue())
        transaction.set_rollback(True)


def test_exported_again_the_site_gives_the_same_manifest(imported, archives, tmp_path):
    again = tmp_path / "again.tar.gz"
    call_command("export_site", str(again), stdout=io.StringIO())
    first, second = manifest_of(archives.plain), manifest_of(again)
    for key in COMPARED_OUT:
        first.pop(key), second.pop(key)
    assert second == first


def test_the_public_pages_render(imported, archives, client):
    story = StoryPage.objects.get(pk=archives.facts["illustrated"])
    response = client.get(story.url)
    assert response.status_code == 200
    assert story.title in response.text
    assert "matsalen" in response.text  # its image, made again from the original
    municipality = MunicipalityPage.objects.get(municipality__code="0382")
    response = client.get(municipality.url)
    assert response.status_code == 200
    assert "Östhammar" in response.text


def test_the_admin_shows_the_revisions_and_the_review_in_progress(imported, archives, client):
    reviewed = StoryPage.objects.get(pk=archives.facts["reviewed"])
    assert Revision.page_revisions.filter(object_id=str(reviewed.pk)).count() == 2
    assert WorkflowState.objects.get().base_content_type.model == "page"
    assert Comment.objects.get().page_id == reviewed.pk
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get(f"/admin/pages/{reviewed.pk}/history/")
    assert response.status_code == 200
    response = client.get(f"/admin/pages/{reviewed.pk}/edit/")
    assert response.status_code == 200
    assert "En ny ingress som väntar på granskning." in response.text


def test_new_stories_images_and_users_get_ids_of_their_own(imported):
    highest = StoryPage.objects.order_by("-pk").first().pk
    story = StoryPageFactory(hero_image=CustomImageFactory())
    assert story.pk > highest
    get_user_model().objects.create_user("ny", "ny@example.org", "ett nytt långt lösenord")


def test_the_files_of_images_and_documents_are_in_the_media_folder(imported, archives):
    assert (imported.media / archives.facts["image_file"]).is_file()
    assert (imported.media / archives.facts["document_file"]).read_text() == (
        "Matsvinnet halverades på två år.\n"
    )
    assert not [p for p in imported.media.iterdir() if p.name.startswith(".import_site")]


def test_the_users_have_no_password_and_the_tips_are_not_there(imported):
    users = get_user_model().objects.all()
    assert {user.username for user in users} == {"admin", "redaktor@example.org"}
    assert not any(user.has_usable_password() for user in users)
    assert len({user.password for user in users}) == 2  # each its own random unusable one
    assert Tip.objects.count() == 0
    assert "inga lösenord" in imported.output


def test_the_search_index_and_the_reference_data_are_there(imported):
    assert Municipality.objects.count() == 290
    assert StoryPage.objects.live().search("matsvinn").count() >= 1
