"""A story's text as open data: its body as HTML with absolute URLs and as plain text, loaded
for many stories in a fixed number of queries."""

import html
import re
from collections import defaultdict

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue


def preload_bodies(stories, translations=True):
    """Convert the StreamField bodies of many stories at once, and (with `translations`) find
    their published translations in one query and convert theirs too.

    Wagtail converts a stream lazily, one query per block type per story (an image block
    fetches its images when first read). This does what `StreamValue._prefetch_blocks` does,
    but across all the given stories: one `bulk_to_python` per block type, then the body images'
    renditions in one query, so a page of 100 stories costs what a page of 1 does."""
    pending = defaultdict(list)
    for story in stories:
        value = story.body
        if not isinstance(value, StreamValue) or not value.is_lazy:
            continue
        for index, raw in enumerate(value._raw_data):
            if value._bound_blocks[index] is None and raw is not None:
                pending[raw["type"]].append((value, index, raw))
    for type_name, items in pending.items():
        child_block = items[0][0].stream_block.child_blocks[type_name]
        converted = child_block.bulk_to_python([raw["value"] for _, _, raw in items])
        for (value, index, raw), native in zip(items, converted, strict=True):
            value._bound_blocks[index] = StreamValue.StreamChild(
                child_block, native, id=raw.get("id")
            )
    images = [
        image
        for story in stories
        for block in (story.body or [])
        if block.block_type == "image"
        for image in [block.value.get("image")]
        if image is not None
    ]
    images = [image for image in images if not hasattr(image, "_prefetched_objects_cache")]
    if images:
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(images, "renditions")
    if translations:
        _preload_translations(stories)


def _preload_translations(stories):
    from millenniekommunerna.stories.models import StoryPage

    by_key = defaultdict(list)
    found = list(StoryPage.objects.translations_of(stories).select_related("locale"))
    for translated in sorted(found, key=lambda page: page.locale.language_code):
        by_key[translated.translation_key].append(translated)
    for story in stories:
        story.api_translations = by_key.get(story.translation_key, [])
    preload_bodies(found, translations=False)


def story_translations(story):
    """The story's published translations (preloaded by `preload_bodies` when it ran)."""
    from millenniekommunerna.stories.models import StoryPage

    if not hasattr(story, "api_translations"):
        story.api_translations = list(
            StoryPage.objects.translations_of([story]).select_related("locale")
        )
    return story.api_translations


_URL_ATTRIBUTE = re.compile(r'(\s(?:src|href)=")(/[^"/][^"]*|/)(")')
_SRCSET_ATTRIBUTE = re.compile(r'(\ssrcset=")([^"]*)(")')


def absolute_urls_in_html(markup, context):
    """Site-relative `src`, `href` and `srcset` URLs made absolute: the HTML is for other sites."""

    def srcset(match):
        candidates = []
        for candidate in match.group(2).split(","):
            parts = candidate.strip().split(maxsplit=1)
            if parts:
                parts[0] = context.absolute(parts[0])
                candidates.append(" ".join(parts))
        return f"{match.group(1)}{', '.join(candidates)}{match.group(3)}"

    markup = _URL_ATTRIBUTE.sub(
        lambda m: f"{m.group(1)}{context.absolute(m.group(2))}{m.group(3)}", markup
    )
    return _SRCSET_ATTRIBUTE.sub(srcset, markup)


_BLOCK_END = re.compile(r"(?i)</(p|li|h[1-6]|blockquote|figcaption|div)>|<br\s*/?>")
# A tag of the rich text Wagtail stores: no `>` inside its attribute values (Wagtail escapes them).
_TAG = re.compile(r"<[^<>]*>")


def html_to_text(markup):
    """Plain text of a bit of rich text: paragraphs and list items on lines of their own.

    Wagtail's stored rich text is well-formed, so its tags come off with one pattern; Django's
    strip_tags (an HTML parser, run until nothing changes) is kept for whatever is left that
    still looks like markup. It took a fifth of an export's time."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", str(markup)))
    if "<" in text:
        text = strip_tags(text)
    text = html.unescape(text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def body_text(body):
    """The story body as plain text, one paragraph per block, blocks separated by a blank line."""
    parts = []
    for block in body or []:
        value = block.value
        kind = block.block_type
        if kind == "heading":
            text = str(value)
        elif kind == "paragraph":
            text = html_to_text(value.source)
        elif kind == "quote":
            text = f"”{value.get('text', '')}”"
            if value.get("attribution"):
                text += f" – {value['attribution']}"
        elif kind == "fact":
            text = f"{value.get('value', '')} – {value.get('description', '')}"
            if value.get("source"):
                text += f" ({value['source']})"
        elif kind == "image":
            text = value.get("caption") or ""
        else:
            text = html_to_text(block.render())
        text = text.strip()
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def body_html(body, context):
    if not body:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        markup = str(body.render_as_block())
    return absolute_urls_in_html(markup.strip(), context)
