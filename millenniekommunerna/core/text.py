"""Text helpers shared by the page types."""

import re
import unicodedata
from html import unescape

from django.utils.html import strip_tags

SENTENCE_END = (".", "!", "?", "…", "”", '"', "»")
_TRAILING_JOINERS = " ,;:–—-/(&+"


def fold_slug(value: str) -> str:
    """A URL slug with å/ä/ö (and other diacritics) folded to ASCII: `Östhammar` → `osthammar`."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def excerpt(text: str, limit: int = 240) -> str:
    """A teaser that never ends mid-word or mid-sentence without saying so.

    Text longer than `limit` is cut at the last sentence end that leaves at least half of
    the limit, otherwise at the last word boundary; a text that does not end a sentence gets
    an ellipsis. A complete short sentence is returned as it is.
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    if len(text) > limit:
        window = text[: limit + 1]
        sentence_cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        if sentence_cut >= limit // 2:
            return window[: sentence_cut + 1]
        space = window.rfind(" ")
        text = window[:space] if space > 0 else text[:limit]
    elif text.endswith(SENTENCE_END):
        return text
    return text.rstrip(_TRAILING_JOINERS) + "…"


def _strings(value):
    if isinstance(value, str):
        yield unescape(strip_tags(value))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def stream_text(raw_blocks) -> str:
    """The words of a StreamField's stored blocks (`raw_data`), without rendering any block:
    every string in every block's value, tags removed, joined by spaces."""
    return " ".join(_strings([block.get("value") for block in raw_blocks or []]))
