"""The tip form, `/tipsa/`, against any field values and any upload (hypothesis,
tests/properties.py): the form back with Swedish errors and nothing stored, or one stored tip
whose every field is clean plain text and whose image is a re-encoded picture; never a server
error."""

import io
import random
import re
import unicodedata

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import validate_email
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from millenniekommunerna.tips.forms import TipForm, validate_plain_text
from millenniekommunerna.tips.models import (
    IMAGE_DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Tip,
)
from tests.properties import any_text, rolled_back

from .conftest import valid_data

pytestmark = pytest.mark.django_db

URL = "/tipsa/"
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "Klicka onclick=alert(1)",
    "'); DROP TABLE tips_tip; --",
    "https://a.example https://b.example https://c.example https://d.example",
    "\u202eläsordning\u200b\x00\x1b[31m",
    "A\u030a",  # Å, decomposed
    "x" * (TEXT_MAX_LENGTH + 1),
]
LIMITS = {
    "name": NAME_MAX_LENGTH,
    "title": TITLE_MAX_LENGTH,
    "text": TEXT_MAX_LENGTH,
    "image_description": IMAGE_DESCRIPTION_MAX_LENGTH,
}
# Everything a visitor types; `image_description` is optional.
TEXT_FIELDS = [*LIMITS, "email"]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\r]")


def _image(fmt, mode="RGB", size=(40, 30), **kwargs) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 40, 40, 128)[: len(mode)]).save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


IMAGES = {
    "jpeg": _image("JPEG", exif=b"Exif\x00\x00GPS"),
    "png": _image("PNG", "RGBA"),
    "gif": _image("GIF", "P"),
    "webp": _image("WEBP"),
}
CONTENT_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp", "text/html", "", "x/y"]


@st.composite
def uploads(draw):
    """A real image, a damaged one (cut off, bytes overwritten), one whose name and content type
    lie about it, or bytes that are no image at all."""
    kind = draw(st.sampled_from(sorted(IMAGES)))
    data = IMAGES[kind]
    damage = draw(st.sampled_from(["none", "cut", "overwrite", "random", "signature"]))
    if damage == "cut":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "overwrite":
        rng = random.Random(draw(st.integers(0, 2**32)))
        data = bytearray(data)
        for _ in range(draw(st.integers(1, 20))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data)
    elif damage == "random":
        data = draw(st.binary(max_size=3000))
    elif damage == "signature":
        data = data[:16] + draw(st.binary(max_size=3000))
    name = draw(st.sampled_from(["bild.jpg", "bild.png", "bild.gif", "bild", "../../x.jpg"]))
    name = draw(st.just(name) | any_text(30).map(lambda text: text + ".jpg"))
    return SimpleUploadedFile(name, data, content_type=draw(st.sampled_from(CONTENT_TYPES)))


def field_values(field):
    valid = valid_data()[field]
    return st.just(valid) | st.sampled_from(HOSTILE) | any_text(200)


@st.composite
def submissions(draw):
    data = valid_data()
    for field in TEXT_FIELDS:
        if draw(st.booleans()):
            data[field] = draw(field_values(field))
    data["municipality"] = draw(st.sampled_from(["0128", "1781", "9999", "", "0"]) | any_text())
    data["consent"] = draw(st.sampled_from(["on", ""]) | any_text(5))
    data["webbplats"] = draw(st.just("") | any_text(20))
    return data, draw(st.none() | uploads())


def assert_clean(tip, data):
    """What was stored is what a valid form holds: plain text within its limits, a real
    municipality, an address, consent, the bot trap empty, an image without metadata."""
    assert tip.municipality.code == data["municipality"]
    validate_email(tip.email)
    assert not data["webbplats"].strip()
    for field, limit in LIMITS.items():
        value = getattr(tip, field)
        assert len(value) <= limit
        assert not _CONTROL.search(value), (field, value)
        assert value == unicodedata.normalize("NFC", value).strip()
        validate_plain_text(value)
    assert tip.consent
    assert tip.title.strip() and tip.text.strip() and tip.name.strip()
    if tip.image_data is not None:
        image = Image.open(io.BytesIO(tip.image_data))
        assert (image.format, tip.image_content_type) in (
            ("JPEG", "image/jpeg"),
            ("PNG", "image/png"),
        )
        assert (image.width, image.height) == (tip.image_width, tip.image_height)
        assert not image.getexif()


def english_errors(data, upload):
    """The form's errors as English speakers would read them."""
    files = {}
    if upload is not None:
        upload.seek(0)
        files["image"] = SimpleUploadedFile(upload.name, upload.read(), upload.content_type)
    with translation.override("en"):
        form = TipForm(data, files)
        form.is_valid()
        return {field: [str(error) for error in errors] for field, errors in form.errors.items()}


def test_any_tip_is_stored_clean_or_refused_in_swedish(client, examples):
    @given(submission=submissions())
    @examples.settings(30)
    def check(submission):
        examples.count()
        data, upload = submission
        if upload is not None:
            upload.seek(0)
            data = {**data, "image": upload}
        cache.clear()  # the rate limit of tips counts in the cache
        with rolled_back():
            response = client.post(URL, data, REMOTE_ADDR="198.51.100.7")
            if response.status_code == 302:
                assert_clean(Tip.objects.get(), data)
                return
            assert response.status_code == 400
            assert not Tip.objects.exists()
            shown = {
                field: [str(error) for error in errors]
                for field, errors in response.context["form"].errors.items()
            }
            assert shown
            english = english_errors(submission[0], upload)
            assert shown.keys() == english.keys()
            for field, messages in shown.items():
                for message, source in zip(messages, english[field], strict=True):
                    assert message != source, f"{field}: {message!r} is not in Swedish"

    check()
    examples.assert_ran()
