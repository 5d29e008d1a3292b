import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from millenniekommunerna.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def shown(response) -> list[str]:
    """The addresses of the partnerships the listing shows, in order."""
    soup = soup_of(response)
    return [a["href"] for a in soup.select(".partnership-card__title a")]


def count_heading(response) -> int:
    text = soup_of(response).select_one("#partnerships-heading").get_text(" ", strip=True)
    return int(re.match(r"\d+", text).group())


def test_index_lists_every_partnership_in_order(client, partnerships):
    response = client.get("/samarbeten/")
    assert shown(response) == [
        "/samarbeten/kalix-kampala/",
        "/samarbeten/nacka-kisumu/",
        "/samarbeten/uppsala-gaziantep/",
        "/samarbeten/osthammar-poti/",
    ]
    assert count_heading(response) == 4
    soup = soup_of(response)
    assert soup.find("meta", attrs={"name": "robots"}) is None
    assert soup.find("link", rel="canonical")["href"].endswith("/samarbeten/")


def test_card_shows_municipalities_place_country_years_status_programme_themes_stories(
    client, partnerships
):
    soup = soup_of(client.get("/samarbeten/"))
    card = next(
        c for c in soup.select(".partnership-card") if "Poti" in c.select_one("h3").get_text()
    )
    text = card.get_text(" ", strip=True)
    assert "Östhammar, Uppsala" in text
    assert "Georgien" in text
    assert "Sedan 2005" in text
    assert "Pågående" in text
    assert "ICLD" in text
    assert [a.get_text(strip=True).split(":")[0] for a in card.select(".goal-badge")] == [
        "Mål 11",
        "Mål 13",
    ]
    stories = card.find("dt", string="Berättelser").find_next_sibling("dd").get_text()
    assert stories == "2"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("land=ke", ["nacka-kisumu"]),
        ("land=GE", ["osthammar-poti"]),
        ("kommun=osthammar", ["kalix-kampala", "osthammar-poti"]),  # lead or other
        ("kommun=uppsala", ["uppsala-gaziantep", "osthammar-poti"]),
        ("lan=uppsala", ["kalix-kampala", "uppsala-gaziantep", "osthammar-poti"]),
        ("lan=norrbotten", ["kalix-kampala"]),
        ("mal=sdg-11", ["osthammar-poti"]),
        ("mal=sdg-11&mal=sdg-13", ["osthammar-poti"]),
        ("mal=sdg-11&mal=sdg-4", []),
        ("status=avslutat", ["nacka-kisumu"]),
        ("status=planerat", ["uppsala-gaziantep"]),
        ("program=sida", ["nacka-kisumu"]),
        ("fran=2012&till=2012", ["nacka-kisumu", "osthammar-poti"]),
        ("fran=2015", ["uppsala-gaziantep", "osthammar-poti"]),
        ("till=2006", ["osthammar-poti"]),
        ("till=2006&status=pagaende&program=icld&kommun=uppsala", ["osthammar-poti"]),
    ],
)
def test_filters(client, partnerships, query, expected):
    response = client.get(f"/samarbeten/?{query}")
    assert shown(response) == [f"/samarbeten/{slug}/" for slug in expected]
    soup = soup_of(response)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"
    assert soup.find("link", rel="canonical")["href"].endswith("/samarbeten/")
    if not expected:
        assert "Inget samarbete matchar de valda filtren." in soup.get_text()


def test_year_filter_is_the_querysets(client, partnerships):
    expected = sorted(Partnership.objects.active_between(2011, 2013).values_list("slug", flat=True))
    response = client.get("/samarbeten/?fran=2011&till=2013")
    assert sorted(shown(response)) == [f"/samarbeten/{slug}/" for slug in expected]


def facet_links(response) -> list[tuple[str, str, int]]:
    """(facet, URL, count) of every option that is not chosen."""
    soup = soup_of(response)
    found = []
    for facet in soup.select(".facets section.facet"):
        for link in facet.select("a.facet-option"):
            count = link.select_one(".facet-option__count")
            if count is not None:
                number = int(re.match(r"\d+", count.get_text(strip=True)).group())
                found.append((facet.h3.get_text(strip=True), link["href"], number))
    return found


@pytest.mark.parametrize(
    "start",
    ["", "kommun=osthammar", "lan=uppsala", "mal=sdg-11", "fran=2010&till=2020", "land=ke"],
)
def test_every_facet_count_is_the_number_its_link_shows(client, partnerships, start):
    """Run on SQLite and PostgreSQL (DATABASE_URL)."""
    links = facet_links(client.get(f"/samarbeten/?{start}"))
    assert links
    for facet, url, count in links:
        response = client.get("/samarbeten/" + url)
        assert count_heading(response) == count, (start, facet, url)
        assert len(shown(response)) == count


def test_facets_offer_every_value_with_counts(client, partnerships):
    links = facet_links(client.get("/samarbeten/"))
    by_facet = {}
    for facet, url, count in links:
        by_facet.setdefault(facet, {})[url] = count
    assert by_facet["Partnerland"] == {"?land=ge": 1, "?land=ke": 1, "?land=tr": 1, "?land=ug": 1}
    assert by_facet["Kommun"]["?kommun=osthammar"] == 2
    assert by_facet["Län"]["?lan=uppsala"] == 3
    assert by_facet["Status"] == {
        "?status=planerat": 1,
        "?status=pagaende": 1,
        "?status=avslutat": 1,
    }
    assert by_facet["Finansiering"] == {"?program=icld": 1, "?program=sida": 1}
    assert by_facet["Globala målen"] == {"?mal=sdg-4": 1, "?mal=sdg-11": 1, "?mal=sdg-13": 1}


def test_chosen_filters_can_be_removed(client, partnerships):
    soup = soup_of(client.get("/samarbeten/?land=ke&status=avslutat&fran=2010"))
    chips = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".filter-chip")}
    assert chips == {
        "Ta bort filtret Kenya ×": "?status=avslutat&fran=2010",
        "Ta bort filtret Avslutat ×": "?land=ke&fran=2010",
        "Ta bort filtret Aktiva 2010 eller senare ×": "?land=ke&status=avslutat",
    }
    form = soup.select_one("form.years-form")
    assert form["action"] == "/samarbeten/"
    assert {(i["name"], i["value"]) for i in form.select("input[type=hidden]")} == {
        ("land", "ke"),
        ("status", "avslutat"),
    }
    assert form.select_one("input[name=fran]")["value"] == "2010"


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("land=XX", "Det finns inget land med koden ”XX”."),
        ("kommun=atlantis", "Det finns ingen kommun ”atlantis”."),
        ("lan=atlantis-lan", "Det finns inget län ”atlantis-lan”."),
        ("mal=sdg-99", "Det finns inget mål ”sdg-99”."),
        ("status=klart", "”klart” är ingen status"),
        ("program=lotteri", "Det finns inget finansieringsprogram ”lotteri”."),
        ("fran=abc", "”abc” är inget årtal mellan 1900 och 2100; det togs bort."),
        ("till=99999", "”99999” är inget årtal mellan 1900 och 2100; det togs bort."),
        ("fran=%00", ""),
    ],
)
def test_bad_values_are_left_out_with_a_swedish_notice(client, partnerships, query, notice):
    response = client.get(f"/samarbeten/?{query}")
    soup = soup_of(response)
    assert count_heading(response) == 4  # the bad value is left out, nothing else
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"
    if notice:
        assert notice in soup.select_one(".search-notices").get_text()


def test_years_the_wrong_way_round_are_swapped_with_a_notice(client, partnerships):
    response = client.get("/samarbeten/?fran=2014&till=2011")
    assert "visar 2011–2014" in soup_of(response).select_one(".search-notices").get_text()
    assert shown(response) == ["/samarbeten/nacka-kisumu/", "/samarbeten/osthammar-poti/"]


def test_a_page_that_does_not_exist_is_404(client, partnerships):
    assert client.get("/samarbeten/?sida=abc").status_code == 404
    assert client.get("/samarbeten/?sida=9").status_code == 404


def test_pages_of_the_listing(client, partnerships, monkeypatch):
    from millenniekommunerna.collaborations import views

    monkeypatch.setattr(views, "PER_PAGE", 3)
    first = client.get("/samarbeten/")
    second = client.get("/samarbeten/?sida=2")
    assert len(shown(first)) == 3
    assert shown(second) == ["/samarbeten/osthammar-poti/"]
    assert soup_of(first).select_one(".pagination a[rel~=next]")["href"] == "/samarbeten/?sida=2"


def test_empty_state_without_partnerships(client):
    soup = soup_of(client.get("/samarbeten/"))
    assert "Inga samarbeten har registrerats än." in soup.get_text()


def test_english_listing(client, partnerships):
    response = client.get("/en/samarbeten/?status=avslutat")
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Partnerships"
    assert shown(response) == ["/en/samarbeten/nacka-kisumu/"]
    assert "Completed" in soup.select_one(".filter-chip").get_text()


def test_detail_page(client, partnerships):
    soup = soup_of(client.get("/samarbeten/osthammar-poti/"))
    assert soup.h1.get_text(strip=True) == "Östhammar, Uppsala – Poti"
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".partnership-facts a")}
    assert links["Östhammar"] == "/kommuner/osthammar/"
    assert links["Uppsala"] == "/kommuner/uppsala/"
    assert links["Poti"] == "/karta/orter/poti/"
    assert links["ICLD(extern webbplats)"] == "https://icld.se/"
    text = soup.select_one(".partnership-facts").get_text(" ", strip=True)
    assert "Georgien" in text and "Sedan 2005" in text and "Pågående" in text
    assert [a.get_text(strip=True).split(":")[0] for a in soup.select(".goal-badge")] == [
        "Mål 11",
        "Mål 13",
    ]
    assert "Räddningstjänst och vatten." in soup.select_one(".partnership-description").get_text()
    titles = sorted(h.get_text(strip=True) for h in soup.select(".story-card .card-title"))
    assert titles == ["Brandbilar till Poti", "Rent vatten i Poti"]
    crumbs = [li.get_text(strip=True) for li in soup.select(".breadcrumbs li")]
    assert crumbs == ["Hem", "Samarbeten", "Östhammar, Uppsala – Poti"]
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Östhammar, Uppsala – Poti: samarbetet med Poti, Georgien")


def test_detail_page_without_stories_or_facts(client, partnerships):
    soup = soup_of(client.get("/samarbeten/kalix-kampala/"))
    text = soup.get_text(" ", strip=True)
    assert "Ingen publicerad berättelse hör till samarbetet än." in text
    assert text.count("Okänt") == 3  # years, status, funding


def test_unpublished_stories_are_not_shown(client, partnerships):
    from millenniekommunerna.stories.models import StoryPage

    StoryPage.objects.get(title="Brandbilar till Poti").unpublish()
    soup = soup_of(client.get("/samarbeten/osthammar-poti/"))
    assert [h.get_text(strip=True) for h in soup.select(".story-card .card-title")] == [
        "Rent vatten i Poti"
    ]


def test_unknown_partnership_is_404(client, partnerships):
    assert client.get("/samarbeten/finns-inte/").status_code == 404
    assert client.get("/en/samarbeten/finns-inte/").status_code == 404


def test_english_detail_page(client, partnerships):
    soup = soup_of(client.get("/en/samarbeten/nacka-kisumu/"))
    text = soup.select_one(".partnership-facts").get_text(" ", strip=True)
    assert "2010–2014" in text and "Completed" in text and "Kenya" in text
    assert soup.select_one(".breadcrumbs a[href='/en/samarbeten/']")


def test_a_changed_partnership_shows_at_once(client, partnerships):
    assert shown(client.get("/samarbeten/?status=avbrutet")) == []
    kisumu = partnerships["kisumu"]
    kisumu.status = "discontinued"
    kisumu.save()
    assert shown(client.get("/samarbeten/?status=avbrutet")) == ["/samarbeten/nacka-kisumu/"]


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_listing_query_count_does_not_grow(client, partnerships):
    from millenniekommunerna.municipalities.models import Municipality

    url = "/samarbeten/?fran=2000"
    cold_before = queries_of(client, url)
    warm_before = queries_of(client, url)
    for other in Municipality.objects.exclude(partnerships__isnull=False)[:6]:
        partnership = Partnership.objects.create(
            municipality=other, partner_place=partnerships["poti"].partner_place, start_year=2001
        )
        partnership.other_municipalities.add(partnerships["kisumu"].municipality)
        partnership.goals.set(partnerships["poti"].goals.all())
    cache.clear()
    assert queries_of(client, url) == cold_before
    assert queries_of(client, url) == warm_before <= 10
    assert count_heading(client.get(url)) == 9


def test_detail_query_count_does_not_grow(client, partnerships, story_in):
    url = "/samarbeten/osthammar-poti/"
    queries_of(client, url)
    before = queries_of(client, url)
    for number in range(4):
        story_in(partnerships["poti"], municipality_code="0382")
    cache.clear()
    queries_of(client, url)
    assert queries_of(client, url) == before <= 10


@pytest.mark.parametrize("path", ["/samarbeten/?land=ke", "/samarbeten/nacka-kisumu/"])
def test_pages_come_from_the_page_cache_until_a_partnership_changes(
    client, settings, partnerships, path
):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(path)
    assert first.cookies == {} and not client.cookies
    assert "public" in first["Cache-Control"]
    again = client.get(path)
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    kisumu = partnerships["kisumu"]
    kisumu.status = "discontinued"
    kisumu.save()
    renewed = client.get(path)
    assert "X-Page-Cache" not in renewed
    assert "Avbrutet" in renewed.content.decode()
