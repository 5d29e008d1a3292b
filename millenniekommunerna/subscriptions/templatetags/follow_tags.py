"""`{% follow_url … %}`: the address of the follow form for what a page shows, and
`{% follow_link url %}` the visible "Follow by email" link to it."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from millenniekommunerna.stories.listing.params import PARAM_GOAL, PARAM_MUNICIPALITY

from ..scope import PARAM_PLACE, normalised

register = template.Library()


@register.simple_tag
def follow_url(selection=None, municipality=None, goal=None, place=None) -> str:
    """`{% follow_url selection=listing.selection %}`, `municipality=`, `goal=` or `place=`:
    the follow form in the active language, filled in with that listing state."""
    base = reverse("subscriptions:follow")
    if place is not None:
        query = urlencode({PARAM_PLACE: place.slug})
    elif municipality is not None:
        query = urlencode({PARAM_MUNICIPALITY: municipality.slug})
    elif goal is not None:
        query = urlencode({PARAM_GOAL: goal.slug})
    elif selection is not None:
        query = normalised(selection)
    else:
        query = ""
    return f"{base}?{query}" if query else base


@register.inclusion_tag("subscriptions/follow_link.html")
def follow_link(url):
    return {"url": url}
