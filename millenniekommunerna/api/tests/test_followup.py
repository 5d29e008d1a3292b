"""What came of a story's work in the API and the exports: status, results, lessons learned,
contact, review, the stories it was adapted from and by, and its partnerships; in a number
of queries that does not grow with the stories."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from millenniekommunerna.api import exports
from millenniekommunerna.api.representation import Context
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership
from millenniekommunerna.stories.factories import StoryPageFactory, StoryResultFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

STORIES = "/api/v1/stories"


def partnership(slug):
    """A partnership of Kristinehamn with a place it has none with yet."""
    from millenniekommunerna.municipalities.models import Municipality

    kristinehamn = Municipality.objects.get(code="1781")
    place = PartnerPlace.objects.exclude(partnerships__municipality=kristinehamn).first()
    return Partnership.objects.create(slug=slug, municipality=kristinehamn, partner_place=place)


@pytest.fixture
def followed_up():
    """A story with everything that can come of it, an idea it took from another story and
    one story that took the idea further."""
    source = StoryPageFactory(title="Vågen i matsalen", municipality_code="0182")
    story = StoryPageFactory(
        title="Matsvinnet halveras",
        municipality_code="1781",
        status="completed",
        lessons_learned="Eleverna själva vägde maten.",
        contact_role="Miljöstrateg",
        contact_organisation="Kristinehamns kommun",
        last_reviewed_at=timezone.now() - timedelta(days=400),
        adapted_from=source,
    )
    StoryResultFactory(page=story, sort_order=0)
    StoryResultFactory(
        page=story,
        indicator="Andel ekologiskt",
        unit="%",
        baseline_value=Decimal("12.250"),
        baseline_year=2010,
        latest_value=Decimal("1234.5"),
        latest_year=2015,
        source="",
        sort_order=1,
    )
    follower = StoryPageFactory(title="Vi vägde också", adapted_from=story)
    draft_follower = StoryPageFactory(title="Utkast som också väger", adapted_from=story)
    draft_follower.unpublish()
    story.partnerships.set([partnership("kristinehamn-kisumu"), partnership("b-samarbete")])
    story.save()
    return {"story": story, "source": source, "follower": follower}


def test_a_story_says_what_came_of_its_work(client, followed_up):
    story, source, follower = (followed_up[k] for k in ("story", "source", "follower"))
    data = client.get(f"{STORIES}/{story.pk}").json()
    assert data["status"] == "completed"
    assert data["results"] == [
        {
            "indicator": "Matsvinn per elev och dag",
            "unit": "g",
            "baseline_value": 62.0,
            "baseline_year": 2011,
            "latest_value": 38.5,
            "latest_year": 2014,
            "source": "Kostenheten",
        },
        {
            "indicator": "Andel ekologiskt",
            "unit": "%",
            "baseline_value": 12.25,
            "baseline_year": 2010,
            "latest_value": 1234.5,
            "latest_year": 2015,
            "source": "",
        },
    ]
    assert data["lessons_learned"] == "Eleverna själva vägde maten."
    assert data["contact"] == {"role": "Miljöstrateg", "organisation": "Kristinehamns kommun"}
    assert data["last_reviewed_at"].endswith("Z")
    assert (data["review_state"], data["out_of_date"]) == ("due", False)
    assert data["adapted_from"] == {
        "id": source.pk,
        "title": "Vågen i matsalen",
        "url": f"http://testserver{source.url}",
    }
    # Only published stories are named: the draft that took the idea is not.
    assert data["adapted_by"] == [
        {"id": follower.pk, "title": "Vi vägde också", "url": f"http://testserver{follower.url}"}
    ]
    assert data["partnerships"] == [
        {"slug": "b-samarbete", "url": "http://testserver/samarbeten/b-samarbete/"},
        {"slug": "kristinehamn-kisumu", "url": "http://testserver/samarbeten/kristinehamn-kisumu/"},
    ]
    # The list shows each story as its detail does.
    listed = client.get(STORIES, {"page_size": 50}).json()["results"]
    assert next(item for item in listed if item["id"] == story.pk) == data


def test_a_story_with_nothing_reported_says_so_without_guessing(client):
    story = StoryPageFactory()
    data = client.get(f"{STORIES}/{story.pk}").json()
    assert data["status"] is None
    assert data["results"] == [] and data["adapted_by"] == [] and data["partnerships"] == []
    assert data["adapted_from"] is None
    assert data["contact"] == {"role": "", "organisation": ""}
    # Never reviewed: out of date.
    assert (data["last_reviewed_at"], data["review_state"], data["out_of_date"]) == (
        None,
        "out_of_date",
        True,
    )


def test_an_unpublished_source_story_is_not_named(client, followed_up):
    followed_up["source"].unpublish()
    data = client.get(f"{STORIES}/{followed_up['story'].pk}").json()
    assert data["adapted_from"] is None


@pytest.mark.parametrize(
    ("role", "organisation", "shown"),
    [
        ("anna@kommun.se", "Miljöenheten", {"role": "", "organisation": "Miljöenheten"}),
        ("Miljöstrateg", "anna@kommun.se", {"role": "Miljöstrateg", "organisation": ""}),
    ],
)
def test_an_address_in_the_contact_is_never_published(client, role, organisation, shown):
    story = StoryPageFactory(contact_role=role, contact_organisation=organisation)
    data = client.get(f"{STORIES}/{story.pk}").json()
    assert data["contact"] == shown
    assert "anna@kommun.se" not in json.dumps(data)


def test_results_are_in_the_editor_s_order_and_takers_by_title(client):
    """The results in the order the editor put them (not the order they were entered); the
    stories that took the idea further by title."""
    story = StoryPageFactory(title="Matsvinnet halveras")
    StoryResultFactory(page=story, indicator="Andra", sort_order=1)
    StoryResultFactory(page=story, indicator="Första", sort_order=0)
    for title in ("Vi vägde också", "Alla väger nu"):
        StoryPageFactory(title=title, adapted_from=story)
    data = client.get(f"{STORIES}/{story.pk}").json()
    assert [result["indicator"] for result in data["results"]] == ["Första", "Andra"]
    assert [other["title"] for other in data["adapted_by"]] == ["Alla väger nu", "Vi vägde också"]


def test_story_list_query_count_does_not_grow_with_results_and_links(count_queries):
    def make(n):
        for _ in range(n):
            source = StoryPageFactory()
            story = StoryPageFactory(adapted_from=source, status="ongoing")
            StoryResultFactory(page=story)
            StoryResultFactory(page=story, sort_order=1)
            StoryPageFactory(adapted_from=story)
            story.partnerships.set([partnership(f"samarbete-{story.pk}")])
            story.save()

    make(1)
    _, few = count_queries(f"{STORIES}?page_size=50")
    make(5)
    response, many = count_queries(f"{STORIES}?page_size=50")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 18
    assert many == few


def test_the_openapi_document_describes_what_came_of_the_work(client):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    story = schemas["Story"]["properties"]
    for name in (
        "status",
        "results",
        "lessons_learned",
        "contact",
        "last_reviewed_at",
        "review_state",
        "out_of_date",
        "adapted_from",
        "adapted_by",
        "partnerships",
    ):
        assert name in story, name
        assert name in schemas["Story"]["required"], name
    assert set(schemas["Result"]["properties"]) == {
        "indicator",
        "unit",
        "baseline_value",
        "baseline_year",
        "latest_value",
        "latest_year",
        "source",
    }
    assert set(schemas["Contact"]["properties"]) == {"role", "organisation"}
    assert set(schemas["StoryLink"]["properties"]) == {"id", "title", "url"}
    assert set(schemas["PartnershipLink"]["properties"]) == {"slug", "url"}
    status = story["status"]["anyOf"][0]
    assert status["enum"] == ["planned", "ongoing", "completed", "discontinued"]
    assert story["review_state"]["enum"] == ["current", "due", "out_of_date"]


# --- exports ------------------------------------------------------------------------------------


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_has_what_came_of_the_work_in_readable_cells(client, followed_up):
    story, source, follower = (followed_up[k] for k in ("story", "source", "follower"))
    rows = {
        int(row["id"]): row
        for row in csv.DictReader(io.StringIO(download(client, "/api/v1/exports/stories.csv")))
    }
    row = rows[story.pk]
    assert row["status"] == "completed"
    assert row["results"] == (
        "Matsvinn per elev och dag, g: 62 (2011) → 38,5 (2014), källa: Kostenheten; "
        "Andel ekologiskt, %: 12,25 (2010) → 1\xa0234,5 (2015)"
    )
    assert row["lessons_learned"] == "Eleverna själva vägde maten."
    assert (row["contact_role"], row["contact_organisation"]) == (
        "Miljöstrateg",
        "Kristinehamns kommun",
    )
    assert row["last_reviewed_at"].endswith("Z")
    assert (row["review_state"], row["out_of_date"]) == ("due", "false")
    assert row["adapted_from"] == str(source.pk)
    assert row["adapted_by"] == str(follower.pk)
    assert row["partnerships"] == "b-samarbete;kristinehamn-kisumu"
    empty = rows[follower.pk]
    assert (empty["status"], empty["results"], empty["adapted_by"], empty["partnerships"]) == (
        "",
        "",
        "",
        "",
    )
    assert (empty["review_state"], empty["out_of_date"]) == ("out_of_date", "true")


def test_a_result_without_a_unit_reads_without_one_in_the_csv(client):
    story = StoryPageFactory()
    StoryResultFactory(page=story, indicator="Antal skolor", unit="", source="")
    (row,) = csv.DictReader(io.StringIO(download(client, "/api/v1/exports/stories.csv")))
    assert row["results"] == "Antal skolor: 62 (2011) → 38,5 (2014)"


def test_json_export_has_what_came_of_the_work_as_the_api(client, followed_up):
    data = json.loads(download(client, "/api/v1/exports/stories.json"))
    item = next(item for item in data if item["id"] == followed_up["story"].pk)
    assert item == client.get(f"{STORIES}/{item['id']}").json()
    assert len(item["results"]) == 2 and item["status"] == "completed"


def test_exports_read_what_came_of_the_work_per_chunk_not_per_story(monkeypatch, rf):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 20)

    def make(n):
        for _ in range(n):
            story = StoryPageFactory(adapted_from=StoryPageFactory(), status="completed")
            StoryResultFactory(page=story)
            StoryResultFactory(page=story, sort_order=1)
            story.partnerships.set([partnership(f"samarbete-{story.pk}")])
            story.save()

    def queries(export):
        context = Context.for_request(rf.get("/"))
        list(export(context))  # renditions and caches are made on first use
        with CaptureQueriesContext(connection) as captured:
            list(export(context))
        return len(captured)

    make(1)  # two stories, one chunk
    few_csv, few_json = queries(exports.csv_lines), queries(exports.json_parts)
    make(7)  # sixteen stories, still one chunk
    assert StoryPage.objects.live().count() == 16
    assert queries(exports.csv_lines) == few_csv
    assert queries(exports.json_parts) == few_json


def test_the_review_state_filter(client):
    """Current, due for review (after 12 months) or out of date (after 24, or never
    reviewed), as the story pages and the listing's "Aktualitet" facet say."""
    now = timezone.now()
    current = StoryPageFactory(last_reviewed_at=now - timedelta(days=30))
    due = StoryPageFactory(last_reviewed_at=now - timedelta(days=400))
    old = StoryPageFactory(last_reviewed_at=now - timedelta(days=800))
    never = StoryPageFactory(last_reviewed_at=None)

    def found(query):
        data = client.get(f"{STORIES}?{query}").json()
        assert data["count"] == len(data["results"])
        return {item["id"] for item in data["results"]}

    assert found("review_state=current") == {current.pk}
    assert found("review_state=due") == {due.pk}
    assert found("review_state=out_of_date") == {old.pk, never.pk}
    assert found("") == {current.pk, due.pk, old.pk, never.pk}
    response = client.get(f"{STORIES}?review_state=stale")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "review_state"


def test_the_review_state_filter_and_each_storys_review_state_agree_all_day(client, monkeypatch):
    """In the afternoon, a story last reviewed twelve months ago in the morning: the filter
    and the story's own `review_state` give it the same state."""
    from django.utils import timezone as django_timezone

    afternoon = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    monkeypatch.setattr(django_timezone, "now", lambda: afternoon)
    from millenniekommunerna.stories.models.review_state import months_before

    morning = months_before(afternoon, 12).replace(hour=10)
    story = StoryPageFactory(last_reviewed_at=morning)
    record = client.get(f"{STORIES}/{story.pk}").json()
    listed = {
        state: [
            item["id"] for item in client.get(f"{STORIES}?review_state={state}").json()["results"]
        ]
        for state in ("current", "due", "out_of_date")
    }
    assert listed[record["review_state"]] == [story.pk]
    assert [pk for found in listed.values() for pk in found] == [story.pk]


def test_the_count_of_a_review_state_is_renewed_each_day(client, monkeypatch):
    """The count of a filtered list is kept between requests; a story changes state at the
    start of a day without any publication, so the kept count is the day's."""
    from django.utils import timezone as django_timezone

    today = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    clock = [today]
    monkeypatch.setattr(django_timezone, "now", lambda: clock[0])
    StoryPageFactory(last_reviewed_at=today - timedelta(days=360))

    def due():
        data = client.get(f"{STORIES}?review_state=due").json()
        return data["count"], len(data["results"])

    assert due() == (0, 0)
    clock[0] = today + timedelta(days=10)  # twelve months since the review
    assert due() == (1, 1)
