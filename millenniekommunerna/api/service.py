"""The read API, `/api/v1/`: the Ninja API object and the conventions every endpoint shares
(errors, unknown parameters, Last-Modified, page links). The endpoints are in `endpoints/`;
`api.py` puts them together.

Built on Django Ninja rather than Wagtail's API (v2, on Django REST framework): the API is a
public contract for researchers and other sites, so its OpenAPI 3 document has to be exact, and
Ninja generates it from the same typed schemas that validate every response, and validates every
query parameter against the types and patterns it documents. Wagtail's API exposes page types
generically (`?type=stories.StoryPage&fields=…`), has no OpenAPI document, and filters by model
field rather than by the codes people use (SCB codes, `sdg-12`, ISO countries). Ninja is already
installed as a dependency of Wagtail 8, so this adds nothing to install.

Conventions (also stated in the OpenAPI document): JSON only; repeated parameters are
alternatives (OR), different parameters must all hold (AND); pages of `page_size` (1–100, 20 by
default) numbered from 1, newest first, with the total in `count`; errors are
`{"detail": "…"}` with 400 for a bad parameter, 404 for something that does not exist, 405 for
another method than GET/HEAD/OPTIONS, 429 (with Retry-After) over the rate limit.
"""

from typing import Annotated

from csp.decorators import csp_update
from django.conf import settings
from django.db.models import Max
from django.http import QueryDict
from django.shortcuts import render
from ninja import NinjaAPI, renderers
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import DocsBase
from pydantic import Field, StringConstraints

from millenniekommunerna.core import derived_cache, public_url

from . import filters, schemas
from .middleware import last_modified_header

API_VERSION = "1.0.0"
PAGE_SIZE_DEFAULT = 20
PAGE_SIZE_MAX = 100
PAGE_MAX = 100_000
ID_MAX = 2**31 - 1
GEONAMES_ATTRIBUTION = "Place data: GeoNames, geonames.org, CC BY 4.0"


def licence():
    return {
        "name": getattr(settings, "OPEN_DATA_LICENCE_NAME", "CC BY 4.0"),
        "url": getattr(
            settings, "OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
        ),
    }


DESCRIPTION = """
Published stories of Swedish municipalities' local work toward the global development goals,
with the municipalities (by SCB code, as SCB and Kolada use them), counties, goals (the 8
Millennium Development Goals `mdg-1`…`mdg-8` and the 17 Sustainable Development Goals
`sdg-1`…`sdg-17`), partner places abroad and the partnerships with them.

* Only published content. JSON, UTF-8. Dates and times are ISO 8601.
* **Filters**: a parameter may be repeated, and its values are alternatives (OR):
  `goal=sdg-12&goal=mdg-7`. Different parameters must all hold (AND):
  `goal=sdg-12&county=17`. A code that does not exist is an error (400), not an empty result.
  Unknown parameters are errors too.
* **Pages**: `page` (from 1) and `page_size` (1–100, default 20); `count` is the total and
  `next`/`previous` link the neighbouring pages (for partnerships also a `Link` header).
  Stories are ordered newest first (by first publication — at the source for stories from
  elsewhere, see `published` — then by id), partnerships by municipality and place, so pages
  never overlap.
* **Errors**: `{"detail": "…"}`, with 400 for a bad parameter, 404, 405 and 429.
* **Caching**: responses carry `ETag` and `Last-Modified`; send `If-None-Match` or
  `If-Modified-Since` to get `304 Not Modified` when nothing changed.
* **Rate limit**: per client address; over it you get `429` and `Retry-After` (seconds).
* **CORS**: any origin may read (`Access-Control-Allow-Origin: *`).
* **Bulk**: `/api/v1/exports/stories.csv` and `/api/v1/exports/stories.json` hold every
  published story. Harvest changes with `updated_since`. `/api/v1/exports/partnerships.csv`
  and `.json` hold every partnership.
"""


class LocalDocs(DocsBase):
    """Swagger UI from the copy bundled with Ninja (served as our own static files, never from a
    CDN), plus a plain list of the endpoints for readers without JavaScript."""

    template = "api/docs.html"

    def render_page(self, request, api, **kwargs):
        openapi_url = self.get_openapi_url(api, kwargs)
        schema = api.get_openapi_schema(path_prefix=request.path.rsplit("/docs", 1)[0])
        operations = [
            {
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": operation.get("parameters", []),
            }
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()
        ]
        swagger_settings = {
            "url": openapi_url,
            "layout": "BaseLayout",
            "deepLinking": True,
            # Swagger UI would otherwise send the document to validator.swagger.io.
            "validatorUrl": None,
        }
        return _swagger_page(
            request,
            self.template,
            {
                "api": api,
                "openapi_url": openapi_url,
                "operations": operations,
                "swagger_settings": swagger_settings,
            },
        )


# Swagger UI's stylesheet draws its icons as data: images.
@csp_update({"img-src": ["data:"]})
def _swagger_page(request, template, context):
    return render(request, template, context)


class JSONRenderer(renderers.JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Operation ids are part of the contract (generated clients name their methods after
        them), so they must not follow the code around: Ninja's default is the view's module
        and name, and the endpoints' modules are an internal matter. These are the ids the API
        was published with."""
        return f"millenniekommunerna_api_api_{operation.view_func.__name__}"

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Ninja's document, with two things made exact: optional query parameters are
        described as what they are (not as "array or null"), and the code parameters list the
        codes that exist, so a well-formed but unknown code (`municipality=0000`) is outside
        the contract and refused with 400. The licence is the one configured now."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["info"]["license"] = licence()  # read at request time, like /oppna-data/
        code_lists = filters.code_lists()
        for path, methods in schema["paths"].items():
            # The partnerships take a municipality's or county's slug as well as its code.
            by_slug_too = path.endswith("/partnerships")
            for operation in methods.values():
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") != "query":
                        continue
                    parameter_schema = _without_null(parameter["schema"])
                    parameter_schema.update(PARAMETER_SCHEMAS.get(parameter["name"], {}))
                    codes = code_lists.get(parameter["name"])
                    if by_slug_too and parameter["name"] in ("municipality", "county"):
                        codes = codes + code_lists[f"{parameter['name']}_slug"]
                    if codes and parameter_schema.get("type") == "array":
                        parameter_schema["items"]["enum"] = codes
                    parameter["schema"] = parameter_schema
        return schema


# Where a parameter's type says less than the API accepts.
PARAMETER_SCHEMAS = {
    "updated_since": {"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]},
}


def _without_null(parameter_schema):
    options = parameter_schema.get("anyOf") or []
    others = [option for option in options if option != {"type": "null"}]
    if len(options) == 2 and len(others) == 1:
        rest = {key: value for key, value in parameter_schema.items() if key != "anyOf"}
        return {**rest, **others[0]}
    return parameter_schema


api = OpenDataAPI(
    renderer=JSONRenderer(),
    title="Millenniekommunerna API",
    version=API_VERSION,
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=LocalDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}

# What each parameter must look like, for error messages.
PARAMETER_HELP = {
    "municipality": "an SCB municipality code of four digits, e.g. 1781",
    "county": "an SCB county code of two digits, e.g. 17",
    "goal": "a goal code from mdg-1 to mdg-8 or sdg-1 to sdg-17, e.g. sdg-12",
    "country": "an ISO 3166-1 alpha-2 country code in capitals, e.g. KE",
    "year": f"a year from {filters.YEAR_MIN} to {filters.YEAR_MAX}, e.g. 2014",
    "updated_since": "an ISO 8601 date or date and time, e.g. 2024-05-01 or 2024-05-01T12:00:00Z",
    "review_state": "current, due or out_of_date",
    "q": f"search words, at most {filters.Q_MAX_LENGTH} characters",
    "page": f"a page number from 1 to {PAGE_MAX}",
    "page_size": f"a number from 1 to {PAGE_SIZE_MAX}",
    "millennium": "true or false",
    "story_id": f"a story id, a whole number from 1 to {ID_MAX}",
    "code": "an SCB municipality code of four digits, e.g. 1781",
    "status": "planned, ongoing, completed or discontinued",
    "programme": "a funding programme's slug, e.g. icld",
    "year_from": f"a year from {filters.YEAR_MIN} to {filters.YEAR_MAX}, e.g. 2010",
    "year_to": f"a year from {filters.YEAR_MIN} to {filters.YEAR_MAX}, e.g. 2020",
    "slug": "a partnership's slug, e.g. osthammar-poti",
}


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """Ninja answers 422 with pydantic's internals; clients get 400 and plain words."""
    errors = []
    for error in exc.errors:
        location = list(error.get("loc", ()))
        names = [str(part) for part in location if not isinstance(part, int)]
        parameter = names[-1] if names else ""
        expected = PARAMETER_HELP.get(parameter)
        value = _sent_value(request, location, parameter)
        message = f"Bad value for {parameter!r}"
        if value is not None:
            message += f": {str(value)[:100]!r}"
        message += f". Expected {expected}." if expected else f" ({error.get('msg', 'invalid')})."
        errors.append({"parameter": parameter, "message": message})
    detail = errors[0]["message"] if errors else "Bad request."
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


def _sent_value(request, location, parameter):
    """The value the client sent for a parameter that failed validation (Ninja's errors leave
    it out)."""
    if location and location[0] == "query":
        values = request.GET.getlist(parameter)
        index = next((part for part in location if isinstance(part, int)), 0)
        return values[index] if index < len(values) else None
    if location and location[0] == "path" and request.resolver_match:
        return request.resolver_match.kwargs.get(parameter)
    return None


@api.exception_handler(filters.FilterError)
def filter_error(request, exc):
    return api.create_response(
        request,
        {"detail": str(exc), "errors": [{"parameter": exc.parameter, "message": str(exc)}]},
        status=400,
    )


def refuse_unknown_parameters(request, known):
    unknown = sorted(set(request.GET) - set(known))
    if unknown:
        raise HttpError(
            400,
            f"Unknown query parameter {unknown[0]!r}. This endpoint takes: "
            f"{', '.join(sorted(known)) or 'no parameters'}.",
        )


def data_last_modified():
    """When the published data last changed: the newest publication of a live story, or the
    newest publish, unpublish, move or delete of any page, or edit of a snippet (municipality,
    goal, place) in the admin. Unpublishing leaves `last_published_at` as it was, which is why
    the logs count too. Kept in the derived-data cache, renewed on each of those changes (the
    newest publication took a pass over every story)."""
    return derived_cache.get_or_build("api:data-last-modified", _data_last_modified)


def _data_last_modified():
    from wagtail.models import ModelLogEntry, PageLogEntry

    from millenniekommunerna.stories.models import StoryPage

    moments = [
        StoryPage.objects.published().aggregate(m=Max("last_published_at"))["m"],
        PageLogEntry.objects.filter(
            action__in=[
                "wagtail.publish",
                "wagtail.publish.scheduled",
                "wagtail.unpublish",
                "wagtail.unpublish.scheduled",
                "wagtail.delete",
                "wagtail.move",
                "wagtail.view_restriction.create",
                "wagtail.view_restriction.edit",
                "wagtail.view_restriction.delete",
                # "Inget nytt – markera som granskad": a story's review date and state.
                "followup.reviewed",
            ]
        ).aggregate(m=Max("timestamp"))["m"],
        ModelLogEntry.objects.aggregate(m=Max("timestamp"))["m"],
    ]
    moments = [m for m in moments if m is not None]
    return max(moments) if moments else None


def set_last_modified(response, moment):
    header = last_modified_header(moment)
    if header:
        response["Last-Modified"] = header


def page_url(request, number):
    params = request.GET.copy() if isinstance(request.GET, QueryDict) else QueryDict(mutable=True)
    params["page"] = str(number)
    return public_url.absolute(f"{request.path}?{params.urlencode()}", request)


# Parameter types: the patterns the OpenAPI document states and Ninja checks.
MunicipalityCode = Annotated[str, StringConstraints(pattern=filters.MUNICIPALITY_PATTERN)]
CountyCode = Annotated[str, StringConstraints(pattern=filters.COUNTY_PATTERN)]
GoalCode = Annotated[str, StringConstraints(pattern=filters.GOAL_PATTERN)]
CountryCode = Annotated[str, StringConstraints(pattern=filters.COUNTRY_PATTERN)]
Year = Annotated[int, Field(ge=filters.YEAR_MIN, le=filters.YEAR_MAX)]
