"""The stories that match a selection, in the chosen order, counted and paged.

Search goes through Wagtail's search backend. On the database backends the matching stories
are a queryset (the facet queries use it as a subquery); on a search cluster the best
MAX_CLUSTER_MATCHES ids are fetched and filtered in the database.

Searched words that more than MAX_TEXT_CANDIDATES stories have (`kommunen` is in nearly
every one) are bounded the same way: the newest MAX_TEXT_CANDIDATES stories with the words
are the candidates, and only they are ranked, counted and faceted; the page says so. Finding
them walks the stories newest first and stops when it has enough (or, for rare words, reads
the few that the GIN index on the indexed text gives), so no request works through every
matching story. The candidates are chosen by the words alone, before the filters, so that a
facet's count is still the number of stories its link leads to."""

import hashlib
from functools import cached_property

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _
from modelsearch.query import And, Or, PlainText
from wagtail.search.backends import get_search_backend

from millenniekommunerna.core import swedish as text
from millenniekommunerna.core.derived_cache import get_or_build, is_built
from millenniekommunerna.core.locales import interface_language
from millenniekommunerna.core.pagination import BoundedPaginator

from ..models.review_state import ReviewState, start_of_day, state_filter
from ..models.story import StoryPage
from .facets import CountryStory, FacetCounter, GoalStory, PlaceStory
from .params import MAX_CLUSTER_MATCHES, MAX_TEXT_CANDIDATES, SORT_RELEVANCE
from .presentation import Facet
from .selection import Selection


class ClampedPaginator(BoundedPaginator):
    """A paginator whose page() never fails: a page number that is not a number gives the
    first page, one past the end (or past the bound: core.pagination) the last."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # already known from the facet query

    def page(self, number):
        try:
            number = int(str(number))
        except (TypeError, ValueError):
            number = 1
        return super().page(min(max(number, 1), self.num_pages))


def too_many_matches_notice() -> str:
    """What the page says when more stories have the searched words than it ranks (the
    bound grouped as the language writes numbers: 1 000 in Swedish, 1,000 in English)."""
    return _(
        "More than %(limit)s stories have these words. The %(limit)s most recent of "
        "them are shown and counted here: add a word or choose a filter to find others."
    ) % {"limit": formats.number_format(MAX_TEXT_CANDIDATES, force_grouping=True)}


class StoryFinder:
    """The stories a Selection asks for, and its facets."""

    def __init__(self, selection: Selection, base=None):
        self.selection = selection
        # Current or out of date as of the start of today: the counts are kept for the day
        # (`_cache_name`) and stay the number of stories their links lead to.
        self.review_moment = start_of_day()
        self._default_base = base is None
        self.base = base if base is not None else StoryPage.objects.published()
        self.notices: list[str] = []
        self.operator = "and"
        self._truncated = False

    def _search_query(self, operator: str):
        groups = [
            Or([PlainText(form) for form in text.inflections(word)])
            for word in self.selection.searched
        ]
        return And(groups) if operator == "and" else Or(groups)

    def _text_matches(self, operator: str):
        """(The base stories that have the searched words, ordered by relevance; the same
        stories as a queryset that may be used inside other queries.)"""
        backend = get_search_backend()
        results = backend.search(self._search_query(operator), self.base)
        if hasattr(results, "get_queryset"):  # the database backends
            ordered = results.get_queryset()
            if hasattr(results, "matching_queryset"):  # the SQLite backend of this app
                return ordered, results.matching_queryset()
            return ordered, ordered
        ids = [story.pk for story in results[:MAX_CLUSTER_MATCHES]]
        order = Case(
            *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)],
            output_field=IntegerField(),
        )
        matching = self.base.filter(pk__in=ids)
        return matching.annotate(_rank=order).order_by("_rank"), matching

    @cached_property
    def _matches(self):
        if not self.selection.searched:
            return self.base, self.base
        matches, found = self._bounded(self._text_matches("and"))
        # Whether to fall back to any of the words is decided before the filters, so that
        # following a facet link never switches between the two and counts stay true.
        if len(self.selection.searched) > 1 and not found:
            any_word, found = self._bounded(self._text_matches("or"))
            if found:
                self.operator = "or"
                self.notices.insert(0, _("No story has all the words; these have some of them."))
                return any_word
        return matches

    def _bounded(self, matches):
        """At most MAX_TEXT_CANDIDATES matching stories, the newest (see the module), and how
        many were found (up to ten times that).

        First up to ten times that many matches are read in whatever order the database finds
        them (from the GIN index: cheap while they are few). If that is all of them, the
        newest are picked from their ids; if there are more still, the words are in a tenth
        of the stories or more, and walking the stories newest first finds enough of them
        within a few thousand steps."""
        ordered, matching = matches
        scan = 10 * MAX_TEXT_CANDIDATES
        found = list(matching.order_by().values_list("pk", flat=True)[: scan + 1])
        if not found:
            # (`pk__in=[]` is answered without asking the database.)
            return (ordered.filter(pk__in=[]), self.base.filter(pk__in=[])), 0
        newest = (F("published_on").desc(nulls_last=True), "-pk")
        pool = self.base.filter(pk__in=found) if len(found) <= scan else matching
        # Two queries whatever the words, so that a page's query count does not depend on
        # the data.
        ids = list(pool.order_by(*newest).values_list("pk", flat=True)[:MAX_TEXT_CANDIDATES])
        # The facet queries and the ranking use the ids rather than matching the words again,
        # once per query.
        bounded = ordered.filter(pk__in=ids), self.base.filter(pk__in=ids)
        if len(found) <= MAX_TEXT_CANDIDATES:
            return bounded, len(found)
        self._truncated = True
        self.notices.append(too_many_matches_notice())
        return bounded, len(found)

    @property
    def truncated(self) -> bool:
        """Whether more stories have the searched words than MAX_TEXT_CANDIDATES."""
        self._matches  # noqa: B018 (decides it)
        return self._truncated

    @property
    def matched(self):
        """Stories with the searched words (all of them or, when no story has all, any),
        before the filters; the base stories when nothing is searched."""
        return self._matches[1]

    def _restrict(self, queryset, skip=()):
        """`queryset` narrowed by the chosen filters, except the facets in `skip`."""
        selection = self.selection
        # (Goals and countries are never skipped: a story has several, and their counts are
        # of the current results.)
        for goal in selection.goals:
            queryset = queryset.filter(
                pk__in=GoalStory.objects.filter(goal_id=goal.pk).values("storypage_id")
            )
        for country in selection.countries:
            queryset = queryset.filter(
                Q(pk__in=CountryStory.objects.filter(country_id=country.pk).values("storypage_id"))
                | Q(
                    pk__in=PlaceStory.objects.filter(partnerplace__country_id=country.pk).values(
                        "storypage_id"
                    )
                )
            )
        if "municipality" not in skip and selection.municipality:
            queryset = queryset.filter(municipality_id=selection.municipality.pk)
        elif "county" not in skip and selection.county:
            queryset = queryset.filter(municipality__county_id=selection.county.pk)
        if "year" not in skip and selection.year:
            queryset = queryset.filter(published_period=selection.year)
        if "millennium" not in skip and selection.millennium is not None:
            queryset = queryset.filter(
                municipality__is_millennium_municipality=selection.millennium
            )
        if "review" not in skip and selection.out_of_date is not None:
            out_of_date = self.out_of_date_filter()
            queryset = queryset.filter(out_of_date if selection.out_of_date else ~out_of_date)
        return queryset

    def out_of_date_filter(self):
        return state_filter(ReviewState.OUT_OF_DATE, self.review_moment)

    @cached_property
    def results(self):
        """The matching stories in the chosen order, ready for story cards."""
        queryset = self._restrict(self._matches[0])
        if self.selection.sort == SORT_RELEVANCE and self.selection.searched:
            relevance = list(queryset.query.order_by)
            return queryset.for_listing().order_by(*relevance)
        return queryset.for_listing()

    def _ids(self, queryset):
        return queryset.order_by().values("pk")

    @cached_property
    def count(self) -> int:
        return self._summary["count"]

    @cached_property
    def _summary(self) -> dict:
        """The number of matching stories and the facets. Counting them takes a pass over
        every matching story, which grows with the stories; for a listing without searched
        words (the same few selections are asked for again and again) they are kept in the
        cache of what is derived from the published stories, renewed whenever a story is
        published, unpublished, moved or deleted (stories.invalidation). Searches are counted each
        time: their words are too many to keep."""

        def build():
            counter = FacetCounter(self)
            return {"count": counter.count(), "facets": counter.facets()}

        if not self._cacheable:
            return build()
        return get_or_build(self._cache_name, build)

    @property
    def _cacheable(self) -> bool:
        return not self.selection.searched and self._default_base

    @property
    def _cache_name(self) -> str:
        selection = hashlib.sha256(self.selection.url().encode()).hexdigest()[:32]
        day = self.review_moment.date().isoformat()
        return f"listing:{interface_language()}:{day}:{selection}"

    @property
    def is_cached(self) -> bool:
        """Whether the count and facets come from the cache: the request is cheap then, and
        no rate limit applies to it (core.ratelimit.throttle)."""
        return self._cacheable and is_built(self._cache_name)

    def page(self, number, per_page: int, strict: bool = False):
        """A page of the results. A bad page number gives the nearest page, or with `strict`
        raises Http404 (as the site's other listings do)."""
        paginator = ClampedPaginator(self.results, per_page, self.count)
        if not strict:
            return paginator.page(number)
        try:
            return Paginator.page(paginator, number or 1)
        except InvalidPage as error:
            raise Http404 from error  # (the message is shown to no one)

    @cached_property
    def facets(self) -> list[Facet]:
        return self._summary["facets"]

    @property
    def shown_facets(self) -> list[Facet]:
        """The facets with something to choose: none when nothing matched (no empty box)."""
        return [facet for facet in self.facets if facet.options]
