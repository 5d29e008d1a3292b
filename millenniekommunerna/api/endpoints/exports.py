"""`/exports/stories.csv` and `.json`: every published story, streamed; `/exports/
partnerships.csv` and `.json`: every partnership."""

import hashlib
import json

from ninja import Router

from .. import exports, partnership_exports, representation, schemas
from ..service import (
    API_VERSION,
    data_last_modified,
    refuse_unknown_parameters,
    set_last_modified,
)

router = Router()


def export_validators(kind="stories"):
    """Last-Modified and a weak ETag for the exports, from the data's version rather than the
    body (which is streamed and never held whole)."""
    from millenniekommunerna.partnerships.models import Partnership
    from millenniekommunerna.stories.models import StoryPage

    moment = data_last_modified()
    if kind == "partnerships":
        live = Partnership.objects.count()
    else:
        live = StoryPage.objects.published().public().count()
    digest = hashlib.sha256(
        json.dumps([moment.isoformat() if moment else "", live, API_VERSION, kind]).encode()
    ).hexdigest()[:32]
    return moment, f'W/"{digest}"'


@router.get(
    "/exports/stories.csv",
    tags=["exports"],
    summary="Every published story as CSV (streamed)",
    description=f"Columns: {', '.join(exports.CSV_COLUMNS)}. UTF-8, comma-separated, "
    "RFC 4180 quoting; lists within a cell are separated by `;`. Text cells that would start "
    "with `=`, `+`, `-` or `@` get a leading `'` so spreadsheets do not run them as formulas.",
    response={400: schemas.Error, 429: schemas.Error},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The stories, one per row, oldest id first.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def export_csv(request):
    refuse_unknown_parameters(request, ())
    moment, etag = export_validators()
    response = exports.csv_response(representation.Context.for_request(request))
    set_last_modified(response, moment)
    response["ETag"] = etag
    return response


@router.get(
    "/exports/stories.json",
    tags=["exports"],
    summary="Every published story as a JSON array (streamed)",
    description="The same objects as `/api/v1/stories/{id}`, oldest id first.",
    response={200: list[schemas.Story], 400: schemas.Error, 429: schemas.Error},
)
def export_json(request):
    refuse_unknown_parameters(request, ())
    moment, etag = export_validators()
    response = exports.json_response(representation.Context.for_request(request))
    set_last_modified(response, moment)
    response["ETag"] = etag
    return response


@router.get(
    "/exports/partnerships.csv",
    tags=["exports"],
    summary="Every partnership as CSV (streamed)",
    description=f"Columns: {', '.join(partnership_exports.CSV_COLUMNS)}. UTF-8, comma-separated, "
    "RFC 4180 quoting; lists within a cell are separated by `;`. Text cells that would start "
    "with `=`, `+`, `-` or `@` get a leading `'` so spreadsheets do not run them as formulas.",
    response={400: schemas.Error, 429: schemas.Error},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The partnerships, one per row, oldest first.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def export_partnerships_csv(request):
    refuse_unknown_parameters(request, ())
    moment, etag = export_validators("partnerships")
    response = partnership_exports.csv_response(representation.Context.for_request(request))
    set_last_modified(response, moment)
    response["ETag"] = etag
    return response


@router.get(
    "/exports/partnerships.json",
    tags=["exports"],
    summary="Every partnership as a JSON array (streamed)",
    description="The same objects as `/api/v1/partnerships/{slug}`, oldest first.",
    response={200: list[schemas.Partnership], 400: schemas.Error, 429: schemas.Error},
)
def export_partnerships_json(request):
    refuse_unknown_parameters(request, ())
    moment, etag = export_validators("partnerships")
    response = partnership_exports.json_response(representation.Context.for_request(request))
    set_last_modified(response, moment)
    response["ETag"] = etag
    return response
