"""Finding stories: the words and filters a visitor chose (GET parameters, so that every state
has a URL of its own), the stories that match, in order, and the facet counts for that choice.

Facets and what a count means (a count is always the number of stories the link leads to):
- goal and partner country: a story can have several, so choosing more narrows the results
  (stories with all of them); a count is the number of current results that also have it;
- county, municipality, year of publication, Millenniekommun or not: a story has one, so a
  link replaces the choice; a count is the number of stories with that value and every other
  choice (choosing a county drops the municipality, whose list then shows that county's).

Counts come from a few GROUP BY queries over the matching stories (a subquery), however many
stories there are: one for the goals, two for the countries (stories name countries directly
and through their partner places), one for the four one-valued facets together.

Search goes through Wagtail's search backend. On the database backends the matching stories
are a queryset (the facet queries use it as a subquery); on a search cluster the best
MAX_CLUSTER_MATCHES ids are fetched and filtered in the database.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.translation import gettext as _
from modelsearch.query import And, Or, PlainText
from wagtail.search.backends import get_search_backend

from millenniekommunerna.core.locales import interface_language
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.partnerships.models import Country
from millenniekommunerna.stories.models import StoryPage

from . import text

PARAM_QUERY = "q"
PARAM_GOAL = "mal"
PARAM_COUNTY = "lan"
PARAM_MUNICIPALITY = "kommun"
PARAM_COUNTRY = "land"
PARAM_YEAR = "ar"
PARAM_MILLENNIUM = "millenniekommun"
PARAM_SORT = "ordning"
PARAM_PAGE = "sida"
FILTER_PARAMS = (
    PARAM_GOAL,
    PARAM_COUNTY,
    PARAM_MUNICIPALITY,
    PARAM_COUNTRY,
    PARAM_YEAR,
    PARAM_MILLENNIUM,
)

SORT_RELEVANCE = "relevans"
SORT_NEWEST = "nyast"
YES, NO = "ja", "nej"

MAX_VALUES_PER_PARAM = 25
MAX_PARAM_LENGTH = 60
MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_CLUSTER_MATCHES = 1000
SHOWN_BEFORE_MORE = 8

GoalStory = StoryPage.goals.through
CountryStory = StoryPage.countries.through
PlaceStory = StoryPage.partner_places.through


def _short(value: str) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= MAX_PARAM_LENGTH else value[:MAX_PARAM_LENGTH] + "…"


def _values(params, name: str) -> list[str]:
    seen = []
    for value in params.getlist(name):
        value = value.strip().lower()
        if value and value not in seen:
            seen.append(value)
    return seen[:MAX_VALUES_PER_PARAM]


@dataclass
class Selection:
    """What the visitor asked for, checked: unknown or malformed values are left out, each with
    a notice saying so."""

    query: str = ""
    searched: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    county: County | None = None
    municipality: Municipality | None = None
    countries: list[Country] = field(default_factory=list)
    year: int | None = None
    millennium: bool | None = None
    sort: str = SORT_NEWEST
    explicit_sort: bool = False
    notices: list[str] = field(default_factory=list)
    allow_query: bool = True

    @classmethod
    def from_params(cls, params, allow_query: bool = True) -> "Selection":
        selection = cls(allow_query=allow_query)
        notices = selection.notices
        if allow_query:
            selection._read_query(params.get(PARAM_QUERY, ""))

        goal_slugs = _values(params, PARAM_GOAL)
        if goal_slugs:
            found = {g.slug: g for g in Goal.objects.filter(slug__in=goal_slugs)}
            selection.goals = [found[slug] for slug in goal_slugs if slug in found]
            for slug in goal_slugs:
                if slug not in found:
                    notices.append(_("There is no goal “%(value)s”.") % {"value": _short(slug)})

        county_slug = params.get(PARAM_COUNTY, "").strip().lower()
        if county_slug:
            selection.county = County.objects.filter(slug=county_slug).first()
            if selection.county is None:
                notices.append(
                    _("There is no county “%(value)s”.") % {"value": _short(county_slug)}
                )
        municipality_slug = params.get(PARAM_MUNICIPALITY, "").strip().lower()
        if municipality_slug:
            selection.municipality = (
                Municipality.objects.select_related("county").filter(slug=municipality_slug).first()
            )
            if selection.municipality is None:
                notices.append(
                    _("There is no municipality “%(value)s”.")
                    % {"value": _short(municipality_slug)}
                )
            else:
                # A municipality lies in one county: a URL naming another is read as this one.
                selection.county = selection.municipality.county

        codes = [code.upper() for code in _values(params, PARAM_COUNTRY)]
        if codes:
            found = {c.code: c for c in Country.objects.filter(code__in=codes)}
            selection.countries = [found[code] for code in codes if code in found]
            for code in codes:
                if code not in found:
                    notices.append(
                        _("There is no country with the code “%(value)s”.")
                        % {"value": _short(code)}
                    )

        year = params.get(PARAM_YEAR, "").strip()
        if year:
            if year.isascii() and year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR:
                selection.year = int(year)
            else:
                notices.append(
                    _("“%(value)s” is not a year; showing stories from every year.")
                    % {"value": _short(year)}
                )

        millennium = params.get(PARAM_MILLENNIUM, "").strip().lower()
        if millennium in (YES, NO):
            selection.millennium = millennium == YES
        elif millennium:
            notices.append(
                _("The Millennium Municipality filter takes “ja” or “nej”; it was left out.")
            )

        sort = params.get(PARAM_SORT, "").strip().lower()
        selection.sort = SORT_RELEVANCE if selection.searched else SORT_NEWEST
        if sort in (SORT_RELEVANCE, SORT_NEWEST):
            if sort == SORT_RELEVANCE and not selection.searched:
                pass  # nothing to be relevant to: newest first
            else:
                selection.sort = sort
                selection.explicit_sort = True
        return selection

    def _read_query(self, raw: str) -> None:
        self.query, shortened = text.clean_query(raw)
        if shortened:
            self.notices.append(
                _("The search was long and has been cut to its first %(count)s characters.")
                % {"count": text.MAX_QUERY_CHARS}
            )
        searched, stop_words = text.query_words(self.query)
        if len(searched) > text.MAX_QUERY_WORDS:
            searched = searched[: text.MAX_QUERY_WORDS]
            self.notices.append(
                _("Only the first %(count)s words of the search were used.")
                % {"count": text.MAX_QUERY_WORDS}
            )
        self.searched = searched
        if self.query and not searched:
            if stop_words:
                self.notices.append(
                    _(
                        "“%(words)s” are too common to search for. Try a word that says what "
                        "the story is about, such as a place or a topic."
                    )
                    % {"words": _short(" ".join(stop_words))}
                )
            else:
                self.notices.append(
                    _("The search had no words in it. Write one or more words to search for.")
                )

    # --- URLs -----------------------------------------------------------------------------

    def _state(self) -> dict:
        return {
            PARAM_QUERY: self.query if self.allow_query and self.query else None,
            PARAM_GOAL: [g.slug for g in self.goals],
            PARAM_COUNTY: self.county.slug if self.county else None,
            PARAM_MUNICIPALITY: self.municipality.slug if self.municipality else None,
            PARAM_COUNTRY: [c.code.lower() for c in self.countries],
            PARAM_YEAR: self.year,
            PARAM_MILLENNIUM: None if self.millennium is None else (YES if self.millennium else NO),
            PARAM_SORT: self.sort if self.explicit_sort else None,
        }

    def url(self, **changes) -> str:
        """A query string (`?…`) for this selection with `changes` (a parameter → its new
        value, None to drop it), always without a page number. `?` alone for no parameters."""
        state = self._state()
        for key, value in changes.items():
            state[key] = value
        items = []
        for key, value in state.items():
            if isinstance(value, list):
                items += [(key, v) for v in value]
            elif value not in (None, ""):
                items.append((key, value))
        return "?" + urlencode(items)

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.goals
            or self.county
            or self.municipality
            or self.countries
            or self.year
            or self.millennium is not None
        )

    def active_filters(self) -> list[dict]:
        """The chosen filters, each with a link that removes it."""
        chips = []
        for goal in self.goals:
            chips.append(
                {
                    "label": f"{goal.label} {goal.name}",
                    "url": self.url(**{PARAM_GOAL: [g.slug for g in self.goals if g != goal]}),
                }
            )
        if self.municipality:
            chips.append(
                {"label": self.municipality.name, "url": self.url(**{PARAM_MUNICIPALITY: None})}
            )
        elif self.county:
            chips.append(
                {"label": self.county.interface_name, "url": self.url(**{PARAM_COUNTY: None})}
            )
        for country in self.countries:
            chips.append(
                {
                    "label": country.name,
                    "url": self.url(
                        **{PARAM_COUNTRY: [c.code.lower() for c in self.countries if c != country]}
                    ),
                }
            )
        if self.year:
            chips.append(
                {
                    "label": _("Published %(year)s") % {"year": self.year},
                    "url": self.url(**{PARAM_YEAR: None}),
                }
            )
        if self.millennium is not None:
            chips.append(
                {
                    "label": _("Millennium Municipalities")
                    if self.millennium
                    else _("Other municipalities"),
                    "url": self.url(**{PARAM_MILLENNIUM: None}),
                }
            )
        return chips


@dataclass
class FacetOption:
    """A facet value and its link: for a chosen value the link removes it and no count is
    shown, for any other value `count` is the number of stories the link leads to."""

    label: str
    count: int | None
    url: str
    selected: bool = False
    code: str = ""

    def __post_init__(self):
        if self.selected:
            self.count = None


@dataclass
class Facet:
    key: str
    title: str
    options: list[FacetOption]
    hint: str = ""

    def _split(self) -> int:
        # Chosen options first; a "more" list of one or two would only be a needless click.
        if len(self.options) <= SHOWN_BEFORE_MORE + 2:
            return len(self.options)
        return max(SHOWN_BEFORE_MORE, sum(1 for option in self.options if option.selected))

    def __post_init__(self):
        self.options.sort(key=lambda option: not option.selected)  # stable: keeps the order

    @property
    def shown(self):
        return self.options[: self._split()]

    @property
    def more(self):
        return self.options[self._split() :]


class ClampedPaginator(Paginator):
    """A paginator whose page() never fails: a page number that is not a number gives the
    first page, one past the end the last."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # already known from the facet query

    def page(self, number):
        try:
            number = int(str(number))
        except (TypeError, ValueError):
            number = 1
        return super().page(min(max(number, 1), self.num_pages))


class StoryFinder:
    """The stories a Selection asks for, and its facets."""

    def __init__(self, selection: Selection, base=None):
        self.selection = selection
        self._default_base = base is None
        self.base = base if base is not None else StoryPage.objects.published()
        self.notices: list[str] = []
        self.operator = "and"

    # --- matching -------------------------------------------------------------------------

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
        matches = self._text_matches("and")
        # Whether to fall back to any of the words is decided before the filters, so that
        # following a facet link never switches between the two and counts stay true.
        if len(self.selection.searched) > 1 and not matches[1].exists():
            any_word = self._text_matches("or")
            if any_word[1].exists():
                self.operator = "or"
                self.notices.append(_("No story has all the words; these have some of them."))
                return any_word
        return matches

    @property
    def matched(self):
        """Stories with the searched words (all of them or, when no story has all, any),
        before the filters; the base stories when nothing is searched."""
        return self._matches[1]

    def _restrict(self, queryset, skip=()):
        """`queryset` narrowed by the chosen filters, except the facets in `skip`."""
        selection = self.selection
        if "goal" not in skip:
            for goal in selection.goals:
                queryset = queryset.filter(
                    pk__in=GoalStory.objects.filter(goal_id=goal.pk).values("storypage_id")
                )
        if "country" not in skip:
            for country in selection.countries:
                queryset = queryset.filter(
                    Q(
                        pk__in=CountryStory.objects.filter(country_id=country.pk).values(
                            "storypage_id"
                        )
                    )
                    | Q(
                        pk__in=PlaceStory.objects.filter(
                            partnerplace__country_id=country.pk
                        ).values("storypage_id")
                    )
                )
        if "municipality" not in skip and selection.municipality:
            queryset = queryset.filter(municipality_id=selection.municipality.pk)
        elif "county" not in skip and selection.county:
            queryset = queryset.filter(municipality__county_id=selection.county.pk)
        if "year" not in skip and selection.year:
            queryset = queryset.filter(first_published_at__year=selection.year)
        if "millennium" not in skip and selection.millennium is not None:
            queryset = queryset.filter(
                municipality__is_millennium_municipality=selection.millennium
            )
        return queryset

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

    @property
    def feed_scopes(self):
        """The feeds that follow this selection: of its municipality or county, or of its one
        goal, and always all stories."""
        from millenniekommunerna.feeds.feeds import Scope

        selection = self.selection
        scopes = []
        if selection.municipality:
            scopes.append(Scope("municipality", selection.municipality))
        elif selection.county:
            scopes.append(Scope("county", selection.county))
        if len(selection.goals) == 1:
            scopes.append(Scope("goal", selection.goals[0]))
        return [*scopes, Scope()]

    # --- facets ---------------------------------------------------------------------------

    @cached_property
    def _one_valued_groups(self) -> list[dict]:
        pool = self._restrict(self.matched, skip=("county", "municipality", "year", "millennium"))
        return list(
            StoryPage.objects.filter(pk__in=self._ids(pool))
            .order_by()
            .values(
                "municipality_id",
                "municipality__name",
                "municipality__slug",
                "municipality__county_id",
                "municipality__county__name",
                "municipality__county__short_name",
                "municipality__county__slug",
                "municipality__is_millennium_municipality",
                year=ExtractYear("first_published_at"),
            )
            .annotate(n=Count("pk"))
        )

    def _passes(self, row, skip: str) -> bool:
        selection = self.selection
        if skip not in ("county", "municipality") and selection.municipality:
            if row["municipality_id"] != selection.municipality.pk:
                return False
        elif (
            skip != "county"
            and selection.county
            and row["municipality__county_id"] != selection.county.pk
        ):
            return False
        if skip != "year" and selection.year and row["year"] != selection.year:
            return False
        millennium = row["municipality__is_millennium_municipality"]
        return skip == "millennium" or selection.millennium in (None, millennium)

    @cached_property
    def count(self) -> int:
        return self._summary["count"]

    def _count_now(self) -> int:
        return sum(row["n"] for row in self._one_valued_groups if self._passes(row, skip=""))

    @cached_property
    def _summary(self) -> dict:
        """The number of matching stories and the facets. Counting them takes a pass over
        every matching story, which grows with the stories; for a listing without searched
        words (the same few selections are asked for again and again) they are kept in the
        cache of what is derived from the published stories, renewed whenever a story is
        published, unpublished, moved or deleted (maps.signals). Searches are counted each
        time: their words are too many to keep."""

        def build():
            return {"count": self._count_now(), "facets": self._facets_now()}

        if self.selection.searched or not self._default_base:
            return build()
        from millenniekommunerna.maps.cache import get_or_build

        language = interface_language()
        selection = hashlib.sha256(self.selection.url().encode()).hexdigest()[:32]
        return get_or_build(f"listing:{language}:{selection}", build)

    def page(self, number, per_page: int = 12, strict: bool = False):
        """A page of the results. A bad page number gives the nearest page, or with `strict`
        raises Http404 (as the site's other listings do)."""
        paginator = ClampedPaginator(self.results, per_page, self.count)
        if not strict:
            return paginator.page(number)
        try:
            return Paginator.page(paginator, number or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error

    @cached_property
    def facets(self) -> list[Facet]:
        return self._summary["facets"]

    def _facets_now(self) -> list[Facet]:
        return [
            *self._goal_facets(),
            self._county_facet(),
            self._municipality_facet(),
            self._country_facet(),
            self._year_facet(),
            self._millennium_facet(),
        ]

    def _goal_facets(self) -> list[Facet]:
        current = self._ids(self._restrict(self.matched))
        rows = (
            GoalStory.objects.filter(storypage_id__in=current)
            .values(
                "goal_id",
                "goal__slug",
                "goal__kind",
                "goal__number",
                "goal__name_sv",
                "goal__name_en",
            )
            .annotate(n=Count("storypage_id"))
        )
        goals = {goal.pk: goal for goal in self.selection.goals}
        counts = {}
        for row in rows:
            counts[row["goal_id"]] = row["n"]
            goals.setdefault(
                row["goal_id"],
                Goal(
                    pk=row["goal_id"],
                    slug=row["goal__slug"],
                    kind=row["goal__kind"],
                    number=row["goal__number"],
                    name_sv=row["goal__name_sv"],
                    name_en=row["goal__name_en"],
                ),
            )
        chosen = {goal.pk for goal in self.selection.goals}
        chosen_slugs = [goal.slug for goal in self.selection.goals]
        ordered = sorted(goals.values(), key=lambda g: (g.kind != Goal.Kind.SDG, g.number))
        facets = []
        for kind, title in (
            (Goal.Kind.SDG, _("Global goals")),
            (Goal.Kind.MDG, _("Millennium goals")),
        ):
            options = []
            for goal in ordered:
                if goal.kind != kind:
                    continue
                selected = goal.pk in chosen
                slugs = (
                    [s for s in chosen_slugs if s != goal.slug]
                    if selected
                    else [*chosen_slugs, goal.slug]
                )
                options.append(
                    FacetOption(
                        label=f"{goal.label} {goal.name}",
                        count=counts.get(goal.pk, 0),
                        url=self.selection.url(**{PARAM_GOAL: slugs}),
                        selected=selected,
                        code=goal.slug,
                    )
                )
            facets.append(Facet(key=f"goal-{kind}", title=title, options=options))
        return facets

    def _county_facet(self) -> Facet:
        counts, names = defaultdict(int), {}
        for row in self._one_valued_groups:
            if row["municipality__county_id"] is not None and self._passes(row, skip="county"):
                slug = row["municipality__county__slug"]
                counts[slug] += row["n"]
                names[slug] = County.name_in_interface(
                    row["municipality__county__name"], row["municipality__county__short_name"]
                )
        chosen = self.selection.county.slug if self.selection.county else None
        options = [
            FacetOption(
                label=names[slug],
                count=counts[slug],
                url=self.selection.url(
                    **{PARAM_COUNTY: None if slug == chosen else slug, PARAM_MUNICIPALITY: None}
                ),
                selected=slug == chosen,
                code=slug,
            )
            for slug in sorted(counts, key=lambda s: names[s])
        ]
        return Facet(key="county", title=_("County"), options=options)

    def _municipality_facet(self) -> Facet:
        counts, names = defaultdict(int), {}
        for row in self._one_valued_groups:
            if row["municipality_id"] is not None and self._passes(row, skip="municipality"):
                slug = row["municipality__slug"]
                counts[slug] += row["n"]
                names[slug] = row["municipality__name"]
        chosen = self.selection.municipality.slug if self.selection.municipality else None
        county = self.selection.county.slug if self.selection.county else None
        options = [
            FacetOption(
                label=names[slug],
                count=counts[slug],
                url=self.selection.url(
                    **{
                        PARAM_MUNICIPALITY: None if slug == chosen else slug,
                        PARAM_COUNTY: county if slug == chosen else None,
                    }
                ),
                selected=slug == chosen,
                code=slug,
            )
            for slug in sorted(counts, key=lambda s: (s != chosen, -counts[s], names[s]))
        ]
        hint = (
            _("In %(county)s") % {"county": self.selection.county.interface_name}
            if self.selection.county
            else ""
        )
        return Facet(key="municipality", title=_("Municipality"), options=options, hint=hint)

    def _country_facet(self) -> Facet:
        current = self._ids(self._restrict(self.matched))
        direct = (
            CountryStory.objects.filter(storypage_id__in=current)
            .values("country_id", "country__code", "country__name_sv", "country__name_en")
            .annotate(n=Count("storypage_id"))
        )
        through_places = (
            PlaceStory.objects.filter(storypage_id__in=current)
            .exclude(
                Exists(
                    CountryStory.objects.filter(
                        storypage_id=OuterRef("storypage_id"),
                        country_id=OuterRef("partnerplace__country_id"),
                    )
                )
            )
            .values(
                "partnerplace__country_id",
                "partnerplace__country__code",
                "partnerplace__country__name_sv",
                "partnerplace__country__name_en",
            )
            .annotate(n=Count("storypage_id", distinct=True))
        )
        counts = defaultdict(int)
        countries = {c.pk: c for c in self.selection.countries}
        for rows, prefix in ((direct, "country"), (through_places, "partnerplace__country")):
            for row in rows:
                pk = row[f"{prefix}_id"]
                counts[pk] += row["n"]
                countries.setdefault(
                    pk,
                    Country(
                        pk=pk,
                        code=row[f"{prefix}__code"],
                        name_sv=row[f"{prefix}__name_sv"],
                        name_en=row[f"{prefix}__name_en"],
                    ),
                )
        chosen = [c.code.lower() for c in self.selection.countries]
        options = []
        for pk, country in countries.items():
            code = country.code.lower()
            selected = code in chosen
            codes = [c for c in chosen if c != code] if selected else [*chosen, code]
            options.append(
                FacetOption(
                    label=country.name,
                    count=counts.get(pk, 0),
                    url=self.selection.url(**{PARAM_COUNTRY: codes}),
                    selected=selected,
                    code=code,
                )
            )
        options.sort(key=lambda o: (not o.selected, -(o.count or 0), o.label))
        return Facet(key="country", title=_("Partner country"), options=options)

    def _year_facet(self) -> Facet:
        counts = defaultdict(int)
        for row in self._one_valued_groups:
            if row["year"] is not None and self._passes(row, skip="year"):
                counts[row["year"]] += row["n"]
        chosen = self.selection.year
        options = [
            FacetOption(
                label=str(year),
                count=counts[year],
                url=self.selection.url(**{PARAM_YEAR: None if year == chosen else year}),
                selected=year == chosen,
                code=str(year),
            )
            for year in sorted(counts, reverse=True)
        ]
        return Facet(key="year", title=_("Year published"), options=options)

    def _millennium_facet(self) -> Facet:
        counts = defaultdict(int)
        for row in self._one_valued_groups:
            value = row["municipality__is_millennium_municipality"]
            if value is not None and self._passes(row, skip="millennium"):
                counts[value] += row["n"]
        chosen = self.selection.millennium
        options = [
            FacetOption(
                label=label,
                count=counts[value],
                url=self.selection.url(
                    **{PARAM_MILLENNIUM: None if value == chosen else (YES if value else NO)}
                ),
                selected=value == chosen,
                code=YES if value else NO,
            )
            for value, label in (
                (True, _("Millennium Municipalities")),
                (False, _("Other municipalities")),
            )
            if counts[value] or value == chosen
        ]
        return Facet(key="millennium", title=_("Millennium Municipality"), options=options)
