import hashlib
import io
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .conftest import data_of, manifest_of

pytestmark = pytest.mark.django_db


def rows(archive, model):
    return [row for row in data_of(archive) if row["model"] == model]


def test_the_manifest_gives_the_format_counts_and_a_checksum_of_every_member(archives):
    manifest = manifest_of(archives.plain)
    assert manifest["format"] == "millenniekommunerna-site"
    assert manifest["format_version"] == 1
    assert manifest["counts"]["stories.storypage"] == 27
    assert manifest["counts"]["wagtailcore.revision"] >= 29
    assert manifest["counts"]["images.customimage"] == 1
    assert manifest["counts"]["wagtaildocs.document"] == 1
    assert manifest["counts"]["wagtailcore.workflowstate"] == 1
    assert manifest["counts"]["editorial.municipalityeditorgroup"] == 1
    assert "stories" in manifest["migrations"]
    with tarfile.open(archives.plain) as tar:
        names = tar.getnames()
        assert names[0] == "manifest.json"
        assert set(names[1:]) == set(manifest["members"])
        for name, member in manifest["members"].items():
            data = tar.extractfile(name).read()
            assert hashlib.sha256(data).hexdigest() == member["sha256"], name
            assert len(data) == member["size"]


def test_the_originals_of_images_and_documents_are_in_the_archive_and_renditions_are_not(
    archives,
):
    members = manifest_of(archives.plain)["members"]
    assert f"media/{archives.facts['image_file']}" in members
    assert f"media/{archives.facts['document_file']}" in members
    assert not [name for name in members if name.startswith("media/images/")]


def test_what_migrate_makes_or_is_rebuilt_is_left_out(archives):
    counts = manifest_of(archives.plain)["counts"]
    for label in [
        "contenttypes.contenttype",
        "auth.permission",
        "sessions.session",
        "wagtailsearch.indexentry",
        "wagtailcore.referenceindex",
        "images.customrendition",
    ]:
        assert label not in counts


def test_content_types_and_permissions_are_referred_to_by_natural_key(archives):
    story = next(
        row
        for row in rows(archives.plain, "wagtailcore.page")
        if row["pk"] == archives.facts["illustrated"]
    )
    assert story["fields"]["content_type"] == ["stories", "storypage"]
    national = next(
        row
        for row in rows(archives.plain, "auth.group")
        if row["fields"]["name"] == "Nationell redaktör"
    )
    assert ["view_partnerplaceproposal", "partnerships", "partnerplaceproposal"] in national[
        "fields"
    ]["permissions"]


def test_passwords_are_left_out_unless_asked_for(archives):
    plain = {
        row["fields"]["username"]: row["fields"]["password"]
        for row in rows(archives.plain, "users.user")
    }
    assert set(plain.values()) == {"!"}
    everything = {
        row["fields"]["username"]: row["fields"]["password"]
        for row in rows(archives.everything, "users.user")
    }
    assert everything["admin"].startswith("md5$")


def test_tips_are_left_out_unless_asked_for(archives):
    assert "tips.tip" not in manifest_of(archives.plain)["counts"]
    assert rows(archives.plain, "tips.tip") == []
    assert manifest_of(archives.everything)["counts"]["tips.tip"] == 1
    assert rows(archives.everything, "tips.tip")[0]["fields"]["image_data"]


def test_email_subscribers_are_left_out_unless_asked_for(archives):
    for model in ("subscriptions.subscriber", "subscriptions.follow", "subscriptions.delivery"):
        assert model not in manifest_of(archives.plain)["counts"]
        assert rows(archives.plain, model) == []
        assert manifest_of(archives.everything)["counts"][model] == 1
    (subscriber,) = rows(archives.everything, "subscriptions.subscriber")
    assert subscriber["fields"]["email"].endswith("@example.se")


def test_an_existing_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "site.tar.gz"
    target.write_bytes(b"earlier")
    with pytest.raises(CommandError, match="finns redan"):
        call_command("export_site", str(target), stdout=io.StringIO())
    assert target.read_bytes() == b"earlier"
    call_command("export_site", str(target), force=True, stdout=io.StringIO())
    assert manifest_of(target)["counts"]["stories.storypage"] == 0


def test_a_story_body_is_written_with_its_keys_sorted_whatever_order_the_database_keeps(
    tmp_path, settings
):
    """PostgreSQL's jsonb keeps an object's keys in its own order, SQLite keeps the text as
    written: the archive must be the same from either."""
    from django.db import connection

    from millenniekommunerna.stories.factories import StoryPageFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    story = StoryPageFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE stories_storypage SET body = %s WHERE page_ptr_id = %s",
            ['[{"value": "<p>Text</p>", "type": "paragraph", "id": "a1"}]', story.pk],
        )
    call_command("export_site", str(tmp_path / "site.tar.gz"), stdout=io.StringIO())
    [row] = [r for r in rows(tmp_path / "site.tar.gz", "stories.storypage") if r["pk"] == story.pk]
    assert row["fields"]["body"] == '[{"id": "a1", "type": "paragraph", "value": "<p>Text</p>"}]'
