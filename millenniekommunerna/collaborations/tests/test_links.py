"""The pages that lead to the partnership pages: the municipality's, the partner place's, the
map's list of partnerships, the main menu and the sitemap."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_municipality_page_lists_the_partnerships_it_leads_or_joins(client, partnerships):
    soup = soup_of(client, "/kommuner/osthammar/")
    facts = soup.select_one(".municipality-facts")
    entry = facts.find("dt", string="Samarbeten").find_next_sibling("dd")
    links = [(a.get_text(strip=True), a["href"]) for a in entry.select("a")]
    assert links == [
        ("Kampala, Uganda", "/samarbeten/kalix-kampala/"),
        ("Poti, Georgien", "/samarbeten/osthammar-poti/"),
    ]
    assert "(med Kalix)" in entry.get_text() and "(med Uppsala)" in entry.get_text()


def test_municipality_page_in_english_links_the_english_partnership_page(client, partnerships):
    soup = soup_of(client, "/en/kommuner/nacka/")
    links = [a["href"] for a in soup.select(".municipality-facts a[href*='samarbeten']")]
    assert links == ["/en/samarbeten/nacka-kisumu/"]


def test_a_new_partnership_shows_on_the_municipality_page_at_once(client, partnerships):
    from millenniekommunerna.municipalities.models import Municipality
    from millenniekommunerna.partnerships.models import PartnerPlace, Partnership

    assert "samarbeten" not in str(
        soup_of(client, "/kommuner/kalmar/").select(".municipality-facts")
    )
    Partnership.objects.create(
        municipality=Municipality.objects.get(slug="kalmar"),
        partner_place=PartnerPlace.objects.get(slug="poti"),
    )
    soup = soup_of(client, "/kommuner/kalmar/")
    assert soup.select_one(".municipality-facts a[href='/samarbeten/kalmar-poti/']")


def test_place_page_lists_its_partnerships(client, partnerships):
    soup = soup_of(client, "/karta/orter/poti/")
    links = [
        (a.get_text(strip=True), a["href"]) for a in soup.select("main a[href^='/samarbeten/']")
    ]
    assert links == [("Östhammar, Uppsala och Poti", "/samarbeten/osthammar-poti/")]


def test_world_map_links_each_partnership(client, partnerships):
    soup = soup_of(client, "/karta/")
    links = {a["href"] for a in soup.select("table a[href^='/samarbeten/']")}
    assert links == {
        "/samarbeten/osthammar-poti/",
        "/samarbeten/nacka-kisumu/",
        "/samarbeten/kalix-kampala/",
        "/samarbeten/uppsala-gaziantep/",
    }
    english = soup_of(client, "/en/karta/")
    assert english.select_one("table a[href='/en/samarbeten/nacka-kisumu/']")


def test_main_menu_links_the_partnerships(client, partnerships):
    soup = soup_of(client, "/samarbeten/nacka-kisumu/")
    link = soup.select_one(".main-nav a[href='/samarbeten/']")
    assert link.get_text(strip=True) == "Samarbeten"
    assert link["aria-current"] == "true"
    assert soup_of(client, "/en/").select_one(".main-nav a[href='/en/samarbeten/']")


def test_sitemap_lists_the_partnership_pages(client, partnerships):
    text = client.get("/sitemap-samarbeten.xml").content.decode()
    for slug in ("osthammar-poti", "nacka-kisumu", "kalix-kampala", "uppsala-gaziantep"):
        assert f"http://testserver/samarbeten/{slug}/" in text
        assert f"http://testserver/en/samarbeten/{slug}/" in text
    assert "http://testserver/samarbeten/" in client.get("/sitemap-vyer.xml").content.decode()
