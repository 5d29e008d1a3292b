"""The map pages are plain Django views, not Wagtail pages: everything on them is computed from
the stories and the reference data, there is nothing for an editor to write, and a fixed URL
in `urls.py` (before Wagtail's catch-all) cannot be moved or deleted in the admin."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from millenniekommunerna.core.derived_cache import get_or_build
from millenniekommunerna.core.navigation import lang_url
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership
from millenniekommunerna.stories.models import StoryPage

from . import builders, shapes

PAGE_PARAM = "sida"
PER_PAGE = 12


def map_page(request):
    """`/karta/`: the Sweden map and the world map of partnerships. The rendered maps are
    cached until a story or partnership changes."""

    def build():
        context = {
            "sweden": builders.sweden_map(request),
            "world": builders.world_map(request),
            "home_url": lang_url("/"),
        }
        return render_to_string("maps/map_content.html", context)

    content = get_or_build(f"maps:index:{get_language()}", build)
    # The cached HTML is our own template's output, escaped when it was rendered.
    return render(request, "maps/map_page.html", {"content": mark_safe(content)})  # noqa: S308  # nosec B308, B703  # nosemgrep: mark-safe-on-non-literal


def place_page(request, slug):
    """`/karta/orter/<slug>/`: a partner place abroad, the municipalities working with it and
    the stories that name it; `?kommun=<slug>` narrows the stories to one municipality."""
    place = get_object_or_404(PartnerPlace.objects.select_related("country"), slug=slug)
    stories = StoryPage.objects.published().filter(partner_places=place)
    municipality = None
    municipality_slug = request.GET.get("kommun", "")
    if municipality_slug:
        municipality = Municipality.objects.filter(slug=municipality_slug).first()
        if municipality is None:
            raise Http404("No municipality with that slug.")
        stories = stories.filter(municipality=municipality)
    paginator = Paginator(stories.for_listing(), PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get(PAGE_PARAM) or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error

    partners = list(
        Municipality.objects.filter(partnerships__partner_place=place)
        .annotate(
            story_count=Count(
                "stories",
                filter=Q(stories__live=True, stories__partner_places=place),
                distinct=True,
            )
        )
        .order_by("name")
    )
    base = builders.municipality_base_url(request)
    for partner in partners:
        partner.url = f"{base}{partner.slug}/" if base else ""

    def build_partnerships():
        found = Partnership.objects.filter(partner_place=place).select_related("municipality")
        found = found.prefetch_related("other_municipalities").order_by("municipality__name")
        return [
            {
                "slug": partnership.slug,
                "names": [partnership.municipality.name]
                + [m.name for m in partnership.other_municipalities.all()],
            }
            for partnership in found
        ]

    partnerships = [
        {**row, "url": reverse("collaborations:detail", args=[row["slug"]])}
        for row in get_or_build(f"maps:place-partnerships:{place.pk}", build_partnerships)
    ]
    geometry = shapes.world(((place.longitude, place.latitude),), width=400)
    return render(
        request,
        "maps/place_page.html",
        {
            "place": place,
            "municipality": municipality,
            "stories": page_obj,
            "partners": partners,
            "partnerships": partnerships,
            "locator": {
                "frame": geometry.frame,
                "countries": geometry.countries,
                "country_code": place.country.numeric_code,
                "point": geometry.point(place.longitude, place.latitude),
            },
            "map_url": reverse("maps:index"),
        },
    )
