import html
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from millenniekommunerna.maps import shapes
from millenniekommunerna.maps.builders import CLASS_COLOURS, EMPTY_COLOUR
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

SHAPE = re.compile(
    r'<a href="(?P<href>[^"]*)" aria-label="(?P<label>[^"]*)" fill="(?P<fill>[^"]*)">'
    r"<title>(?P<title>[^<]*)</title>"
    r'<path id="k(?P<code>\d{4})" class="c(?P<bin>\d)" d="(?P<d>[^"]*)"/></a>'
)
LINE = re.compile(
    r'<a class="partnership" href="(?P<href>[^"]*)" rel="nofollow" aria-label="(?P<label>[^"]*)">'
    r"<title>[^<]*</title><path class=\"partnership__hit\" d=\"(?P<d>[^\"]*)\"/>"
)
PLACE = re.compile(r'<a class="place" href="(?P<href>[^"]*)" aria-label="(?P<label>[^"]*)">')


def queries_of(client, url):
    """Queries of one GET, counted at once: the next request resets Django's query log."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def section(text, start, end="</svg>"):
    """The markup from `start` to the end of the SVG it opens."""
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def path_points(d):
    """Absolute points of an SVG path made of M, l and z commands (what the maps write)."""
    points = []
    for command, numbers in re.findall(r"([MLlmz])([^MLlmz]*)", d):
        values = [int(v) for v in re.findall(r"-?\d+", numbers)]
        pairs = list(zip(values[::2], values[1::2], strict=True))
        if command == "M":
            x, y = pairs[0]
            points.append((x, y))
        elif command == "l":
            for dx, dy in pairs:
                x, y = x + dx, y + dy
                points.append((x, y))
    return points


def view_box(svg):
    x, y, w, h = map(float, re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    return x, y, w, h


def test_sweden_map_has_290_linked_municipalities_inside_the_view_box(client):
    response = client.get("/karta/")
    assert response.status_code == 200
    svg = section(response.content.decode(), '<svg class="sweden-map"')
    shapes_found = list(SHAPE.finditer(svg))
    assert len(shapes_found) == 290
    slugs = dict(Municipality.objects.values_list("code", "slug"))
    names = dict(Municipality.objects.values_list("code", "name"))
    assert {m["code"] for m in shapes_found} == set(slugs)
    x0, y0, width, height = view_box(svg)
    for match in shapes_found:
        code = match["code"]
        assert match["href"] == f"/kommuner/{slugs[code]}/"
        label = html.unescape(match["label"])
        assert label == html.unescape(match["title"])
        assert label.startswith(f"{names[code]}: ")
        points = path_points(match["d"])
        assert len(points) >= 3
        for x, y in points:
            assert x0 <= x <= x0 + width and y0 <= y <= y0 + height, (code, x, y)


def test_every_municipality_link_leads_to_that_municipalitys_page(client):
    svg = section(client.get("/karta/").content.decode(), '<svg class="sweden-map"')
    pages = {
        p.municipality.code: p.url
        for p in MunicipalityPage.objects.live().select_related("municipality")
    }
    for match in SHAPE.finditer(svg):
        assert match["href"] == pages[match["code"]]


def test_shading_and_labels_follow_the_published_stories(client):
    StoryPageFactory(municipality_code="0382")
    StoryPageFactory(municipality_code="0382")
    StoryPageFactory(municipality_code="2514")
    hidden = StoryPageFactory(municipality_code="0180")
    hidden.unpublish()
    Municipality.objects.filter(code="2514").update(is_millennium_municipality=True)
    cache.clear()  # the update() above sends no signal
    text = client.get("/karta/").content.decode()
    found = {m["code"]: m for m in SHAPE.finditer(text)}
    assert html.unescape(found["0382"]["label"]) == "Östhammar: 2 berättelser"
    assert html.unescape(found["2514"]["label"]) == "Kalix: 1 berättelse, Millenniekommun"
    assert html.unescape(found["0180"]["label"]) == "Stockholm: 0 berättelser"
    assert found["0180"]["bin"] == "0"
    assert found["0382"]["bin"] != "0" and found["2514"]["bin"] != "0"
    assert int(found["0382"]["bin"]) > int(found["2514"]["bin"])
    # Each shape is filled with its class's colour, the one the legend shows.
    assert found["0180"]["fill"] == EMPTY_COLOUR
    assert found["0382"]["fill"] in CLASS_COLOURS and found["2514"]["fill"] in CLASS_COLOURS
    assert found["0382"]["fill"] != found["2514"]["fill"]
    assert f'fill="{found["0382"]["fill"]}" stroke=' in section(text, 'class="legend', "</ul>")
    # Millennium Municipalities get an outline of their own, not only a colour.
    outlines = section(text, '<g class="sweden-map__millennium"', "</g>")
    assert outlines.count("<path") == Municipality.objects.millennium().count() == 1
    assert found["2514"]["d"] in outlines
    # The legend names the classes and says how many municipalities are in each.
    assert "Inga berättelser" in text and "(288 kommuner)" in text
    assert "Millenniekommun" in text


def test_a_municipality_without_a_published_page_is_drawn_but_not_linked(client):
    MunicipalityPage.objects.get(municipality__code="0182").unpublish()
    cache.clear()
    text = client.get("/karta/").content.decode()
    assert 'aria-label="Nacka: 0 berättelser"' in text
    assert "/kommuner/nacka/" not in text
    assert len(SHAPE.findall(text)) == 289


def test_english_map_links_to_english_pages(client):
    text = client.get("/en/karta/").content.decode()
    assert '<html lang="en">' in text
    assert 'href="/en/kommuner/osthammar/"' in text
    assert "Östhammar: 0 stories" in html.unescape(text)


class TestWithSeedStories:
    @pytest.fixture(autouse=True)
    def _seed(self, seeded):
        pass

    def test_world_map_draws_one_line_per_partnership(self, client):
        text = client.get("/karta/").content.decode()
        svg = section(text, '<svg class="world-map"')
        lines = list(LINE.finditer(svg))
        partnerships = list(
            Partnership.objects.select_related("municipality", "partner_place__country")
        )
        assert len(partnerships) == 9
        assert len(lines) == len(partnerships)
        labels = {html.unescape(m["label"]) for m in lines}
        hrefs = {m["href"] for m in lines}
        for p in partnerships:
            assert any(
                label.startswith(
                    f"{p.municipality.name} – {p.partner_place.name} ({p.partner_place.country.name}): "
                )
                for label in labels
            )
            assert f"/karta/orter/{p.partner_place.slug}/?kommun={p.municipality.slug}" in hrefs
        places = {m["href"] for m in PLACE.finditer(svg)}
        assert places == {f"/karta/orter/{p.partner_place.slug}/" for p in partnerships}
        for p in partnerships:
            assert f">{p.partner_place.name}</text>" in svg

    def test_every_line_and_place_link_works_and_shows_its_stories(self, client):
        text = client.get("/karta/").content.decode()
        svg = section(text, '<svg class="world-map"')
        for match in LINE.finditer(svg):
            href = html.unescape(match["href"])
            page = client.get(href)
            assert page.status_code == 200, href
            slug = href.split("kommun=")[1]
            place_slug = href.split("/")[3]
            expected = StoryPage.objects.live().filter(
                municipality__slug=slug, partner_places__slug=place_slug
            )
            assert page.content.decode().count('class="story-card') == expected.count()
            for story in expected:
                assert story.title in html.unescape(page.content.decode())

    def test_sweden_map_counts_the_seed_stories(self, client):
        text = client.get("/karta/").content.decode()
        found = {m["code"]: m for m in SHAPE.finditer(text)}
        for municipality in Municipality.objects.all():
            count = StoryPage.objects.live().filter(municipality=municipality).count()
            label = html.unescape(found[municipality.code]["label"])
            assert label.split(": ")[1].startswith(f"{count} berättelse"), label
        assert "27 publicerade berättelser från 17 av 290 kommuner" in text

    def test_map_page_query_count_is_bounded_cold_and_small_when_cached(
        self, client, count_queries
    ):
        cold = queries_of(client, "/karta/")
        _, cached = count_queries("/karta/")
        assert cold <= 15  # measured 13: 9, and 4 for the partner countries the map shades
        assert cached <= cold - 5  # the maps come from the cache
        # More stories cost no more queries.
        StoryPageFactory.create_batch(5, municipality_code="1781")
        cache.clear()
        assert queries_of(client, "/karta/") == cold


def test_place_page_lists_the_stories_that_name_the_place(client):
    kisumu = PartnerPlace.objects.get(slug="kisumu")
    nacka = Municipality.objects.get(code="0182")
    Partnership.objects.create(municipality=nacka, partner_place=kisumu)
    from_nacka = StoryPageFactory(
        municipality_code="0182", title="Avfall i Nacka och Kisumu", partner_places=[kisumu]
    )
    from_kalix = StoryPageFactory(
        municipality_code="2514", title="Vatten i Kisumu", partner_places=[kisumu]
    )
    StoryPageFactory(municipality_code="0182", title="Utan Kisumu")
    response = client.get("/karta/orter/kisumu/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>Kisumu</h1>" in text and "Kenya" in text
    assert from_nacka.title in text and from_kalix.title in text
    assert "Utan Kisumu" not in text
    assert 'href="/kommuner/nacka/"' in text
    assert 'href="?kommun=nacka"' in text
    narrowed = client.get("/karta/orter/kisumu/?kommun=nacka").content.decode()
    assert from_nacka.title in narrowed and from_kalix.title not in narrowed
    assert 'role="img"' in text and "Karta: var Kisumu ligger, i Kenya" in text


@pytest.mark.parametrize(
    "url",
    [
        "/karta/orter/atlantis/",
        "/karta/orter/kisumu/?kommun=atlantis",
        "/karta/orter/kisumu/?sida=9",
        "/karta/orter/kisumu/?sida=abc",
    ],
)
def test_place_page_answers_bad_addresses_with_404(client, url):
    assert client.get(url).status_code == 404


def test_place_page_query_count_does_not_grow_with_stories(client, count_queries):
    kisumu = PartnerPlace.objects.get(slug="kisumu")
    StoryPageFactory(municipality_code="0182", partner_places=[kisumu])
    _, few = count_queries("/karta/orter/kisumu/")
    for code in ("0382", "1781", "2514", "0182"):
        StoryPageFactory(municipality_code=code, partner_places=[kisumu])
    response, many = count_queries("/karta/orter/kisumu/")
    assert response.content.decode().count('class="story-card') == 5
    assert many == few
    assert many <= 14


def test_shapes_do_not_depend_on_the_database():
    assert len(shapes.sweden().municipalities) == Municipality.objects.count()
