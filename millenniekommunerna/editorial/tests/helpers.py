"""Building the story editor's POST data the way the browser sends it."""

import io
import json
import re
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def paragraph(html):
    return ("paragraph", rich_text(html))


def image_block(image, alt_text="", decorative=False, caption=""):
    return (
        "image",
        {
            "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative or ""},
            "caption": caption,
        },
    )


def story_form_data(
    title="Matsvinnet halveras i skolorna",
    slug="matsvinnet-halveras",
    teaser="Skolorna i kommunen väger matsvinnet varje dag. På två år har det halverats.",
    goals=(),
    hero_image=None,
    body=None,
    action=None,
    results=(),
    **extra,
):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "teaser": teaser,
            "hero_image": hero_image.pk if hero_image else "",
            "body": streamfield(
                body if body is not None else [paragraph("<p>Eleverna väger resterna.</p>")]
            ),
            "year_start": "",
            "year_end": "",
            "review_flags": inline_formset([]),
            "results": inline_formset(list(results)),
        }
    )
    data["goals"] = [goal.pk for goal in goals]
    if action:
        data[action] = "1"
    data.update(extra)
    return data


def png_upload(name="bild.png", size=(60, 40), colour=(30, 120, 60)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}


class _ActiveContentFinder(HTMLParser):
    """Collects everything in a page that could run script: script elements (except JSON-LD
    data blocks), inline event handlers, and javascript:/vbscript:/data:text/html URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._in_data_script = False
        self._script_text = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if (attributes.get("type") or "").lower() == "application/ld+json":
                self._in_data_script = True
                self._script_text = []
            else:
                self.found.append(f"<script {attributes}>")
        if tag in ("iframe", "object", "embed", "base"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.found.append(f"{tag} {name}={value!r}")
            if name in _URL_ATTRIBUTES and value:
                compact = re.sub(r"[\x00-\x20]+", "", value).lower()
                if compact.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.found.append(f"{tag} {name}={value!r}")

    def handle_data(self, data):
        if self._in_data_script:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_data_script:
            self._in_data_script = False
            json.loads("".join(self._script_text))  # must be data, nothing else


def active_content(html: str) -> list[str]:
    finder = _ActiveContentFinder()
    finder.feed(html)
    finder.close()
    return finder.found
