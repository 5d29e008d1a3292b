"""Checking and cleaning an image a visitor uploads with a tip.

The type is decided from the file's content, never its name or the browser's content type.
The pixel count is read from the header and refused before anything is decoded, so a small
file that declares enormous dimensions (a decompression bomb) never reaches memory. What is
kept is a re-encoding of the pixels alone: EXIF (with GPS positions), XMP, comments and every
other piece of metadata stay behind."""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# The first bytes of each allowed format; anything else is refused before Pillow parses it.
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
LONGEST_SIDE = 2560
JPEG_QUALITY = 85


# The limits are settings (settings/base.py, from the environment), read when they are used.
def max_bytes() -> int:
    return settings.TIPS_IMAGE_MAX_BYTES


def max_pixels() -> int:
    return settings.TIPS_IMAGE_MAX_PIXELS


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    content_type: str
    width: int
    height: int


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "")


def too_large_error() -> ValidationError:
    return ValidationError(
        _("The image is too large. It may be at most %(limit)s MB."),
        code="image_too_large",
        params={"limit": megabytes(max_bytes())},
    )


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("The file is not an image we can use. Send a photo in JPEG, PNG, WebP or GIF format."),
        code="not_an_image",
    )


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "The image has more pixels than we accept. Send an image of at most "
            "%(megapixels)s megapixels."
        ),
        code="image_too_many_pixels",
        params={"megapixels": max_pixels() // 1_000_000},
    )


def _has_image_signature(head: bytes) -> bool:
    if head.startswith(_SIGNATURES):
        return True
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def clean_upload(upload) -> CleanImage:
    """Check an uploaded file and return the image re-encoded without metadata, or raise
    ValidationError with a message for the visitor."""
    if upload.size > max_bytes():
        raise too_large_error()
    upload.seek(0)
    if not _has_image_signature(upload.read(16)):
        raise _not_an_image()
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between its bomb limit and twice that; make it an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)  # parses the header only
            if image.format not in ALLOWED_FORMATS:
                raise _not_an_image()
            width, height = image.size
            if width < 1 or height < 1:
                raise _not_an_image()
            if width * height > max_pixels():
                raise _too_many_pixels()
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels() from error
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
            raise _not_an_image() from error
    return _reencode(image)


def _reencode(image: Image.Image) -> CleanImage:
    # Turn the picture upright first: the orientation lives in the EXIF data that goes.
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    # A new image carries nothing but pixels: no EXIF, XMP, ICC profile, text chunks or
    # comments from the original.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    buffer = io.BytesIO()
    if has_alpha:
        clean.save(buffer, format="PNG", optimize=True)
        content_type = "image/png"
    else:
        clean.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        content_type = "image/jpeg"
    return CleanImage(buffer.getvalue(), content_type, clean.width, clean.height)


class UploadSizeGuard(FileUploadHandler):
    """First of the upload handlers: passes on at most `limit` bytes of each file and drops
    the rest, so an oversized upload never fills memory or the disk. The form then refuses the
    file by looking at `exceeded`."""

    def __init__(self, request=None, limit=None):
        super().__init__(request)
        self.limit = limit if limit is not None else max_bytes()
        self.exceeded = set()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.exceeded.add(self.field_name)
            return None
        return raw_data

    def file_complete(self, file_size):
        return None
