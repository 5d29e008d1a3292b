"""Municipalities, counties, goals and partner places: the facts stories point at."""

from django.http import HttpResponse
from ninja import Path, Query, Router
from ninja.errors import HttpError

from .. import filters, representation, schemas
from ..service import (
    ERRORS,
    GEONAMES_ATTRIBUTION,
    CountryCode,
    CountyCode,
    data_last_modified,
    refuse_unknown_parameters,
    set_last_modified,
)

router = Router()


@router.get(
    "/municipalities",
    response={200: schemas.MunicipalityList, **ERRORS},
    tags=["places"],
    summary="All 290 municipalities, by SCB code",
)
def list_municipalities(
    request,
    response: HttpResponse,
    county: list[CountyCode] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="SCB county code (repeatable): `17`."
    ),
    millennium: bool | None = Query(
        None, description="`true`: only Millenniekommuner; `false`: only the others."
    ),
):
    refuse_unknown_parameters(request, ("county", "millennium"))
    queryset = representation.municipalities_with_counts()
    if county:
        from millenniekommunerna.municipalities.models import County

        codes = filters._known(County, "code", county, "county", "county")
        queryset = queryset.filter(county__code__in=codes)
    if millennium is not None:
        queryset = queryset.filter(is_millennium_municipality=millennium)
    context = representation.Context.for_request(request)
    results = [representation.municipality_data(m, context) for m in queryset]
    set_last_modified(response, data_last_modified())
    return {"count": len(results), "results": results}


@router.get(
    "/municipalities/{code}",
    response={200: schemas.Municipality, **ERRORS},
    tags=["places"],
    summary="One municipality",
)
def get_municipality(
    request,
    response: HttpResponse,
    code: str = Path(
        ..., pattern=filters.MUNICIPALITY_PATTERN, description="SCB municipality code: `1781`."
    ),
):
    refuse_unknown_parameters(request, ())
    municipality = representation.municipalities_with_counts().filter(code=code).first()
    if municipality is None:
        raise HttpError(404, f"There is no municipality with the SCB code {code}.")
    set_last_modified(response, data_last_modified())
    return representation.municipality_data(
        municipality, representation.Context.for_request(request)
    )


@router.get(
    "/counties",
    response={200: schemas.CountyList, **ERRORS},
    tags=["places"],
    summary="The 21 counties, by SCB code",
)
def list_counties(request, response: HttpResponse):
    refuse_unknown_parameters(request, ())
    results = [representation.county_data(c) for c in representation.counties_with_counts()]
    set_last_modified(response, data_last_modified())
    return {"count": len(results), "results": results}


MAPPING_DESCRIPTION = (
    "Which Sustainable Development Goals carry on each Millennium Development Goal. This is the "
    "editors' reading, not an official UN table."
)


@router.get(
    "/goals",
    response={200: schemas.GoalList, **ERRORS},
    tags=["goals"],
    summary="The 17 SDGs and the 8 MDGs, with the editorial MDG→SDG mapping",
)
def list_goals(request, response: HttpResponse):
    refuse_unknown_parameters(request, ())
    context = representation.Context.for_request(request)
    results = [representation.goal_data(g, context) for g in representation.goals_with_counts()]
    set_last_modified(response, data_last_modified())
    return {
        "count": len(results),
        "results": results,
        "mapping": {
            "editorial": True,
            "description": MAPPING_DESCRIPTION,
            "links": representation.goal_mapping_data(),
        },
    }


@router.get(
    "/partner-places",
    response={200: schemas.PartnerPlaceList, **ERRORS},
    tags=["places"],
    summary="Places abroad that Swedish municipalities work with",
)
def list_partner_places(
    request,
    response: HttpResponse,
    country: list[CountryCode] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="ISO 3166-1 alpha-2 code (repeatable): `KE`."
    ),
):
    refuse_unknown_parameters(request, ("country",))
    queryset = representation.partner_places_with_counts()
    if country:
        from millenniekommunerna.partnerships.models import Country

        codes = filters._known(Country, "code", country, "country", "country")
        queryset = queryset.filter(country__code__in=codes)
    results = [representation.partner_place_data(p) for p in queryset]
    set_last_modified(response, data_last_modified())
    return {"count": len(results), "attribution": GEONAMES_ATTRIBUTION, "results": results}
