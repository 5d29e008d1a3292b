import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from millenniekommunerna.api import exports
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

CSV_URL = "/api/v1/exports/stories.csv"
JSON_URL = "/api/v1/exports/stories.json"


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming  # never built whole in memory
    return response, b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_has_every_published_story_as_in_the_database(client, make_rich_story):
    rich = make_rich_story(title="Matsvinn i Kristinehamn")
    plain = StoryPageFactory(municipality_code="0182", title="Nacka, Kisumu och vatten")
    hidden = StoryPageFactory(title="Opublicerad")
    hidden.unpublish()

    response, text = download(client, CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="millenniekommunerna-berattelser.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0].keys()) == list(exports.CSV_COLUMNS)
    assert [int(r["id"]) for r in rows] == [rich.pk, plain.pk]

    first = rows[0]
    db = StoryPage.objects.get(pk=rich.pk)
    assert first["title"] == db.title
    assert first["url"] == "http://testserver" + db.url
    assert first["municipality_code"] == "1781"
    assert first["municipality"] == "Kristinehamn"
    assert (first["county_code"], first["county"]) == ("17", "Värmlands län")
    assert first["goals"] == "sdg-12;mdg-7"
    assert first["partner_places"] == "Kisumu"
    assert first["countries"] == "KE;ZA"
    assert (first["year_start"], first["year_end"]) == ("2012", "2015")
    assert first["teaser"] == db.teaser
    assert first["body_text"].startswith("Hur det började\n\nEleverna vägde maten")
    assert first["image_url"].startswith("http://testserver/media/images/")
    assert first["image_alt"] == db.hero_image.description
    assert first["first_published_at"].endswith("Z")
    assert rows[1]["title"] == "Nacka, Kisumu och vatten"  # a comma, quoted
    assert "Opublicerad" not in text


def test_csv_cells_never_start_a_spreadsheet_formula(client):
    StoryPageFactory(title='=HYPERLINK("http://example.org")', teaser="-1 ton per år.")
    _, text = download(client, CSV_URL)
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["title"] == '\'=HYPERLINK("http://example.org")'
    assert row["teaser"] == "'-1 ton per år."


def test_json_export_is_the_api_story_for_every_published_story(client, make_rich_story):
    stories = [make_rich_story(), StoryPageFactory(), StoryPageFactory(municipality_code="2514")]
    hidden = StoryPageFactory()
    hidden.unpublish()
    response, text = download(client, JSON_URL)
    assert response["Content-Type"] == "application/json"
    data = json.loads(text)
    assert [s["id"] for s in data] == [s.pk for s in stories]
    for item in data:
        assert item == client.get(f"/api/v1/stories/{item['id']}").json()


def test_exports_of_no_stories_are_valid_files(client):
    _, text = download(client, JSON_URL)
    assert json.loads(text) == []
    _, text = download(client, CSV_URL)
    assert text.strip() == ",".join(exports.CSV_COLUMNS)


def test_exports_carry_validators_and_answer_304(client):
    StoryPageFactory()
    response = client.get(JSON_URL)
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"]
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get(JSON_URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_exports_read_the_database_in_chunks_not_per_story(make_rich_story, monkeypatch, rf):
    """The queries grow with the number of chunks, never with the number of stories in one."""
    from millenniekommunerna.api.representation import Context

    monkeypatch.setattr(exports, "CHUNK_SIZE", 4)
    for _ in range(4):
        make_rich_story()
    context = Context.for_request(rf.get("/"))
    list(exports.json_parts(context))  # renditions are made on first use
    with CaptureQueriesContext(connection) as one_chunk:
        list(exports.json_parts(context))
    for _ in range(4):
        make_rich_story()
    list(exports.json_parts(context))
    with CaptureQueriesContext(connection) as two_chunks:
        list(exports.json_parts(context))
    per_chunk = len(two_chunks) - len(one_chunk)
    assert per_chunk <= len(one_chunk)
    with CaptureQueriesContext(connection) as csv_queries:
        list(exports.csv_lines(context))
    assert len(csv_queries) <= len(two_chunks)


def test_head_of_an_export_reads_no_stories(client, django_assert_max_num_queries):
    for _ in range(3):
        StoryPageFactory()
    with django_assert_max_num_queries(8):
        response = client.head(CSV_URL)
        assert b"".join(response.streaming_content) == b""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
