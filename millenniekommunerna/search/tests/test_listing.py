import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict
from django.utils import timezone

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.partnerships.models import Country, PartnerPlace
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.listing import Selection, StoryFinder

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def varied_stories(seed_stories):
    """The seed stories (all published today, in Millenniekommuner) and stories from other
    years, in municipalities that are not Millenniekommuner, with partner countries named
    directly, through a partner place, or both."""
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    kenya, india = Country.objects.get(code="KE"), Country.objects.get(code="IN")
    sdg12, sdg13, mdg7 = (Goal.objects.get(slug=s) for s in ("sdg-12", "sdg-13", "mdg-7"))
    specs = [
        # municipality, year, goals, places, countries
        ("0380", 2012, [mdg7], [kisumu], []),  # Uppsala, Kenya only through the place
        ("0380", 2019, [sdg12, sdg13], [kisumu], [kenya]),  # Kenya both ways
        ("0381", 2019, [sdg13], [], [kenya, india]),  # Enköping, countries named directly
        ("1480", 2012, [sdg12], [], [india]),  # Göteborg
        ("1480", 2024, [], [], []),
        # A new year's night story: its year is the Swedish one, not UTC's.
        ("0182", 2021, [sdg12], [], []),
    ]
    for code, year, goals, places, countries in specs:
        published = datetime(year, 6, 1, 12, tzinfo=STOCKHOLM)
        if code == "0182":
            published = datetime(year, 1, 1, 0, 30, tzinfo=STOCKHOLM)  # 2020-12-31 in UTC
        story = StoryPageFactory(
            municipality_code=code,
            first_published_at=published,
            goals=goals,
            partner_places=places,
        )
        if countries:
            story.countries.set(countries)
            story.save()


def finder_for(query_string: str) -> StoryFinder:
    return StoryFinder(Selection.from_params(QueryDict(query_string.lstrip("?"))))


STATES = [
    "",
    "mal=sdg-12",
    "mal=sdg-12&mal=sdg-13",
    "land=ke",
    "land=ke&land=in",
    "lan=uppsala",
    "lan=uppsala&kommun=enkoping",
    "kommun=uppsala&ar=2019",
    "ar=2012",
    "ar=2021",
    "millenniekommun=nej",
    "millenniekommun=ja&mal=mdg-8",
    "mal=sdg-12&land=ke&millenniekommun=nej",
    "q=kommun",
    "q=kommun&mal=mdg-8&lan=varmland",
    "q=Kenya&land=ke",
    "q=biogas&ar=2012",
]


def test_every_facet_count_equals_the_results_of_following_it(varied_stories):
    checked = 0
    for state in STATES:
        finder = finder_for(state)
        assert finder.count == finder.results.count(), state
        for facet in finder.facets:
            for option in facet.options:
                if option.selected:
                    assert option.count is None  # the link removes the choice
                    continue
                followed = finder_for(option.url)
                assert option.count == followed.results.count(), (
                    f"{state!r} → {facet.key} {option.label!r} ({option.url}): "
                    f"{option.count} shown, {followed.results.count()} found"
                )
                checked += 1
    assert checked > 150


def test_chosen_values_are_shown_first_without_a_count_and_their_link_removes_them(
    varied_stories,
):
    finder = finder_for("mal=sdg-13&lan=uppsala")
    goals = next(f for f in finder.facets if f.key == "goal-sdg")
    assert goals.options[0].code == "sdg-13"
    assert goals.options[0].count is None
    assert goals.options[0].url == "?lan=uppsala"
    county = next(f for f in finder.facets if f.key == "county")
    chosen = [option for option in county.options if option.selected]
    assert [option.url for option in chosen] == ["?mal=sdg-13"]


def test_counts_for_a_few_known_selections(varied_stories):
    def counts(state, key):
        facet = next(f for f in finder_for(state).facets if f.key == key)
        return {option.code: option.count for option in facet.options}

    assert counts("", "country")["ke"] == 3 + 3  # three seed stories and three of the varied
    assert counts("", "country")["in"] == 1 + 2
    # The seed stories are listed under their period at the source, not the day of the import.
    expected_years = {"2024": 1, "2021": 1, "2019": 2, "2012": 2, "2010-2015": 27}
    assert counts("", "year") == expected_years
    assert counts("", "millennium") == {"ja": 27 + 1, "nej": 5}  # Nacka is a Millenniekommun
    assert counts("lan=uppsala", "municipality") == {"uppsala": 2, "enkoping": 1, "osthammar": 2}
    assert finder_for("land=ke&land=in").count == 1


def facet_links(html: str) -> list[tuple[str, int]]:
    return [
        (href.replace("&amp;", "&"), int(count))
        for href, count in re.findall(
            r'<a class="facet-option[^"]*" href="([^"]*)"[^>]*>.*?'
            r'<span class="facet-option__count">(\d+)<',
            html,
        )
    ]


def listed_count(html: str) -> int:
    heading = re.search(r'id="stories-heading" class="listing-summary">\s*(\d+)', html)
    return int(heading.group(1))


@pytest.mark.parametrize("state", ["", "mal=sdg-12&millenniekommun=nej", "lan=uppsala"])
def test_facet_links_on_the_story_listing_lead_to_as_many_stories(varied_stories, client, state):
    html = client.get(f"/berattelser/?{state}").content.decode()
    links = facet_links(html)
    assert len(links) > 5
    for href, count in links:
        followed = client.get(f"/berattelser/{href}")
        assert followed.status_code == 200
        assert listed_count(followed.content.decode()) == count, href


def test_facet_links_on_the_search_page_lead_to_as_many_results(varied_stories, client):
    html = client.get("/sok/?q=kommun").content.decode()
    links = facet_links(html)
    assert len(links) > 5
    for href, count in links:
        followed = client.get(f"/sok/{href}").content.decode()
        found = re.search(r'id="results-heading" class="listing-summary">\s*(\d+)', followed)
        assert int(found.group(1)) == count, href


def test_every_state_is_a_shareable_url(varied_stories, client):
    html = client.get("/berattelser/?mal=sdg-12&land=ke").content.decode()
    assert 'href="?mal=sdg-12&amp;land=ke&amp;mal=' not in html  # one parameter order
    assert 'aria-current="true" data-facet="sdg-12"' in html
    assert 'href="?land=ke"' in html  # removing the goal keeps the country


BAD_FILTERS = [
    ("mal=sdg-99", "Det finns inget mål"),
    ("lan=atlantis", "Det finns inget län"),
    ("kommun=" + "x" * 2000, "Det finns ingen kommun"),
    ("land=zz", "Det finns inget land"),
    ("ar=abc", "är inte ett år"),
    ("ar=99999999999999999999", "är inte ett år"),
    ("millenniekommun=kanske", "tar ”ja” eller ”nej”"),
]


def test_bad_filter_values_give_a_normal_page_with_a_swedish_notice(varied_stories, client):
    for params, notice in BAD_FILTERS:
        for path in ("/berattelser/", "/sok/"):
            response = client.get(f"{path}?{params}")
            assert response.status_code == 200, params
            assert notice in response.content.decode(), params


def test_many_repeated_parameters_are_capped(varied_stories, client):
    query = "&".join(f"mal=sdg-{n % 30}" for n in range(500))
    assert client.get(f"/berattelser/?{query}").status_code == 200


def test_only_the_first_25_values_of_a_parameter_are_read():
    # 30 different values: 5 unknown ones, then every one of the 25 goals.
    goals = list(Goal.objects.order_by("kind", "number"))
    assert len(goals) == 25
    unknown = [f"mal-{n}" for n in range(5)]
    params = QueryDict(mutable=True)
    params.setlist("mal", unknown + [goal.slug for goal in goals])

    selection = Selection.from_params(params)

    assert selection.goals == goals[:20]
    assert len(selection.notices) == 5


def test_a_parameter_repeated_with_unknown_values_gives_at_most_25_notices():
    params = QueryDict(mutable=True)
    params.setlist("land", [f"x{n}" for n in range(30)])
    assert len(Selection.from_params(params).notices) == 25


def test_a_municipality_from_another_county_is_read_as_its_own_county(varied_stories):
    finder = finder_for("lan=skane&kommun=enkoping")
    assert finder.selection.county.slug == "uppsala"
    assert finder.count == 1


def test_filtered_listing_is_not_indexed_and_links_its_feeds(varied_stories, client):
    plain = client.get("/berattelser/").content.decode()
    assert 'name="robots"' not in plain
    html = client.get("/berattelser/?lan=uppsala").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html
    assert 'type="application/atom+xml" title="Berättelser från Uppsala län' in html
    assert 'href="/flode/lan/uppsala.atom"' in html


def test_listing_query_count_does_not_grow_with_data(make_stories, count_queries):
    story = make_stories(3, municipality_code="0382")[0]  # Östhammar, in Uppsala county
    country = story.partner_places.first().country.code.lower()
    year = timezone.localtime(story.first_published_at).year
    url = f"/berattelser/?mal=sdg-12&land={country}&lan=uppsala&ar={year}"
    response, few = count_queries(url)
    assert response.context["listing"].count == 3
    make_stories(14, municipality_code="0382")
    response, many = count_queries(url)
    assert response.status_code == 200
    assert response.context["listing"].count == 17
    assert many == few
    assert many <= 17  # measured 15


def test_counties_are_named_in_the_interface_language(varied_stories, client):
    swedish = client.get("/berattelser/", {"lan": "uppsala"}).content.decode()
    english = client.get("/en/berattelser/", {"lan": "uppsala"}).content.decode()
    assert "Uppsala län" in swedish
    facets = english[english.index('<aside class="facets"') :]
    facets = facets[: facets.index("</aside>")]
    assert "Uppsala County" in facets and "län" not in facets
    assert english.count("Uppsala County") >= 2  # the facet option and the chosen-filter chip
