"""`/api/v1/partnerships` and `/api/v1/partnerships/{slug}`: every field, every filter, pages
and their Link header, errors in English, published stories only, the OpenAPI document and
query counts."""

import pytest

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import FundingProgramme, PartnerPlace, Partnership
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/partnerships"


def get_json(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def slugs(data):
    return [p["slug"] for p in data["results"]]


def make(code, place, others=(), goals=(), **fields):
    partnership = Partnership.objects.create(
        municipality=Municipality.objects.get(code=code),
        partner_place=PartnerPlace.objects.get(name=place),
        **fields,
    )
    partnership.other_municipalities.set(Municipality.objects.filter(code__in=others))
    partnership.goals.set(Goal.objects.filter(slug__in=goals))
    return partnership


@pytest.fixture
def partnerships():
    """Östhammar–Poti with Kristinehamn (2008–2014, completed, ICLD, sdg-11), Nacka–Kisumu
    (2012 on, ongoing, Sida, sdg-6) and Kristinehamn–Kampala (nothing known)."""
    return {
        "poti": make(
            "0382",
            "Poti",
            others=["1781"],
            goals=["sdg-11", "mdg-7"],
            start_year=2008,
            end_year=2014,
            status="completed",
            funding_programme=FundingProgramme.objects.get(slug="icld"),
            description="Räddningstjänst och miljö.",
        ),
        "kisumu": make(
            "0182",
            "Kisumu",
            goals=["sdg-6"],
            start_year=2012,
            status="ongoing",
            funding_programme=FundingProgramme.objects.get(slug="sida"),
        ),
        "kampala": make("1781", "Kampala"),
    }


def test_the_list_is_by_municipality_and_place_with_pages_and_link_headers(client, partnerships):
    first = client.get(f"{URL}?page_size=2")
    data = first.json()
    assert data["count"] == 3 and data["pages"] == 2 and data["previous"] is None
    assert slugs(data) == ["kristinehamn-kampala", "nacka-kisumu"]
    assert data["next"].endswith("/api/v1/partnerships?page_size=2&page=2")
    assert first["Link"] == f'<{data["next"]}>; rel="next"'
    second = client.get(data["next"])
    assert slugs(second.json()) == ["osthammar-poti"]
    assert second["Link"] == f'<{second.json()["previous"]}>; rel="prev"'
    assert "Link" not in client.get(URL)
    get_json(client, f"{URL}?page=3&page_size=2", status=404)


def test_a_partnership_has_every_field(client, partnerships):
    story = StoryPageFactory(municipality_code="0382", title="Brandskydd i Poti")
    story.partnerships.set([partnerships["poti"]])
    story.save()
    hidden = StoryPageFactory(municipality_code="0382", title="Utkast")
    hidden.partnerships.set([partnerships["poti"]])
    hidden.save()
    hidden.unpublish()

    data = get_json(client, f"{URL}/osthammar-poti")
    assert data["slug"] == "osthammar-poti"
    assert data["url"] == "http://testserver/samarbeten/osthammar-poti/"
    assert [(m["code"], m["slug"], m["name"], m["role"]) for m in data["municipalities"]] == [
        ("0382", "osthammar", "Östhammar", "lead"),
        ("1781", "kristinehamn", "Kristinehamn", "partner"),
    ]
    assert data["municipalities"][0]["url"].endswith("/kommuner/osthammar/")
    place = data["partner_place"]
    assert (place["slug"], place["name"], place["country"]["code"]) == ("poti", "Poti", "GE")
    assert place["country"]["name_sv"] == "Georgien"
    assert isinstance(place["latitude"], float) and isinstance(place["longitude"], float)
    assert (data["start_year"], data["end_year"], data["status"]) == (2008, 2014, "completed")
    assert data["funding_programme"] == {"slug": "icld", "name": "ICLD", "url": "https://icld.se/"}
    assert [g["code"] for g in data["goals"]] == ["sdg-11", "mdg-7"]
    assert data["description"] == "Räddningstjänst och miljö."
    assert data["stories"] == [
        {"id": story.pk, "title": "Brandskydd i Poti", "url": f"http://testserver{story.url}"}
    ]
    # The same object in the list.
    listed = next(p for p in get_json(client, URL)["results"] if p["slug"] == "osthammar-poti")
    assert listed == data


def test_unknown_facts_are_null(client, partnerships):
    data = get_json(client, f"{URL}/kristinehamn-kampala")
    assert data["start_year"] is None and data["end_year"] is None
    assert data["status"] is None and data["funding_programme"] is None
    assert data["goals"] == [] and data["stories"] == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=GE", ["osthammar-poti"]),
        ("country=GE&country=KE", ["nacka-kisumu", "osthammar-poti"]),
        ("municipality=0382", ["osthammar-poti"]),
        # Kristinehamn leads one and takes part in another.
        ("municipality=1781", ["kristinehamn-kampala", "osthammar-poti"]),
        ("county=01", ["nacka-kisumu"]),
        # By slug, as in the site's addresses, too.
        ("municipality=kristinehamn", ["kristinehamn-kampala", "osthammar-poti"]),
        ("municipality=nacka&municipality=0382", ["nacka-kisumu", "osthammar-poti"]),
        ("county=stockholm", ["nacka-kisumu"]),
        ("county=varmland&county=01", ["kristinehamn-kampala", "nacka-kisumu", "osthammar-poti"]),
        ("county=17", ["kristinehamn-kampala", "osthammar-poti"]),
        ("goal=sdg-6", ["nacka-kisumu"]),
        ("goal=mdg-7&goal=sdg-6", ["nacka-kisumu", "osthammar-poti"]),
        ("status=ongoing", ["nacka-kisumu"]),
        ("status=completed&status=planned", ["osthammar-poti"]),
        ("programme=icld", ["osthammar-poti"]),
        ("programme=egen-finansiering", []),
        # Active in those years; unknown years are never active.
        ("year_from=2015", ["nacka-kisumu"]),
        ("year_to=2010", ["osthammar-poti"]),
        ("year_from=2013&year_to=2013", ["nacka-kisumu", "osthammar-poti"]),
        ("year_from=2015&year_to=2020&country=GE", []),
        # Years in the wrong order hold no year.
        ("year_from=2014&year_to=2008", []),
        ("municipality=1781&status=completed", ["osthammar-poti"]),
    ],
)
def test_filters(client, partnerships, query, expected):
    data = get_json(client, f"{URL}?{query}")
    assert slugs(data) == expected
    assert data["count"] == len(expected)


def test_the_year_filters_agree_with_the_queryset(client, partnerships):
    for year in range(2005, 2022):
        data = get_json(client, f"{URL}?year_from={year}&year_to={year}")
        assert set(slugs(data)) == set(
            Partnership.objects.active_in(year).values_list("slug", flat=True)
        ), year


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("country=ge", "country", "ISO 3166-1 alpha-2"),
        ("country=XX", "country", "no country with that code"),
        ("municipality=0000", "municipality", "no municipality with that code or slug"),
        ("municipality=nowhere", "municipality", "no municipality with that code or slug"),
        ("municipality=Östhammar", "municipality", "SCB municipality code"),
        ("county=99", "county", "no county with that code or slug"),
        ("county=lappland", "county", "no county with that code or slug"),
        ("goal=sdg-18", "goal", "goal code"),
        ("status=done", "status", "planned, ongoing, completed or discontinued"),
        ("programme=nope", "programme", "no funding programme with that code"),
        ("programme=ICLD!", "programme", "funding programme's slug"),
        ("year_from=abc", "year_from", "a year from"),
        ("year_to=1800", "year_to", "a year from"),
        ("page_size=101", "page_size", "from 1 to 100"),
        ("colour=red", None, "Unknown query parameter 'colour'"),
    ],
)
def test_bad_filter_values_are_a_400_in_english(client, partnerships, query, parameter, words):
    data = get_json(client, f"{URL}?{query}", status=400)
    assert words in data["detail"]
    if parameter:
        assert data["errors"][0]["parameter"] == parameter


def test_a_goal_code_the_goals_no_longer_have_is_a_400(client, partnerships):
    """As for the stories: a code the OpenAPI document once listed but no goal has now (an
    editor renamed it) is refused, not read as matching nothing."""
    Goal.objects.filter(slug="sdg-5").update(slug="sdg-5-renamed")
    data = get_json(client, f"{URL}?goal=sdg-4&goal=sdg-5", status=400)
    assert data["detail"] == "goal='sdg-5': there is no goal with that code."
    assert data["errors"][0]["parameter"] == "goal"


def test_each_filter_has_its_own_count(client, partnerships):
    """The counts are kept between requests, one for each set of filters."""
    for query in ("", "status=ongoing", "status=completed", "country=KE", "year_from=2015"):
        data = get_json(client, f"{URL}?{query}")
        assert data["count"] == len(slugs(data)), query
    both = get_json(client, f"{URL}?status=ongoing&status=completed")
    assert both["count"] == len(slugs(both))


def test_an_unknown_slug_is_a_json_404(client, partnerships):
    data = get_json(client, f"{URL}/nowhere-at-all", status=404)
    assert data["detail"] == "There is no partnership with the slug 'nowhere-at-all'."
    assert get_json(client, f"{URL}/Not%20a%20slug", status=400)["detail"]


def test_the_index_and_the_openapi_document_list_the_partnerships(client):
    index = get_json(client, "/api/v1/")
    assert index["endpoints"]["partnerships"].endswith("/api/v1/partnerships")
    schema = get_json(client, "/api/v1/openapi.json")
    assert "/api/v1/partnerships" in schema["paths"]
    assert "/api/v1/partnerships/{slug}" in schema["paths"]
    parameters = {
        p["name"]: p for p in schema["paths"]["/api/v1/partnerships"]["get"]["parameters"]
    }
    assert set(parameters) == {
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
    }
    assert parameters["status"]["schema"]["items"]["enum"] == [
        "planned",
        "ongoing",
        "completed",
        "discontinued",
    ]
    assert parameters["programme"]["schema"]["items"]["enum"] == sorted(
        FundingProgramme.objects.values_list("slug", flat=True)
    )
    municipalities = parameters["municipality"]["schema"]["items"]["enum"]
    assert "0382" in municipalities and "osthammar" in municipalities
    assert "stockholm" in parameters["county"]["schema"]["items"]["enum"]
    stories = {p["name"]: p for p in schema["paths"]["/api/v1/stories"]["get"]["parameters"]}
    assert "osthammar" not in stories["municipality"]["schema"]["items"]["enum"]
    assert "Partnership" in schema["components"]["schemas"]


def test_the_query_count_does_not_grow_with_the_partnerships(count_queries, partnerships):
    _, few = count_queries(URL)
    places = list(PartnerPlace.objects.exclude(partnerships__isnull=False).order_by("pk")[:12])
    assert len(places) >= 5
    for i, place in enumerate(places):
        partnership = make(
            ["0382", "0182", "1781"][i % 3], place.name, others=["0128"], goals=["sdg-1"]
        )
        story = StoryPageFactory(municipality_code=partnership.municipality.code)
        story.partnerships.set([partnership])
        story.save()
    response, many = count_queries(f"{URL}?page_size=20")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3 + len(places)
    assert many == few
    assert many <= 15
    _, filtered = count_queries(f"{URL}?country=GE&municipality=0382&goal=sdg-1&year_from=2000")
    assert filtered <= 20


def test_the_list_is_by_lead_municipality_then_place_whatever_the_order_of_entry(
    client, partnerships
):
    make("1781", "Poti")  # Kristinehamn's second partnership, entered after Kampala's
    make("0382", "Kampala")  # Östhammar's second, entered after Poti's
    assert slugs(get_json(client, URL)) == [
        "kristinehamn-kampala",
        "kristinehamn-poti",
        "nacka-kisumu",
        "osthammar-kampala",
        "osthammar-poti",
    ]


def test_partner_municipalities_and_stories_are_in_name_and_title_order(client):
    poti = make("0382", "Poti", others=["1781", "0182"])  # Nacka's code comes first
    for title in ("Räddningstjänst i Poti", "Avfall i Poti"):
        story = StoryPageFactory(municipality_code="0382", title=title)
        story.partnerships.set([poti])
        story.save()
    data = get_json(client, f"{URL}/{poti.slug}")
    assert [m["name"] for m in data["municipalities"]] == ["Östhammar", "Kristinehamn", "Nacka"]
    assert [s["title"] for s in data["stories"]] == ["Avfall i Poti", "Räddningstjänst i Poti"]
