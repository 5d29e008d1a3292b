"""Images sent with tips: the type comes from the content, huge pixel counts are refused from
the header alone, and what is kept is the pixels, re-encoded, without any metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import Image, PngImagePlugin

from millenniekommunerna.tips import images

from .conftest import image_file, png_bomb

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps_and_orientation() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "Kameratillverkare"  # Make
    exif[0x0131] = "Kameraprogram 1.0"  # Software
    exif[ORIENTATION] = 6  # rotate 90° when shown
    exif[GPS_IFD] = {1: "N", 2: (59.0, 51.0, 30.0), 3: "E", 4: (17.0, 38.0, 10.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 40, 40)).save(
        buffer, format="JPEG", exif=exif, comment=b"Hemlig kommentar"
    )
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the input has GPS
    return SimpleUploadedFile("foto.jpg", data, content_type="image/jpeg")


def test_exif_with_gps_and_comments_is_removed_and_orientation_applied():
    result = images.clean_upload(jpeg_with_gps_and_orientation())
    cleaned = Image.open(io.BytesIO(result.data))
    assert cleaned.format == "JPEG"
    assert dict(cleaned.getexif()) == {}
    assert "exif" not in cleaned.info and "comment" not in cleaned.info
    assert b"Exif" not in result.data and b"Hemlig" not in result.data
    assert b"Kameratillverkare" not in result.data
    # Turned upright using the orientation before it was dropped.
    assert (result.width, result.height) == (200, 300) == cleaned.size


def test_png_text_chunks_are_removed_and_transparency_kept():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Karin Andersson, Storgatan 1")
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(buffer, format="PNG", pnginfo=info)
    result = images.clean_upload(SimpleUploadedFile("a.png", buffer.getvalue()))
    assert result.content_type == "image/png"
    assert b"Storgatan" not in result.data
    assert Image.open(io.BytesIO(result.data)).mode == "RGBA"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_accepted_formats_become_jpeg(fmt):
    result = images.clean_upload(image_file(fmt, size=(64, 48)))
    assert result.content_type == "image/jpeg"
    assert Image.open(io.BytesIO(result.data)).size == (64, 48)


def test_large_images_are_scaled_down_to_the_longest_side():
    result = images.clean_upload(image_file("JPEG", size=(4000, 1000)))
    assert (result.width, result.height) == (2560, 640)


def test_type_comes_from_the_content_not_the_name():
    png_named_jpg = image_file("PNG", name="bild.jpg")
    assert images.clean_upload(png_named_jpg).content_type == "image/jpeg"
    text_named_png = SimpleUploadedFile(
        "bild.png", b"GIF89a but not really", content_type="image/png"
    )
    with pytest.raises(ValidationError) as error:
        images.clean_upload(text_named_png)
    assert error.value.code == "not_an_image"


def test_a_photo_with_broken_multi_picture_data_is_kept_as_its_base_jpeg():
    # Cameras and phones store extra pictures (MPO) in an APP2 segment. When that segment is
    # broken, Pillow warns and reads the base picture; only the decompression bomb warning
    # refuses an image.
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 60)).save(buffer, format="JPEG")
    data = buffer.getvalue()
    payload = b"MPF\x00not a picture index"
    segment = b"\xff\xe2" + (len(payload) + 2).to_bytes(2, "big") + payload
    upload = SimpleUploadedFile("foto.jpg", data[:2] + segment + data[2:])
    with pytest.warns(UserWarning, match="malformed MPO"):
        result = images.clean_upload(upload)
    assert result.content_type == "image/jpeg"
    assert (result.width, result.height) == (40, 30)
    assert b"MPF" not in result.data


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO"])
def test_other_image_formats_are_refused(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, format=fmt)
    with pytest.raises(ValidationError) as error:
        images.clean_upload(SimpleUploadedFile("bild", buffer.getvalue()))
    assert error.value.code == "not_an_image"


@pytest.mark.parametrize("side", [8_000, 20_000, 60_000])
def test_decompression_bombs_are_refused(side):
    upload = SimpleUploadedFile("bomb.png", png_bomb(side, side))
    with pytest.raises(ValidationError) as error:
        images.clean_upload(upload)
    assert error.value.code == "image_too_many_pixels"


@override_settings(TIPS_IMAGE_MAX_PIXELS=10_000)
def test_pixel_limit_is_a_setting():
    with pytest.raises(ValidationError) as error:
        images.clean_upload(image_file("PNG", size=(101, 100)))
    assert error.value.code == "image_too_many_pixels"
    assert images.clean_upload(image_file("PNG", size=(100, 100)))


@override_settings(TIPS_IMAGE_MAX_BYTES=1000)
def test_size_limit_is_a_setting():
    with pytest.raises(ValidationError) as error:
        images.clean_upload(SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 2000))
    assert error.value.code == "image_too_large"
    assert "högst 0,0 MB" not in str(error.value.messages)


@pytest.mark.parametrize(
    ("limit", "shown"),
    [(10 * 1024 * 1024, "10"), (1_572_864, "1,5"), (1_625_293, "1,6"), (100_000, "0,1")],
)
def test_the_size_limit_is_shown_in_megabytes_of_1024_kilobytes_to_a_tenth(limit, shown):
    assert images.megabytes(limit) == shown


def test_upload_guard_passes_on_at_most_the_limit():
    guard = images.UploadSizeGuard(limit=100)
    guard.field_name = "image"
    assert guard.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    assert guard.receive_data_chunk(b"x" * 60, 60) is None
    assert guard.receive_data_chunk(b"x" * 60, 120) is None
    assert guard.exceeded == {"image"}


def test_upload_guard_passes_on_a_file_of_exactly_the_limit():
    guard = images.UploadSizeGuard(limit=100)
    guard.field_name = "image"
    assert guard.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    assert guard.receive_data_chunk(b"x" * 40, 60) == b"x" * 40
    assert guard.exceeded == set()


def png(mode, **save_kwargs) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new(mode, (20, 10)).save(buffer, format="PNG", **save_kwargs)
    return SimpleUploadedFile("a.png", buffer.getvalue())


@pytest.mark.parametrize(("mode", "save_kwargs"), [("LA", {}), ("P", {"transparency": 0})])
def test_every_kind_of_transparent_png_stays_transparent(mode, save_kwargs):
    result = images.clean_upload(png(mode, **save_kwargs))
    assert result.content_type == "image/png"
    assert Image.open(io.BytesIO(result.data)).mode == "RGBA"


def test_a_palette_png_without_transparency_becomes_jpeg():
    result = images.clean_upload(png("P"))
    assert result.content_type == "image/jpeg"
    assert (result.width, result.height) == (20, 10)


def test_an_image_of_one_pixel_is_accepted():
    result = images.clean_upload(image_file("PNG", size=(1, 1)))
    assert (result.width, result.height) == (1, 1)


def test_an_image_of_exactly_the_size_limit_is_accepted():
    upload = image_file("PNG", size=(30, 20))
    with override_settings(TIPS_IMAGE_MAX_BYTES=upload.size):
        assert images.clean_upload(upload)


@override_settings(TIPS_IMAGE_MAX_BYTES=2 * 1024 * 1024, TIPS_IMAGE_MAX_PIXELS=2_000_000)
def test_the_refusals_name_the_limits():
    with translation.override("en"):
        assert images.too_large_error().messages == [
            "The image is too large. It may be at most 2 MB."
        ]
        with pytest.raises(ValidationError) as error:
            images.clean_upload(image_file("PNG", size=(2000, 2000)))
        assert error.value.messages == [
            "The image has more pixels than we accept. Send an image of at most 2 megapixels."
        ]


def test_a_riff_file_that_is_not_webp_is_refused():
    with pytest.raises(ValidationError):
        images.clean_upload(SimpleUploadedFile("a.webp", b"RIFF\x00\x00\x00\x00WAVEfmt " * 4))


def test_photos_are_kept_at_jpeg_quality_85():
    result = images.clean_upload(image_file("PNG", size=(64, 48)))
    reference = io.BytesIO()
    Image.new("RGB", (8, 8)).save(reference, format="JPEG", quality=85)
    stored = Image.open(io.BytesIO(result.data))
    assert stored.quantization == Image.open(reference).quantization
