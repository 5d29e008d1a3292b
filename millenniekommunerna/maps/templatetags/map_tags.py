"""`{% municipality_locator municipality %}` and `{% story_locator story %}`: a small map of
Sweden with the municipality marked, for municipality and story pages. They run no queries
(the shapes come from the boundary files, cached per process) as long as the story's
municipality is loaded, which the story template needs anyway."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from millenniekommunerna.maps.builders import locator

register = template.Library()


def _context(municipality, title):
    if municipality is None:
        return {"locator": None}
    return {
        "locator": locator(
            municipality.code, municipality.name, municipality.label_lon, municipality.label_lat
        ),
        "title": title,
        "map_url": reverse("maps:index"),
    }


@register.inclusion_tag("maps/locator_tag.html")
def municipality_locator(municipality):
    return _context(
        municipality,
        _("Map: where %(name)s lies in Sweden") % {"name": getattr(municipality, "name", "")},
    )


@register.inclusion_tag("maps/locator_tag.html")
def story_locator(story):
    municipality = getattr(story, "municipality", None)
    return _context(
        municipality,
        _("Map: %(name)s, where the story comes from")
        % {"name": getattr(municipality, "name", "")},
    )
