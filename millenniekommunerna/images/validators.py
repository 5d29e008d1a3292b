"""Alt text rules. The old listing used camera file names (`DSCN0010_webb`) and numbers
(`11020`) as alt text, and editors write "bild" or "logga"; a screen-reader user learns
nothing from those, so we refuse them, and texts too short to describe anything. An image
that only decorates is marked decorative instead (and needs no alt text)."""

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

# Words that name the medium, not what it shows (Swedish and English, with their articles).
GENERIC_WORDS = frozenset(
    {
        *("bild", "bilden", "bilder", "foto", "fotot", "foton", "fotografi", "fotografiet"),
        *("image", "images", "picture", "photo", "photograph"),
        *("logga", "loggan", "logo", "logotyp", "logotypen", "ikon", "icon", "banner"),
        *("illustration", "illustrationen", "grafik", "omslag", "omslagsbild", "toppbild"),
        *("huvudbild", "bildtext", "alt", "alttext", "alt-text", "text"),
        *("på", "av", "of"),  # "Bild på", "Photo of"
    }
)
_ARTICLES = {"en", "ett", "a", "an", "the", "min", "vår", "our", "my"}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MIN_WORDS = 2  # a logo is described by its name: "Fairtrade City"


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def is_generic(text: str) -> bool:
    """True when every word of `text` only names the medium: "bild", "En bild", "logga",
    "Photo of", "foto 3"."""
    found = [word for word in words(text) if word not in _ARTICLES]
    return all(word in GENERIC_WORDS for word in found)


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
    if not value:
        return  # whether one is required is the caller's rule (decorative images need none)
    if looks_like_file_name(value):
        raise ValidationError(
            _(
                "“%(value)s” looks like a file name or a number, not a description. Describe "
                "what the image shows, for example “Pupils sorting food waste in the school "
                "canteen”."
            ),
            params={"value": value},
        )
    if is_generic(value):
        raise ValidationError(
            _(
                "“%(value)s” says only that it is an image, not what it shows. Describe what "
                "the image shows, for example “Pupils sorting food waste in the school "
                "canteen”, or mark the image as decorative."
            ),
            params={"value": value},
        )
    if len(words(value)) < MIN_WORDS:
        raise ValidationError(
            _(
                "“%(value)s” is too short to describe the image: use at least %(count)s words, "
                "for example “Pupils sorting food waste in the school canteen”, or mark the "
                "image as decorative."
            ),
            params={"value": value, "count": MIN_WORDS},
        )
