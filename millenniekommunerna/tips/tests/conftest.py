import io
import struct
import zlib

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limiter counts in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def image_file(fmt="JPEG", size=(320, 240), name=None, colour=(40, 120, 200), **save_kwargs):
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save_kwargs.pop("alpha", False) else "RGB"
    Image.new(mode, size, colour).save(buffer, format=fmt, **save_kwargs)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[fmt]
    return SimpleUploadedFile(
        name or f"bild.{extension}", buffer.getvalue(), content_type=f"image/{extension}"
    )


def valid_data(**overrides):
    data = {
        "municipality": "0128",
        "title": "Matsvinnet halverat i Salems skolor",
        "text": "Skolorna väger matsvinnet varje dag.\n\nPå två år har det halverats.",
        "name": "Karin Andersson",
        "email": "karin@example.org",
        "consent": "on",
        "image_description": "",
        "webbplats": "",
    }
    data.update(overrides)
    return data


def png_bomb(width: int, height: int) -> bytes:
    """A valid PNG of a few kilobytes that declares width × height pixels (1-bit grey, all
    black): decoding it would need width × height bytes of memory."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + the row's bits
    compressor = zlib.compressobj(9)
    rows_per_chunk = max(1, 1_000_000 // len(row))
    block = row * rows_per_chunk
    parts, done = [], 0
    while done < height:
        count = min(rows_per_chunk, height - done)
        parts.append(compressor.compress(block if count == rows_per_chunk else row * count))
        done += count
    parts.append(compressor.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"".join(parts))
        + chunk(b"IEND", b"")
    )
