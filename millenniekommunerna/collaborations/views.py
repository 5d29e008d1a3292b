"""The partnership pages are plain Django views, like the map's: everything on them comes from
the partnership records and the stories, there is nothing for an editor to write, and a fixed
URL (before Wagtail's catch-all) cannot be moved or deleted in the admin. Both are cached as
whole pages (core.page_cache) and renewed with the derived-data generation, which a saved
partnership renews too."""

from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from millenniekommunerna.core.navigation import lang_url, section_page_url
from millenniekommunerna.core.pagination import BoundedPaginator
from millenniekommunerna.partnerships.models import Partnership
from millenniekommunerna.stories.models import StoryPage

from .facts import facts
from .finder import PartnershipFinder
from .listing import PARAM_FROM, PARAM_PAGE, PARAM_TO, PartnershipSelection

PER_PAGE = 20
STORIES_PER_PAGE = 12


def _page(paginator, request):
    try:
        return paginator.page(request.GET.get(PARAM_PAGE) or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def _with_links(partnerships, request):
    """What the cards and the page link to: each municipality's page and the place's page."""
    base = section_page_url(request, "municipalities")
    for partnership in partnerships:
        municipalities = [partnership.municipality, *partnership.other_municipalities.all()]
        for municipality in municipalities:
            municipality.url = f"{base}{municipality.slug}/" if base else ""
        partnership.involved = municipalities
        partnership.place_url = reverse("maps:place", args=[partnership.partner_place.slug])
        partnership.themes = sorted(
            partnership.goals.all(), key=lambda g: (g.kind != g.Kind.SDG, g.number)
        )
    return partnerships


def _partnerships():
    return Partnership.objects.select_related(
        "municipality", "partner_place__country", "funding_programme"
    ).prefetch_related("other_municipalities", "goals")


def partnership_index(request):
    """`/samarbeten/`: every partnership, filtered and counted by facets."""
    known = facts()
    selection = PartnershipSelection.from_params(request.GET, known)
    finder = PartnershipFinder(selection)
    paginator = BoundedPaginator(finder.results, PER_PAGE)
    page_obj = _page(paginator, request)
    shown = list(page_obj.object_list)
    by_pk = {p.pk: p for p in _partnerships().filter(pk__in=[p.pk for p in shown])}
    partnerships = []
    for fact in shown:
        partnership = by_pk.get(fact.pk)
        if partnership is not None:  # deleted since the facts were read
            partnership.story_count = fact.story_count
            partnerships.append(partnership)
    context = {
        "selection": selection,
        "facets": finder.facets(),
        "page_obj": page_obj,
        "partnerships": _with_links(partnerships, request),
        "year_fields": selection.hidden_fields(),
        "param_from": PARAM_FROM,
        "param_to": PARAM_TO,
        "home_url": lang_url("/"),
    }
    if request.GET:
        # A filtered listing, a later page, an address with a mistake in it: not for search
        # engines, which are pointed at the whole listing (docs/crawling.md).
        context["robots"] = "noindex, follow"
        context["canonical_path"] = request.path
    return render(request, "collaborations/partnership_index.html", context)


def partnership_detail(request, slug):
    """`/samarbeten/<slug>/`: one partnership and its stories."""
    partnership = get_object_or_404(_partnerships(), slug=slug)
    _with_links([partnership], request)
    stories = StoryPage.objects.filter(partnerships=partnership).published().for_listing()
    return render(
        request,
        "collaborations/partnership_page.html",
        {
            "partnership": partnership,
            "stories": _page(BoundedPaginator(stories, STORIES_PER_PAGE), request),
            "index_url": reverse("collaborations:index"),
            "home_url": lang_url("/"),
        },
    )
