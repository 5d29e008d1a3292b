"""Alt text rules. The old listing used camera file names (`DSCN0010_webb`) and numbers
(`11020`) as alt text; a screen-reader user learns nothing from those, so we refuse them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_FILE_EXTENSION = re.compile(
    r"\.(jpe?g|png|gif|webp|avif|heic|heif|tiff?|bmp|svg|raw|cr2|nef|dng)\s*$", re.IGNORECASE
)
_CAMERA_PREFIX = re.compile(
    r"^(dscn?|dscf|img|pict|pxl|gopr|mvi|dcim|wp|screenshot|sk[äa]rmavbild|bild|image|photo|foto)"
    r"[\s_-]*\d",
    re.IGNORECASE,
)
_DIGIT_RUN = re.compile(r"\d{3,}")


def looks_like_file_name(text: str) -> bool:
    """True when `text` reads like a file name, a camera counter or a bare number rather than
    a description a person wrote."""
    text = (text or "").strip()
    if not text:
        return False
    if not any(ch.isalpha() for ch in text):
        return True
    if _FILE_EXTENSION.search(text) or _CAMERA_PREFIX.search(text):
        return True
    # People separate words with spaces; file names use underscores and long digit runs.
    single_token = not re.search(r"\s", text)
    return bool(single_token and ("_" in text or _DIGIT_RUN.search(text)))


def validate_alt_text(value: str) -> None:
    value = (value or "").strip()
    if looks_like_file_name(value):
        raise ValidationError(
            _(
                "“%(value)s” looks like a file name or a number, not a description. Describe "
                "what the image shows, for example “Pupils sorting food waste in the school "
                "canteen”."
            ),
            code="alt_text_file_name",
            params={"value": value},
        )
