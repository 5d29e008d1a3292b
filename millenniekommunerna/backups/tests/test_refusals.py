"""Whatever is wrong with an archive, the import says so in one line and changes nothing:
not a row, not a file in the media folder."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from millenniekommunerna.stories.models import StoryPage

from .conftest import files_under, manifest_of, rewrite

pytestmark = pytest.mark.django_db


def flip_a_byte(member):
    def change(name, data):
        if name != member:
            return data
        return data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]

    return change


def damaged_data(archives, tmp_path):
    return rewrite(archives.plain, tmp_path / "a.tar.gz", change=flip_a_byte("data.json"))


def damaged_image(archives, tmp_path):
    member = f"media/{archives.facts['image_file']}"
    return rewrite(archives.plain, tmp_path / "a.tar.gz", change=flip_a_byte(member))


def truncated(archives, tmp_path):
    data = archives.plain.read_bytes()
    (tmp_path / "a.tar.gz").write_bytes(data[: len(data) * 2 // 3])
    return tmp_path / "a.tar.gz"


def without_the_document(archives, tmp_path):
    member = f"media/{archives.facts['document_file']}"
    return rewrite(archives.plain, tmp_path / "a.tar.gz", drop={member})


def not_an_archive(archives, tmp_path):
    (tmp_path / "a.tar.gz").write_text("kommun;berättelse\n")
    return tmp_path / "a.tar.gz"


def newer_format(archives, tmp_path):
    manifest = {**manifest_of(archives.plain), "format_version": 2}
    return rewrite(archives.plain, tmp_path / "a.tar.gz", manifest=manifest)


def other_migrations(archives, tmp_path):
    manifest = manifest_of(archives.plain)
    manifest["migrations"]["stories"].append("0099_from_the_future")
    return rewrite(archives.plain, tmp_path / "a.tar.gz", manifest=manifest)


def data_the_database_refuses(archives, tmp_path):
    """Checksums that match, data that does not load: a page of a type this site lacks. The
    media files are staged by then, and must not stay."""
    import hashlib

    data = None

    def change(name, content):
        nonlocal data
        if name == "data.json":
            content = content.replace(b'["stories", "storypage"]', b'["stories", "oldpage"]')
            data = content
        return content

    staged = rewrite(archives.plain, tmp_path / "staged.tar.gz", change=change)
    manifest = manifest_of(archives.plain)
    manifest["members"]["data.json"] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    return rewrite(staged, tmp_path / "a.tar.gz", manifest=manifest)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (damaged_data, "kontrollsumman för data.json stämmer inte"),
        (damaged_image, r"kontrollsumman för media/original_images/matsalen\.jpg stämmer inte"),
        (truncated, "är skadat eller avkortat"),
        (without_the_document, r"arkivet saknar media/documents/rapport\.txt"),
        (not_an_archive, "ingen tar.gz-fil från export_site"),
        (
            newer_format,
            "formatversion 2, men den här versionen av webbplatsen läser bara upp till version 1",
        ),
        (
            other_migrations,
            r"andra migreringar än databasens \(stories: arkivet 0099_from_the_future",
        ),
        (data_the_database_refuses, "databasen tog inte emot arkivets data"),
    ],
)
def test_a_bad_archive_is_refused_and_nothing_is_written(
    archives, tmp_path, settings, make, message
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "kept.txt").write_text("redan här")
    archive = make(archives, tmp_path)
    pages = list(Page.objects.values_list("pk", "content_type_id", "path").order_by("pk"))

    with pytest.raises(
        CommandError, match=f"Importen av a.tar.gz avbröts; inget sparades: .*{message}"
    ) as error:
        call_command("import_site", str(archive))

    assert "\n" not in str(error.value)
    assert list(Page.objects.values_list("pk", "content_type_id", "path").order_by("pk")) == pages
    assert not StoryPage.objects.exists()
    assert not Revision.objects.exists()
    assert files_under(tmp_path / "media") == ["kept.txt"]


def test_a_media_folder_without_the_archives_files_gets_none_on_a_refusal(
    archives, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(CommandError, match="kontrollsumman"):
        call_command("import_site", str(damaged_image(archives, tmp_path)))
    assert not (tmp_path / "media").exists()


def test_a_different_file_in_the_media_folder_is_not_overwritten(archives, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    existing = tmp_path / "media" / archives.facts["image_file"]
    existing.parent.mkdir(parents=True)
    existing.write_bytes(b"en annan bild")
    with pytest.raises(
        CommandError, match=r"mediamappen har redan en annan fil original_images/matsalen\.jpg"
    ):
        call_command("import_site", str(archives.plain))
    assert existing.read_bytes() == b"en annan bild"
    assert not StoryPage.objects.exists()
    assert files_under(tmp_path / "media") == [
        "original_images",
        "original_images/matsalen.jpg",
    ]
