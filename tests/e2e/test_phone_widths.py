"""Every page fits a phone: no page type, state or language is wider than the window at 320
and 375 CSS px. Wide tables scroll inside a labelled region that takes keyboard focus, with a
hint on narrow screens; a 500-letter word breaks; the API docs and the open-data field table
fit; the story listing's filters are reachable from its top; a search without hits shows no
empty filter box. Screenshots of the changed pages at 375 and 1 280 px go to var/screenshots/."""

import pytest

from .page_types import PAGE_TYPES, page_type_params
from .pages import SitePage

WIDTHS = (320, 375)
EXTRA_STATES = {
    "search-long-word": "/sok/?q=" + "a" * 500,
    "search-no-hits": "/sok/?q=zzzqqqxxx",
    "open-data-fields": "/oppna-data/#fields-heading",
    "story-index-year": "/berattelser/?ar=2010-2015",
}


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("page_type", page_type_params())
def test_no_page_type_is_wider_than_a_phone(page, base_url, page_type, language):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        site = SitePage(page, base_url).open(page_type.localized(language))
        assert site.response.status == page_type.status
        assert overflow(page) <= 0, f"{page_type.localized(language)} at {width} px"


@pytest.mark.parametrize("name", sorted(EXTRA_STATES))
def test_states_that_used_to_overflow_fit(page, base_url, name, screenshot):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        SitePage(page, base_url).open(EXTRA_STATES[name])
        assert overflow(page) <= 0, f"{name} at {width} px"
    screenshot(f"phone-{name}", width=375)
    screenshot(f"phone-{name}", width=1280)


def test_api_docs_fit_and_have_one_title(page, base_url, screenshot):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(base_url + "/api/v1/docs", wait_until="networkidle")
        page.wait_for_selector(".swagger-ui .opblock")
        assert overflow(page) <= 0, f"API docs at {width} px"
        titles = page.evaluate(
            "[...document.querySelectorAll('h1, h2')].filter(e => e.offsetParent)"
            ".map(e => e.textContent.trim()).filter(t => t.includes('Millenniekommunerna API'))"
        )
        assert len(titles) == 1, titles
    screenshot("phone-api-docs", width=375)


@pytest.mark.parametrize("path", ["/statistik/", "/karta/", "/oppna-data/"])
def test_wide_tables_scroll_in_a_labelled_focusable_region_with_a_hint(page, base_url, path):
    page.set_viewport_size({"width": 375, "height": 800})
    SitePage(page, base_url).open(path)
    regions = page.query_selector_all(".table-scroll")
    assert regions
    for region in regions:
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
    wide = [r for r in regions if r.evaluate("e => e.scrollWidth > e.clientWidth + 1")]
    for region in wide:
        hint = region.evaluate(
            "e => { const p = e.previousElementSibling;"
            " return p && p.classList.contains('table-scroll-hint') && p.offsetParent !== null"
            " ? p.textContent.trim() : ''; }"
        )
        assert hint, "a table wider than the screen says it scrolls sideways"
    page.set_viewport_size({"width": 1280, "height": 800})
    assert all(not h.is_visible() for h in page.query_selector_all(".table-scroll-hint")), (
        "the hint is for narrow screens only"
    )


def test_story_listing_links_to_its_filters_from_the_top(page, base_url):
    page.set_viewport_size({"width": 375, "height": 800})
    SitePage(page, base_url).open("/berattelser/")
    jump = page.get_by_role("link", name="Filtrera berättelserna")
    assert jump.is_visible()
    heading_top = page.evaluate("document.querySelector('#stories-heading').offsetTop")
    assert jump.evaluate("e => e.offsetTop") < heading_top + 200
    jump.click()
    assert page.url.endswith("#facets-heading")


def test_a_search_without_hits_shows_no_empty_filter_box(page, base_url):
    SitePage(page, base_url).open("/sok/?q=zzzqqqxxx")
    assert page.query_selector("aside.facets") is None
    assert page.get_by_role("link", name="Filtrera resultaten").count() == 0


def test_every_page_type_is_listed_once():
    assert len({t.name for t in PAGE_TYPES}) == len(PAGE_TYPES)
