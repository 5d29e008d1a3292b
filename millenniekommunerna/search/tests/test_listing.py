import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict
from django.utils import timezone, translation

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.partnerships.models import Country, PartnerPlace
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.listing import Selection, StoryFinder
from millenniekommunerna.stories.listing import finder as finder_module
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def varied_stories(seed_stories):
    """The seed stories (all published today, in Millenniekommuner, and reviewed by an editor
    today: an import alone reviews nothing) and stories from other years, in municipalities
    that are not Millenniekommuner, with partner countries named directly, through a partner
    place, or both (never reviewed)."""
    StoryPage.objects.update(last_reviewed_at=timezone.now())
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
    "aktualitet=inaktuella",
    "aktualitet=aktuella&mal=sdg-12",
    "aktualitet=inaktuella&lan=uppsala&millenniekommun=nej",
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
    # The seed stories were reviewed today; the others were never reviewed.
    assert counts("", "review") == {"aktuella": 27, "inaktuella": 6}
    assert counts("lan=uppsala", "review") == {"aktuella": 2, "inaktuella": 3}
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
    html = client.get("/berattelser/?lan=uppsala&ar=2012").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html
    assert '<link rel="canonical" href="http://testserver/berattelser/?lan=uppsala">' in html
    html = client.get("/berattelser/?lan=uppsala").content.decode()
    assert 'name="robots"' not in html
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


def selection_for(query_string: str, **kwargs) -> Selection:
    with translation.override("en"):
        return Selection.from_params(QueryDict(query_string), **kwargs)


def test_values_are_read_without_case_space_or_repetition():
    selection = selection_for("mal=+SDG-13+&mal=sdg-12&mal=sdg-13&lan=+Uppsala+&land=+ke+")
    assert [goal.slug for goal in selection.goals] == ["sdg-13", "sdg-12"]
    assert selection.county.slug == "uppsala"
    assert [country.code for country in selection.countries] == ["KE"]
    assert selection.notices == []


def test_kommun_is_read_without_case_and_space():
    selection = selection_for("kommun=+Enkoping+")
    assert selection.municipality.slug == "enkoping"
    assert selection.county.slug == "uppsala"
    assert selection.notices == []


@pytest.mark.parametrize(
    ("query_string", "notice"),
    [
        ("mal=sdg-99", "There is no goal “sdg-99”."),
        ("lan=atlantis", "There is no county “atlantis”."),
        ("kommun=atlantis", "There is no municipality “atlantis”."),
        ("land=zz", "There is no country with the code “ZZ”."),
        ("ar=abc", "“abc” is not a year; showing stories from every year."),
        (
            "millenniekommun=kanske",
            "The Millennium Municipality filter takes “ja” or “nej”; it was left out.",
        ),
        (
            "aktualitet=gamla",
            "The filter on whether a story is current takes “aktuella” or “inaktuella”; "
            "it was left out.",
        ),
    ],
)
def test_each_unknown_value_has_its_notice(query_string, notice):
    assert selection_for(query_string).notices == [notice]


def test_a_long_unknown_value_is_shortened_in_its_notice():
    selection = selection_for("lan=" + "x" * 61 + "&kommun=" + "y" * 60)
    assert selection.notices == [
        f"There is no county “{'x' * 60}…”.",
        f"There is no municipality “{'y' * 60}”.",
    ]
    assert selection_for("ar=1+++2").notices == [
        "“1 2” is not a year; showing stories from every year."
    ]


@pytest.mark.parametrize(
    ("year", "read"),
    [("1950", "1950"), ("+2019+", "2019"), ("2100", "2100"), ("1949", None), ("2101", None)],
)
def test_years_from_1950_to_2100_are_read(year, read):
    selection = selection_for(f"ar={year}")
    assert selection.year == read
    assert bool(selection.notices) == (read is None)


def test_a_year_in_other_digits_is_not_a_year():
    assert selection_for("ar=２０１９").year is None


@pytest.mark.parametrize(
    ("value", "read"), [("ja", True), ("JA", True), ("+nej+", False), ("", None)]
)
def test_the_millennium_filter_takes_ja_or_nej(value, read):
    selection = selection_for(f"millenniekommun={value}")
    assert selection.millennium is read
    assert selection.notices == []


@pytest.mark.parametrize(
    ("query_string", "sort", "explicit"),
    [
        ("", "nyast", False),
        ("q=biogas", "relevans", False),
        ("q=biogas&ordning=+NYAST+", "nyast", True),
        ("q=biogas&ordning=relevans", "relevans", True),
        ("ordning=nyast", "nyast", True),
        ("ordning=relevans", "nyast", False),  # nothing to be relevant to
        ("q=biogas&ordning=slump", "relevans", False),
    ],
)
def test_sort_order(query_string, sort, explicit):
    selection = selection_for(query_string)
    assert (selection.sort, selection.explicit_sort) == (sort, explicit)


def test_a_long_search_is_cut_with_a_notice():
    selection = selection_for("q=" + "matsvinn+" * 30)
    assert selection.notices == [
        "The search was long and has been cut to its first 200 characters."
    ]


def test_only_the_first_eight_words_are_searched():
    eight = ["skola", "buss", "sol", "mat", "vind", "regn", "vatten", "skog"]
    selection = selection_for("q=" + "+".join([*eight, "sjö"]))
    assert selection.searched == eight
    assert selection.notices == ["Only the first 8 words of the search were used."]
    assert selection_for("q=" + "+".join(eight)).notices == []


def test_a_search_of_stop_words_or_no_words_says_so():
    assert selection_for("q=och+det").notices == [
        "“och det” are too common to search for. Try a word that says what the story is "
        "about, such as a place or a topic."
    ]
    assert selection_for("q=%2A%2A").notices == [
        "The search had no words in it. Write one or more words to search for."
    ]
    assert selection_for("q=").notices == []


def test_a_listing_without_search_ignores_the_query():
    selection = selection_for("q=biogas&lan=uppsala", allow_query=False)
    assert (selection.query, selection.searched) == ("", [])
    assert selection.url() == "?lan=uppsala"


def test_url_keeps_every_filter_in_one_order_and_takes_changes():
    selection = selection_for(
        "ordning=nyast&millenniekommun=nej&ar=2019&land=in&land=ke&kommun=enkoping"
        "&mal=sdg-13&mal=sdg-12&q=biogas"
    )
    assert selection.url() == (
        "?q=biogas&mal=sdg-13&mal=sdg-12&lan=uppsala&kommun=enkoping&land=in&land=ke"
        "&ar=2019&millenniekommun=nej&ordning=nyast"
    )
    assert selection.url(mal=[], kommun=None, ar="", millenniekommun="ja") == (
        "?q=biogas&lan=uppsala&land=in&land=ke&millenniekommun=ja&ordning=nyast"
    )
    assert selection_for("millenniekommun=ja&ordning=relevans&q=biogas").url() == (
        "?q=biogas&millenniekommun=ja&ordning=relevans"
    )
    assert selection_for("q=biogas").url() == "?q=biogas"
    assert selection_for("").url() == "?"


@pytest.mark.parametrize(
    ("query_string", "filtered"),
    [
        ("", False),
        ("q=biogas&ordning=nyast", False),
        ("mal=sdg-12", True),
        ("lan=uppsala", True),
        ("kommun=enkoping", True),
        ("land=ke", True),
        ("ar=2019", True),
        ("millenniekommun=nej", True),
        ("millenniekommun=ja", True),
    ],
)
def test_is_filtered(query_string, filtered):
    assert selection_for(query_string).is_filtered is filtered


def facets_for(query_string: str) -> dict:
    with translation.override("en"):
        finder = finder_for(query_string)
        return {
            facet.key: (facet.title, facet.hint, [(o.label, o.count, o.url) for o in facet.options])
            for facet in finder.facets
        }


def test_the_facets_of_every_story_their_order_labels_and_links(varied_stories):
    facets = facets_for("")
    assert [(key, title) for key, (title, _hint, _options) in facets.items()] == [
        ("goal-sdg", "Global goals"),
        ("goal-mdg", "Millennium goals"),
        ("county", "County"),
        ("municipality", "Municipality"),
        ("country", "Partner country"),
        ("year", "Year published"),
        ("millennium", "Millennium Municipality"),
        ("review", "Up to date"),
    ]
    assert facets["review"][2] == [
        ("Current stories", 27, "?aktualitet=aktuella"),
        ("Stories out of date", 6, "?aktualitet=inaktuella"),
    ]
    assert facets["goal-sdg"][2][:2] == [
        ("SDG 1 No poverty", 1, "?mal=sdg-1"),
        ("SDG 2 Zero hunger", 2, "?mal=sdg-2"),
    ]
    assert [label.split()[1] for label, _n, _url in facets["goal-sdg"][2]] == [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "16", "17",
    ]  # fmt: skip
    assert facets["goal-mdg"][2][-1] == (
        "MDG 8 Develop a global partnership for development",
        14,
        "?mal=mdg-8",
    )
    assert [label for label, _n, _url in facets["goal-mdg"][2]] == [
        "MDG 1 Eradicate extreme poverty and hunger",
        "MDG 2 Achieve universal primary education",
        "MDG 3 Promote gender equality and empower women",
        "MDG 6 Combat HIV/AIDS, malaria and other diseases",
        "MDG 7 Ensure environmental sustainability",
        "MDG 8 Develop a global partnership for development",
    ]
    counties = facets["county"][2]
    assert [label for label, _n, _url in counties] == sorted(label for label, _n, _url in counties)
    assert ("Uppsala County", 5, "?lan=uppsala") in counties
    municipalities = facets["municipality"][2]
    assert municipalities[:2] == [
        ("Gnosjö", 2, "?kommun=gnosjo"),
        ("Göteborg", 2, "?kommun=goteborg"),
    ]
    assert municipalities[-2:] == [
        ("Vara", 1, "?kommun=vara"),
        ("Vänersborg", 1, "?kommun=vanersborg"),
    ]
    assert facets["municipality"][1] == ""
    assert facets["country"][2][:4] == [
        ("Kenya", 6, "?land=ke"),
        ("India", 3, "?land=in"),
        ("South Africa", 2, "?land=za"),
        ("Georgia", 1, "?land=ge"),
    ]
    # The seed stories are listed under their period at the source (2010–2015), which sorts
    # by its last year.
    assert facets["year"][2] == [
        ("2024", 1, "?ar=2024"),
        ("2021", 1, "?ar=2021"),
        ("2019", 2, "?ar=2019"),
        ("2010–2015", 27, "?ar=2010-2015"),
        ("2012", 2, "?ar=2012"),
    ]
    assert facets["millennium"][2] == [
        ("Millennium Municipalities", 28, "?millenniekommun=ja"),
        ("Other municipalities", 5, "?millenniekommun=nej"),
    ]


def test_the_facets_of_a_county_and_a_goal(varied_stories):
    facets = facets_for("lan=uppsala&mal=sdg-12")
    assert facets["goal-sdg"][2] == [
        ("SDG 12 Responsible consumption and production", None, "?lan=uppsala"),
        ("SDG 13 Climate action", 1, "?mal=sdg-12&mal=sdg-13&lan=uppsala"),
    ]
    assert facets["goal-mdg"][2] == []
    assert facets["county"][2][:2] == [
        ("Uppsala County", None, "?mal=sdg-12"),
        ("Gävleborg County", 1, "?mal=sdg-12&lan=gavleborg"),
    ]
    assert facets["municipality"][1:] == (
        "In Uppsala County",
        [("Uppsala", 1, "?mal=sdg-12&kommun=uppsala")],
    )
    assert facets["country"][2] == [("Kenya", 1, "?mal=sdg-12&lan=uppsala&land=ke")]
    assert facets["year"][2] == [("2019", 1, "?mal=sdg-12&lan=uppsala&ar=2019")]
    assert facets["millennium"][2] == [
        ("Other municipalities", 1, "?mal=sdg-12&lan=uppsala&millenniekommun=nej")
    ]


def test_the_facets_of_a_municipality_with_every_other_filter(varied_stories):
    facets = facets_for("kommun=enkoping&ar=2019&land=ke&millenniekommun=nej")
    rest = "land=ke&ar=2019&millenniekommun=nej"
    assert facets["county"][2] == [("Uppsala County", None, f"?{rest}")]
    assert facets["municipality"][2] == [
        ("Enköping", None, f"?lan=uppsala&{rest}"),
        ("Uppsala", 1, f"?kommun=uppsala&{rest}"),
    ]
    assert facets["country"][2] == [
        ("Kenya", None, "?lan=uppsala&kommun=enkoping&ar=2019&millenniekommun=nej"),
        (
            "India",
            1,
            "?lan=uppsala&kommun=enkoping&land=ke&land=in&ar=2019&millenniekommun=nej",
        ),
    ]
    assert facets["year"][2] == [
        ("2019", None, "?lan=uppsala&kommun=enkoping&land=ke&millenniekommun=nej")
    ]
    assert facets["millennium"][2] == [
        ("Other municipalities", None, "?lan=uppsala&kommun=enkoping&land=ke&ar=2019")
    ]


@pytest.mark.parametrize(
    ("query_string", "key", "other"),
    [
        ("kommun=uppsala&ar=2019", "year", "2012"),
        ("kommun=uppsala", "county", "Västra Götaland"),
        ("lan=uppsala&kommun=enkoping", "county", "Västra Götaland"),
        ("millenniekommun=nej", "millennium", "Millennium Municipalities"),
        ("aktualitet=inaktuella", "review", "Current stories"),
    ],
)
def test_a_one_valued_facet_still_offers_its_other_values(varied_stories, query_string, key, other):
    """A story has one year, municipality, … : a chosen value is replaced by another one,
    which the facet offers with the number of stories its link leads to."""
    options = facets_for(query_string)[key][2]
    assert next(n for label, n, _url in options if label.startswith(other)) > 0, options


def test_the_chosen_municipality_comes_first(varied_stories):
    options = facets_for("kommun=enkoping")["municipality"][2]
    assert options[0] == ("Enköping", None, "?lan=uppsala")  # removing it keeps its county
    # The others by their number of stories (as many: by name).
    assert [(label, n) for label, n, _url in options[1:]] == [("Uppsala", 2), ("Östhammar", 2)]


def test_goal_facets_are_named_in_the_interface_language(varied_stories, client):
    goal = Goal.objects.get(slug="sdg-12")
    with translation.override("sv"):
        labels = [option.label for facet in finder_for("").facets for option in facet.options]
    assert f"{goal.label} {goal.name_sv}" in labels


def test_each_option_carries_its_value_for_scripts(varied_stories, client):
    html = client.get("/berattelser/").content.decode()
    codes = {
        "goal-sdg": "sdg-12",
        "goal-mdg": "mdg-7",
        "county": "uppsala",  # also a municipality's code: each is looked for in its own facet
        "municipality": "enkoping",
        "country": "ke",
        "year": "2019",
        "millennium": "nej",
        "review": "aktuella",
    }
    for key, code in codes.items():
        facet = html[html.index(f'aria-labelledby="facet-{key}"') :]
        facet = facet[: facet.index("</section>")]
        assert f'data-facet="{code}"' in facet, key


def test_a_country_counts_each_story_once_whether_named_or_through_its_places():
    kenya, india = Country.objects.get(code="KE"), Country.objects.get(code="IN")
    kisumu, nairobi = (
        PartnerPlace.objects.create(
            name=name, slug=name.lower(), country=kenya, latitude=-1.0, longitude=36.0
        )
        for name in ("Nyandoro", "Nakuru")
    )

    def story(places, countries):
        story = StoryPageFactory(partner_places=places)
        story.countries.set(countries)
        story.save()

    story([], [kenya])  # named
    story([], [kenya])
    story([kisumu], [kenya])  # both ways
    story([kisumu], [])  # through a place
    story([kisumu, nairobi], [])  # through two places
    story([kisumu], [india])  # one named, one not
    with translation.override("sv"):
        options = {
            option.label: option.count
            for facet in finder_for("").facets
            if facet.key == "country"
            for option in facet.options
        }
    # (As many named as through places: the two counts are alike, and both are added.)
    assert options == {"Kenya": 6, "Indien": 1}
    assert finder_for("land=ke").count == 6


def test_the_review_facet_removes_a_chosen_value_and_hides_an_empty_one(varied_stories):
    assert facets_for("aktualitet=inaktuella")["review"][2] == [
        ("Stories out of date", None, "?"),
        ("Current stories", 27, "?aktualitet=aktuella"),
    ]
    # The seed stories (2010–2015) are all reviewed: no "out of date" with none.
    assert facets_for("ar=2010-2015")["review"][2] == [
        ("Current stories", 27, "?ar=2010-2015&aktualitet=aktuella")
    ]


def test_paging_does_not_count_the_stories_again(varied_stories, django_assert_num_queries):
    finder = finder_for("mal=sdg-12")
    assert finder.count == 9
    with django_assert_num_queries(0):
        assert finder.page(2, per_page=5).paginator.num_pages == 2


def test_counts_are_kept_for_the_published_stories_not_for_a_given_set(varied_stories):
    assert not finder_for("mal=sdg-12").is_cached
    assert finder_for("mal=sdg-12").count == 9
    assert finder_for("mal=sdg-12").is_cached
    uppsala = StoryPage.objects.filter(municipality__slug="uppsala")
    selection = Selection.from_params(QueryDict("mal=sdg-12"))
    assert (
        StoryFinder(selection, base=uppsala).count
        == 1
        == uppsala.filter(goals__slug="sdg-12").count()
    )
    assert not StoryFinder(selection, base=uppsala).is_cached


def test_a_chosen_millennium_value_is_shown_and_an_empty_one_is_not(varied_stories):
    facets = facets_for("millenniekommun=ja&mal=mdg-8")
    assert facets["millennium"][2] == [("Millennium Municipalities", None, "?mal=mdg-8")]
    assert facets["goal-mdg"][2][0] == (
        "MDG 8 Develop a global partnership for development",
        None,
        "?millenniekommun=ja",
    )


def test_on_a_search_cluster_the_results_come_in_its_order(varied_stories, monkeypatch):
    """A search server (OpenSearch, Elasticsearch) answers with ranked stories, not a
    queryset; the listing keeps its ranking and filters in the database."""
    database = finder_module.get_search_backend()
    ranked = [story.pk for story in finder_for("q=kommun").results]
    filtered = {story.pk for story in finder_for("q=kommun&mal=mdg-8").results}
    assert len(ranked) > len(filtered) > 0

    class Cluster:
        def search(self, query, queryset):
            return list(database.search(query, queryset))[::-1]

    monkeypatch.setattr(finder_module, "get_search_backend", Cluster)
    on_cluster = finder_for("q=kommun")
    assert [story.pk for story in on_cluster.results] == ranked[::-1]
    assert on_cluster.count == len(ranked)
    on_cluster = finder_for("q=kommun&mal=mdg-8")
    assert {story.pk for story in on_cluster.results} == filtered
    assert on_cluster.count == len(filtered)


@pytest.mark.parametrize("query_string", ["q=kommun", "q=kommun+skola"])
def test_on_a_search_cluster_a_search_nothing_matches_lists_no_story(monkeypatch, query_string):
    StoryPageFactory(title="Kommunen och skolan")

    class Cluster:
        def search(self, query, queryset):
            return []

    monkeypatch.setattr(finder_module, "get_search_backend", Cluster)
    finder = finder_for(query_string)
    assert list(finder.results) == []
    assert finder.count == 0
    assert list(finder.page(1, per_page=12).object_list) == []


def test_a_word_in_more_stories_than_the_bound_ranks_and_counts_the_newest(
    varied_stories, monkeypatch
):
    everything = finder_for("q=kommun")
    assert not everything.truncated
    total = everything.count
    assert total > 8
    monkeypatch.setattr(finder_module, "MAX_TEXT_CANDIDATES", 5)
    with translation.override("en"):
        bounded = finder_for("q=kommun")
        assert bounded.truncated
        assert bounded.count == 5
        assert any("The 5 most recent" in notice for notice in bounded.notices)
    # The candidates are the newest stories with the word.
    newest = sorted(
        everything.results,
        key=lambda s: (s.published_on is not None, s.published_on, s.pk),
        reverse=True,
    )[:5]
    assert {s.pk for s in bounded.results} == {s.pk for s in newest}
    # Chosen by the words alone: a facet's count is still where its link leads.
    for facet in bounded.facets:
        for option in facet.options:
            if option.selected:
                continue
            followed = finder_for(option.url)
            assert option.count == followed.results.count(), option.url


def test_the_newest_are_found_however_many_stories_have_the_words(monkeypatch):
    """Past ten times the bound the candidates are found by walking the stories newest
    first, not from the first matches the index happens to give."""
    for year in range(2001, 2013):  # twelve stories, the newest made last
        StoryPageFactory(
            title=f"Biogas i kommunen {year}",
            first_published_at=datetime(year, 6, 1, 12, tzinfo=STOCKHOLM),
        )
    newest = StoryPage.objects.get(title="Biogas i kommunen 2012")
    monkeypatch.setattr(finder_module, "MAX_TEXT_CANDIDATES", 1)  # ten times that: 10 < 12
    bounded = finder_for("q=biogas")
    assert bounded.truncated
    assert [story.pk for story in bounded.results] == [newest.pk]
    # As many as the bound is not more than it: all are shown, without a notice.
    monkeypatch.setattr(finder_module, "MAX_TEXT_CANDIDATES", 12)
    exactly = finder_for("q=biogas")
    assert not exactly.truncated
    assert exactly.count == 12
    assert exactly.notices == []
    # The bound on a search cluster's answer is not applied to the database backends.
    monkeypatch.setattr(finder_module, "MAX_CLUSTER_MATCHES", 2)
    assert finder_for("q=biogas").count == 12


def test_the_notice_writes_the_bound_as_the_language_writes_numbers():
    assert finder_module.MAX_TEXT_CANDIDATES == 1000
    with translation.override("sv"):
        assert "De 1\N{NO-BREAK SPACE}000 senaste" in finder_module.too_many_matches_notice()
    with translation.override("en"):
        assert "The 1,000 most recent" in finder_module.too_many_matches_notice()


def test_the_search_page_says_when_only_the_newest_matches_are_shown(
    varied_stories, client, monkeypatch
):
    monkeypatch.setattr(finder_module, "MAX_TEXT_CANDIDATES", 5)
    with translation.override("sv"):
        html = client.get("/sok/?q=kommun").content.decode()
    assert "De 5 senaste av dem visas" in html


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("2010-2015", "2010-2015"),
        ("2010–2015", "2010-2015"),  # an en dash, as the facet shows the period
        ("2012-2012", "2012"),
        ("2015-2010", None),
        ("2010-2012-2015", None),
        ("2010-", None),
        ("1949-2015", None),
    ],
)
def test_a_period_of_years_is_read(value, read):
    selection = selection_for(f"ar={value}")
    assert selection.year == read
    assert bool(selection.notices) == (read is None)


@pytest.mark.parametrize(
    ("query_string", "landing", "canonical"),
    [
        ("", True, "?"),
        ("lan=uppsala", True, "?lan=uppsala"),
        ("land=ke", True, "?land=ke"),
        ("land=KE", True, "?land=ke"),
        ("land=ke&ar=2012", False, "?land=ke"),
        ("lan=uppsala&land=ke", False, "?lan=uppsala"),
        ("mal=sdg-12", False, "sdg-12"),
        ("mal=sdg-12&ar=2012", False, "sdg-12"),
        ("mal=sdg-12&mal=sdg-13", False, "?"),
        ("mal=sdg-12&land=ke", False, "?land=ke"),
        ("kommun=enkoping&land=ke", False, "enkoping"),
        ("q=biogas", False, "?"),
        ("ordning=nyast", False, "?"),
        ("lan=atlantis", False, "?"),
    ],
)
def test_the_indexable_form_of_a_selection(query_string, landing, canonical):
    """What search engines are told (docs/crawling.md): the whole listing and the landing
    pages of one county or one country are indexable; any other state points at its
    indexable form, a goal's or a municipality's own page where that lists the same."""
    selection = selection_for(query_string)
    assert selection.is_landing is landing
    found = selection.canonical()
    assert (found if isinstance(found, str) else found.slug) == canonical


@pytest.mark.parametrize(
    ("url", "landing"),
    [
        ("", True),
        ("?", True),
        ("/berattelser/", True),
        ("?lan=uppsala", True),
        ("/berattelser/?land=ke", True),
        ("?lan=", False),
        ("?lan=uppsala&land=ke", False),
        ("?lan=uppsala&lan=stockholm", False),
        ("?mal=sdg-12", False),
        ("?kommun=osthammar", False),
        ("?sida=2", False),
        ("?lan=uppsala&ordning=nyast", False),
    ],
)
def test_which_links_lead_to_an_indexable_listing(url, landing):
    from millenniekommunerna.stories.listing.params import is_landing_query

    assert is_landing_query(url) is landing


def test_only_links_to_landing_pages_are_followed_by_search_engines(varied_stories, client):
    """On the story listing a link to one county or one country alone is followed; a link to
    any other filter state says rel="nofollow" (docs/crawling.md); search results follow none."""
    html = client.get("/berattelser/").content.decode()
    links = dict(re.findall(r'<a class="facet-option[^"]*" href="([^"]+)"([^>]*)>', html))
    assert 'rel="nofollow"' not in links["?lan=uppsala"]
    assert 'rel="nofollow"' in links["?mal=sdg-12"]
    assert 'rel="nofollow"' in links["?ar=2019"]
    chosen = client.get("/berattelser/?lan=uppsala&ar=2019").content.decode()
    chips = dict(re.findall(r'<a class="filter-chip" href="([^"]+)"([^>]*)>', chosen))
    assert 'rel="nofollow"' not in chips["?lan=uppsala"]  # removing the year: a landing page
    assert 'rel="nofollow"' in chips["?ar=2019"]
    search = client.get("/sok/", {"q": "biogas"}).content.decode()
    assert re.findall(r'<a class="facet-option[^"]*" href="[^"]+" rel="nofollow"', search)
    assert not re.findall(r'<a class="facet-option[^"]*" href="[^"]+"(?! rel="nofollow")', search)


def test_a_nul_character_in_the_query_string_is_dropped():
    """No slug, code or word holds one (and PostgreSQL refuses a parameter that does): the
    value and the name are read without it."""
    for query_string in ("mal=sdg-12%00", "m%00al=sdg-12", "mal=sdg%00-12"):
        selection = selection_for(query_string)
        assert [goal.slug for goal in selection.goals] == ["sdg-12"], query_string
        assert selection.notices == []
