"""An embed's address, its size and the `<iframe>` that shows it: one definition for the
embed page's snippet and the oEmbed answer.

An iframe cannot take its height from what it shows without a script on the host page, which
the embed does not ask municipalities to add: the height is estimated from what is shown (a
card, or a heading and N cards at the default width) and the embed scrolls inside itself if
its text is longer."""

from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html

from millenniekommunerna.core import public_url

from .targets import Target

DEFAULT_WIDTH = 600
CARD_HEIGHT = 300  # a story card with its heading, place and date, teaser, goals and link
LIST_HEADING_HEIGHT = 110  # a list's heading and its "Visa på Millenniekommunerna" link
LIST_ITEM_HEIGHT = 210


def embed_url(target: Target, language: str, query_string: str = "", request=None) -> str:
    """The absolute address of the embed in `language` (its prefix, as the site's pages)."""
    with translation.override(language):
        path = reverse("embeds:frame", kwargs={"path": target.path})
    return public_url.absolute(path, request) + query_string


def natural_size(target: Target, count: int) -> tuple[int, int]:
    """The size at the default width of the embed with `count` stories asked for: a list is
    sized for the stories it has now (at least one line), up to `count`."""
    if target.is_list:
        shown = max(1, min(count, len(target.stories(count))))
        return DEFAULT_WIDTH, LIST_HEADING_HEIGHT + LIST_ITEM_HEIGHT * shown
    return DEFAULT_WIDTH, CARD_HEIGHT


def fitted_size(natural: tuple[int, int], maxwidth=None, maxheight=None) -> tuple[int, int]:
    """The size within the consumer's maximum (oEmbed's maxwidth and maxheight)."""
    width, height = natural
    if maxwidth:
        width = min(width, maxwidth)
    if maxheight:
        height = min(height, maxheight)
    return width, height


def iframe(src: str, title: str, width: int, height: int) -> str:
    """The snippet: no script, a title for screen readers, as wide as the host allows."""
    return format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>',
        src,
        title,
        width,
        height,
    )
