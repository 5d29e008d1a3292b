"""`/api/v1/exports/partnerships.csv` and `.json`: every partnership, streamed, the same as the
API says, listed on the open data page and in the API's index."""

import csv
import io
import json

import pytest

from millenniekommunerna.api import partnership_exports
from millenniekommunerna.partnerships.models import Partnership
from millenniekommunerna.stories.factories import StoryPageFactory

from .test_partnerships import make, partnerships  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

CSV_URL = "/api/v1/exports/partnerships.csv"
JSON_URL = "/api/v1/exports/partnerships.json"


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming  # never built whole in memory
    return response, b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_has_every_partnership_as_in_the_database(client, partnerships):  # noqa: F811
    story = StoryPageFactory(municipality_code="0382")
    story.partnerships.set([partnerships["poti"]])
    story.save()
    response, text = download(client, CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="millenniekommunerna-samarbeten.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(partnership_exports.CSV_COLUMNS)
    assert [r["slug"] for r in rows] == list(
        Partnership.objects.order_by("pk").values_list("slug", flat=True)
    )
    poti = next(r for r in rows if r["slug"] == "osthammar-poti")
    assert poti["url"] == "http://testserver/samarbeten/osthammar-poti/"
    assert (poti["municipality_code"], poti["municipality"]) == ("0382", "Östhammar")
    assert (poti["other_municipality_codes"], poti["other_municipalities"]) == (
        "1781",
        "Kristinehamn",
    )
    assert (poti["partner_place"], poti["country_code"], poti["country"]) == (
        "Poti",
        "GE",
        "Georgien",
    )
    assert float(poti["latitude"]) == partnerships["poti"].partner_place.latitude
    assert (poti["start_year"], poti["end_year"], poti["status"]) == ("2008", "2014", "completed")
    assert (poti["funding_programme"], poti["goals"]) == ("icld", "sdg-11;mdg-7")
    assert poti["description"] == "Räddningstjänst och miljö."
    assert poti["story_ids"] == str(story.pk)
    kampala = next(r for r in rows if r["slug"] == "kristinehamn-kampala")
    assert (kampala["start_year"], kampala["status"], kampala["funding_programme"]) == ("", "", "")


def test_csv_cells_never_start_a_spreadsheet_formula(client, partnerships):  # noqa: F811
    partnerships["kampala"].description = "=HYPERLINK(1)"
    partnerships["kampala"].save()
    _, text = download(client, CSV_URL)
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["slug"] == "kristinehamn-kampala")
    assert row["description"] == "'=HYPERLINK(1)"


def test_json_export_is_the_api_objects(client, partnerships):  # noqa: F811
    response, text = download(client, JSON_URL)
    assert response["Content-Type"] == "application/json"
    assert 'filename="millenniekommunerna-samarbeten.json"' in response["Content-Disposition"]
    exported = json.loads(text)
    assert [p["slug"] for p in exported] == list(
        Partnership.objects.order_by("pk").values_list("slug", flat=True)
    )
    for item in exported:
        assert item == client.get(f"/api/v1/partnerships/{item['slug']}").json()


def test_an_empty_export_is_valid(client):
    Partnership.objects.all().delete()
    _, text = download(client, JSON_URL)
    assert json.loads(text) == []
    _, text = download(client, CSV_URL)
    assert text.strip() == ",".join(partnership_exports.CSV_COLUMNS)


def test_exports_have_validators_and_refuse_parameters(client, partnerships):  # noqa: F811
    response = client.get(CSV_URL)
    etag = response["ETag"]
    assert etag.startswith('W/"') and etag != client.get("/api/v1/exports/stories.csv")["ETag"]
    assert client.get(CSV_URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    partnerships["kampala"].delete()
    assert client.get(CSV_URL)["ETag"] != etag
    assert client.get(f"{JSON_URL}?page=2").status_code == 400


def test_the_exports_are_listed_with_the_story_exports(client):
    html = client.get("/oppna-data/").content.decode()
    for link in (CSV_URL, JSON_URL, "/api/v1/partnerships"):
        assert f'href="{link}"' in html, link
    assert "Ladda ner alla samarbeten" in html
    endpoints = client.get("/api/v1/").json()["endpoints"]
    assert endpoints["export_partnerships_csv"].endswith(CSV_URL)
    assert endpoints["export_partnerships_json"].endswith(JSON_URL)


def test_the_open_data_page_documents_every_partnership_column(client):
    from millenniekommunerna.api.models import PARTNERSHIP_FIELD_DESCRIPTIONS

    assert tuple(PARTNERSHIP_FIELD_DESCRIPTIONS) == partnership_exports.CSV_COLUMNS
    html = client.get("/oppna-data/").content.decode()
    section = html[html.index('id="partnership-fields-caption"') :]
    for column in partnership_exports.CSV_COLUMNS:
        assert f"<code>{column.replace('_', '_<wbr>')}</code>" in section, column
    assert "Kolumnerna i samarbetenas CSV-fil." in html
