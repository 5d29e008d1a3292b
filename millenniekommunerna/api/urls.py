from django.http import JsonResponse
from django.urls import path, re_path, reverse

from millenniekommunerna.core import public_url

from .api import api, licence
from .middleware import json_error


def not_found(request, *args, **kwargs):
    return json_error(404, "Not found: see /api/v1/docs for the endpoints.")


def index(request):
    """`/api/v1/`: where everything is, for someone who starts at the top."""

    def url(name):
        return public_url.absolute(reverse(f"api-v1:{name}"), request)

    return JsonResponse(
        {
            "documentation": url("openapi-view"),
            "openapi": url("openapi-json"),
            "licence": licence(),
            "endpoints": {
                "stories": url("list_stories"),
                "municipalities": url("list_municipalities"),
                "counties": url("list_counties"),
                "goals": url("list_goals"),
                "partner_places": url("list_partner_places"),
                "partnerships": url("list_partnerships"),
                "export_csv": url("export_csv"),
                "export_json": url("export_json"),
                "export_partnerships_csv": url("export_partnerships_csv"),
                "export_partnerships_json": url("export_partnerships_json"),
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


urlpatterns = [
    path("api/v1/", index, name="api-index"),
    path("api/v1/", api.urls),
    # Anything else under /api/ is a JSON 404, never a redirect to a slash-ended page URL.
    re_path(r"^api/", not_found),
]
