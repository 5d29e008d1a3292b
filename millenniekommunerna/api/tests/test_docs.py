"""The OpenAPI document and the browsable documentation, which must load nothing from other
hosts."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = {
    "/api/v1/stories",
    "/api/v1/stories/{story_id}",
    "/api/v1/municipalities",
    "/api/v1/municipalities/{code}",
    "/api/v1/counties",
    "/api/v1/goals",
    "/api/v1/partner-places",
    "/api/v1/partnerships",
    "/api/v1/partnerships/{slug}",
    "/api/v1/exports/stories.csv",
    "/api/v1/exports/stories.json",
    "/api/v1/exports/partnerships.csv",
    "/api/v1/exports/partnerships.json",
}


def test_openapi_document_describes_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == EXPECTED_PATHS
    assert document["info"]["license"]["name"] == "CC BY 4.0"
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/stories"]["get"]["parameters"]}
    assert set(parameters) == {
        "municipality",
        "county",
        "goal",
        "country",
        "year",
        "updated_since",
        "review_state",
        "q",
        "page",
        "page_size",
    }
    # Repeatable filters are arrays of the codes that exist.
    assert parameters["goal"]["schema"]["type"] == "array"
    assert "sdg-12" in parameters["goal"]["schema"]["items"]["enum"]
    assert len(parameters["municipality"]["schema"]["items"]["enum"]) == 290
    for operation in (m["get"] for m in document["paths"].values()):
        assert "400" in operation["responses"]
        assert "429" in operation["responses"]


def test_openapi_licence_follows_the_setting(client, settings):
    settings.OPEN_DATA_LICENCE_NAME = "CC0 1.0"
    settings.OPEN_DATA_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
    licence = client.get("/api/v1/openapi.json").json()["info"]["license"]
    assert licence == {
        "name": "CC0 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }


def test_docs_page_loads_nothing_from_other_hosts(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls
    for url in urls:
        assert url.startswith(("/", "#")) and not url.startswith("//"), url
    assert "cdn" not in html.lower()
    assert '"validatorUrl": null' in html
    # The Swagger UI files are ours to serve.
    for name in ("ninja/swagger-ui.css", "ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js"):
        assert finders.find(name), name
    with open(finders.find("ninja/swagger-ui.css"), encoding="utf-8") as handle:
        css = handle.read()
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_docs_page_lists_the_endpoints_without_javascript(client):
    html = client.get("/api/v1/docs").content.decode()
    noscript = html[html.index("<noscript>") : html.index("</noscript>")]
    for path in ("/api/v1/stories", "/api/v1/municipalities/{code}", "/api/v1/exports/stories.csv"):
        assert path in noscript
    assert "updated_since" in noscript
