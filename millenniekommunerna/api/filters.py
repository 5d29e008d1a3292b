"""Filtering stories by query parameters.

A parameter may be repeated; its values are alternatives (OR): `goal=sdg-12&goal=mdg-7` is a
story about either goal. Different parameters must all hold (AND): `goal=sdg-12&county=17` is a
story about goal 12 from a municipality in Värmland. Codes that do not exist are refused with
400 rather than matching nothing, so a typo is not mistaken for an empty result.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

MUNICIPALITY_PATTERN = r"^[0-9]{4}$"
COUNTY_PATTERN = r"^[0-9]{2}$"
GOAL_PATTERN = r"^(mdg-[1-8]|sdg-([1-9]|1[0-7]))$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
YEAR_MIN, YEAR_MAX = 1950, 2100
Q_MAX_LENGTH = 200


class FilterError(ValueError):
    """A filter value that is well-formed but names nothing, or cannot be a date."""

    def __init__(self, parameter, message):
        self.parameter = parameter
        super().__init__(message)


@dataclass
class StoryFilters:
    municipality: list[str] = field(default_factory=list)
    county: list[str] = field(default_factory=list)
    goal: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    updated_since: str | None = None
    review_state: str | None = None
    q: str | None = None

    def cache_key(self) -> str:
        """The same for the same filters, whatever their order."""
        values = {
            name: sorted(map(str, v)) if isinstance(v, list) else v
            for name, v in vars(self).items()
        }
        if self.review_state:
            from millenniekommunerna.stories.models.review_state import start_of_day

            # A story's review state changes with the day (stories.models.review_state).
            values["review_day"] = start_of_day().date().isoformat()
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:32]


def parse_updated_since(value):
    """An aware datetime from `2024-05-01` (midnight, Swedish time) or `2024-05-01T12:00:00Z`."""
    parsed = None
    try:
        parsed = parse_datetime(value)
        if parsed is None:
            day = parse_date(value)
            if day is not None:
                parsed = datetime.combine(day, time.min)
    except ValueError:
        parsed = None
    if parsed is None:
        raise FilterError(
            "updated_since",
            f"updated_since={value!r} is not a date: use an ISO 8601 date such as 2024-05-01 "
            "or a date and time such as 2024-05-01T12:00:00Z.",
        )
    # Nothing was published before 1990 or will be after 2100; clamping keeps far-off dates
    # (year 1, year 9999) from overflowing when the database converts them to UTC.
    earliest, latest = datetime(1990, 1, 1), datetime(2100, 1, 1)
    naive = timezone.make_naive(parsed, UTC) if timezone.is_aware(parsed) else parsed
    if naive < earliest or naive > latest:
        return timezone.make_aware(min(max(naive, earliest), latest), UTC)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def code_lists():
    """The codes that exist, per filter parameter, for the OpenAPI document."""
    from millenniekommunerna.goals.models import Goal
    from millenniekommunerna.municipalities.models import County, Municipality
    from millenniekommunerna.partnerships.models import Country, FundingProgramme

    return {
        "municipality": list(Municipality.objects.order_by("code").values_list("code", flat=True)),
        "municipality_slug": list(
            Municipality.objects.order_by("slug").values_list("slug", flat=True)
        ),
        "county": list(County.objects.order_by("code").values_list("code", flat=True)),
        "county_slug": list(County.objects.order_by("slug").values_list("slug", flat=True)),
        "goal": list(Goal.objects.order_by("-kind", "number").values_list("slug", flat=True)),
        "country": list(Country.objects.order_by("code").values_list("code", flat=True)),
        "programme": list(FundingProgramme.objects.order_by("slug").values_list("slug", flat=True)),
    }


def _known(model, field_name, values, parameter, what):
    values = list(dict.fromkeys(values))
    found = set(
        model.objects.filter(**{f"{field_name}__in": values}).values_list(field_name, flat=True)
    )
    missing = [v for v in values if v not in found]
    if missing:
        raise FilterError(
            parameter, f"{parameter}={missing[0]!r}: there is no {what} with that code."
        )
    return values


def _year_q(year):
    """The work went on in `year`: between its start and end years; work with no end year goes
    on; work with only an end year is of that year; a story without years counts in the years
    it was published — at its source when it has one (a day, a year or a period; an unknown
    date matches no year), else here (the listing's year facet says the same)."""
    no_years = Q(year_start__isnull=True, year_end__isnull=True)
    # A comparison never holds for NULL, so `year_start__lte` says there is a start year.
    # Work with both years that ends in `year` is in the first alternative anyway (an end
    # year never comes before the start year: StoryPage.clean).
    return (
        Q(year_start__lte=year, year_end__gte=year)
        | Q(year_end__isnull=True, year_start__lte=year)
        | Q(year_end=year)
        | (no_years & Q(source_name="", first_published_at__year=year))
        | (
            no_years
            & ~Q(source_name="")
            & Q(source_date_start__year__lte=year, source_date_end__year__gte=year)
        )
    )


def search_matches(text):
    """Ids of the live stories Wagtail's search finds for `text`, as a subquery where the backend
    is a database one, else as a list."""
    from millenniekommunerna.stories.models import StoryPage

    results = StoryPage.objects.published().search(text, order_by_relevance=False)
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by().values("pk")
    return [story.pk for story in results]


def apply(queryset, filters):
    """`queryset` narrowed by `filters`; raises FilterError for codes that do not exist."""
    from millenniekommunerna.goals.models import Goal
    from millenniekommunerna.municipalities.models import County, Municipality
    from millenniekommunerna.partnerships.models import Country
    from millenniekommunerna.stories.models import StoryPage

    if filters.municipality:
        codes = _known(Municipality, "code", filters.municipality, "municipality", "municipality")
        queryset = queryset.filter(municipality__code__in=codes)
    if filters.county:
        codes = _known(County, "code", filters.county, "county", "county")
        queryset = queryset.filter(municipality__county__code__in=codes)
    if filters.goal:
        codes = _known(Goal, "slug", filters.goal, "goal", "goal")
        through = StoryPage.goals.through.objects.filter(goal__slug__in=codes)
        queryset = queryset.filter(pk__in=through.values("storypage_id"))
    if filters.country:
        codes = _known(Country, "code", filters.country, "country", "country")
        places = StoryPage.partner_places.through.objects.filter(
            partnerplace__country__code__in=codes
        )
        countries = StoryPage.countries.through.objects.filter(country__code__in=codes)
        queryset = queryset.filter(
            Q(pk__in=places.values("storypage_id")) | Q(pk__in=countries.values("storypage_id"))
        )
    if filters.year:
        condition = Q(pk__in=[])
        for year in dict.fromkeys(filters.year):
            condition |= _year_q(year)
        queryset = queryset.filter(condition)
    if filters.updated_since is not None:
        queryset = queryset.filter(
            last_published_at__gte=parse_updated_since(filters.updated_since)
        )
    if filters.review_state:
        # One of the three states (the endpoint takes no other: its OpenAPI enum), as of the
        # start of today (stories.models.review_state).
        queryset = queryset.in_review_state(filters.review_state)
    text = " ".join((filters.q or "").split())
    if text:
        queryset = queryset.filter(pk__in=search_matches(text))
    return queryset
