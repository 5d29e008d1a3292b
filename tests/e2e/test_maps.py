"""The map and statistics pages as a visitor sees them, at desktop and phone width: the
shapes are there and clickable, the page never scrolls sideways, and the screenshots in
var/screenshots/ (karta-*.png, statistik-*.png) are there for a person to look at."""

import pytest

from tests.e2e.pages import SitePage

WIDTHS = [1280, 375]


@pytest.mark.parametrize("width", WIDTHS)
def test_map_page_fits_the_window_and_shows_sweden(page, base_url, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    site = SitePage(page, base_url).open("/karta/")
    assert site.response.status == 200
    assert site.heading == "Berättelser på kartan" or "kartan" in site.heading
    shapes = page.locator("svg.sweden-map g.sweden-map__municipalities a")
    assert shapes.count() == 290
    svg_box = page.locator("svg.sweden-map").bounding_box()
    # Sweden is tall and narrow: about 2.4 times as high as wide, and fully inside the window.
    assert 2.1 < svg_box["height"] / svg_box["width"] < 2.6
    assert svg_box["x"] >= 0 and svg_box["x"] + svg_box["width"] <= width
    legend = page.locator("ul.legend li")
    assert legend.count() >= 3
    for item in legend.all():
        box = item.bounding_box()
        assert box["x"] + box["width"] <= width
        assert item.inner_text().strip()
    # The world map may scroll sideways inside its own frame, never the page.
    assert site.horizontal_overflow() == 0
    assert page.locator("svg.world-map a.partnership").count() == 9
    screenshot("karta", width=width)


def test_clicking_a_municipality_on_the_map_opens_its_page(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 1400})
    SitePage(page, base_url).open("/karta/")
    page.locator('svg.sweden-map a[href="/kommuner/osthammar/"]').click()
    page.wait_for_url("**/kommuner/osthammar/")
    assert "Östhammar" in page.locator("h1").inner_text()
    # The municipality page has its locator map, with a way back to the big map.
    locator = page.locator("svg.locator")
    assert locator.count() == 1
    assert locator.get_attribute("role") == "img"


def test_a_partnership_line_leads_to_its_stories(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 1400})
    SitePage(page, base_url).open("/karta/")
    line = page.locator('svg.world-map a.partnership[href*="/karta/orter/poti/"]')
    assert line.count() == 1
    page.goto(base_url + line.get_attribute("href"))
    assert page.locator("h1").inner_text() == "Poti"
    titles = [c.inner_text() for c in page.locator("article.story-card h3").all()]
    assert "Räddningstjänst i Poti och Östhammar" in titles


@pytest.mark.parametrize("width", WIDTHS)
def test_statistics_page_fits_the_window(page, base_url, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    site = SitePage(page, base_url).open("/statistik/")
    assert site.response.status == 200
    charts = page.locator("svg.bar-chart")
    assert charts.count() == 7
    for chart in charts.all():
        box = chart.bounding_box()
        assert box["width"] > 0.8 * min(width - 40, 420)
        assert box["x"] + box["width"] <= width
    assert page.locator("table.data-table").count() == 7
    assert site.horizontal_overflow() == 0
    screenshot("statistik", width=width)


def test_a_statistics_table_downloads_as_csv(page, base_url):
    SitePage(page, base_url).open("/statistik/")
    with page.expect_download() as download_info:
        page.locator('a[href="/statistik/berattelser-per-lan.csv"]').click()
    download = download_info.value
    assert download.suggested_filename == "berattelser-per-lan.csv"
    text = download.path().read_text(encoding="utf-8-sig")
    assert text.splitlines()[-1].endswith(";27")
