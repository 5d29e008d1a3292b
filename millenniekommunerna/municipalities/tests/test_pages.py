import pytest
from bs4 import BeautifulSoup

from millenniekommunerna.home.models import HomePage
from millenniekommunerna.municipalities.models import (
    Municipality,
    MunicipalityIndexPage,
    MunicipalityPage,
)
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_page_types_live_only_where_they_belong():
    assert MunicipalityIndexPage.allowed_parent_page_models() == [HomePage]
    assert MunicipalityPage.allowed_parent_page_models() == [MunicipalityIndexPage]
    index = MunicipalityIndexPage.objects.get()
    assert MunicipalityPage.can_create_at(index)
    assert not MunicipalityPage.can_create_at(HomePage.objects.get())
    assert not MunicipalityIndexPage.can_create_at(HomePage.objects.get())  # only one


def test_index_lists_all_290_municipalities_grouped_by_county(client):
    response = client.get("/kommuner/")
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("0114", "0382", "2584", "0980"):
        municipality = Municipality.objects.get(code=code)
        assert f'href="/kommuner/{municipality.slug}/"' in html
    assert len(response.context["counties"]) == 21
    assert response.context["municipality_count"] == 290
    assert "Uppsala län" in html and "Norrbottens län" in html


def test_index_query_count_does_not_grow_with_stories(make_stories, count_queries):
    make_stories(2)
    _, before = count_queries("/kommuner/")
    make_stories(6)
    response, after = count_queries("/kommuner/")
    assert response.status_code == 200
    assert after == before
    assert after <= 10


def marked_millennium(html: str) -> set[str]:
    """The addresses of the municipalities whose entry in the index carries the marker."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        item.a["href"]
        for item in soup.select("ul.municipality-list > li")
        if item.select_one(".tag--millennium")
    }


def test_index_says_which_municipalities_are_millennium_municipalities(client):
    Municipality.objects.update(is_millennium_municipality=False)
    Municipality.objects.filter(code__in=["0382", "2514"]).update(is_millennium_municipality=True)
    response = client.get("/kommuner/")
    assert marked_millennium(response.content.decode()) == {
        "/kommuner/osthammar/",
        "/kommuner/kalix/",
    }


def test_municipality_page_shows_stories_partners_and_website(client, make_stories):
    Municipality.objects.filter(code="0182").update(is_millennium_municipality=True)
    nacka = Municipality.objects.get(code="0182")
    Partnership.objects.create(
        municipality=nacka, partner_place=PartnerPlace.objects.get(name="Kisumu")
    )
    StoryPageFactory(municipality_code="0182", title="Avfallshantering i Nacka")
    StoryPageFactory(municipality_code="0382", title="Räddningstjänst i Östhammar")
    response = client.get("/kommuner/nacka/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nacka kommun" in html
    assert "Avfallshantering i Nacka" in html
    assert "Räddningstjänst i Östhammar" not in html
    assert "Kisumu" in html
    assert 'href="https://www.nacka.se/"' in html
    assert BeautifulSoup(html, "html.parser").select_one("main .millennium-status .tag--millennium")


def test_municipality_page_without_stories_still_renders(client):
    Municipality.objects.filter(code="2506").update(is_millennium_municipality=False)
    response = client.get("/kommuner/arjeplog/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Arjeplogs kommun" in html
    assert not BeautifulSoup(html, "html.parser").select_one("main .tag--millennium")


def test_municipality_page_query_count_does_not_grow_with_stories(make_stories, count_queries):
    make_stories(2, municipality_code="0382")
    _, before = count_queries("/kommuner/osthammar/")
    make_stories(7, municipality_code="0382")
    response, after = count_queries("/kommuner/osthammar/")
    assert response.status_code == 200
    assert response.content.decode().count('class="story-card') == 9
    assert after == before
    assert after <= 22  # routing costs one query per tree level
