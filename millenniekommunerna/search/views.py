from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.search.backends import get_search_backend

from millenniekommunerna.core import ratelimit
from millenniekommunerna.core import swedish as text
from millenniekommunerna.core import text as core_text
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.stories.listing import Selection, StoryFinder
from millenniekommunerna.stories.listing.params import (
    FILTER_PARAMS,
    PARAM_PAGE,
    PARAM_QUERY,
    PARAM_SORT,
    SORT_NEWEST,
    SORT_RELEVANCE,
)

from . import suggestions

PER_PAGE = 12
MAX_PLACE_MATCHES = 6


@dataclass
class Result:
    """A story in the search results, with the searched words marked."""

    story: object
    title: str
    snippet: str


def body_text(story) -> str:
    """The text of a story's body from its stored data, without rendering any block."""
    return core_text.stream_text(story.body.raw_data)


def _results(stories, stems) -> list[Result]:
    results = []
    for story in stories:
        snippet, _found = text.snippet([story.teaser, body_text(story)], stems)
        results.append(Result(story, text.highlight(story.title, stems), snippet))
    return results


def _matches(finder, model_queryset):
    backend = get_search_backend()
    found = backend.search(finder._search_query(finder.operator), model_queryset)
    return list(found[:MAX_PLACE_MATCHES])


@require_safe
def search(request):
    """`/sok/?q=…`: stories (with facets), municipalities and goals that match the words."""
    selection = Selection.from_params(request.GET)
    finder = StoryFinder(selection)
    if request.GET and not finder.is_cached:  # searched words are never cached
        limited = ratelimit.throttle(request)
        if limited is not None:
            return limited
    page = finder.page(request.GET.get(PARAM_PAGE), per_page=PER_PAGE)
    stems = text.query_stems(selection.searched)

    municipalities = goals = []
    if selection.searched and page.number == 1:
        municipalities = _matches(finder, Municipality.objects.select_related("county"))
        goals = _matches(finder, Goal.objects.select_related("page"))

    suggestion = None
    if selection.searched and not finder.count:
        corrected = suggestions.did_you_mean(selection.searched)
        if corrected:
            suggestion = {"query": corrected, "url": selection.url(**{PARAM_QUERY: corrected})}

    # The search box keeps the chosen filters (shown above the results, each removable).
    hidden = parse_qsl(selection.url(**{PARAM_QUERY: None, PARAM_SORT: None}).lstrip("?"))
    context = {
        "selection": selection,
        "stories": page,
        "results": _results(page, stems),
        "facets": finder.shown_facets,
        "active_filters": selection.active_filters(),
        "notices": [*selection.notices, *finder.notices],
        "municipalities": municipalities,
        "goals": goals,
        "suggestion": suggestion,
        "sort_options": _sort_options(selection),
        "hidden_params": hidden,
        "widen_url": selection.url(**dict.fromkeys(FILTER_PARAMS)) if selection.is_filtered else "",
        # Search answers any words: no page of it is for search engines (robots.txt keeps
        # them out, and every link to another state of it carries rel="nofollow").
        "robots": "noindex, follow",
    }
    return TemplateResponse(request, "search/search.html", context)


def _sort_options(selection: Selection) -> list[dict]:
    if not selection.searched:
        return []
    return [
        {
            "label": label,
            "url": selection.url(**{PARAM_SORT: value}),
            "current": selection.sort == value,
        }
        for value, label in ((SORT_RELEVANCE, _("Relevance")), (SORT_NEWEST, _("Newest")))
    ]
