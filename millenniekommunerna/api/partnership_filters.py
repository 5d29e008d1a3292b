"""Filtering partnerships by query parameters, as the stories are filtered (`filters`):
repeated values are alternatives, different parameters must all hold, and a code that names
nothing is refused (400) rather than matching nothing."""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import models

from .filters import FilterError, _known

PROGRAMME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,49}$"
# A municipality or county by its SCB code, as everywhere in the API, or by its slug, as in the
# site's addresses (`/kommuner/osthammar/`).
MUNICIPALITY_PATTERN = r"^([0-9]{4}|[a-z][a-z0-9-]{0,49})$"
COUNTY_PATTERN = r"^([0-9]{2}|[a-z][a-z0-9-]{0,49})$"


def _known_by_code_or_slug(model, values, parameter, what):
    """The ids of the rows named by these codes or slugs; FilterError for one that names
    nothing."""
    values = list(dict.fromkeys(values))
    codes = [v for v in values if v.isdigit()]
    slugs = [v for v in values if not v.isdigit()]
    rows = model.objects.filter(models.Q(code__in=codes) | models.Q(slug__in=slugs))
    found = {}
    for pk, code, slug in rows.values_list("pk", "code", "slug"):
        found[code] = found[slug] = pk
    missing = [v for v in values if v not in found]
    if missing:
        raise FilterError(
            parameter, f"{parameter}={missing[0]!r}: there is no {what} with that code or slug."
        )
    return sorted({found[v] for v in values})


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
    """`queryset` narrowed by `filters`; raises FilterError for codes that do not exist. Years in
    the wrong order (`year_from` after `year_to`) hold no year, so nothing was active in them:
    an empty result, as the OpenAPI document cannot call that request invalid."""
    from millenniekommunerna.goals.models import Goal
    from millenniekommunerna.municipalities.models import County, Municipality
    from millenniekommunerna.partnerships.models import Country, FundingProgramme, Partnership

    if filters.country:
        codes = _known(Country, "code", filters.country, "country", "country")
        queryset = queryset.filter(partner_place__country__code__in=codes)
    if filters.municipality:
        ids = _known_by_code_or_slug(
            Municipality, filters.municipality, "municipality", "municipality"
        )
        queryset = queryset.filter(pk__in=Partnership.objects.involving_municipality(ids))
    if filters.county:
        counties = _known_by_code_or_slug(County, filters.county, "county", "county")
        ids = Municipality.objects.filter(county_id__in=counties).values("pk")
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
    if None not in (filters.year_from, filters.year_to) and filters.year_from > filters.year_to:
        return queryset.none()
    if filters.year_from is not None or filters.year_to is not None:
        queryset = queryset.active_between(filters.year_from, filters.year_to)
    return queryset
