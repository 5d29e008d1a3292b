"""The upload form says to choose the file again when it comes back with another error."""

import pytest
from django.urls import reverse

from millenniekommunerna.editorial.tests.helpers import png_upload

pytestmark = pytest.mark.django_db


def upload(client, description):
    from wagtail.models import Collection

    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Skolmatsal",
            "description": description,
            "collection": Collection.get_first_root_node().pk,
            "file": png_upload(),
        },
    )


def test_a_refused_alt_text_says_to_choose_the_file_again(admin_client):
    response = upload(admin_client, "bild")
    assert response.status_code == 200
    form = response.context["form"]
    assert "description" in form.errors
    assert "Välj filen igen" in " ".join(form.errors["file"])


def test_a_good_upload_has_no_such_note(admin_client):
    from wagtail.images import get_image_model

    response = upload(admin_client, "Elever väger matrester i skolans matsal")
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Skolmatsal").exists()
