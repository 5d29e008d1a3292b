"""`/partnerships` and `/partnerships/{slug}`: partnerships between Swedish municipalities and
places abroad, as records — years, status, funding, themes and the stories that belong to
them — filtered and in pages."""

import math
from typing import Annotated

from django.http import HttpResponse
from ninja import Path, Query, Router
from ninja.errors import HttpError
from pydantic import StringConstraints

from millenniekommunerna.core import derived_cache

from .. import partnership_filters, representation, schemas
from ..service import (
    ERRORS,
    PAGE_MAX,
    PAGE_SIZE_DEFAULT,
    PAGE_SIZE_MAX,
    CountryCode,
    GoalCode,
    Year,
    data_last_modified,
    page_url,
    refuse_unknown_parameters,
    set_last_modified,
)

router = Router()

PARTNERSHIP_PARAMETERS = (
    "country",
    "municipality",
    "county",
    "goal",
    "status",
    "programme",
    "year_from",
    "year_to",
    "page",
    "page_size",
)
SLUG_PATTERN = r"^[-a-z0-9_]{1,120}$"
ProgrammeSlug = Annotated[str, StringConstraints(pattern=partnership_filters.PROGRAMME_PATTERN)]
MunicipalityCodeOrSlug = Annotated[
    str, StringConstraints(pattern=partnership_filters.MUNICIPALITY_PATTERN)
]
CountyCodeOrSlug = Annotated[str, StringConstraints(pattern=partnership_filters.COUNTY_PATTERN)]


def link_header(links: dict[str, str | None]) -> str:
    """RFC 8288 `Link`: the neighbouring pages, for clients that page by headers."""
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)


@router.get(
    "/partnerships",
    response={200: schemas.PartnershipPage, **ERRORS},
    tags=["partnerships"],
    summary="Partnerships between Swedish municipalities and places abroad, filtered and in pages",
)
def list_partnerships(
    request,
    response: HttpResponse,
    country: list[CountryCode] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="ISO 3166-1 alpha-2 code of the partner place's country (repeatable)."
    ),
    municipality: list[MunicipalityCodeOrSlug] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None,
        description="SCB municipality code or the municipality's slug (repeatable): `0382` or "
        "`osthammar`. Partnerships the municipality leads or takes part in.",
    ),
    county: list[CountyCodeOrSlug] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None,
        description="SCB county code or the county's slug (repeatable): `03` or "
        "`uppsala`. Partnerships a municipality of the county leads or takes part in.",
    ),
    goal: list[GoalCode] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="Goal code of a theme (repeatable): `sdg-11`."
    ),
    status: list[schemas.PartnershipStatus] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="Where the partnership stands (repeatable)."
    ),
    programme: list[ProgrammeSlug] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="Funding programme (repeatable): `icld`, `sida`."
    ),
    year_from: Year | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None,
        description="Active in this year or later: going on at some time from `year_from` to "
        "`year_to` (a bound left out is open; a `year_from` after `year_to` matches nothing). A "
        "partnership without a start year is never counted as active.",
    ),
    year_to: Year | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="Active in this year or earlier."
    ),
    page: int = Query(1, ge=1, le=PAGE_MAX, description="Page number, from 1."),
    page_size: int = Query(
        PAGE_SIZE_DEFAULT, ge=1, le=PAGE_SIZE_MAX, description="Partnerships per page."
    ),
):
    refuse_unknown_parameters(request, PARTNERSHIP_PARAMETERS)
    wanted = partnership_filters.PartnershipFilters(
        country=country or [],
        municipality=municipality or [],
        county=county or [],
        goal=goal or [],
        status=status or [],
        programme=programme or [],
        year_from=year_from,
        year_to=year_to,
    )
    queryset = partnership_filters.apply(representation.partnerships_for_api(), wanted)
    count = derived_cache.get_or_build(
        f"api:partnership-count:{wanted.cache_key()}", queryset.count
    )
    pages = max(1, math.ceil(count / page_size))
    if page > pages:
        raise HttpError(404, f"There is no page {page}: there are {pages} pages of {page_size}.")
    partnerships = list(queryset[(page - 1) * page_size : page * page_size])
    context = representation.Context.for_request(request)
    links = {
        "next": page_url(request, page + 1) if page < pages else None,
        "prev": page_url(request, page - 1) if page > 1 else None,
    }
    if header := link_header(links):
        response["Link"] = header
    set_last_modified(response, data_last_modified())
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": links["next"],
        "previous": links["prev"],
        "results": [representation.partnership_data(p, context) for p in partnerships],
    }


@router.get(
    "/partnerships/{slug}",
    response={200: schemas.Partnership, **ERRORS},
    tags=["partnerships"],
    summary="One partnership",
)
def get_partnership(
    request,
    response: HttpResponse,
    slug: str = Path(..., pattern=SLUG_PATTERN, description="The partnership's `slug`."),
):
    refuse_unknown_parameters(request, ())
    partnership = representation.partnerships_for_api().filter(slug=slug).first()
    if partnership is None:
        raise HttpError(404, f"There is no partnership with the slug {slug!r}.")
    set_last_modified(response, data_last_modified())
    return representation.partnership_data(partnership, representation.Context.for_request(request))
