"""Uploaded files never run in the site's origin (core.media, WAGTAILDOCS_* settings;
docs/security.md): documents are downloads with nosniff, only raster images show inline, SVG
and HTML never, and documents are reached only through Wagtail's view."""

import uuid

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def document():
    def make(name, content):
        doc = get_document_model()(title=name, collection=Collection.get_first_root_node())
        doc.file.save(name, ContentFile(content), save=True)
        return doc

    made = []
    yield lambda name, content: made.append(make(name, content)) or made[-1]
    for doc in made:
        doc.file.delete(save=False)
        doc.delete()


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("rapport.pdf", "application/pdf"), ("anteckningar.txt", "text/plain"), ("data.csv", "")],
)
def test_a_document_is_a_download_with_nosniff_and_no_active_content(
    client, document, name, content_type
):
    doc = document(name, b"%PDF-1.4 <html><script>alert(1)</script>")
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Type"].startswith(content_type)


def test_documents_are_not_served_from_media_past_wagtails_view(client, document):
    doc = document("rapport.pdf", b"%PDF-1.4")
    assert doc.file.name.startswith("documents/")
    assert client.get(f"{settings.MEDIA_URL}{doc.file.name}").status_code == 404
    assert client.get(f"{settings.MEDIA_URL}./{doc.file.name}").status_code == 404


@pytest.fixture
def media_file():
    folder = settings.MEDIA_ROOT / f"test-{uuid.uuid4().hex}"
    folder.mkdir(parents=True)
    written = []

    def write(name, content):
        path = folder / name
        path.write_bytes(content)
        written.append(path)
        return f"{settings.MEDIA_URL}{folder.name}/{name}"

    yield write
    for path in written:
        path.unlink()
    folder.rmdir()


@pytest.mark.parametrize("name", ["bild.svg", "sida.html", "sida.htm", "okand.xyz", "skript.js"])
def test_media_that_could_run_is_a_download_in_a_sandbox(client, media_file, name):
    response = client.get(media_file(name, SVG))
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("name", ["bild.png", "bild.jpg", "bild.webp", "bild.avif", "bild.gif"])
def test_raster_images_show_inline_but_sniff_nothing(client, media_file, name):
    response = client.get(media_file(name, b"\x89PNG\r\n\x1a\n"))
    assert response.status_code == 200
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_svg_cannot_be_uploaded_as_an_image(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Logotyp",
            "description": "Kommunens logotyp i blått",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"),
        },
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


@pytest.mark.parametrize("name", ["sida.html", "bild.svg", "skript.js"])
def test_html_svg_and_scripts_cannot_be_uploaded_as_documents(admin_client, name):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Fil",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, SVG),
        },
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
