"""Contract tests of the read API: every endpoint and filter, errors, published content only,
caching headers, CORS, HEAD and query counts."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction, Site

from millenniekommunerna.api.representation import iso, publication_data
from millenniekommunerna.editorial.translation import translate_story
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import Country, PartnerPlace, Partnership
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage, StoryReviewFlag

pytestmark = pytest.mark.django_db

STORIES = "/api/v1/stories"


def get_json(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def ids(data):
    return [story["id"] for story in data["results"]]


def story(**kwargs):
    goals = kwargs.pop("goal_codes", None)
    if goals is not None:
        kwargs["goals"] = list(Goal.objects.filter(slug__in=goals))
    # A published page has both dates (the factory sets only the first).
    kwargs.setdefault("first_published_at", timezone.now())
    kwargs.setdefault("last_published_at", kwargs["first_published_at"])
    return StoryPageFactory(**kwargs)


# --- stories: list, pages, ordering -------------------------------------------------------------


def test_story_list_is_newest_first_with_a_total_and_links_between_pages(client):
    now = timezone.now()
    made = [story(first_published_at=now - timedelta(days=i)) for i in range(5)]
    same_time = [story(first_published_at=now - timedelta(days=10)) for _ in range(2)]

    first = get_json(client, f"{STORIES}?page_size=3")
    assert first["count"] == 7
    assert first["pages"] == 3
    assert first["page"] == 1 and first["page_size"] == 3
    assert first["previous"] is None
    assert first["next"].endswith("/api/v1/stories?page_size=3&page=2")
    second = get_json(client, first["next"])
    third = get_json(client, second["next"])
    assert third["next"] is None
    assert second["previous"].endswith("page=1")
    # Newest first; stories published at the same moment in a fixed order (higher id first),
    # so that pages never overlap or leave a story out.
    expected = [s.pk for s in made] + sorted((s.pk for s in same_time), reverse=True)
    assert ids(first) + ids(second) + ids(third) == expected


def test_story_list_is_by_the_day_of_first_publication_wherever_that_was(client):
    """A story first published at its source in 2013 and imported today comes after one
    written here yesterday; of two stories of the same day the later one comes first, whichever
    was entered first; a story whose source date is unknown comes last."""
    now = timezone.now()
    today_noon = now.replace(hour=12, minute=0, second=0, microsecond=0)
    unknown = story(source_name="Okänd källa", source_date_precision="unknown")
    imported = story(
        source_name="millenniekommun.se",
        source_date_precision="day",
        source_date_start=date(2013, 4, 2),
        source_date_end=date(2013, 4, 2),
        first_published_at=now,
    )
    later_in_the_day = story(first_published_at=today_noon - timedelta(days=1, hours=-2))
    earlier_in_the_day = story(first_published_at=today_noon - timedelta(days=1, hours=2))
    assert ids(get_json(client, STORIES)) == [
        later_in_the_day.pk,
        earlier_in_the_day.pk,
        imported.pk,
        unknown.pk,
    ]


def test_story_list_page_out_of_range_is_a_json_404(client):
    story()
    data = get_json(client, f"{STORIES}?page=3", status=404)
    assert "There is no page 3" in data["detail"]


def test_story_list_of_an_empty_database_is_one_empty_page(client):
    data = get_json(client, STORIES)
    assert data == {
        "count": 0,
        "page": 1,
        "page_size": 20,
        "pages": 1,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_story_has_everything_the_contract_promises(client, make_rich_story):
    made = make_rich_story(title="Matsvinnet halverat", teaser="Eleverna vägde maten.")
    data = get_json(client, f"{STORIES}/{made.pk}")
    assert data["id"] == made.pk
    assert data["url"] == f"http://testserver/kommuner/kristinehamn/{made.slug}/"
    assert data["title"] == "Matsvinnet halverat"
    assert data["language"] == "sv"
    assert data["municipality"] == {
        "code": "1781",
        "name": "Kristinehamn",
        "official_name": "Kristinehamns kommun",
        "county": {"code": "17", "name": "Värmlands län"},
        "url": "http://testserver/kommuner/kristinehamn/",
    }
    assert [g["code"] for g in data["goals"]] == ["sdg-12", "mdg-7"]
    assert data["goals"][0]["url"] == "http://testserver/mal/sdg-12/"
    assert data["goals"][0]["name_en"] == "Responsible consumption and production"
    kisumu = data["partner_places"][0]
    assert kisumu["name"] == "Kisumu" and kisumu["country"]["code"] == "KE"
    assert isinstance(kisumu["latitude"], float)
    assert [c["code"] for c in data["countries"]] == ["ZA"]
    assert (data["year_start"], data["year_end"]) == (2012, 2015)
    assert data["teaser"] == "Eleverna vägde maten."
    assert data["first_published_at"].endswith("Z")
    assert data["last_published_at"].endswith("Z")

    html = data["body_html"]
    assert "<h2>Hur det började</h2>" in html
    assert "vägde maten &amp; slängde mindre" in html
    assert 'href="https://example.org/matsvinn"' in html
    assert 'src="http://testserver/media/images/' in html  # absolute: it is for other sites
    assert 'alt="Elever väger matrester"' in html
    # The words of the site's own templates in the site's language, as the page says them.
    assert "Källa: Kommunen" in html and "Foto: Anna Berg" in html
    # Every candidate of the body image's srcset absolute too, with its width kept.
    (srcset,) = re.findall(r'srcset="([^"]*)"', html)
    candidates = srcset.split(", ")
    assert len(candidates) == 3  # one for each of the widths the site shows
    assert all(re.fullmatch(r"http://testserver/media/images/\S+ \d+w", c) for c in candidates)
    # One paragraph per block, list items on lines of their own, the image by its caption.
    assert data["body_text"] == (
        "Hur det började\n\n"
        "Eleverna vägde maten & slängde mindre. Läs mer om matsvinn.\nEtt\nTvå\n\n"
        "Vågen i matsalen\n\n"
        "”Det var eleverna som frågade” – Rektor\n\n"
        "10 ton – slängs varje år (Kommunen)"
    )

    main, in_body = data["images"]
    assert main["role"] == "main"
    assert main["alt"] == "Elever sorterar matrester i skolans matsal"
    assert main["caption"] == ""  # a main image has no caption of its own
    assert in_body["role"] == "body"
    assert in_body["alt"] == "Elever väger matrester"
    assert in_body["caption"] == "Vågen i matsalen"
    assert in_body["credit"] == "Anna Berg"
    assert [r["width"] for r in main["renditions"]] == sorted(
        r["width"] for r in main["renditions"]
    )
    assert main["renditions"][0]["url"].startswith("http://testserver/media/images/")
    assert main["renditions"][0]["format"] == "webp"


def test_an_image_whose_file_is_missing_is_described_without_files(client, make_rich_story, caplog):
    made = make_rich_story()
    made.hero_image.file.storage.delete(made.hero_image.file.name)
    data = get_json(client, f"{STORIES}/{made.pk}")
    main = data["images"][0]
    assert main["role"] == "main"
    assert main["alt"] == "Elever sorterar matrester i skolans matsal"
    assert main["renditions"] == []
    assert f"Image {made.hero_image.pk} has no original file; no renditions in the API." in [
        record.getMessage() for record in caplog.records
    ]


def test_a_decorative_image_has_an_empty_alt_text_whatever_the_block_holds(client, make_rich_story):
    from millenniekommunerna.images.factories import CustomImageFactory

    image = CustomImageFactory()
    block = {"image": image.pk, "alt_text": "Ett staket", "decorative": True}
    gone = CustomImageFactory()
    made = make_rich_story(
        hero_image=CustomImageFactory(is_decorative=True),
        body=[
            {"type": "image", "value": {"image": {**block, "image": gone.pk}, "caption": "Borta"}},
            {"type": "image", "value": {"image": block, "caption": ""}},
        ],
    )
    gone.delete()  # an image deleted from the library leaves its block empty
    data = get_json(client, f"{STORIES}/{made.pk}")
    main, in_body = data["images"]
    assert main["decorative"] is True
    assert main["alt"] == "" and main["credit"] == ""
    assert in_body["decorative"] is True
    assert in_body["alt"] == ""
    assert in_body["caption"] == ""


@pytest.mark.parametrize("media_url", ["https://media.example.org/", "//media.example.org/"])
def test_images_served_from_another_host_keep_their_own_addresses(
    client, make_rich_story, settings, media_url
):
    settings.MEDIA_URL = media_url
    made = make_rich_story()
    data = get_json(client, f"{STORIES}/{made.pk}")
    urls = [r["url"] for image in data["images"] for r in image["renditions"]]
    assert urls and all(url.startswith(f"{media_url}images/") for url in urls)
    assert f'src="{media_url}images/' in data["body_html"]


def test_body_text_leaves_out_what_a_block_does_not_have(client, make_rich_story):
    from millenniekommunerna.images.factories import CustomImageFactory

    image = {"image": CustomImageFactory().pk, "alt_text": "Skolgården", "decorative": False}
    made = make_rich_story(
        body=[
            {"type": "quote", "value": {"text": "Vi gör det igen", "attribution": ""}},
            {"type": "fact", "value": {"value": "3", "description": "skolor", "source": ""}},
            {"type": "image", "value": {"image": image, "caption": ""}},
            {"type": "paragraph", "value": "<p> </p>"},
        ]
    )
    data = get_json(client, f"{STORIES}/{made.pk}")
    assert data["body_text"] == "”Vi gör det igen”\n\n3 – skolor"


def test_a_story_with_no_body_has_empty_body_fields(client):
    made = story(body=[])
    data = get_json(client, f"{STORIES}/{made.pk}")
    assert (data["body_html"], data["body_text"]) == ("", "")


def test_a_story_whose_municipality_is_unknown_says_so(client):
    made = story()
    StoryPage.objects.filter(pk=made.pk).update(municipality=None)
    assert get_json(client, f"{STORIES}/{made.pk}")["municipality"] is None


def test_story_list_and_detail_show_the_same_story(client, make_rich_story):
    made = make_rich_story()
    listed = get_json(client, STORIES)["results"][0]
    assert listed == get_json(client, f"{STORIES}/{made.pk}")


def test_a_story_carries_its_published_translation_with_the_translation_s_own_text(
    client, make_rich_story
):
    made = make_rich_story(title="Matsvinnet halverat", slug="matsvinnet")
    translated, _created = translate_story(made, "en", None)
    translated.title = "Food waste halved"
    translated.slug = "food-waste"
    translated.teaser = "The pupils weighed the food."
    translated.body = [{"type": "paragraph", "value": '<p>Read <a href="/mal/">the goals</a>.</p>'}]
    translated.save_revision().publish()
    data = get_json(client, f"{STORIES}/{made.pk}")
    (english,) = data["translations"]
    published = StoryPage.objects.get(pk=translated.pk)
    # The translation's body with its links made absolute, as the story's own.
    body_html = english["body_html"]
    assert '<p>Read <a href="http://testserver/mal/">the goals</a>.</p>' in body_html
    assert english == {
        "language": "en",
        "url": "http://testserver/en/kommuner/kristinehamn/food-waste/",
        "title": "Food waste halved",
        "teaser": "The pupils weighed the food.",
        "body_html": body_html,
        "body_text": "Read the goals.",
        "first_published_at": iso(published.first_published_at),
        "last_published_at": iso(published.last_published_at),
    }
    assert english["first_published_at"].endswith("Z")
    assert get_json(client, STORIES)["results"][0]["translations"] == [english]


def test_a_translation_not_yet_published_is_not_shown(client, make_rich_story):
    made = make_rich_story()
    translated, _created = translate_story(made, "en", None)
    translated.save_revision()
    assert get_json(client, f"{STORIES}/{made.pk}")["translations"] == []


# --- stories: filters ---------------------------------------------------------------------------


def test_filter_by_municipality_and_repeated_municipalities(client):
    kristinehamn = story(municipality_code="1781")
    nacka = story(municipality_code="0182")
    story(municipality_code="0382")
    assert ids(get_json(client, f"{STORIES}?municipality=1781")) == [kristinehamn.pk]
    both = get_json(client, f"{STORIES}?municipality=1781&municipality=0182")
    assert set(ids(both)) == {kristinehamn.pk, nacka.pk}


def test_filter_by_county(client):
    kristinehamn = story(municipality_code="1781")  # Värmland, 17
    story(municipality_code="0182")  # Stockholm, 01
    assert ids(get_json(client, f"{STORIES}?county=17")) == [kristinehamn.pk]
    assert get_json(client, f"{STORIES}?county=17&county=01")["count"] == 2


def test_filter_by_goal_is_either_goal_and_counts_each_story_once(client):
    both = story(goal_codes=["sdg-12", "mdg-7"])
    only_mdg = story(goal_codes=["mdg-7"])
    story(goal_codes=["sdg-4"])
    assert set(ids(get_json(client, f"{STORIES}?goal=sdg-12"))) == {both.pk}
    either = get_json(client, f"{STORIES}?goal=sdg-12&goal=mdg-7")
    assert sorted(ids(either)) == sorted([both.pk, only_mdg.pk])
    assert either["count"] == 2


def test_filter_by_country_matches_partner_places_and_named_countries(client):
    kisumu = PartnerPlace.objects.get(name="Kisumu")  # Kenya
    with_place = story(partner_places=[kisumu])
    with_country = story()
    with_country.countries.set([Country.objects.get(code="KE")])
    with_country.save()
    story()
    data = get_json(client, f"{STORIES}?country=KE")
    assert sorted(ids(data)) == sorted([with_place.pk, with_country.pk])


def test_filter_by_year_follows_the_years_of_the_work(client):
    long_ago = story(year_start=2005, year_end=2008)
    ongoing = story(year_start=2012, year_end=None)
    one_year = story(year_start=None, year_end=2010)
    undated = story(first_published_at=datetime(2011, 6, 1, tzinfo=UTC))
    assert ids(get_json(client, f"{STORIES}?year=2007")) == [long_ago.pk]
    assert set(ids(get_json(client, f"{STORIES}?year=2020"))) == {ongoing.pk}
    assert set(ids(get_json(client, f"{STORIES}?year=2010"))) == {one_year.pk}
    assert set(ids(get_json(client, f"{STORIES}?year=2011"))) == {undated.pk}
    assert set(ids(get_json(client, f"{STORIES}?year=2007&year=2011"))) == {
        long_ago.pk,
        undated.pk,
    }


def test_a_story_without_years_counts_in_the_years_it_was_published_at_its_source(client):
    """An imported story of the Millennium programme (published 2010–2015 at its source,
    added here today) is of 2010–2015, not of the import year; one whose source date is
    unknown is of no year."""
    imported_today = datetime(2026, 12, 4, tzinfo=UTC)
    programme = story(
        source_name="millenniekommun.se",
        source_date_precision="period",
        source_date_start=date(2010, 1, 1),
        source_date_end=date(2015, 12, 31),
        first_published_at=imported_today,
    )
    of_2013 = story(
        source_name="Kommunens webbplats",
        source_date_precision="day",
        source_date_start=date(2013, 4, 2),
        source_date_end=date(2013, 4, 2),
        first_published_at=imported_today,
    )
    unknown = story(
        source_name="Okänd källa",
        source_date_precision="unknown",
        first_published_at=imported_today,
    )
    assert set(ids(get_json(client, f"{STORIES}?year=2013"))) == {programme.pk, of_2013.pk}
    assert ids(get_json(client, f"{STORIES}?year=2010")) == [programme.pk]
    assert ids(get_json(client, f"{STORIES}?year=2016")) == []
    assert ids(get_json(client, f"{STORIES}?year=2026")) == [], "not the year of the import"
    assert unknown.pk not in ids(get_json(client, f"{STORIES}?year=2026&year=2013"))
    # A date without a source names no publication: a story written here is of the year it
    # was published here, as the listing's year facet says.
    written_here = story(
        source_date_precision="day",
        source_date_start=date(2013, 4, 2),
        source_date_end=date(2013, 4, 2),
        first_published_at=datetime(2021, 3, 1, tzinfo=UTC),
    )
    assert written_here.pk not in ids(get_json(client, f"{STORIES}?year=2013"))
    assert ids(get_json(client, f"{STORIES}?year=2021")) == [written_here.pk]


def test_published_says_when_and_where_a_story_first_appeared(client):
    """A story written here: on the day it was first published on this site, as the day is in
    Sweden. The label is in Swedish even where English is spoken (the JSON-LD of /en/ pages)."""
    source = {"name": "Kommunens webbplats", "url": "https://kommun.example/nyhet"}
    of_2013 = story(
        source_name=source["name"],
        source_url=source["url"],
        source_programme="",
        source_date_precision="day",
        source_date_start=date(2013, 4, 2),
        source_date_end=date(2013, 4, 2),
    )
    undated = story(source_name="Okänd källa", source_date_precision="")
    written_here = story(first_published_at=datetime(2021, 3, 3, 23, 30, tzinfo=UTC))

    def published(made):
        return get_json(client, f"{STORIES}/{made.pk}")["published"]

    assert published(of_2013) == {
        "precision": "day",
        "start": "2013-04-02",
        "end": "2013-04-02",
        "label": "2 april 2013",
        "source": {**source, "programme": ""},
    }
    assert published(undated) == {
        "precision": "unknown",
        "start": None,
        "end": None,
        "label": "okänt datum",
        "source": {"name": "Okänd källa", "url": None, "programme": ""},
    }
    assert published(written_here) == {
        "precision": "day",
        "start": "2021-03-04",
        "end": "2021-03-04",
        "label": "4 mars 2021",
        "source": None,
    }
    with translation.override("en"):
        assert publication_data(of_2013)["label"] == "2 april 2013"
    programme = story(
        source_name="millenniekommun.se",
        source_date_precision="period",
        source_date_start=date(2010, 1, 1),
        source_date_end=date(2015, 12, 31),
    )
    assert published(programme)["label"] == "2010–2015"


def test_filter_by_updated_since_date_and_time(client):
    old = story()
    recent = story()
    type(old).objects.filter(pk=old.pk).update(last_published_at=datetime(2020, 1, 1, tzinfo=UTC))
    type(recent).objects.filter(pk=recent.pk).update(
        last_published_at=datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    )
    assert ids(get_json(client, f"{STORIES}?updated_since=2024-05-01")) == [recent.pk]
    assert ids(get_json(client, f"{STORIES}?updated_since=2024-05-01T12:00:00Z")) == [recent.pk]
    assert ids(get_json(client, f"{STORIES}?updated_since=2024-05-01T12:00:01%2B00:00")) == []
    assert get_json(client, f"{STORIES}?updated_since=2019-12-31")["count"] == 2


def test_filter_by_year_needs_the_work_to_have_started_and_not_ended_before(client):
    later = story(year_start=2015, year_end=2020)
    started_after_publishing = story(
        year_start=2015, year_end=None, first_published_at=datetime(2012, 6, 1, tzinfo=UTC)
    )
    ended_before_publishing = story(
        year_start=None, year_end=2010, first_published_at=datetime(2012, 6, 1, tzinfo=UTC)
    )
    assert ids(get_json(client, f"{STORIES}?year=2012")) == []
    assert set(ids(get_json(client, f"{STORIES}?year=2016"))) == {
        later.pk,
        started_after_publishing.pk,
    }
    assert ids(get_json(client, f"{STORIES}?year=2010")) == [ended_before_publishing.pk]


def test_updated_since_takes_a_date_without_leading_zeros(client):
    recent = story()
    type(recent).objects.filter(pk=recent.pk).update(
        last_published_at=datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    )
    assert ids(get_json(client, f"{STORIES}?updated_since=2024-5-1")) == [recent.pk]
    assert ids(get_json(client, f"{STORIES}?updated_since=2024-5-2")) == []


@pytest.mark.parametrize(
    ("since", "count"),
    [
        ("0001-01-01", 1),
        ("0001-01-01T00:00:00Z", 1),
        ("1989-12-31", 1),
        ("2101-01-01", 0),
        ("9999-12-31", 0),
        ("9999-12-31T23:30:00Z", 0),
    ],
)
def test_updated_since_far_in_the_past_or_future_is_an_answer_not_an_error(client, since, count):
    story()
    assert get_json(client, f"{STORIES}?updated_since={since}")["count"] == count


def test_an_updated_since_that_is_not_a_date_says_how_to_write_one(client):
    data = get_json(client, f"{STORIES}?updated_since=igår", status=400)
    assert data["detail"] == (
        "updated_since='igår' is not a date: use an ISO 8601 date such as 2024-05-01 "
        "or a date and time such as 2024-05-01T12:00:00Z."
    )


def test_full_text_search_finds_stories_by_their_words(client):
    found = story(title="Biogas från gödsel", teaser="Lantbrukarna gör biogas av gödsel.")
    story(title="Skolutbyte med Kisumu", teaser="Lärare reser till Kenya.")
    data = get_json(client, f"{STORIES}?q=biogas")
    assert ids(data) == [found.pk]
    assert get_json(client, f"{STORIES}?q=%20%20")["count"] == 2  # blank: no search
    assert ids(get_json(client, f"{STORIES}?q=%20biogas%20%20g%C3%B6dsel%20")) == [found.pk]


def test_different_filters_must_all_hold(client):
    match = story(municipality_code="1781", goal_codes=["sdg-12"])
    story(municipality_code="1781", goal_codes=["sdg-4"])
    story(municipality_code="0182", goal_codes=["sdg-12"])
    data = get_json(client, f"{STORIES}?municipality=1781&goal=sdg-12")
    assert ids(data) == [match.pk]


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("goal=xyz", "goal", "'xyz'"),
        ("goal=sdg-18", "goal", "sdg-17"),
        ("updated_since=yesterday", "updated_since", "ISO 8601"),
        ("updated_since=2024-02-31", "updated_since", "not a date"),
        ("updated_since=", "updated_since", "not a date"),
        ("year=abc", "year", "'abc'"),
        ("year=1800", "year", "1950"),
        ("municipality=178", "municipality", "four digits"),
        ("municipality=9999", "municipality", "no municipality"),
        ("county=99", "county", "no county"),
        ("country=ke", "country", "capitals"),
        ("country=XX", "country", "no country"),
        ("page=0", "page", "page number"),
        ("page_size=101", "page_size", "100"),
        ("q=" + "x" * 201, "q", "200"),
    ],
)
def test_bad_filter_values_are_a_400_that_says_what_is_wrong(client, query, parameter, words):
    data = get_json(client, f"{STORIES}?{query}", status=400)
    assert words in data["detail"]
    assert data["errors"][0]["parameter"] == parameter


def test_a_goal_code_missing_from_the_database_is_refused_like_any_unknown_code(client):
    # The pattern allows sdg-1 to sdg-17, but the codes that exist are the database's: an
    # editor may have renamed a goal's code, or the reference data may not be loaded yet. The
    # OpenAPI document then leaves the code out, and a request for it is a 400, not an empty list.
    Goal.objects.filter(slug="sdg-5").update(slug="sdg-5-renamed")
    schema = get_json(client, "/api/v1/openapi.json")
    parameters = schema["paths"]["/api/v1/stories"]["get"]["parameters"]
    goal = next(parameter for parameter in parameters if parameter["name"] == "goal")
    assert "sdg-5" not in goal["schema"]["items"]["enum"]
    data = get_json(client, f"{STORIES}?goal=sdg-4&goal=sdg-5", status=400)
    assert data["detail"] == "goal='sdg-5': there is no goal with that code."
    assert data["errors"] == [{"parameter": "goal", "message": data["detail"]}]


def test_unknown_query_parameters_are_refused_not_ignored(client):
    data = get_json(client, f"{STORIES}?goals=sdg-12", status=400)
    assert "Unknown query parameter 'goals'" in data["detail"]
    assert "goal" in data["detail"]


def test_a_bad_request_changes_nothing(client):
    made = story(title="Orörd")
    client.get(f"{STORIES}?goal=xyz")
    made.refresh_from_db()
    assert made.title == "Orörd" and made.live


# --- only published content ---------------------------------------------------------------------


def test_unpublished_and_private_stories_are_never_shown(client):
    shown = story()
    unpublished = story()
    unpublished.unpublish()
    private = story()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    assert ids(get_json(client, STORIES)) == [shown.pk]
    get_json(client, f"{STORIES}/{unpublished.pk}", status=404)
    get_json(client, f"{STORIES}/{private.pk}", status=404)
    municipality = get_json(client, "/api/v1/municipalities/0382")
    assert municipality["story_count"] == 1


def test_a_draft_never_shows_only_the_published_version(client):
    made = story(title="Publicerad titel", teaser="Publicerad ingress.")
    draft = made.get_latest_revision_as_object() if made.latest_revision_id else made
    draft.title = "Utkast som inte är klart"
    draft.teaser = "Hemligt utkast."
    draft.save_revision()
    data = get_json(client, f"{STORIES}/{made.pk}")
    assert data["title"] == "Publicerad titel"
    assert data["teaser"] == "Publicerad ingress."
    assert "Utkast" not in get_json(client, STORIES)["results"][0]["title"]


def test_review_flags_and_editors_are_never_shown(client, django_user_model):
    editor = django_user_model.objects.create_user(
        username="redaktor", email="redaktor@kommun.example", password="x" * 16
    )
    made = story(owner=editor)
    StoryReviewFlag.objects.create(
        page=made, kind=StoryReviewFlag.Kind.IMAGE_ALT_TEXT, note="Bildtext var DSCN0010_webb.jpg"
    )
    text = client.get(f"{STORIES}/{made.pk}").content.decode()
    text += client.get(STORIES).content.decode()
    text += b"".join(client.get("/api/v1/exports/stories.json").streaming_content).decode()
    # A story says when it was last reviewed (`last_reviewed_at`, `review_state`); never
    # what its review flags say.
    for secret in ("DSCN0010", "redaktor", "@kommun.example", "flag", "owner"):
        assert secret not in text


# --- municipalities, counties, goals, partner places --------------------------------------------


def test_municipalities_list_all_290_with_codes_counties_status_and_story_counts(
    client, django_assert_max_num_queries
):
    Municipality.objects.filter(code="1781").update(is_millennium_municipality=True)
    story(municipality_code="1781")
    story(municipality_code="1781")
    with django_assert_max_num_queries(12):  # not one query per municipality for its county
        data = get_json(client, "/api/v1/municipalities")
    assert data["count"] == 290 == len(data["results"])
    assert [m["code"] for m in data["results"]] == sorted(m["code"] for m in data["results"])
    kristinehamn = next(m for m in data["results"] if m["code"] == "1781")
    assert kristinehamn["county"] == {"code": "17", "name": "Värmlands län"}
    assert kristinehamn["is_millennium_municipality"] is True
    assert kristinehamn["story_count"] == 2
    assert kristinehamn["url"] == "http://testserver/kommuner/kristinehamn/"
    assert kristinehamn["website"] == "https://www.kristinehamn.se/"


def test_municipalities_filtered_by_county_and_millennium_status(client):
    Municipality.objects.filter(code="1781").update(is_millennium_municipality=True)
    in_varmland = get_json(client, "/api/v1/municipalities?county=17")
    assert in_varmland["count"] == 16
    assert {m["county"]["code"] for m in in_varmland["results"]} == {"17"}
    millennium = get_json(client, "/api/v1/municipalities?millennium=true")
    assert [m["code"] for m in millennium["results"]] == ["1781"]
    assert get_json(client, "/api/v1/municipalities?millennium=false")["count"] == 289
    get_json(client, "/api/v1/municipalities?millennium=kanske", status=400)
    get_json(client, "/api/v1/municipalities?county=99", status=400)


def test_one_municipality_by_code(client):
    Municipality.objects.filter(code="0382").update(
        is_millennium_municipality=True,
        millennium_decision_date=date(2009, 5, 25),
        millennium_diploma_date=date(2011, 3, 14),
    )
    data = get_json(client, "/api/v1/municipalities/0382")
    assert data["name"] == "Östhammar"
    assert data["county"]["code"] == "03"
    assert data["millennium_decision_date"] == "2009-05-25"
    assert data["millennium_diploma_date"] == "2011-03-14"
    assert data["story_count"] == 0
    assert (
        "no municipality" in get_json(client, "/api/v1/municipalities/9999", status=404)["detail"]
    )
    get_json(client, "/api/v1/municipalities/abcd", status=400)


def test_counties_with_their_municipalities_and_stories(client):
    Municipality.objects.filter(code="1781").update(is_millennium_municipality=True)
    story(municipality_code="1781")
    story(municipality_code="1781")
    story(municipality_code="1780")  # Karlstad, also in Värmland
    story(municipality_code="1780").unpublish()
    data = get_json(client, "/api/v1/counties")
    assert data["count"] == 21
    varmland = next(c for c in data["results"] if c["code"] == "17")
    # Each municipality counted once however many stories it has; unpublished stories not.
    assert varmland == {
        "code": "17",
        "name": "Värmlands län",
        "short_name": "Värmland",
        "municipality_count": 16,
        "millennium_municipality_count": 1,
        "story_count": 3,
    }


def test_goals_with_the_mapping_labelled_editorial(client):
    story(goal_codes=["mdg-7", "sdg-6"])
    data = get_json(client, "/api/v1/goals")
    assert data["count"] == 25
    codes = [g["code"] for g in data["results"]]
    assert codes[:2] == ["sdg-1", "sdg-2"] and codes[17:19] == ["mdg-1", "mdg-2"]
    mdg7 = next(g for g in data["results"] if g["code"] == "mdg-7")
    assert mdg7["kind"] == "mdg" and mdg7["story_count"] == 1
    assert mdg7["url"] == "http://testserver/mal/mdg-7/"
    assert mdg7["successors_editorial"]  # the editors linked it to SDGs
    sdg = next(g for g in data["results"] if g["code"] == mdg7["successors_editorial"][0])
    assert "mdg-7" in sdg["predecessors_editorial"]
    mapping = data["mapping"]
    assert mapping["editorial"] is True
    assert "not an official UN table" in mapping["description"]
    assert {"mdg": "mdg-7", "sdg": mdg7["successors_editorial"][0]}.items() <= next(
        link for link in mapping["links"] if link["mdg"] == "mdg-7"
    ).items()


def test_the_api_answers_while_no_site_exists(client):
    """A database being set up (no Wagtail site yet): the facts, and no page URLs."""
    made = story()
    Site.objects.all().delete()
    assert get_json(client, "/api/v1/goals")["results"][0]["url"] is None
    assert get_json(client, f"{STORIES}/{made.pk}")["url"] is None


def test_goals_are_by_kind_and_number_not_by_the_order_they_were_entered(client):
    Goal.objects.filter(slug="sdg-1").update(number=18)  # as if entered after SDG 17
    codes = [g["code"] for g in get_json(client, "/api/v1/goals")["results"]]
    assert codes[:2] == ["sdg-2", "sdg-3"] and codes[16:18] == ["sdg-1", "mdg-1"]


def test_goals_count_only_published_stories_and_list_their_links_in_number_order(client):
    story(goal_codes=["sdg-4"])
    story(goal_codes=["sdg-4", "mdg-3"]).unpublish()
    data = get_json(client, "/api/v1/goals")
    goals = {g["code"]: g for g in data["results"]}
    assert goals["sdg-4"]["story_count"] == 1
    assert goals["mdg-3"]["story_count"] == 0
    # The editors linked MDG 3 to SDG 5 before SDG 4; the API lists them by number.
    assert goals["mdg-3"]["successors_editorial"] == ["sdg-4", "sdg-5"]
    assert goals["sdg-3"]["predecessors_editorial"] == ["mdg-4", "mdg-5", "mdg-6"]
    links = [(link["mdg"], link["sdg"]) for link in data["mapping"]["links"]]
    number = {code: goals[code]["number"] for code in goals}
    assert links == sorted(links, key=lambda link: (number[link[0]], number[link[1]]))
    assert ("mdg-3", "sdg-4") in links


def test_partner_places_with_country_filter_and_attribution(client):
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    story(partner_places=[kisumu])
    data = get_json(client, "/api/v1/partner-places")
    assert data["count"] == PartnerPlace.objects.count()
    assert "GeoNames" in data["attribution"]
    kenya = get_json(client, "/api/v1/partner-places?country=KE")
    assert {p["country"]["code"] for p in kenya["results"]} == {"KE"}
    place = next(p for p in kenya["results"] if p["name"] == "Kisumu")
    assert place["story_count"] == 1
    assert place["geonames_id"] == kisumu.geonames_id
    get_json(client, "/api/v1/partner-places?country=XX", status=400)


def test_partner_places_by_name_with_their_other_names_and_municipalities(client):
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    kisumu.aliases = "Kisumus; Kisumo"
    kisumu.save()
    for code in ("1781", "0182"):
        Partnership.objects.create(
            municipality=Municipality.objects.get(code=code), partner_place=kisumu
        )
    story(partner_places=[kisumu])
    story(partner_places=[kisumu]).unpublish()
    data = get_json(client, "/api/v1/partner-places")
    names = [p["name"] for p in data["results"]]
    assert names == list(PartnerPlace.objects.order_by("name", "pk").values_list("name", flat=True))
    place = next(p for p in data["results"] if p["name"] == "Kisumu")
    assert place["aliases"] == ["Kisumus", "Kisumo"]
    assert place["municipalities"] == ["0182", "1781"]
    assert place["story_count"] == 1


# --- HTTP behaviour -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_are_a_json_405(client, method):
    response = getattr(client, method)(STORIES)
    assert response.status_code == 405
    assert response.json()["detail"].startswith("Method not allowed")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_api_root_says_where_everything_is(client):
    data = get_json(client, "/api/v1/")
    assert data["documentation"] == "http://testserver/api/v1/docs"
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    assert data["endpoints"]["stories"] == "http://testserver/api/v1/stories"
    assert data["licence"]["name"] == "CC BY 4.0"


def test_unknown_paths_are_a_json_404_not_a_redirect(client):
    for url in ("/api/v1/nothing", "/api/v1/nothing/", "/api/v2/stories", "/api/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "detail" in response.json()


def test_cors_lets_any_site_read(client):
    response = client.get(STORIES, HTTP_ORIGIN="https://kommun.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        STORIES,
        HTTP_ORIGIN="https://kommun.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_head_is_get_without_a_body(client):
    story()
    get = client.get(STORIES)
    head = client.head(STORIES)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Type"] == get["Content-Type"]


def test_etag_and_last_modified_give_304_until_something_changes(client):
    made = story()
    first = client.get(STORIES)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"].startswith("public")
    again = client.get(STORIES, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(STORIES, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    made.title = "Ny titel"
    made.save_revision().publish()
    changed = client.get(STORIES, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_unpublishing_moves_last_modified_on(client):
    kept = story()
    gone = story()
    type(kept).objects.filter(pk__in=[kept.pk, gone.pk]).update(
        last_published_at=datetime(2020, 1, 1, tzinfo=UTC)
    )
    before = client.get(STORIES)["Last-Modified"]
    gone.unpublish()
    after = client.get(STORIES, HTTP_IF_MODIFIED_SINCE=before)
    assert after.status_code == 200
    assert after["Last-Modified"] != before


def test_story_detail_last_modified_is_its_own(client):
    made = story()
    type(made).objects.filter(pk=made.pk).update(
        last_published_at=datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)
    )
    response = client.get(f"{STORIES}/{made.pk}")
    assert response["Last-Modified"] == "Thu, 04 Mar 2021 05:06:07 GMT"


def test_rate_limit_answers_429_with_retry_after_per_client(client, settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_LIMIT_WINDOW = 60
    for remaining in (2, 1, 0):
        response = client.get("/api/v1/counties")
        assert response.status_code == 200
        assert response["X-RateLimit-Remaining"] == str(remaining)
    limited = client.get("/api/v1/counties")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "Too many requests" in limited.json()["detail"]
    assert limited["Access-Control-Allow-Origin"] == "*"
    # Another address has its own count; a forged X-Forwarded-For does not give a new one.
    assert client.get("/api/v1/counties", REMOTE_ADDR="192.0.2.7").status_code == 200
    forged = client.get("/api/v1/counties", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert forged.status_code == 429


def test_rate_limit_behind_a_trusted_proxy_counts_the_forwarded_address(client, settings):
    settings.API_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.get("/api/v1/counties", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert first.status_code == 200
    assert (
        client.get("/api/v1/counties", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code
        == 429
    )
    assert (
        client.get("/api/v1/counties", HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code
        == 200
    )


def test_rate_limit_can_be_turned_off(client, settings):
    settings.API_RATE_LIMIT = 0
    for _ in range(5):
        response = client.get("/api/v1/counties")
        assert response.status_code == 200
        assert "X-RateLimit-Remaining" not in response


def test_the_site_outside_the_api_is_untouched(client):
    response = client.get("/kommuner/")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


# --- query counts -------------------------------------------------------------------------------


def test_story_list_query_count_does_not_grow_with_page_size(count_queries, make_rich_story):
    for i in range(12):
        make_rich_story(municipality_code=["1781", "0182", "0382"][i % 3])
    _, small = count_queries(f"{STORIES}?page_size=2")
    response, large = count_queries(f"{STORIES}?page_size=12")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 12
    assert large == small
    assert large <= 20


@pytest.mark.parametrize(
    "url",
    ["/api/v1/municipalities", "/api/v1/counties", "/api/v1/goals", "/api/v1/partner-places"],
)
def test_reference_lists_query_count_does_not_grow_with_stories(count_queries, make_stories, url):
    make_stories(2)
    _, few = count_queries(url)
    make_stories(10)
    response, many = count_queries(url)
    assert response.status_code == 200
    assert many == few
    assert many <= 12


def test_shared_caches_keep_an_answer_only_as_long_as_a_page(client, settings):
    # A browser may keep it a minute; nginx or a CDN only a second, so that a publication
    # reaches the API as fast as the pages (bench/scaleout.py measures it).
    settings.PAGE_CACHE_SHARED_SECONDS = 1
    answer = client.get(STORIES)
    directives = {part.strip() for part in answer["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=1"}
