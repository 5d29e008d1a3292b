"""Filtering partnerships by query parameters, as the stories are filtered (`filters`):
repeated values are alternatives, different parameters must all hold, and a code that names
nothing is refused (400) rather than matching nothing."""

import hashlib
import json
from dataclasses import dataclass, field

from .filters import FilterError, _known

PROGRAMME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,49}$"


@dataclass
class PartnershipFilters:
    country: list[str] = field(default_factory=list)
    municipality: list[str] = field(default_factory=list)
    county: list[str] = field(default_factory=list)
    goal: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    programme: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None

    def cache_key(self) -> str:
        values = {
            name: sorted(map(str, v)) if isinstance(v, list) else v
            for name, v in vars(self).items()
        }
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:32]


def apply(queryset, filters: PartnershipFilters):
    """`queryset` narrowed by `filters`; raises FilterError for codes that do not exist and for
    years in the wrong order."""
    from millenniekommunerna.goals.models import Goal
    from millenniekommunerna.municipalities.models import County, Municipality
    from millenniekommunerna.partnerships.models import Country, FundingProgramme, Partnership

    if filters.country:
        codes = _known(Country, "code", filters.country, "country", "country")
        queryset = queryset.filter(partner_place__country__code__in=codes)
    if filters.municipality:
        codes = _known(Municipality, "code", filters.municipality, "municipality", "municipality")
        ids = Municipality.objects.filter(code__in=codes).values("pk")
        queryset = queryset.filter(pk__in=Partnership.objects.involving_municipality(ids))
    if filters.county:
        codes = _known(County, "code", filters.county, "county", "county")
        ids = Municipality.objects.filter(county__code__in=codes).values("pk")
        queryset = queryset.filter(pk__in=Partnership.objects.involving_municipality(ids))
    if filters.goal:
        codes = _known(Goal, "slug", filters.goal, "goal", "goal")
        through = Partnership.goals.through.objects.filter(goal__slug__in=codes)
        queryset = queryset.filter(pk__in=through.values("partnership_id"))
    if filters.status:
        queryset = queryset.filter(status__in=filters.status)
    if filters.programme:
        slugs = _known(
            FundingProgramme, "slug", filters.programme, "programme", "funding programme"
        )
        queryset = queryset.filter(funding_programme__slug__in=slugs)
    if filters.year_from is not None or filters.year_to is not None:
        if (
            filters.year_from is not None
            and filters.year_to is not None
            and filters.year_from > filters.year_to
        ):
            raise FilterError(
                "year_from",
                f"year_from={filters.year_from} is after year_to={filters.year_to}: give the "
                "earlier year as year_from.",
            )
        queryset = queryset.active_between(filters.year_from, filters.year_to)
    return queryset
